#include "domain/geojson.h"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <cmath>
#include <optional>

namespace tuijin::domain {
namespace {

namespace json = boost::json;

// Walks one document; the first problem found stops it, with the path where it was.
class Checker {
 public:
  explicit Checker(unsigned allowed) : allowed_(allowed) {}

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  GeoJsonLayer& layer() { return layer_; }

  void Fail(const std::string& path, const std::string& what) {
    if (error_.empty()) error_ = path.empty() ? what : path + ": " + what;
  }

  std::optional<std::string_view> Type(const json::value& v, const std::string& path) {
    if (!v.is_object()) {
      Fail(path, "应为对象");
      return std::nullopt;
    }
    const json::value* t = v.as_object().if_contains("type");
    if (!t || !t->is_string()) {
      Fail(path, "缺少 type 成员");
      return std::nullopt;
    }
    return std::string_view(t->as_string());
  }

  // A position: [lng, lat] or [lng, lat, elevation].
  void Position(const json::value& v, const std::string& path) {
    if (!v.is_array() || v.as_array().size() < 2 || v.as_array().size() > 3) {
      Fail(path, "坐标应为 [经度, 纬度] 两个数字");
      return;
    }
    const json::array& a = v.as_array();
    double n[3] = {0, 0, 0};
    for (size_t i = 0; i < a.size(); ++i) {
      if (!a[i].is_number()) {
        Fail(fmt::format("{}[{}]", path, i), "坐标应为数字");
        return;
      }
      n[i] = a[i].to_number<double>();
      if (!std::isfinite(n[i])) {
        Fail(fmt::format("{}[{}]", path, i), "坐标应为有限数字");
        return;
      }
    }
    if (n[0] < -180 || n[0] > 180) {
      Fail(path, fmt::format("经度 {} 超出 -180 到 180", n[0]));
      return;
    }
    if (n[1] < -90 || n[1] > 90) {
      Fail(path, fmt::format("纬度 {} 超出 -90 到 90", n[1]));
      return;
    }
    layer_.west = std::min(layer_.west, n[0]);
    layer_.east = std::max(layer_.east, n[0]);
    layer_.south = std::min(layer_.south, n[1]);
    layer_.north = std::max(layer_.north, n[1]);
  }

  // An array of positions with at least `min` of them; `ring`: first equals last.
  void Positions(const json::value& v, const std::string& path, size_t min, bool ring) {
    if (!v.is_array()) {
      Fail(path, "应为坐标数组");
      return;
    }
    const json::array& a = v.as_array();
    for (size_t i = 0; i < a.size() && ok(); ++i) Position(a[i], fmt::format("{}[{}]", path, i));
    if (!ok()) return;
    if (a.size() < min) {
      Fail(path, ring ? fmt::format("多边形的环至少要 4 个坐标(首尾相同),这里只有 {} 个", a.size())
                      : fmt::format("线至少要 {} 个坐标,这里只有 {} 个", min, a.size()));
      return;
    }
    if (ring) {
      const json::array& first = a.front().as_array();
      const json::array& last = a.back().as_array();
      if (first[0].to_number<double>() != last[0].to_number<double>() ||
          first[1].to_number<double>() != last[1].to_number<double>()) {
        Fail(path, "多边形的环未闭合(首尾坐标应相同)");
      }
    }
  }

  // An array whose every element is checked by `each`.
  template <typename Each>
  void Many(const json::value& v, const std::string& path, bool non_empty, Each each) {
    if (!v.is_array()) {
      Fail(path, "应为数组");
      return;
    }
    const json::array& a = v.as_array();
    if (non_empty && a.empty()) {
      Fail(path, "不能为空数组");
      return;
    }
    for (size_t i = 0; i < a.size() && ok(); ++i) each(a[i], fmt::format("{}[{}]", path, i));
  }

  void Polygon(const json::value& v, const std::string& path) {
    Many(v, path, true, [&](const json::value& ring, const std::string& p) { Positions(ring, p, 4, true); });
  }

