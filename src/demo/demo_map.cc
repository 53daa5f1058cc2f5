#include "demo/demo_map.h"

#include <fmt/format.h>

#include <cmath>
#include <vector>

#include "demo/demo_projects.h"
#include "domain/geojson.h"

namespace tuijin::demo {
namespace {

constexpr double kPi = 3.14159265358979323846;
// The district's half-widths in degrees (about 7.8 km east-west, 6.7 km north-south).
constexpr double kHalfLng = 0.085, kHalfLat = 0.060;
// The inner ring (街道) ends at this share of the radius; the outer ring goes to the edge.
constexpr double kInner = 0.55;

// The boundary's radius at angle `t` (radians): a wobbly ellipse.
double Edge(double t) { return 1.0 + 0.07 * std::sin(3 * t + 0.4) + 0.04 * std::cos(5 * t + 1.0) + 0.02 * std::sin(9 * t); }

domain::LngLat At(double t, double r) {
  const double k = r * Edge(t);
  return {std::round((kCentreLng + std::cos(t) * k * kHalfLng) * 1e6) / 1e6,
          std::round((kCentreLat + std::sin(t) * k * kHalfLat) * 1e6) / 1e6};
}

struct Area {
  const char* unit;
  double from, to;       // degrees, counter-clockwise from east
  double inner, outer;   // share of the radius
};

const Area kAreas[] = {
    {"城东路街道办事处", -20, 20, 0, kInner},    {"紫荆山街道办事处", 20, 60, 0, kInner},
    {"北关街道办事处", 60, 100, 0, kInner},      {"陇海路街道办事处", 100, 140, 0, kInner},
    {"西大街街道办事处", 140, 180, 0, kInner},   {"航海东路街道办事处", 180, 220, 0, kInner},
    {"南关街道办事处", 220, 260, 0, kInner},     {"十八里河街道办事处", 260, 300, 0, kInner},
    {"南曹街道办事处", 300, 340, 0, kInner},     {"云河经济开发区管理委员会", -60, 60, kInner, 1},
    {"金岱镇人民政府", 60, 180, kInner, 1},      {"圃田乡人民政府", 180, 300, kInner, 1},
};

const Area* AreaOf(std::string_view unit) {
  for (const Area& a : kAreas) {
    if (unit == a.unit) return &a;
  }
  return nullptr;
}

std::string Position(domain::LngLat p) { return fmt::format("[{:.6f},{:.6f}]", p.lng, p.lat); }

std::string Ring(const std::vector<domain::LngLat>& points) {
  std::string out = "[";
  for (const auto& p : points) out += Position(p) + ",";
  out += Position(points.front()) + "]";
  return out;
}

std::string Line(const std::vector<domain::LngLat>& points) {
  std::string out = "[";
  for (size_t i = 0; i < points.size(); ++i) out += (i ? "," : "") + Position(points[i]);
  return out + "]";
}

std::string Collection(const std::vector<std::string>& features) {
  std::string out = R"({"type":"FeatureCollection","features":[)";
  for (size_t i = 0; i < features.size(); ++i) out += (i ? "," : "") + features[i];
  return out + "]}";
}

std::string Feature(std::string_view name, std::string_view geometry_type, const std::string& coordinates,
                    std::string_view extra = "") {
  return fmt::format(R"({{"type":"Feature","properties":{{"name":"{}"{}}},"geometry":{{"type":"{}","coordinates":{}}}}})",
                     name, extra, geometry_type, coordinates);
}

// A road through the district: the points of a straight or gently bent line in the district's
// unit disc, kept where they are inside the boundary.
std::vector<domain::LngLat> Road(double x0, double y0, double x1, double y1, double bend) {
  std::vector<domain::LngLat> out;
  for (int i = 0; i <= 40; ++i) {
    const double s = i / 40.0;
    double x = x0 + (x1 - x0) * s, y = y0 + (y1 - y0) * s;
    const double b = bend * std::sin(s * kPi);
    x += -(y1 - y0) * b;
    y += (x1 - x0) * b;
    const double t = std::atan2(y, x), r = std::hypot(x, y);
    if (r < 0.985 * Edge(t)) out.push_back(At(t, r / Edge(t)));
  }
  return out;
}

}  // namespace

domain::LngLat DemoPlace(std::string_view lead_unit, double u1, double u2) {
  if (const Area* a = AreaOf(lead_unit)) {
    // Uniform over the area, kept off its edges.
    const double margin = 2.5;
    const double t = (a->from + margin + u1 * (a->to - a->from - 2 * margin)) * kPi / 180;
    const double r0 = a->inner + 0.04, r1 = a->outer - 0.04;
    return At(t, std::sqrt(r0 * r0 + u2 * (r1 * r1 - r0 * r0)));
  }
  return At(u1 * 2 * kPi, 0.96 * std::sqrt(u2));
}

std::string DemoBoundaryGeoJson() {
  std::vector<domain::LngLat> ring;
  for (int d = 0; d < 360; d += 3) ring.push_back(At(d * kPi / 180, 1));
  return Collection({Feature("云河区", "Polygon", "[" + Ring(ring) + "]", R"(,"adcode":"410199")")});
}

std::string DemoRoadsGeoJson() {
  std::vector<domain::LngLat> ring;
  for (int d = 0; d <= 360; d += 4) ring.push_back(At(d * kPi / 180, 0.78));
  return Collection({
      Feature("中州大道", "LineString", Line(Road(0.12, -1.1, 0.08, 1.1, 0.03)), R"(,"class":"trunk")"),
      Feature("航海东路", "LineString", Line(Road(-1.1, -0.08, 1.1, 0.02, -0.02)), R"(,"class":"primary")"),
      Feature("陇海快速路", "LineString", Line(Road(-1.1, 0.38, 1.1, 0.32, 0.02)), R"(,"class":"trunk")"),
      Feature("南三环东延", "LineString", Line(Road(-1.1, -0.48, 1.1, -0.42, -0.03)), R"(,"class":"primary")"),
      Feature("京港澳高速", "LineString", Line(Road(-0.9, -0.9, 0.9, 0.9, 0.05)), R"(,"class":"motorway")"),
      Feature("绕城快速路", "LineString", Line(ring), R"(,"class":"motorway")"),
  });
}

std::string DemoUnitAreaGeoJson(std::string_view unit) {
  const Area* a = AreaOf(unit);
  if (!a) return {};
  std::vector<domain::LngLat> ring;
  for (double d = a->from; d <= a->to + 1e-9; d += 2) ring.push_back(At(d * kPi / 180, a->outer));
  if (a->inner == 0) {
    ring.push_back(domain::LngLat{kCentreLng, kCentreLat});
  } else {
    for (double d = a->to; d >= a->from - 1e-9; d -= 2) ring.push_back(At(d * kPi / 180, a->inner));
  }
  return Collection({Feature(unit, "Polygon", "[" + Ring(ring) + "]")});
}

Status LoadMapLayers(store::UnitStore& units, store::UserStore& users, store::MapStore& maps, std::ostream& log) {
  ASSIGN_OR_RETURN(auto existing, maps.List());
  if (!existing.empty()) return Status::Ok();
  int64_t admin = 0;
  if (auto found = users.FindForLogin("admin"); found.ok() && *found) admin = (*found)->first.id;
  auto put = [&](const std::string& key, const std::string& kind, std::optional<int64_t> unit_id,
                 const std::string& name, const std::string& text) -> Status {
    ASSIGN_OR_RETURN(auto layer, domain::CheckGeoJson(text));
    ASSIGN_OR_RETURN(auto saved, maps.Put(key, kind, unit_id, name, layer, admin));
    (void)saved;
    return Status::Ok();
  };
  RETURN_IF_ERROR(put("boundary", "boundary", std::nullopt, "云河区行政区边界(示意)", DemoBoundaryGeoJson()));
  RETURN_IF_ERROR(put("roads", "roads", std::nullopt, "云河区主要道路(示意)", DemoRoadsGeoJson()));
  ASSIGN_OR_RETURN(auto all, units.List());
  int areas = 0;
  for (const auto& u : all) {
    const std::string text = DemoUnitAreaGeoJson(u.name);
    if (text.empty()) continue;
    RETURN_IF_ERROR(put(fmt::format("unit:{}", u.id), "unit", u.id, u.name, text));
    ++areas;
  }
  log << fmt::format("已载入演示地图图层:行政区边界、主要道路、{} 个单位辖区\n", areas);
  return Status::Ok();
}

}  // namespace tuijin::demo
