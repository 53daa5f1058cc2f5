// The project battle map (项目作战地图): every located project with its colour and figures,
// a project's card, the offline layers (district boundary, roads, units' areas) and setting a
// project's location in WGS-84 or from GCJ-02. The filters are the project list's
// (ReadProjectFilter) plus colour; the colours and figures are the status list's
// (StatusesAt), so the map, /projects and /statuses agree.

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <cmath>
#include <set>
#include <unordered_map>

#include "api/handlers.h"
#include "api/json.h"
#include "api/month_status.h"
#include "api/project_fields.h"
#include "base/time.h"
#include "domain/geo.h"
#include "domain/geojson.h"

namespace tuijin::api {
namespace {

// ?period=YYYY-MM, else ?year=YYYY (its last month reported by now: December of a past year,
// the month being reported now of this one), else the month being reported now.
StatusOr<domain::Period> MapMonth(Context& ctx) {
  if (auto p = ctx.req.Query("period"); p && !p->empty()) return StatusMonth(ctx);
  ASSIGN_OR_RETURN(domain::Period now, StatusMonth(ctx));
  ASSIGN_OR_RETURN(auto year, QueryInt(ctx.req, "year"));
  if (!year) return now;
  if (*year < 2000 || *year > now.year + 1) return Status::Invalid({{"year", "年度超出范围"}});
  if (*year < now.year) return domain::MonthOf(static_cast<int>(*year), 12);
  if (*year > now.year) return domain::MonthOf(static_cast<int>(*year), 1);
  return now;
}

StatusOr<std::set<std::string>> ReadColours(Context& ctx) {
  std::set<std::string> out;
  for (const auto& c : ctx.req.QueryList("colour")) {
    if (c != "none" && !domain::ParseColour(c)) return Status::Invalid({{"colour", "应为 green、yellow、red 或 none"}});
    out.insert(c);
  }
  return out;
}

double Round7(double v) { return std::round(v * 1e7) / 1e7; }

json::value Fraction(const domain::Ratio& r) {
  return r.den > 0 ? json::value(static_cast<double>(r.num) / static_cast<double>(r.den)) : json::value(nullptr);
}

// The layer keys an administrator writes: "boundary" and "roads"; units by id.
StatusOr<std::string> LayerKind(Context& ctx) {
  const std::string kind(ctx.req.Param("kind"));
  if (kind != "boundary" && kind != "roads") {
    return Status::NotFound("map.layer_not_found", "图层应为 boundary(行政区边界)、roads(道路)或 units/{单位ID}");
  }
  return kind;
}

json::object LayerJson(const store::MapLayer& l) {
  return json::object{{"key", l.key},
                      {"kind", l.kind},
                      {"unit_id", OrNull(l.unit_id)},
                      {"unit_name", OrNull(l.unit_name)},
                      {"name", l.name},
                      {"size_bytes", l.size_bytes},
                      {"feature_count", l.feature_count},
                      {"bounds", json::array{l.west, l.south, l.east, l.north}},
                      {"version", l.version},
                      {"updated_at", l.updated_at},
                      {"updated_by_name", OrNull(l.updated_by_name)}};
}

http::Response GeoJsonResponse(std::string body) {
  http::Response res = http::Response::Json(200, std::move(body));
  res.SetHeader("content-type", "application/geo+json; charset=utf-8");
  return res;
}

// The uploaded body as a checked layer; 413/422 from domain::CheckGeoJson.
StatusOr<domain::GeoJsonLayer> UploadedLayer(Context& ctx, unsigned kinds) {
  if (ctx.req.body.empty()) return Status::Invalid({{"file", "请上传 GeoJSON 文件"}});
  return domain::CheckGeoJson(ctx.req.body, kinds);
}

std::string LayerName(Context& ctx, const std::string& fallback) {
  std::string name(ctx.req.Query("name").value_or(""));
  if (name.empty()) return fallback;
  return name.substr(0, 100);
}

}  // namespace

StatusOr<http::Response> MapProjects(Context& ctx) {
  ASSIGN_OR_RETURN(store::ProjectFilter filter, ReadProjectFilter(ctx));
  ASSIGN_OR_RETURN(const std::set<std::string> colours, ReadColours(ctx));
  ASSIGN_OR_RETURN(const domain::Period month, MapMonth(ctx));
  ASSIGN_OR_RETURN(auto pins, ctx.svc.projects.Pins(filter));
  ASSIGN_OR_RETURN(MonthStatuses statuses, StatusesAt(ctx, month, filter.scope_unit_ids));
  std::unordered_map<int64_t, const ProjectMonthStatus*> by_id;
  by_id.reserve(statuses.rows.size());
  for (const ProjectMonthStatus& row : statuses.rows) by_id.emplace(row.project->id, &row);

  // Up to ~10,000 items: written straight into the text (a tree of json::objects costs as
  // much again as the rest of the answer; bench/map.mjs).
  std::string items = "[";
  items.reserve(pins.size() * 200);
  std::map<int64_t, std::string> units;
  std::map<std::string, int64_t> colour_counts{{"green", 0}, {"yellow", 0}, {"red", 0}, {"none", 0}};
  Fen total = 0, plan = 0, ytd = 0;
  int64_t count = 0, unlocated = 0;
  json::array unlocated_items;  // the first of them by id, for placing them on the map
  for (const store::ProjectPin& pin : pins) {
    auto it = by_id.find(pin.id);
    const ProjectMonthStatus* row = it == by_id.end() ? nullptr : it->second;
    const std::string colour = row ? std::string(domain::ColourName(row->status.colour)) : "none";
    if (!colours.empty() && !colours.count(colour)) continue;
    if (!pin.lng || !pin.lat) {
      if (++unlocated <= 200) unlocated_items.push_back(json::object{{"id", pin.id}, {"name", pin.name}});
      continue;
    }
    const Fen annual = row ? row->annual_plan : 0, done = row ? row->year_to_date : 0;
    ++colour_counts[colour];
    total += pin.total_investment;
    plan += annual;
    ytd += done;
    if (pin.lead_unit_id && pin.lead_unit_name) units.emplace(*pin.lead_unit_id, *pin.lead_unit_name);
    if (count++) items += ',';
    // Doubles as Boost.JSON writes them (shortest round trip), strings escaped by it.
    fmt::format_to(std::back_inserter(items),
                   R"({{"id":{},"name":{},"lng":{},"lat":{},"colour":{},"stage":"{}","total":{},"annual_plan":{},"ytd":{},"unit_id":{}}})",
                   pin.id, json::serialize(json::string_view(pin.name)), json::serialize(json::value(*pin.lng)),
                   json::serialize(json::value(*pin.lat)), row ? "\"" + colour + "\"" : std::string("null"), pin.stage,
                   pin.total_investment, annual, done, pin.lead_unit_id ? std::to_string(*pin.lead_unit_id) : "null");
  }
  items += ']';
  json::object unit_names;
  for (const auto& [id, name] : units) unit_names[std::to_string(id)] = name;
  json::object counts;
  for (const auto& [c, n] : colour_counts) counts[c] = n;
  json::object rest{
      {"period", domain::FormatPeriod(month)},
      {"schedule", Fraction(statuses.schedule)},
      {"schedule_text", domain::FormatPercent(statuses.schedule)},
      {"frozen", statuses.frozen},
      {"units", std::move(unit_names)},
      {"totals", json::object{{"count", count},
                              {"total_investment", total},
                              {"annual_plan", plan},
                              {"year_to_date", ytd},
                              {"annual_rate", plan > 0 ? json::value(domain::FormatPercent(domain::Ratio{ytd, plan}))
                                                       : json::value(nullptr)},
                              {"colours", std::move(counts)}}},
      {"unlocated", unlocated},
      {"unlocated_items", std::move(unlocated_items)}};
  std::string body = json::serialize(rest);
  body.pop_back();  // the closing brace: the items go last
  body += R"(,"items":)";
  body += items;
  body += '}';
  return http::Response::Json(200, std::move(body));
}

StatusOr<http::Response> MapProjectCard(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  ASSIGN_OR_RETURN(store::Project project, AccessibleProject(ctx, id));
  ASSIGN_OR_RETURN(const domain::Period month, MapMonth(ctx));
  ASSIGN_OR_RETURN(auto scope, UnitScope(ctx));
  ASSIGN_OR_RETURN(MonthStatuses statuses, StatusesAt(ctx, month, scope));
  std::map<int64_t, std::string> rule_names;
  for (const auto& r : statuses.rules) rule_names[r.id] = r.name;
  const ProjectMonthStatus* row = nullptr;
  for (const ProjectMonthStatus& r : statuses.rows) {
    if (r.project->id == id) row = &r;
  }
  json::array reasons;
  if (row) {
    for (const auto& reason : row->status.reasons) {
      auto name = rule_names.find(reason.rule_id);
      reasons.push_back(json::object{{"colour", domain::ColourName(reason.colour)},
                                     {"metric", domain::MetricName(reason.metric)},
                                     {"rule_name", name == rule_names.end() ? std::string() : name->second},
                                     {"reason", reason.reason}});
    }
  }
  // 形象进度: the latest report that was submitted or accepted and says something.
  ASSIGN_OR_RETURN(auto reports, ctx.svc.reports.ForProject(id));
  json::value progress = nullptr;
  for (const auto& r : reports) {
    if ((r.state == "submitted" || r.state == "accepted") && r.fields.progress_text && !r.fields.progress_text->empty()) {
      progress = json::object{{"period", r.period},
                              {"state", r.state},
                              {"text", *r.fields.progress_text},
                              {"physical_percent", OrNull(r.fields.physical_percent)}};
      break;
    }
  }
  // The latest photo: an image attachment, else a photo of one of the last reports.
  json::value photo = nullptr;
  ASSIGN_OR_RETURN(auto attachments, ctx.svc.attachments.List(id));
  const store::Attachment* latest = nullptr;
  for (const auto& a : attachments) {
    if (a.content_type.starts_with("image/") && (!latest || a.uploaded_at >= latest->uploaded_at)) latest = &a;
  }
  if (latest) {
    photo = json::object{{"url", fmt::format("/api/v1/attachments/{}", latest->id)},
                         {"file_name", latest->file_name},
                         {"taken_at", latest->uploaded_at}};
  } else {
    for (size_t i = 0; i < reports.size() && i < 3 && photo.is_null(); ++i) {
      ASSIGN_OR_RETURN(auto photos, ctx.svc.reports.Photos(reports[i].id));
      if (photos.empty()) continue;
      const auto& p = photos.back();
      photo = json::object{{"url", fmt::format("/api/v1/report-photos/{}?thumb=1", p.id)},
                           {"file_name", p.file_name},
                           {"taken_at", p.created_at}};
    }
  }
  const Fen annual = row ? row->annual_plan : 0, done = row ? row->year_to_date : 0;
  const bool can_locate = ctx.me().role != domain::Role::kLeader;
  return JsonResponse(json::object{
      {"id", project.id},
      {"code", OrNull(project.code)},
      {"name", project.name},
      {"level", project.level},
      {"stage", project.stage},
      {"owner_unit_name", OrNull(project.owner_unit_name)},
      {"lead_unit_name", OrNull(project.lead_unit_name)},
      {"address", OrNull(project.address)},
      {"lng", OrNull(project.lng)},
      {"lat", OrNull(project.lat)},
      {"version", project.version},
      {"total_investment", project.total_investment},
      {"annual_plan", annual},
      {"year_to_date", done},
      {"annual_rate", annual > 0 ? json::value(domain::FormatPercent(domain::Ratio{done, annual})) : json::value(nullptr)},
      {"period", domain::FormatPeriod(month)},
      {"schedule_text", domain::FormatPercent(statuses.schedule)},
      {"colour", row ? json::value(domain::ColourName(row->status.colour)) : json::value(nullptr)},
      {"reasons", std::move(reasons)},
      {"progress", std::move(progress)},
      {"photo", std::move(photo)},
      {"can_locate", can_locate}});
}

StatusOr<http::Response> SetProjectLocation(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  ASSIGN_OR_RETURN(json::object body, ParseObject(ctx.req));
  ASSIGN_OR_RETURN(store::Project project, AccessibleProject(ctx, id));
  FieldReader in(body);
  const std::string datum_name = in.OptionalString("datum", 20).value_or("wgs84");
  const auto datum = domain::ParseDatum(datum_name);
  if (!datum) in.Fail("datum", "坐标系应为 wgs84(WGS-84/CGCS2000)或 gcj02(GCJ-02)");
  // FieldReader reads null as missing: {"lng": null, "lat": null} is looked for in the body.
  const json::value* raw_lng = body.if_contains("lng");
  const json::value* raw_lat = body.if_contains("lat");
  const bool clear = raw_lng && raw_lat && raw_lng->is_null() && raw_lat->is_null();
  std::optional<double> lng, lat;
  if (!clear) {
    lng = in.OptionalNumber("lng", -180, 180);
    lat = in.OptionalNumber("lat", -90, 90);
    if (!lng && !in.Has("lng")) in.Fail("lng", "必填(清除位置时经度和纬度都传 null)");
    if (!lat && !in.Has("lat")) in.Fail("lat", "必填(清除位置时经度和纬度都传 null)");
  }
  const auto version = in.OptionalInt("version", 1);
  RETURN_IF_ERROR(in.status());
  bool converted = false;
  if (lng && lat) {
    domain::LngLat p{*lng, *lat};
    if (*datum == domain::Datum::kGcj02) {
      p = domain::GcjToWgs(p);
      converted = true;
    }
    // Within China, as the project form accepts (project_fields.cc).
    if (p.lng < 73.0 || p.lng > 136.0) in.Fail("lng", "经度应在 73 到 136 之间(本系统只标注境内项目)");
    if (p.lat < 3.0 || p.lat > 54.0) in.Fail("lat", "纬度应在 3 到 54 之间(本系统只标注境内项目)");
    RETURN_IF_ERROR(in.status());
    lng = Round7(p.lng);
    lat = Round7(p.lat);
  }
  if (version && *version != project.version) {
    return Status::Conflict("project.stale", "项目已被他人修改,请刷新后重试");
  }
  const store::FieldChange change{"location", LocationText(project.lng, project.lat), LocationText(lng, lat)};
  ASSIGN_OR_RETURN(auto saved,
                   ctx.svc.projects.SetLocation(id, project.version, lng, lat, change, ctx.me().user.id));
  return JsonResponse(json::object{{"id", saved.id},
                                   {"lng", OrNull(saved.lng)},
                                   {"lat", OrNull(saved.lat)},
                                   {"datum", "wgs84"},
                                   {"input_datum", *datum == domain::Datum::kGcj02 ? "gcj02" : "wgs84"},
                                   {"converted", converted},
                                   {"version", saved.version}});
}

StatusOr<http::Response> ListMapLayers(Context& ctx) {
  ASSIGN_OR_RETURN(auto layers, ctx.svc.maps.List());
  json::array items;
  for (const auto& l : layers) items.push_back(LayerJson(l));
  const auto& cfg = ctx.svc.config;
  return JsonResponse(json::object{
      {"items", std::move(items)},
      {"basemap", json::object{{"tile_url", cfg.map_tile_url.empty() ? json::value(nullptr) : json::value(cfg.map_tile_url)},
                               {"attribution", cfg.map_tile_attribution},
                               {"max_zoom", cfg.map_tile_max_zoom},
                               {"subdomains", cfg.map_tile_subdomains},
                               {"mode", cfg.map_tile_url.empty() ? "offline" : "tiles"}}},
      {"district", cfg.district}});
}

StatusOr<http::Response> GetMapLayer(Context& ctx) {
  const std::string kind(ctx.req.Param("kind"));
  if (kind == "units") {
    // Every unit's area in one collection, each feature tagged with its unit.
    ASSIGN_OR_RETURN(auto areas, ctx.svc.maps.UnitAreas());
    json::array features;
    for (const auto& a : areas) {
      json::value fc = json::parse(a.geojson);
      for (auto& f : fc.as_object()["features"].as_array()) {
        json::object& feature = f.as_object();
        json::value& props = feature["properties"];
        if (!props.is_object()) props = json::object{};
        props.as_object()["unit_id"] = a.unit_id;
        props.as_object()["unit_name"] = a.unit_name;
        features.push_back(std::move(f));
      }
    }
    return GeoJsonResponse(json::serialize(json::object{{"type", "FeatureCollection"}, {"features", std::move(features)}}));
  }
  ASSIGN_OR_RETURN(const std::string k, LayerKind(ctx));
  ASSIGN_OR_RETURN(auto text, ctx.svc.maps.GeoJson(k));
  if (!text) return Status::NotFound("map.layer_not_found", "尚未上传该图层");
  return GeoJsonResponse(std::move(*text));
}

StatusOr<http::Response> PutMapLayer(Context& ctx) {
  ASSIGN_OR_RETURN(const std::string kind, LayerKind(ctx));
  const unsigned kinds = kind == "boundary" ? domain::kPolygons | domain::kLines : domain::kLines;
  ASSIGN_OR_RETURN(auto layer, UploadedLayer(ctx, kinds));
  const std::string fallback = kind == "boundary" ? ctx.svc.config.district + "行政区边界" : ctx.svc.config.district + "主要道路";
  ASSIGN_OR_RETURN(auto saved, ctx.svc.maps.Put(kind, kind, std::nullopt, LayerName(ctx, fallback), layer, ctx.me().user.id));
  return JsonResponse(LayerJson(saved));
}

StatusOr<http::Response> DeleteMapLayer(Context& ctx) {
  ASSIGN_OR_RETURN(const std::string kind, LayerKind(ctx));
  RETURN_IF_ERROR(ctx.svc.maps.Delete(kind));
  return http::Response::NoContent();
}

StatusOr<http::Response> PutUnitArea(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t unit_id, PathId(ctx.req, "unit_id"));
  ASSIGN_OR_RETURN(store::Unit unit, ctx.svc.units.Get(unit_id));
  ASSIGN_OR_RETURN(auto layer, UploadedLayer(ctx, domain::kPolygons));
  ASSIGN_OR_RETURN(auto saved, ctx.svc.maps.Put(fmt::format("unit:{}", unit_id), "unit", unit_id,
                                                LayerName(ctx, unit.name), layer, ctx.me().user.id));
  return JsonResponse(LayerJson(saved));
}

StatusOr<http::Response> DeleteUnitArea(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t unit_id, PathId(ctx.req, "unit_id"));
  RETURN_IF_ERROR(ctx.svc.maps.Delete(fmt::format("unit:{}", unit_id)));
  return http::Response::NoContent();
}

}  // namespace tuijin::api