  void Geometry(const json::value& v, const std::string& path, int depth = 0) {
    auto type = Type(v, path);
    if (!type) return;
    const json::object& o = v.as_object();
    if (*type == "GeometryCollection") {
      const json::value* g = o.if_contains("geometries");
      if (!g) return Fail(path, "GeometryCollection 缺少 geometries 成员");
      if (depth > 4) return Fail(path, "GeometryCollection 嵌套过深");
      Many(*g, path + ".geometries", false,
           [&](const json::value& x, const std::string& p) { Geometry(x, p, depth + 1); });
      return;
    }
    unsigned kind = 0;
    if (*type == "Point" || *type == "MultiPoint") kind = kPoints;
    else if (*type == "LineString" || *type == "MultiLineString") kind = kLines;
    else if (*type == "Polygon" || *type == "MultiPolygon") kind = kPolygons;
    else return Fail(path + ".type", fmt::format("未知的几何类型 \"{}\"", *type));
    if ((allowed_ & kind) == 0) {
      return Fail(path + ".type", fmt::format("本图层不接受 {}(应为{})", *type, AllowedNames()));
    }
    const json::value* c = o.if_contains("coordinates");
    if (!c) return Fail(path, std::string(*type) + " 缺少 coordinates 成员");
    const std::string cp = path + ".coordinates";
    if (*type == "Point") Position(*c, cp);
    else if (*type == "MultiPoint") Positions(*c, cp, 1, false);
    else if (*type == "LineString") Positions(*c, cp, 2, false);
    else if (*type == "MultiLineString") {
      Many(*c, cp, true, [&](const json::value& x, const std::string& p) { Positions(x, p, 2, false); });
    } else if (*type == "Polygon") {
      Polygon(*c, cp);
    } else {
      Many(*c, cp, true, [&](const json::value& x, const std::string& p) { Polygon(x, p); });
    }
  }

  void Feature(const json::value& v, const std::string& path) {
    auto type = Type(v, path);
    if (!type) return;
    if (*type != "Feature") return Fail(path + ".type", fmt::format("应为 \"Feature\",而不是 \"{}\"", *type));
    const json::object& o = v.as_object();
    const json::value* g = o.if_contains("geometry");
    if (!g) return Fail(path, "Feature 缺少 geometry 成员");
    if (const json::value* p = o.if_contains("properties"); p && !p->is_null() && !p->is_object()) {
      return Fail(path + ".properties", "应为对象或 null");
    }
    if (!g->is_null()) Geometry(*g, path + ".geometry");
    ++layer_.feature_count;
  }

 private:
  std::string AllowedNames() const {
    std::string out;
    auto add = [&](const char* s) { out += out.empty() ? s : std::string("、") + s; };
    if (allowed_ & kPoints) add("点");
    if (allowed_ & kLines) add("线");
    if (allowed_ & kPolygons) add("面");
    return out;
  }

  unsigned allowed_;
  std::string error_;
  GeoJsonLayer layer_;
};

}  // namespace

StatusOr<GeoJsonLayer> CheckGeoJson(std::string_view text, unsigned allowed) {
  if (text.size() > kMaxGeoJsonBytes) {
    return Status::TooLarge("map.layer_too_large",
                            fmt::format("图层文件 {:.1f} MB,超过 5 MB 的上限:请简化几何(如用 mapshaper 抽稀)后再上传",
                                        static_cast<double>(text.size()) / (1024.0 * 1024.0)));
  }
  auto invalid = [](const std::string& what) {
    return Status::Unprocessable("map.invalid_geojson", "GeoJSON 无效:" + what);
  };
  if (text.empty()) return invalid("文件为空");
  json::stream_parser parser;
  boost::system::error_code ec;
  const size_t used = parser.write_some(text.data(), text.size(), ec);
  if (!ec) parser.finish(ec);
  if (ec || !parser.done()) {
    return invalid(fmt::format("不是有效的 JSON(第 {} 个字节附近:{})", used + 1, ec.message()));
  }
  json::value doc = parser.release();
  Checker check(allowed);
  auto type = check.Type(doc, "");
  if (!type) return invalid(check.error().empty() ? "应为 GeoJSON 对象" : check.error());
  json::object out;
  out["type"] = "FeatureCollection";
  if (*type == "FeatureCollection") {
    const json::value* features = doc.as_object().if_contains("features");
    if (!features || !features->is_array()) return invalid("FeatureCollection 缺少 features 数组");
    const json::array& list = features->as_array();
    for (size_t i = 0; i < list.size() && check.ok(); ++i) check.Feature(list[i], fmt::format("features[{}]", i));
    out["features"] = *features;
  } else if (*type == "Feature") {
    check.Feature(doc, "");
    out["features"] = json::array{doc};
  } else {
    check.Geometry(doc, "");
    out["features"] = json::array{json::object{{"type", "Feature"}, {"properties", json::object{}}, {"geometry", doc}}};
    check.layer().feature_count = 1;
  }
  if (!check.ok()) return invalid(check.error());
  if (check.layer().feature_count == 0) return invalid("没有任何要素(features 为空)");
  GeoJsonLayer layer = std::move(check.layer());
  layer.feature_collection = json::serialize(out);
  return layer;
}

}  // namespace tuijin::domain
