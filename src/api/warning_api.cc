// The warning centre (预警中心): the open warnings of the month being reported, kept in line
// with the colours (store::WarningStore::Sync) whenever data changed since the last look, so
// that a unit hears of a new red on its next page load; staff acknowledge with a note.

#include <fmt/format.h>

#include <map>

#include "api/exports.h"
#include "api/handlers.h"
#include "api/json.h"
#include "api/month_status.h"
#include "base/text.h"
#include "base/time.h"
#include "report/warning_list.h"

namespace tuijin::api {
namespace {

json::object WarningJson(const store::Warning& w) {
  const auto metric = domain::ParseMetric(w.metric);
  return json::object{{"id", w.id},
                      {"project", json::object{{"id", w.project_id},
                                               {"code", OrNull(w.project_code)},
                                               {"name", w.project_name},
                                               {"lead_unit_id", OrNull(w.lead_unit_id)},
                                               {"lead_unit_name", OrNull(w.lead_unit_name)}}},
                      {"metric", w.metric},
                      {"metric_label", metric ? std::string(domain::MetricLabel(*metric)) : w.metric},
                      {"rule_id", OrNull(w.rule_id)},
                      {"colour", w.colour},
                      {"reason", w.reason},
                      {"since_period", w.since_period},
                      {"last_period", w.last_period},
                      {"opened_at", w.opened_at},
                      {"red_at", OrNull(w.red_at)},
                      {"closed_at", OrNull(w.closed_at)},
                      {"acknowledged_at", OrNull(w.acknowledged_at)},
                      {"acknowledged_by_name", OrNull(w.acknowledged_by_name)},
                      {"ack_note", OrNull(w.ack_note)}};
}

const char* StateLabel(std::string_view state) {
  if (state == "unacknowledged") return "待确认";
  if (state == "acknowledged") return "已确认";
  if (state == "closed") return "已关闭";
  if (state == "all") return "全部";
  return "未关闭";
}

// The list's filters: ?state=open (default) | unacknowledged | acknowledged | closed | all,
// colour (repeatable), metric, unit_id (with sub-units), q; and the user's scope (a unit user
// sees its own projects'). `words`, when given, gets the filters as the export names them.
StatusOr<store::WarningFilter> ReadWarningFilter(Context& ctx, FilterWords* words) {
  store::WarningFilter f;
  FilterWords said;
  f.state = std::string(TrimSpace(ctx.req.Query("state").value_or("open")));
  if (f.state != "open" && f.state != "unacknowledged" && f.state != "acknowledged" && f.state != "closed" &&
      f.state != "all") {
    return Status::Invalid({{"state", "应为 open、unacknowledged、acknowledged、closed 或 all"}});
  }
  said.push_back(std::string("状态 ") + StateLabel(f.state));
  std::string colours;
  for (const auto& c : ctx.req.QueryList("colour")) {
    const auto colour = domain::ParseColour(c);
    if (!colour || *colour == domain::Colour::kGreen) return Status::Invalid({{"colour", "应为 yellow 或 red"}});
    f.colours.push_back(c);
    colours += (colours.empty() ? "" : "、") + std::string(domain::ColourLabel(*colour));
  }
  if (!colours.empty()) said.push_back("预警 " + colours);
  if (auto m = ctx.req.Query("metric"); m && !m->empty()) {
    const auto metric = domain::ParseMetric(*m);
    if (!metric) return Status::Invalid({{"metric", "未知指标 " + std::string(*m)}});
    f.metric = std::string(*m);
    said.push_back("指标 " + std::string(domain::MetricLabel(*metric)));
  }
  f.q = std::string(TrimSpace(ctx.req.Query("q").value_or("")));
  ASSIGN_OR_RETURN(auto unit_id, QueryInt(ctx.req, "unit_id"));
  if (unit_id) {
    ASSIGN_OR_RETURN(auto subtree, ctx.svc.units.Subtree(*unit_id));
    f.units = std::move(subtree);
    if (words) {
      ASSIGN_OR_RETURN(auto unit, ctx.svc.units.Get(*unit_id));
      said.push_back("责任单位 " + unit.name + "(含下级)");
    }
  }
  if (!f.q.empty()) said.push_back("关键词 " + f.q);
  ASSIGN_OR_RETURN(f.scope, UnitScope(ctx));
  if (words) *words = std::move(said);
  return f;
}

}  // namespace

Status SyncWarnings(Context& ctx) {
  const ChinaTime now = ToChinaTime(NowUnix());
  const domain::Period month = domain::PreviousPeriod(domain::MonthOf(now.year, now.month));
  const std::string key = domain::FormatPeriod(month);
  Services& svc = ctx.svc;
  std::lock_guard<std::mutex> lock(svc.warning_sync.mutex);
  // Read before computing: a write that lands meanwhile leaves the next look to sync again.
  const uint64_t generation = svc.data_generation.load();
  const int due = DueThrough(month.year, ReportDeadlines(ctx), NowUnix());
  if (svc.warning_sync.synced && svc.warning_sync.generation == generation && svc.warning_sync.period == key &&
      svc.warning_sync.due_through == due) {
    return Status::Ok();
  }
  ASSIGN_OR_RETURN(MonthStatuses all, StatusesAt(ctx, month, std::nullopt));
  std::vector<store::SeenWarning> seen;
  for (const ProjectMonthStatus& row : all.rows) {
    // One warning per metric: of two rules on the same metric, the worse colour counts.
    std::map<domain::Metric, const domain::RuleResult*> worst;
    for (const domain::RuleResult& r : row.status.reasons) {
      auto [it, added] = worst.emplace(r.metric, &r);
      if (!added && r.colour > it->second->colour) it->second = &r;
    }
    for (const auto& [metric, r] : worst) seen.push_back({row.project->id, row.project->name, row.project->lead_unit_id, *r});
  }
  RETURN_IF_ERROR(svc.warnings.Sync(key, seen).status());
  svc.warning_sync.synced = true;
  svc.warning_sync.generation = generation;
  svc.warning_sync.period = key;
  svc.warning_sync.due_through = due;
  return Status::Ok();
}

// ReadWarningFilter's filters, page, page_size.
StatusOr<http::Response> ListWarnings(Context& ctx) {
  RETURN_IF_ERROR(SyncWarnings(ctx));
  ASSIGN_OR_RETURN(store::PageRequest page, ReadPage(ctx.req, 20));
  ASSIGN_OR_RETURN(store::WarningFilter f, ReadWarningFilter(ctx, nullptr));
  ASSIGN_OR_RETURN(auto result, ctx.svc.warnings.List(f, page));
  // The open ones by colour, for the counters above the list (same scope, no other filter).
  store::WarningFilter open;
  open.scope = f.scope;
  open.colours = {"red"};
  ASSIGN_OR_RETURN(auto reds, ctx.svc.warnings.List(open, {1, 1}));
  open.colours = {"yellow"};
  ASSIGN_OR_RETURN(auto yellows, ctx.svc.warnings.List(open, {1, 1}));
  open.colours.clear();
  open.state = "unacknowledged";
  ASSIGN_OR_RETURN(auto unacknowledged, ctx.svc.warnings.List(open, {1, 1}));
  json::array items;
  for (const auto& w : result.items) items.push_back(WarningJson(w));
  return JsonResponse(json::object{
      {"items", std::move(items)},
      {"total", result.total},
      {"period", ctx.svc.warning_sync.Period()},
      {"summary", json::object{{"red", reds.total}, {"yellow", yellows.total}, {"unacknowledged", unacknowledged.total}}}});
}

// The list with the same filters, every page, as 预警清单 .xlsx.
StatusOr<http::Response> ExportWarnings(Context& ctx) {
  RETURN_IF_ERROR(SyncWarnings(ctx));
  FilterWords words;
  ASSIGN_OR_RETURN(store::WarningFilter f, ReadWarningFilter(ctx, &words));
  ASSIGN_OR_RETURN(auto result, ctx.svc.warnings.List(f, {1, kMaxExportRows + 1}));
  if (result.total > kMaxExportRows) return TooManyToExport();
  const std::string period = ctx.svc.warning_sync.Period();
  std::string month = period;
  if (auto p = domain::ParsePeriod(period)) month = domain::PeriodLabel(*p);
  report::WarningList list;
  list.title = fmt::format("{}重点项目预警清单({})", ctx.svc.config.district, month);
  if (f.scope) words.insert(words.begin(), "范围 本单位项目");
  list.subtitle = fmt::format("{}    {}    共 {} 条", FiltersLine(words), ExportedAt(), result.total);
  auto minutes = [](const std::optional<std::string>& at) {
    return at ? at->substr(0, 16).replace(10, 1, " ") : std::string();
  };
  for (const store::Warning& w : result.items) {
    report::WarningListRow r;
    r.colour = w.colour == "red" ? domain::Colour::kRed : domain::Colour::kYellow;
    r.code = w.project_code.value_or("");
    r.project = w.project_name;
    r.lead_unit = w.lead_unit_name.value_or("");
    const auto metric = domain::ParseMetric(w.metric);
    r.metric = metric ? std::string(domain::MetricLabel(*metric)) : w.metric;
    r.reason = w.reason;
    r.since_period = w.since_period;
    r.last_period = w.last_period;
    r.state = StateLabel(w.closed_at ? "closed" : w.acknowledged_at ? "acknowledged" : "unacknowledged");
    r.ack_note = w.ack_note.value_or("");
    r.acknowledged_by = w.acknowledged_by_name.value_or("");
    r.acknowledged_at = minutes(w.acknowledged_at);
    r.closed_at = minutes(w.closed_at);
    list.rows.push_back(std::move(r));
  }
  ASSIGN_OR_RETURN(std::string xlsx, report::WarningListXlsx(list));
  return XlsxDownload(std::move(xlsx), fmt::format("预警清单-{}.xlsx", Today()));
}

StatusOr<http::Response> AcknowledgeWarning(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  ASSIGN_OR_RETURN(json::object body, ParseObject(ctx.req));
  FieldReader in(body);
  const std::string note = in.RequiredString("note", 500);
  RETURN_IF_ERROR(in.status());
  ASSIGN_OR_RETURN(auto w, ctx.svc.warnings.Acknowledge(id, note, ctx.me().user.id));
  return JsonResponse(WarningJson(w));
}

}  // namespace tuijin::api
