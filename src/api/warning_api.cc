// The warning centre (预警中心): the open warnings of the month being reported, kept in line
// with the colours (store::WarningStore::Sync) whenever data changed since the last look, so
// that a unit hears of a new red on its next page load; staff acknowledge with a note.

#include <fmt/format.h>

#include <map>

#include "api/handlers.h"
#include "api/json.h"
#include "api/month_status.h"
#include "base/text.h"
#include "base/time.h"

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

// ?state=open (default) | unacknowledged | acknowledged | closed | all, colour (repeatable),
// metric, unit_id (with sub-units), q, page, page_size. A unit user sees its own projects'.
StatusOr<http::Response> ListWarnings(Context& ctx) {
  RETURN_IF_ERROR(SyncWarnings(ctx));
  ASSIGN_OR_RETURN(store::PageRequest page, ReadPage(ctx.req, 20));
  store::WarningFilter f;
  f.state = std::string(TrimSpace(ctx.req.Query("state").value_or("open")));
  if (f.state != "open" && f.state != "unacknowledged" && f.state != "acknowledged" && f.state != "closed" &&
      f.state != "all") {
    return Status::Invalid({{"state", "应为 open、unacknowledged、acknowledged、closed 或 all"}});
  }
  for (const auto& c : ctx.req.QueryList("colour")) {
    if (c != "yellow" && c != "red") return Status::Invalid({{"colour", "应为 yellow 或 red"}});
    f.colours.push_back(c);
  }
  if (auto m = ctx.req.Query("metric"); m && !m->empty()) {
    if (!domain::ParseMetric(*m)) return Status::Invalid({{"metric", "未知指标 " + std::string(*m)}});
    f.metric = std::string(*m);
  }
  f.q = std::string(TrimSpace(ctx.req.Query("q").value_or("")));
  ASSIGN_OR_RETURN(auto unit_id, QueryInt(ctx.req, "unit_id"));
  if (unit_id) {
    ASSIGN_OR_RETURN(auto subtree, ctx.svc.units.Subtree(*unit_id));
    f.units = std::move(subtree);
  }
  ASSIGN_OR_RETURN(f.scope, UnitScope(ctx));
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
