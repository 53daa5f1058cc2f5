// The dashboard (统计分析/驾驶舱): one year's figures at the end of a month, filtered by level,
// 攻坚星级 and unit, computed live from the colours of the month (api/month_status) and
// summarized by domain::Summarize; every figure's projects are listed by
// /api/v1/dashboard/projects?figure=KEY. Answers are cached per data generation, query and
// scope, with an ETag: a repeated request with no write in between is a 304.

#include <fmt/format.h>

#include <set>

#include "api/handlers.h"
#include "api/json.h"
#include "api/month_status.h"
#include "base/crypto.h"
#include "base/text.h"
#include "base/time.h"
#include "domain/dashboard.h"
#include "domain/project_rules.h"

namespace tuijin::api {
namespace {

struct DashboardQuery {
  domain::Period month;
  std::string level;
  std::optional<int64_t> star_min;
  std::optional<int64_t> unit_id;
};

StatusOr<DashboardQuery> ReadQuery(Context& ctx) {
  DashboardQuery q;
  ASSIGN_OR_RETURN(q.month, StatusMonth(ctx));
  if (auto year = ctx.req.Query("year"); year && !year->empty() && !ctx.req.Query("period")) {
    // A year without a month: its last month, or the month being reported for this year.
    ASSIGN_OR_RETURN(auto y, QueryInt(ctx.req, "year"));
    if (*y < 2000 || *y > 2100) return Status::Invalid({{"year", "年份应在 2000 到 2100 之间"}});
    if (*y != q.month.year) q.month = domain::MonthOf(static_cast<int>(*y), 12);
  }
  q.level = std::string(TrimSpace(ctx.req.Query("level").value_or("")));
  if (!q.level.empty() && !domain::IsLevel(q.level)) return Status::Invalid({{"level", "未知级别 " + q.level}});
  ASSIGN_OR_RETURN(q.star_min, QueryInt(ctx.req, "star_min"));
  if (q.star_min && (*q.star_min < 1 || *q.star_min > 5)) return Status::Invalid({{"star_min", "应为 1 到 5"}});
  ASSIGN_OR_RETURN(q.unit_id, QueryInt(ctx.req, "unit_id"));
  return q;
}

// The dashboard of the query within the user's scope, and the projects read for it.
struct Computed {
  MonthStatuses statuses;
  domain::Dashboard dashboard;
  std::map<int64_t, const ProjectMonthStatus*> by_id;
};

StatusOr<Computed> Compute(Context& ctx, const DashboardQuery& q) {
  Computed c;
  ASSIGN_OR_RETURN(auto scope, UnitScope(ctx));
  ASSIGN_OR_RETURN(c.statuses, StatusesAt(ctx, q.month, scope));
  std::optional<std::set<int64_t>> units;
  if (q.unit_id) {
    ASSIGN_OR_RETURN(auto subtree, ctx.svc.units.Subtree(*q.unit_id));
    units.emplace(subtree.begin(), subtree.end());
  }
  std::vector<domain::DashboardProject> input;
  input.reserve(c.statuses.rows.size());
  for (const ProjectMonthStatus& row : c.statuses.rows) {
    const store::StatusProject& p = *row.project;
    if (!q.level.empty() && p.year.base.level != q.level) continue;
    if (q.star_min && p.star < *q.star_min) continue;
    if (units && (!p.lead_unit_id || !units->count(*p.lead_unit_id))) continue;
    domain::DashboardProject d;
    d.id = p.id;
    d.facts = p.year.base;
    d.facts.annual_plan = row.annual_plan;
    d.star = p.star;
    d.lead_unit_id = p.lead_unit_id;
    d.plan_curve = p.plan_curve;
    d.amounts = p.year.amounts;
    d.colour = row.status.colour;
    if (c.statuses.frozen) d.frozen_year_to_date = row.year_to_date;
    input.push_back(std::move(d));
    c.by_id[p.id] = &row;
  }
  c.dashboard = domain::Summarize(input, q.month.year, q.month.index, c.statuses.schedule);
  return c;
}

std::optional<std::string> RatioText(int64_t num, int64_t den) {
  if (den <= 0) return std::nullopt;
  return domain::FormatPercent(domain::Ratio{num, den});
}

json::value OrNullText(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }

json::object GroupJson(const domain::DashboardGroup& g, const std::string& label) {
  return json::object{{"key", g.key},
                      {"label", label},
                      {"projects", g.projects},
                      {"total_investment", g.total_investment},
                      {"annual_plan", g.annual_plan},
                      {"year_to_date", g.year_to_date},
                      {"annual_rate", OrNullText(RatioText(g.year_to_date, g.annual_plan))}};
}

json::object RateJson(const domain::DashboardRate& r) {
  return json::object{{"key", r.key},
                      {"counted", static_cast<int64_t>(r.counted.size())},
                      {"of", static_cast<int64_t>(r.of.size())},
                      {"rate", OrNullText(RatioText(static_cast<int64_t>(r.counted.size()), static_cast<int64_t>(r.of.size())))}};
}

StatusOr<json::object> DashboardJson(Context& ctx, const Computed& c) {
  const domain::Dashboard& d = c.dashboard;
  ASSIGN_OR_RETURN(auto units, ctx.svc.units.List());
  std::map<int64_t, std::string> unit_names;
  for (const auto& u : units) unit_names[u.id] = u.name;
  ASSIGN_OR_RETURN(auto categories, ctx.svc.dictionaries.List("category", false));
  std::map<int64_t, std::string> category_names;
  for (const auto& item : categories) category_names[item.id] = item.label;
  auto label_after = [](const std::string& key, size_t prefix) { return key.substr(prefix); };
  auto groups = [&](const std::vector<domain::DashboardGroup>& list, auto label) {
    json::array out;
    for (const auto& g : list) out.push_back(GroupJson(g, label(g.key)));
    return out;
  };
  json::array monthly;
  for (const auto& m : d.monthly) {
    monthly.push_back(json::object{{"month", domain::FormatPeriod(domain::MonthOf(d.year, m.month))},
                                   {"plan", m.plan},
                                   {"actual", m.actual ? json::value(*m.actual) : json::value(nullptr)}});
  }
  auto colour_count = [&](domain::Colour col) {
    auto it = d.colours.find(col);
    return static_cast<int64_t>(it == d.colours.end() ? 0 : it->second.size());
  };
  json::array lagging;
  for (int64_t id : d.lagging) {
    const ProjectMonthStatus& row = *c.by_id.at(id);
    lagging.push_back(json::object{
        {"id", id},
        {"name", row.project->name},
        {"lead_unit_name", OrNull(row.project->lead_unit_name)},
        {"annual_plan", row.annual_plan},
        {"year_to_date", row.year_to_date},
        {"annual_rate", OrNullText(RatioText(row.year_to_date, row.annual_plan))},
        {"colour", domain::ColourName(row.status.colour)},
        {"reason", row.status.reasons.empty() ? json::value(nullptr) : json::value(row.status.reasons.front().reason)}});
  }
  std::optional<std::string> reserve_ratio;
  if (d.construction_total > 0) {
    // 储备 ÷ 在建 to two decimals, half up, in integers.
    const __int128 hundredths =
        (static_cast<__int128>(d.reserve_total) * 200 + d.construction_total) / (2 * static_cast<__int128>(d.construction_total));
    const int64_t h = static_cast<int64_t>(hundredths);
    reserve_ratio = fmt::format("{}.{:02}", h / 100, h % 100);
  }
  return json::object{
      {"year", d.year},
      {"period", domain::FormatPeriod(c.statuses.month)},
      {"schedule", domain::FormatPercent(d.schedule)},
      {"frozen", c.statuses.frozen},
      {"totals", GroupJson(d.all, "全部项目")},
      {"by_level", groups(d.by_level, [&](const std::string& k) { return std::string(domain::LevelLabel(label_after(k, 6))); })},
      {"by_star", groups(d.by_star, [&](const std::string& k) { return label_after(k, 5) + "星"; })},
      {"by_category", groups(d.by_category, [&](const std::string& k) {
         if (k == "category.none") return std::string("未分类");
         auto it = category_names.find(std::stoll(label_after(k, 9)));
         return it == category_names.end() ? k : it->second;
       })},
      {"by_unit", groups(d.by_unit, [&](const std::string& k) {
         if (k == "unit.none") return std::string("未定责任单位");
         auto it = unit_names.find(std::stoll(label_after(k, 5)));
         return it == unit_names.end() ? k : it->second;
       })},
      {"by_stage", groups(d.by_stage, [&](const std::string& k) {
         auto s = domain::ParseStage(label_after(k, 6));
         return s ? std::string(domain::StageLabel(*s)) : k;
       })},
      {"monthly", std::move(monthly)},
      {"colours", json::object{{"green", colour_count(domain::Colour::kGreen)},
                               {"yellow", colour_count(domain::Colour::kYellow)},
                               {"red", colour_count(domain::Colour::kRed)}}},
      {"lagging", std::move(lagging)},
      {"rates", json::object{{"start", RateJson(d.start)},
                             {"completion", RateJson(d.completion)},
                             {"stats", RateJson(d.stats)},
                             {"stats_gap", static_cast<int64_t>(d.stats_gap.size())},
                             {"investment", OrNullText(RatioText(d.all.year_to_date, d.all.annual_plan))},
                             {"reserve_total", d.reserve_total},
                             {"construction_total", d.construction_total},
                             {"reserve_ratio", OrNullText(reserve_ratio)},
                             {"reserve_target", 3}}}};
}

// The cache key of a request: the data generation, the user's scope, the month it reads (the
// default month moves with the calendar) and the query.
std::string CacheKey(Context& ctx, uint64_t generation, const domain::Period& month) {
  std::string scope = "all";
  if (ctx.me().role == domain::Role::kUnit) scope = "unit:" + std::to_string(ctx.me().user.unit_id.value_or(0));
  // The months whose reports are due move with the clock too (a deadline passing makes 未报).
  const int due = DueThrough(month.year, ReportDeadlines(ctx), NowUnix());
  return fmt::format("{}|{}|{}|{}|{}", generation, scope, domain::FormatPeriod(month), due, ctx.req.target);
}

http::Response FromCache(Context& ctx, const CachedResponse& hit);

// Answers from the cache when it can (304 when the client has it), else builds and keeps it.
StatusOr<http::Response> Cached(Context& ctx, const domain::Period& month,
                                const std::function<StatusOr<json::object>()>& build) {
  const uint64_t generation = ctx.svc.data_generation.load();
  const std::string key = CacheKey(ctx, generation, month);
  const int64_t now = NowUnix();
  std::optional<CachedResponse> hit = ctx.svc.dashboard_cache.Get(key, generation, now);
  if (!hit) {
    ASSIGN_OR_RETURN(json::object body, build());
    CachedResponse fresh;
    fresh.body = json::serialize(body);
    fresh.etag = "\"" + Sha256Hex(fresh.body).substr(0, 32) + "\"";
    fresh.built_at = now;
    ctx.svc.dashboard_cache.Put(key, generation, fresh);
    hit = std::move(fresh);
  }
  return FromCache(ctx, *hit);
}

// The cached answer as sent: 304 when the client holds it already, else the body.
http::Response FromCache(Context& ctx, const CachedResponse& hit) {
  http::Response res;
  if (ctx.req.HeaderValue("if-none-match") == hit.etag) {
    res.status = 304;
  } else {
    res = http::Response::Json(200, hit.body);
  }
  res.SetHeader("etag", hit.etag);
  res.SetHeader("cache-control", "private, no-cache");
  return res;
}

}  // namespace

std::optional<http::Response> CachedDashboardResponse(Context& ctx) {
  auto q = ReadQuery(ctx);
  if (!q.ok()) return std::nullopt;
  if (ctx.req.path == "/api/v1/dashboard/projects" && (!ReadPage(ctx.req, 50).ok() || !ctx.req.Query("figure"))) {
    return std::nullopt;
  }
  const uint64_t generation = ctx.svc.data_generation.load();
  auto hit = ctx.svc.dashboard_cache.Get(CacheKey(ctx, generation, q->month), generation, NowUnix());
  if (!hit) return std::nullopt;
  return FromCache(ctx, *hit);
}

StatusOr<http::Response> GetDashboard(Context& ctx) {
  ASSIGN_OR_RETURN(DashboardQuery q, ReadQuery(ctx));
  return Cached(ctx, q.month, [&]() -> StatusOr<json::object> {
    ASSIGN_OR_RETURN(Computed c, Compute(ctx, q));
    return DashboardJson(ctx, c);
  });
}

// ?figure=KEY (as the dashboard names its figures) with the dashboard's filters, page and
// page_size (default 50): the projects behind the figure, in the dashboard's order, with their
// figures and colour; the totals are over all of them.
StatusOr<http::Response> DashboardProjects(Context& ctx) {
  ASSIGN_OR_RETURN(DashboardQuery q, ReadQuery(ctx));
  ASSIGN_OR_RETURN(store::PageRequest page, ReadPage(ctx.req, 50));
  const std::string figure(TrimSpace(ctx.req.Query("figure").value_or("")));
  if (figure.empty()) return Status::Invalid({{"figure", "必填"}});
  return Cached(ctx, q.month, [&]() -> StatusOr<json::object> {
    ASSIGN_OR_RETURN(Computed c, Compute(ctx, q));
    auto ids = domain::ProjectsBehind(c.dashboard, figure);
    if (!ids) return Status::Invalid({{"figure", "未知统计项 " + figure}});
    json::array items;
    Fen total = 0, plan = 0, ytd = 0;
    const size_t from = static_cast<size_t>(page.Offset());
    for (size_t i = 0; i < ids->size(); ++i) {
      const int64_t id = (*ids)[i];
      const ProjectMonthStatus& row = *c.by_id.at(id);
      const store::StatusProject& p = *row.project;
      total += p.year.base.total_investment;
      plan += row.annual_plan;
      ytd += row.year_to_date;
      if (i < from || i >= from + static_cast<size_t>(page.page_size)) continue;
      items.push_back(json::object{{"id", id},
                                   {"code", OrNull(p.code)},
                                   {"name", p.name},
                                   {"level", p.year.base.level},
                                   {"stage", p.year.base.stage},
                                   {"star", p.star},
                                   {"lead_unit_name", OrNull(p.lead_unit_name)},
                                   {"total_investment", p.year.base.total_investment},
                                   {"annual_plan", row.annual_plan},
                                   {"year_to_date", row.year_to_date},
                                   {"annual_rate", OrNullText(RatioText(row.year_to_date, row.annual_plan))},
                                   {"colour", domain::ColourName(row.status.colour)},
                                   {"registered", p.year.base.in_stats}});
    }
    return json::object{{"figure", figure},
                        {"period", domain::FormatPeriod(c.statuses.month)},
                        {"total", static_cast<int64_t>(ids->size())},
                        {"page", page.page},
                        {"page_size", page.page_size},
                        {"total_investment", total},
                        {"annual_plan", plan},
                        {"year_to_date", ytd},
                        {"items", std::move(items)}};
  });
}

}  // namespace tuijin::api
