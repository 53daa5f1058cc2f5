// Progress reporting (进度填报): reporting periods with their deadlines and lock, the period
// grid a unit fills for all its projects at once, one project's report with its revisions,
// the review (accept, or return with a reason), missing reports with reminders, opening
// balances, and in-app messages. Figures (年初至今累计, 开工累计, 年度完成率, 总投资完成率)
// are derived from accepted amounts, never typed.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <map>
#include <set>

#include "api/handlers.h"
#include "api/ledger_data.h"
#include "api/json.h"
#include "domain/supervision.h"
#include "api/month_status.h"
#include "base/text.h"
#include "base/time.h"
#include "domain/file_types.h"
#include "domain/project_rules.h"
#include "domain/reporting.h"
#include "media/thumbnail.h"
#include "report/report_sheet.h"
#include "xlsx/reader.h"

namespace tuijin::api {
namespace {

using domain::Period;
using domain::ReportAction;
using store::Report;
using store::ReportFields;

constexpr size_t kMaxBatchItems = 1000;
constexpr size_t kMaxSheetBytes = 5 * 1024 * 1024;
constexpr size_t kMaxPhotoBytes = 10 * 1024 * 1024;
constexpr size_t kMaxPhotosPerReport = 20;
constexpr char kXlsxType[] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// The period named in the route or the query; periods that have not begun cannot be reported.
StatusOr<Period> ReadPeriod(std::string_view text, std::string_view field = "period") {
  auto p = domain::ParsePeriod(text);
  if (!p) return Status::Invalid({{std::string(field), "期间格式应为 YYYY-MM(月)或 YYYY-Www(周)"}});
  return *p;
}

Status CheckStarted(const Period& p) {
  const ChinaTime now = ToChinaTime(NowUnix());
  if (domain::MonthCountedIn(p) > domain::MonthOf(now.year, now.month)) {
    return Status::Invalid({{"period", domain::PeriodLabel(p) + "尚未开始,不能填报"}});
  }
  return Status::Ok();
}

// ?period= of the request; by default the period being reported now (last month).
StatusOr<Period> QueryPeriod(const Context& ctx) {
  const ChinaTime now = ToChinaTime(NowUnix());
  const std::string fallback = domain::FormatPeriod(domain::PreviousPeriod(domain::MonthOf(now.year, now.month)));
  return ReadPeriod(ctx.req.Query("period").value_or(fallback));
}

// The grid filter of a period (its year for the annual plan; weekly projects for a week).
store::ReportGridFilter FilterFor(const Period& period) {
  store::ReportGridFilter f;
  f.period = domain::FormatPeriod(period);
  f.year = domain::MonthCountedIn(period).year;
  f.weekly = period.kind == Period::Kind::kWeek;
  return f;
}

// The grid filter of a period for the signed-in user, of a unit and its sub-units if one is
// chosen.
StatusOr<store::ReportGridFilter> ScopedFilterFor(Context& ctx, const Period& period, std::optional<int64_t> unit_id) {
  store::ReportGridFilter f = FilterFor(period);
  ASSIGN_OR_RETURN(f.scope_unit_ids, UnitScope(ctx));
  if (unit_id) {
    ASSIGN_OR_RETURN(f.unit_ids, ctx.svc.units.Subtree(*unit_id));
  }
  return f;
}

// "2026-11-05 17:00" (+08:00).
std::string DeadlineText(int64_t unix_seconds) {
  std::string t = FormatTimestamp(unix_seconds).substr(0, 16);
  t[10] = ' ';
  return t;
}

json::value RatioJson(const std::optional<domain::Ratio>& r) {
  if (!r) return nullptr;
  return json::object{{"num", r->num}, {"den", r->den}, {"percent", domain::FormatPercent(r)}};
}

json::object FieldsJson(const ReportFields& f) {
  return json::object{{"amount", f.amount},
                      {"correction", f.correction},
                      {"correction_reason", OrNull(f.correction_reason)},
                      {"progress_text", OrNull(f.progress_text)},
                      {"physical_percent", OrNull(f.physical_percent)},
                      {"problems", OrNull(f.problems)},
                      {"stats_amount", OrNull(f.stats_amount)}};
}

json::object ReportJson(const Report& r) {
  json::object o = FieldsJson(r.fields);
  const auto state = domain::ParseReportState(r.state);
  o["id"] = r.id;
  o["project_id"] = r.project_id;
  o["period"] = r.period;
  o["state"] = r.state;
  o["state_label"] = state ? std::string(domain::ReportStateLabel(*state)) : r.state;
  o["return_reason"] = OrNull(r.return_reason);
  o["accepted_amount"] = OrNull(r.accepted_amount);
  o["revision"] = r.revision;
  o["version"] = r.version;
  o["updated_at"] = r.updated_at;
  o["submitted_at"] = OrNull(r.submitted_at);
  o["reviewed_at"] = OrNull(r.reviewed_at);
  return o;
}

// The derived figures of a project at `at`, with the warnings they raise.
json::object FiguresJson(const std::vector<domain::PeriodAmount>& amounts,
                         const std::optional<store::OpeningBalanceRow>& opening, const Period& at, Fen plan,
                         Fen total) {
  std::optional<domain::OpeningBalance> ob;
  if (opening) {
    if (auto through = domain::ParsePeriod(opening->through)) ob = domain::OpeningBalance{*through, opening->amount};
  }
  const domain::DerivedFigures f = domain::Derive(amounts, ob, at, plan, total);
  json::array warnings;
  for (const auto& w : domain::ReportWarnings(f, plan, total)) warnings.push_back(json::string(w));
  return json::object{{"period_amount", f.period_amount},
                      {"year_to_date", f.year_to_date},
                      {"since_start", f.since_start},
                      {"annual_rate", RatioJson(f.annual_rate)},
                      {"total_rate", RatioJson(f.total_rate)},
                      {"warnings", std::move(warnings)}};
}

std::map<int64_t, std::vector<domain::PeriodAmount>> AmountsByProject(const std::vector<store::AcceptedAmount>& rows) {
  std::map<int64_t, std::vector<domain::PeriodAmount>> out;
  for (const auto& a : rows) {
    if (auto p = domain::ParsePeriod(a.period)) out[a.project_id].push_back({*p, a.amount});
  }
  return out;
}

json::object PeriodJson(const Context& ctx, const Period& p, const store::PeriodState& st) {
  const int64_t deadline = st.deadline_at.value_or(domain::DeadlineUnix(p, ReportDeadlines(ctx)));
  return json::object{{"period", domain::FormatPeriod(p)},
                      {"label", domain::PeriodLabel(p)},
                      {"kind", p.kind == Period::Kind::kMonth ? "month" : "week"},
                      {"deadline_at", FormatTimestamp(deadline)},
                      {"overdue", NowUnix() > deadline},
                      {"locked", st.locked}};
}

// The typed fields of a report from a request object; errors by field, prefixed for a batch.
ReportFields ReadReportFields(FieldReader& in) {
  ReportFields f;
  f.amount = in.Int("amount", 0, -(INT64_MAX / 4), INT64_MAX / 4);
  if (!in.Has("amount")) in.Fail("amount", "必填(本期完成投资,单位:分)");
  f.correction = in.Bool("correction", false);
  f.correction_reason = in.OptionalString("correction_reason", 500);
  f.progress_text = in.OptionalString("progress_text", 1000);
  f.physical_percent = in.OptionalInt("physical_percent");
  f.problems = in.OptionalString("problems", 2000);
  f.stats_amount = in.OptionalInt("stats_amount", 0, INT64_MAX / 4);
  domain::ReportInput input{f.amount, f.correction, f.correction_reason.value_or(""),
                            f.physical_percent ? std::optional<int>(static_cast<int>(*f.physical_percent)) : std::nullopt};
  for (const auto& [field, message] : domain::CheckReportInput(input)) in.Fail(field, message);
  if (!f.correction) f.correction_reason.reset();
  return f;
}

// {period, submit} of a grid save or a sheet commit: a period that has begun, and whether
// the rows are submitted too.
struct BatchTarget {
  Period period;
  bool submit = false;
};

StatusOr<BatchTarget> ReadBatchTarget(const json::object& body) {
  FieldReader in(body);
  const std::string period_text = in.RequiredString("period", 10);
  const bool submit = in.Bool("submit", false);
  RETURN_IF_ERROR(in.status());
  ASSIGN_OR_RETURN(Period period, ReadPeriod(period_text));
  RETURN_IF_ERROR(CheckStarted(period));
  return BatchTarget{period, submit};
}

// Decides a change to a project's report in `period` from the state it was read in.
StatusOr<store::ReportWrite> Decide(const std::optional<Report>& current, int64_t project_id, const Period& period,
                                    ReportAction action, std::optional<ReportFields> fields,
                                    std::optional<int64_t> version, std::optional<std::string> reason) {
  std::optional<domain::ReportState> state;
  if (current) state = domain::ParseReportState(current->state);
  const domain::ReportStep step = domain::StepReport(state, action);
  if (!step.error.empty()) return Status::Conflict("report.state", step.error);
  if (current && (!version || *version != current->version)) {
    return Status::Conflict("report.stale", "该期填报已被他人修改,请刷新后重试");
  }
  store::ReportWrite w;
  w.project_id = project_id;
  w.period = domain::FormatPeriod(period);
  w.counted_month = domain::FormatPeriod(domain::MonthCountedIn(period));
  w.version = current ? std::optional<int64_t>(current->version) : std::nullopt;
  w.action = std::string(domain::ReportActionName(action));
  w.next_state = std::string(domain::ReportStateName(step.next));
  w.new_revision = step.new_revision;
  w.fields = std::move(fields);
  w.reason = std::move(reason);
  return w;
}

json::object PhotoJson(const store::ReportPhoto& p) {
  const std::string url = "/api/v1/report-photos/" + std::to_string(p.id);
  return json::object{{"id", p.id},
                      {"file_name", p.file_name},
                      {"size", p.size},
                      {"url", url},
                      {"thumb_url", url + "?thumb=1"},
                      {"created_at", p.created_at}};
}

// One project's report in a period, with its revisions, figures and the period's state.
StatusOr<json::object> ProjectReportJson(Context& ctx, const store::Project& project, const Period& period) {
  const std::string key = domain::FormatPeriod(period);
  ASSIGN_OR_RETURN(auto report, ctx.svc.reports.Find(project.id, key));
  ASSIGN_OR_RETURN(auto period_state, ctx.svc.reports.Period(key));
  ASSIGN_OR_RETURN(auto accepted, ctx.svc.reports.Accepted({project.id}));
  ASSIGN_OR_RETURN(auto opening, ctx.svc.reports.Opening(project.id));
  ASSIGN_OR_RETURN(auto plan, ctx.svc.reports.AnnualPlan(project.id, domain::MonthCountedIn(period).year));
  json::array revisions;
  if (report) {
    ASSIGN_OR_RETURN(auto revs, ctx.svc.reports.Revisions(report->id));
    for (const auto& v : revs) {
      json::object o = FieldsJson(v.fields);
      const auto st = domain::ParseReportState(v.state);
      o["revision"] = v.revision;
      o["action"] = v.action;
      o["state"] = v.state;
      o["state_label"] = st ? std::string(domain::ReportStateLabel(*st)) : v.state;
      o["reason"] = OrNull(v.reason);
      o["user_name"] = OrNull(v.user_name);
      o["created_at"] = v.created_at;
      revisions.push_back(std::move(o));
    }
  }
  json::array photos;
  if (report) {
    ASSIGN_OR_RETURN(auto list, ctx.svc.reports.Photos(report->id));
    for (const auto& ph : list) photos.push_back(PhotoJson(ph));
  }
  // The supervision items raised from this report's problems (转督办), linked both ways.
  json::array items;
  if (report) {
    ASSIGN_OR_RETURN(auto links, ctx.svc.supervision.ForReport(report->id));
    for (const auto& l : links) {
      items.push_back(json::object{
          {"id", l.id},
          {"number", OrNull(l.number)},
          {"title", l.title},
          {"status", l.status},
          {"status_label", std::string(domain::StatusLabel(*domain::ParseStatus(l.status)))}});
    }
  }
  json::object out{
      {"photos", std::move(photos)},
      {"supervision_items", std::move(items)},
      {"project", json::object{{"id", project.id},
                               {"code", OrNull(project.code)},
                               {"name", project.name},
                               {"stage", project.stage},
                               {"lead_unit_id", OrNull(project.lead_unit_id)},
                               {"lead_unit_name", OrNull(project.lead_unit_name)},
                               {"total_investment", project.total_investment}}},
      {"period", PeriodJson(ctx, period, period_state)},
      {"report", report ? json::value(ReportJson(*report)) : json::value(nullptr)},
      {"annual_plan", OrNull(plan)},
      {"opening", opening ? json::value(json::object{{"through", opening->through}, {"amount", opening->amount}})
                          : json::value(nullptr)},
      {"figures", FiguresJson(AmountsByProject(accepted)[project.id], opening, period, plan.value_or(0),
                              project.total_investment)},
      {"revisions", std::move(revisions)}};
  return out;
}

// Applies `action` to one project's report, from the route's project and period.
StatusOr<http::Response> ActOnReport(Context& ctx, ReportAction action) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  ASSIGN_OR_RETURN(Period period, ReadPeriod(ctx.req.Param("period")));
  ASSIGN_OR_RETURN(json::object body, ParseObject(ctx.req));
  ASSIGN_OR_RETURN(auto project, AccessibleProject(ctx, id));
  if (!domain::ReportsProgress(project.stage)) {
    return Status::Invalid({{"project", "只有前期、在建或停缓建的项目填报进度"}});
  }
  RETURN_IF_ERROR(CheckStarted(period));
  FieldReader in(body);
  std::optional<ReportFields> fields;
  // Saving always carries the fields; a submit may carry them (fill and submit at once).
  if (action == ReportAction::kSave || (action == ReportAction::kSubmit && in.Has("amount"))) {
    fields = ReadReportFields(in);
  }
  const std::optional<int64_t> version = in.OptionalInt("version", 1);
  std::optional<std::string> reason;
  if (action == ReportAction::kReturn) {
    reason = in.RequiredString("reason", 500);
  }
  RETURN_IF_ERROR(in.status());
  ASSIGN_OR_RETURN(auto current, ctx.svc.reports.Find(id, domain::FormatPeriod(period)));
  if (action == ReportAction::kSubmit && !current && !fields) {
    return Status::Invalid({{"amount", "必填(本期完成投资,单位:分)"}});
  }
  ASSIGN_OR_RETURN(store::ReportWrite w, Decide(current, id, period, action, std::move(fields), version, reason));
  RETURN_IF_ERROR(ctx.svc.reports.Write({w}, ctx.me().user.id).status());
  ASSIGN_OR_RETURN(json::object out, ProjectReportJson(ctx, project, period));
  return JsonResponse(out);
}

}  // namespace

StatusOr<http::Response> ListPeriods(Context& ctx) {
  ASSIGN_OR_RETURN(auto year, QueryInt(ctx.req, "year"));
  const ChinaTime now = ToChinaTime(NowUnix());
  const int y = static_cast<int>(year.value_or(now.year));
  if (y < 2000 || y > 2100) return Status::Invalid({{"year", "年份应在 2000 到 2100 之间"}});
  const bool weeks = ctx.req.Query("kind") == "week";
  std::vector<Period> periods;
  if (weeks) {
    for (int w = 1; w <= domain::IsoWeeksInYear(y); ++w) periods.push_back({Period::Kind::kWeek, y, w});
  } else {
    for (int m = 1; m <= 12; ++m) periods.push_back(domain::MonthOf(y, m));
  }
  std::vector<std::string> keys;
  for (const auto& p : periods) keys.push_back(domain::FormatPeriod(p));
  ASSIGN_OR_RETURN(auto states, ctx.svc.reports.Periods(keys));
  json::array items;
  for (size_t i = 0; i < periods.size(); ++i) items.push_back(PeriodJson(ctx, periods[i], states[i]));
  // The period being reported now: the last month (or week) that has ended.
  const Period current = weeks ? domain::PreviousPeriod(domain::IsoWeekOf(now.year, now.month, now.day))
                               : domain::PreviousPeriod(domain::MonthOf(now.year, now.month));
  return JsonResponse(json::object{{"items", std::move(items)}, {"current", domain::FormatPeriod(current)}});
}

StatusOr<http::Response> GetPeriod(Context& ctx) {
  ASSIGN_OR_RETURN(Period p, ReadPeriod(ctx.req.Param("period")));
  const std::string key = domain::FormatPeriod(p);
  ASSIGN_OR_RETURN(auto st, ctx.svc.reports.Period(key));
  ASSIGN_OR_RETURN(auto events, ctx.svc.reports.PeriodEvents(key));
  json::object out = PeriodJson(ctx, p, st);
  json::array ev;
  for (const auto& e : events) {
    ev.push_back(json::object{{"action", e.action},
                              {"reason", OrNull(e.reason)},
                              {"user_name", OrNull(e.user_name)},
                              {"created_at", e.created_at}});
  }
  out["events"] = std::move(ev);
  return JsonResponse(out);
}

StatusOr<http::Response> LockPeriod(Context& ctx) {
  ASSIGN_OR_RETURN(Period p, ReadPeriod(ctx.req.Param("period")));
  ASSIGN_OR_RETURN(json::object body, ParseObject(ctx.req));
  FieldReader in(body);
  const auto reason = in.OptionalString("reason", 500);
  RETURN_IF_ERROR(in.status());
  // A month's red/yellow/green is frozen, and its escalations recorded, as they read when the
  // month is first locked.
  std::vector<store::InTransaction> freeze;
  if (p.kind == Period::Kind::kMonth) {
    ASSIGN_OR_RETURN(auto rules, ctx.svc.statuses.Rules());
    freeze.push_back(
        ctx.svc.statuses.Freezer(domain::FormatPeriod(p), p.year, StatusComputer(ctx, p, std::move(rules))));
    freeze.push_back(EscalationRecorder(ctx, p));
  }
  RETURN_IF_ERROR(ctx.svc.reports.SetLocked(domain::FormatPeriod(p), true, reason, ctx.me().user.id, freeze));
  // The period's ledger figures as they read now, for its ledgers and briefings (ledger_data.h).
  // Reports cannot change while the period is locked, so taking them just after the lock's
  // transaction reads the same; should it fail, the period's first ledger takes them.
  if (Status s = TakeSnapshot(ctx, p); !s.ok()) {
    spdlog::warn("snapshot of {} not taken at lock: {}", domain::FormatPeriod(p), s.message());
  }
  return GetPeriod(ctx);
}

StatusOr<http::Response> UnlockPeriod(Context& ctx) {
  ASSIGN_OR_RETURN(Period p, ReadPeriod(ctx.req.Param("period")));
  ASSIGN_OR_RETURN(json::object body, ParseObject(ctx.req));
  FieldReader in(body);
  const std::string reason = in.RequiredString("reason", 500);
  RETURN_IF_ERROR(in.status());
  RETURN_IF_ERROR(ctx.svc.reports.SetLocked(domain::FormatPeriod(p), false, reason, ctx.me().user.id));
  return GetPeriod(ctx);
}

// The period grid: ?period=2026-03 (default: the period being reported now), unit_id, state
// (repeatable; "none" = not started), q, missing=1, page, page_size (default 500).
StatusOr<http::Response> ReportGrid(Context& ctx) {
  ASSIGN_OR_RETURN(Period period, QueryPeriod(ctx));
  ASSIGN_OR_RETURN(auto unit, QueryInt(ctx.req, "unit_id"));
  ASSIGN_OR_RETURN(store::ReportGridFilter f, ScopedFilterFor(ctx, period, unit));
  ASSIGN_OR_RETURN(f.page, ReadPage(ctx.req, 500));
  for (const auto& s : ctx.req.QueryList("state")) {
    if (s != "none" && !domain::ParseReportState(s)) {
      return Status::Invalid({{"state", "应为 none、draft、submitted、accepted 或 returned"}});
    }
    f.states.push_back(s);
  }
  f.q = std::string(ctx.req.Query("q").value_or(""));
  f.missing_only = ctx.req.Query("missing") == "1" || ctx.req.Query("missing") == "true";
  ASSIGN_OR_RETURN(auto page, ctx.svc.reports.Grid(f));
  std::vector<int64_t> ids;
  for (const auto& r : page.items) ids.push_back(r.project_id);
  ASSIGN_OR_RETURN(auto accepted, ctx.svc.reports.Accepted(ids));
  auto amounts = AmountsByProject(accepted);
  ASSIGN_OR_RETURN(auto period_state, ctx.svc.reports.Period(f.period));
  json::array items;
  for (const auto& r : page.items) {
    const auto stage = domain::ParseStage(r.stage);
    items.push_back(json::object{
        {"project", json::object{{"id", r.project_id},
                                 {"code", OrNull(r.code)},
                                 {"name", r.name},
                                 {"level", r.level},
                                 {"stage", r.stage},
                                 {"stage_label", stage ? std::string(domain::StageLabel(*stage)) : r.stage},
                                 {"lead_unit_id", OrNull(r.lead_unit_id)},
                                 {"lead_unit_name", OrNull(r.lead_unit_name)},
                                 {"total_investment", r.total_investment}}},
        {"annual_plan", OrNull(r.annual_plan)},
        {"report", r.report ? json::value(ReportJson(*r.report)) : json::value(nullptr)},
        {"figures", FiguresJson(amounts[r.project_id], r.opening, period, r.annual_plan.value_or(0), r.total_investment)}});
  }
  return JsonResponse(json::object{{"period", PeriodJson(ctx, period, period_state)},
                                   {"items", std::move(items)},
                                   {"total", page.total}});
}

StatusOr<http::Response> GetProjectReport(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  ASSIGN_OR_RETURN(Period period, ReadPeriod(ctx.req.Param("period")));
  ASSIGN_OR_RETURN(auto project, AccessibleProject(ctx, id));
  ASSIGN_OR_RETURN(json::object out, ProjectReportJson(ctx, project, period));
  return JsonResponse(out);
}

// Every report of a project, newest period first, with the figures at each.
StatusOr<http::Response> ListProjectReports(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  ASSIGN_OR_RETURN(auto project, AccessibleProject(ctx, id));
  ASSIGN_OR_RETURN(auto reports, ctx.svc.reports.ForProject(id));
  ASSIGN_OR_RETURN(auto accepted, ctx.svc.reports.Accepted({id}));
  ASSIGN_OR_RETURN(auto opening, ctx.svc.reports.Opening(id));
  auto amounts = AmountsByProject(accepted);
  std::map<int, std::optional<Fen>> plans;
  json::array items;
  for (const auto& r : reports) {
    auto period = domain::ParsePeriod(r.period);
    if (!period) continue;
    const int year = domain::MonthCountedIn(*period).year;
    if (!plans.count(year)) {
      ASSIGN_OR_RETURN(plans[year], ctx.svc.reports.AnnualPlan(id, year));
    }
    json::object o = ReportJson(r);
    o["figures"] = FiguresJson(amounts[id], opening, *period, plans[year].value_or(0), project.total_investment);
    items.push_back(std::move(o));
  }
  return JsonResponse(json::object{
      {"items", std::move(items)},
      {"opening", opening ? json::value(json::object{{"through", opening->through}, {"amount", opening->amount}})
                          : json::value(nullptr)}});
}

StatusOr<http::Response> SaveReport(Context& ctx) { return ActOnReport(ctx, ReportAction::kSave); }
StatusOr<http::Response> SubmitReport(Context& ctx) { return ActOnReport(ctx, ReportAction::kSubmit); }
StatusOr<http::Response> AcceptReport(Context& ctx) { return ActOnReport(ctx, ReportAction::kAccept); }
StatusOr<http::Response> ReturnReport(Context& ctx) { return ActOnReport(ctx, ReportAction::kReturn); }

namespace {

// One row of a grid save or a template upload, read and checked.
struct BatchRow {
  std::string prefix;  // how errors name the row: "items.3." or "第5行 "
  int64_t project_id = 0;
  ReportFields fields;
  std::optional<int64_t> version;  // nullopt: the version read now (a template carries none)
};

// What a batch does to each row: "create", "update", "unchanged", or an error.
struct BatchDecision {
  std::string action;
  std::string name;  // the project's
  std::optional<store::ReportWrite> write;
};

// Decides every row against the reports as they are now. Errors go to `errors` by row and
// field; a row of another unit's project refuses the whole batch (403).
StatusOr<std::vector<BatchDecision>> DecideBatch(Context& ctx, const Period& period, bool submit,
                                                 const std::vector<BatchRow>& rows,
                                                 std::map<std::string, std::string>& errors) {
  ASSIGN_OR_RETURN(auto scope, UnitScope(ctx));
  const std::string key = domain::FormatPeriod(period);
  std::set<int64_t> seen;
  std::vector<BatchDecision> out;
  for (const BatchRow& row : rows) {
    BatchDecision& d = out.emplace_back();
    d.action = "error";
    auto fail = [&](const std::string& field, const std::string& message) { errors[row.prefix + field] = message; };
    if (!seen.insert(row.project_id).second) {
      fail("project_id", "同一项目出现了两次");
      continue;
    }
    auto project = ctx.svc.projects.Get(row.project_id);
    if (!project.ok()) {
      fail("project_id", "项目不存在");
      continue;
    }
    d.name = project->name;
    if (!InUnitScope(scope, *project)) {
      return Status::PermissionDenied("project.forbidden", "“" + project->name + "”不属于本单位,无权填报");
    }
    if (!domain::ReportsProgress(project->stage)) {
      fail("project_id", "“" + project->name + "”不在前期、在建或停缓建阶段,无需填报");
      continue;
    }
    ASSIGN_OR_RETURN(auto current, ctx.svc.reports.Find(row.project_id, key));
    // Rows already submitted or accepted with the same figures are left alone: the grid
    // sends every row, and a template uploaded twice changes nothing.
    if (current && current->fields == row.fields &&
        (current->state == "accepted" || current->state == "submitted" || (!submit && current->state != "returned"))) {
      d.action = "unchanged";
      continue;
    }
    // A template carries no version: it is decided on the report as it is now.
    std::optional<int64_t> version = row.version;
    if (!version && current) version = current->version;
    auto w = Decide(current, row.project_id, period, submit ? ReportAction::kSubmit : ReportAction::kSave, row.fields,
                    version, std::nullopt);
    if (!w.ok()) {
      if (w.status().error_code() == "report.stale") return w.status();
      fail("amount", "“" + project->name + "”:" + w.status().message());
      continue;
    }
    d.action = current ? "update" : "create";
    d.write = std::move(*w);
  }
  return out;
}

// Writes the decided rows in one transaction; counts by action.
StatusOr<json::object> WriteBatch(Context& ctx, std::vector<BatchDecision>& decisions) {
  std::vector<store::ReportWrite> writes;
  std::map<std::string, int64_t> counts;
  for (auto& d : decisions) {
    ++counts[d.action];
    if (d.write) writes.push_back(std::move(*d.write));
  }
  std::vector<Report> written;
  if (!writes.empty()) {
    ASSIGN_OR_RETURN(written, ctx.svc.reports.Write(writes, ctx.me().user.id));
  }
  json::array items;
  for (const auto& r : written) items.push_back(ReportJson(r));
  return json::object{{"saved", written.size()},
                      {"created", counts["create"]},
                      {"updated", counts["update"]},
                      {"unchanged", counts["unchanged"]},
                      {"items", std::move(items)}};
}

}  // namespace

// The grid saved at once: {period, submit, items: [{project_id, version, amount, …}]}, one
// transaction; errors name the row ("items.3.amount").
StatusOr<http::Response> SaveReportBatch(Context& ctx) {
  ASSIGN_OR_RETURN(json::object body, ParseObject(ctx.req));
  ASSIGN_OR_RETURN(const BatchTarget target, ReadBatchTarget(body));
  const auto& [period, submit] = target;
  const json::value* raw = body.if_contains("items");
  if (!raw || !raw->is_array() || raw->as_array().empty()) return Status::Invalid({{"items", "应为非空数组"}});
  if (raw->as_array().size() > kMaxBatchItems) {
    return Status::TooLarge("report.batch_too_large", fmt::format("一次最多保存 {} 个项目", kMaxBatchItems));
  }
  std::map<std::string, std::string> errors;
  std::vector<BatchRow> rows;
  for (size_t i = 0; i < raw->as_array().size(); ++i) {
    const std::string prefix = fmt::format("items.{}.", i);
    const json::object* item = raw->as_array()[i].if_object();
    if (!item) {
      errors[prefix + "project_id"] = "应为对象";
      continue;
    }
    FieldReader row(*item);
    BatchRow r;
    r.prefix = prefix;
    r.project_id = row.Int("project_id", 0, 1);
    if (!row.Has("project_id")) row.Fail("project_id", "必填");
    r.fields = ReadReportFields(row);
    r.version = row.OptionalInt("version", 1);
    if (!row.ok()) {
      const Status st = row.status();
      for (const auto& [f, m] : st.fields()) errors[prefix + f] = m;
      continue;
    }
    rows.push_back(std::move(r));
  }
  ASSIGN_OR_RETURN(auto decisions, DecideBatch(ctx, period, submit, rows, errors));
  if (!errors.empty()) return Status::Invalid(errors);
  ASSIGN_OR_RETURN(json::object out, WriteBatch(ctx, decisions));
  return JsonResponse(out);
}

// Who has not reported for a period (no report, or a draft or returned one): the projects,
// and the units with how many each.
StatusOr<http::Response> MissingReports(Context& ctx) {
  ASSIGN_OR_RETURN(Period period, QueryPeriod(ctx));
  ASSIGN_OR_RETURN(store::ReportGridFilter f, ScopedFilterFor(ctx, period, std::nullopt));
  ASSIGN_OR_RETURN(auto missing, ctx.svc.reports.Missing(f));
  ASSIGN_OR_RETURN(auto period_state, ctx.svc.reports.Period(f.period));
  struct UnitCount {
    std::string name;
    int64_t count = 0;
  };
  std::map<int64_t, UnitCount> units;
  json::array projects;
  for (const auto& r : missing) {
    projects.push_back(json::object{{"id", r.project_id},
                                    {"code", OrNull(r.code)},
                                    {"name", r.name},
                                    {"lead_unit_id", OrNull(r.lead_unit_id)},
                                    {"lead_unit_name", OrNull(r.lead_unit_name)},
                                    {"state", OrNull(r.state)}});
    auto& u = units[r.lead_unit_id.value_or(0)];
    u.name = r.lead_unit_name.value_or("未指定责任单位");
    ++u.count;
  }
  json::array unit_rows;
  for (const auto& [id, u] : units) {
    unit_rows.push_back(json::object{{"unit_id", id ? json::value(id) : json::value(nullptr)},
                                     {"unit_name", u.name},
                                     {"count", u.count}});
  }
  return JsonResponse(json::object{{"period", PeriodJson(ctx, period, period_state)},
                                   {"projects", std::move(projects)},
                                   {"units", std::move(unit_rows)},
                                   {"total", missing.size()}});
}

// 催报: a message to the users of every unit with missing reports for the period.
StatusOr<http::Response> RemindMissingReports(Context& ctx) {
  ASSIGN_OR_RETURN(json::object body, ParseObject(ctx.req));
  FieldReader in(body);
  const std::string period_text = in.RequiredString("period", 10);
  RETURN_IF_ERROR(in.status());
  ASSIGN_OR_RETURN(Period period, ReadPeriod(period_text));
  store::ReportGridFilter f = FilterFor(period);
  ASSIGN_OR_RETURN(auto missing, ctx.svc.reports.Missing(f));
  std::map<int64_t, int64_t> per_unit;
  for (const auto& r : missing) {
    if (r.lead_unit_id) ++per_unit[*r.lead_unit_id];
    if (r.owner_unit_id && r.owner_unit_id != r.lead_unit_id) ++per_unit[*r.owner_unit_id];
  }
  const int64_t deadline = domain::DeadlineUnix(period, ReportDeadlines(ctx));
  int64_t users = 0;
  for (const auto& [unit_id, count] : per_unit) {
    store::NewNotification n;
    n.kind = "report_reminder";
    n.title = fmt::format("请尽快填报{}项目进度", domain::PeriodLabel(period));
    n.body = fmt::format("本单位有 {} 个项目尚未报送{}进度,截止时间 {}。", count, domain::PeriodLabel(period),
                         DeadlineText(deadline));
    n.link = "/reports?period=" + f.period;
    ASSIGN_OR_RETURN(int64_t sent, ctx.svc.notifications.SendToUnitUsers({unit_id}, n, ctx.me().user.id));
    users += sent;
  }
  return JsonResponse(json::object{{"units", per_unit.size()}, {"users", users}});
}

// {weekly: true|false}: the project reports by ISO week (in the week grids) instead of by month.
StatusOr<http::Response> SetProjectReporting(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  ASSIGN_OR_RETURN(json::object body, ParseObject(ctx.req));
  ASSIGN_OR_RETURN(auto project, AccessibleProject(ctx, id));
  FieldReader in(body);
  if (!in.Has("weekly")) in.Fail("weekly", "必填(true:按周填报;false:按月填报)");
  const bool weekly = in.Bool("weekly", false);
  RETURN_IF_ERROR(in.status());
  RETURN_IF_ERROR(ctx.svc.projects.SetWeeklyReporting(project.id, weekly));
  return JsonResponse(json::object{{"project_id", project.id}, {"weekly", weekly}});
}

StatusOr<http::Response> SetProjectOpening(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  ASSIGN_OR_RETURN(json::object body, ParseObject(ctx.req));
  ASSIGN_OR_RETURN(auto project, AccessibleProject(ctx, id));
  FieldReader in(body);
  const std::string through = in.RequiredString("through", 7);
  const int64_t amount = in.Int("amount", 0, 0, INT64_MAX / 4);
  if (!in.Has("amount")) in.Fail("amount", "必填(开工至该月末累计完成投资,单位:分)");
  auto p = domain::ParsePeriod(through);
  if (!through.empty() && (!p || p->kind != Period::Kind::kMonth)) in.Fail("through", "应为月份 YYYY-MM");
  RETURN_IF_ERROR(in.status());
  RETURN_IF_ERROR(ctx.svc.reports.SetOpening(project.id, {through, amount}, ctx.me().user.id));
  return JsonResponse(json::object{{"through", through}, {"amount", amount}});
}

StatusOr<http::Response> ListNotifications(Context& ctx) {
  // A new red reaches its unit through here (the bell polls it).
  RETURN_IF_ERROR(SyncWarnings(ctx));
  ASSIGN_OR_RETURN(auto result, ctx.svc.notifications.ForUser(ctx.me().user.id, 50));
  json::array items;
  for (const auto& n : result.first) {
    items.push_back(json::object{{"id", n.id},
                                 {"kind", n.kind},
                                 {"title", n.title},
                                 {"body", OrNull(n.body)},
                                 {"link", OrNull(n.link)},
                                 {"read", n.read_at.has_value()},
                                 {"created_at", n.created_at}});
  }
  return JsonResponse(json::object{{"items", std::move(items)}, {"unread", result.second}});
}

StatusOr<http::Response> ReadNotification(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  RETURN_IF_ERROR(ctx.svc.notifications.MarkRead(ctx.me().user.id, id));
  return JsonResponse(json::object{{"id", id}, {"read", true}});
}

namespace {

// The grid of a period for the signed-in user (and a unit, if chosen), every row.
StatusOr<store::Page<store::ReportGridRow>> WholeGrid(Context& ctx, const Period& period,
                                                      std::optional<int64_t> unit_id) {
  ASSIGN_OR_RETURN(store::ReportGridFilter f, ScopedFilterFor(ctx, period, unit_id));
  f.page = {1, 100000};
  return ctx.svc.reports.Grid(f);
}

// What a sheet column is called in messages.
std::string SheetLabel(const std::string& field) {
  static const std::map<std::string, std::string> kLabels = {
      {"amount", "本期完成投资"},       {"physical_percent", "形象进度(%)"}, {"progress_text", "形象进度"},
      {"problems", "存在问题"},         {"stats_amount", "入库口径"},       {"correction_reason", "冲减原因"},
      {"project_id", "项目"}};
  auto it = kLabels.find(field);
  return it == kLabels.end() ? field : it->second;
}

struct SheetRead {
  std::vector<BatchRow> rows;
  std::map<int, std::string> names;         // sheet row → project name as written
  std::map<std::string, std::string> errors;  // "<sheet row>.<field>" → message
  int blank = 0;                            // rows with nothing in 本期完成投资
};

// Reads a filled period sheet: the header row by its column names, each project by 项目代码
// or else 项目名称 among the projects the user reports for in the period.
StatusOr<SheetRead> ReadSheet(Context& ctx, const std::string& bytes, const Period& period) {
  ASSIGN_OR_RETURN(auto book, xlsx::Workbook::OpenBuffer(std::string_view(bytes)));
  ASSIGN_OR_RETURN(auto contents, book->ReadAll());
  std::map<std::string, int> col;
  size_t header = 0;
  for (; header < contents.rows.size() && header < 20; ++header) {
    col.clear();
    const auto& cells = contents.rows[header].cells;
    for (size_t c = 0; c < cells.size(); ++c) {
      std::string t(TrimSpace(cells[c].text));
      for (const char* h : report::kReportSheetHeaders) {
        if (t == h || (t.starts_with(h) && t.find("万元") != std::string::npos)) col.emplace(h, static_cast<int>(c));
      }
    }
    if (col.count("项目名称") && col.count("本期完成投资")) break;
  }
  if (header >= contents.rows.size() || header >= 20) {
    return Status::InvalidArgument("import.no_header", "没有找到表头:应有“项目名称”和“本期完成投资”两列,请使用下载的填报表");
  }
  ASSIGN_OR_RETURN(auto grid, WholeGrid(ctx, period, std::nullopt));
  std::map<std::string, int64_t> by_code, by_name;
  for (const auto& r : grid.items) {
    if (r.code) by_code[*r.code] = r.project_id;
    by_name[r.name] = r.project_id;
  }
  SheetRead out;
  for (size_t i = header + 1; i < contents.rows.size(); ++i) {
    const xlsx::Row& row = contents.rows[i];
    auto cell = [&](const char* name) -> std::string {
      auto it = col.find(name);
      if (it == col.end() || static_cast<size_t>(it->second) >= row.cells.size()) return "";
      return std::string(TrimSpace(row.cells[it->second].text));
    };
    const std::string name = cell("项目名称"), code = cell("项目代码"), amount = cell("本期完成投资");
    if (name.empty() && code.empty()) continue;
    const std::string prefix = fmt::format("{}.", row.index);
    out.names[row.index] = name;
    if (amount.empty()) {
      ++out.blank;
      continue;
    }
    BatchRow b;
    b.prefix = prefix;
    auto fail = [&](const std::string& field, const std::string& message) { out.errors[prefix + field] = message; };
    if (!code.empty() && by_code.count(code)) b.project_id = by_code[code];
    else if (by_name.count(name)) b.project_id = by_name[name];
    else {
      fail("project_id", "“" + name + "”不在本期应填报的项目中");
      continue;
    }
    const auto fen = ParseAmount(amount, MoneyUnit::kWanYuan);
    if (!fen) fail("amount", "“" + amount + "”不是数字");
    else b.fields.amount = *fen;
    if (auto t = cell("形象进度"); !t.empty()) b.fields.progress_text = t;
    if (auto t = cell("存在问题"); !t.empty()) b.fields.problems = t;
    if (auto t = cell("形象进度(%)"); !t.empty()) {
      auto n = xlsx::ParseNumber(t);
      if (!n || *n != static_cast<double>(static_cast<int64_t>(*n))) fail("physical_percent", "“" + t + "”应为 0 到 100 的整数");
      else b.fields.physical_percent = static_cast<int64_t>(*n);
    }
    if (auto t = cell("入库口径"); !t.empty()) {
      auto v = ParseAmount(t, MoneyUnit::kWanYuan);
      if (!v || *v < 0) fail("stats_amount", "“" + t + "”不是有效金额");
      else b.fields.stats_amount = *v;
    }
    domain::ReportInput input{b.fields.amount, false, "",
                              b.fields.physical_percent ? std::optional<int>(static_cast<int>(*b.fields.physical_percent))
                                                        : std::nullopt};
    for (const auto& [field, message] : domain::CheckReportInput(input)) {
      if (!out.errors.count(prefix + field)) fail(field, message);
    }
    out.rows.push_back(std::move(b));
  }
  return out;
}

// Errors by sheet row: {row: [{field, label, message}]}.
json::object SheetErrorsJson(const std::map<std::string, std::string>& errors) {
  std::map<int, json::array> by_row;
  for (const auto& [key, message] : errors) {
    const size_t dot = key.find('.');
    const int row = std::atoi(key.substr(0, dot).c_str());
    const std::string field = key.substr(dot + 1);
    by_row[row].push_back(json::object{{"field", field}, {"label", SheetLabel(field)}, {"message", message}});
  }
  json::object out;
  for (auto& [row, list] : by_row) out[std::to_string(row)] = std::move(list);
  return out;
}

// Reads and decides an uploaded sheet: the preview, or what a commit writes.
struct SheetPlan {
  SheetRead read;
  std::vector<BatchDecision> decisions;
};

StatusOr<SheetPlan> PlanSheet(Context& ctx, const std::string& bytes, const Period& period, bool submit) {
  SheetPlan plan;
  ASSIGN_OR_RETURN(plan.read, ReadSheet(ctx, bytes, period));
  ASSIGN_OR_RETURN(plan.decisions, DecideBatch(ctx, period, submit, plan.read.rows, plan.read.errors));
  return plan;
}

json::object SheetPlanJson(const SheetPlan& plan, const std::string& import_id, const Period& period) {
  std::map<std::string, int64_t> counts;
  json::array rows;
  for (size_t i = 0; i < plan.read.rows.size(); ++i) {
    const BatchRow& r = plan.read.rows[i];
    const BatchDecision& d = plan.decisions[i];
    const int sheet_row = std::atoi(r.prefix.c_str());
    const bool bad = std::any_of(plan.read.errors.begin(), plan.read.errors.end(),
                                 [&](const auto& e) { return e.first.starts_with(r.prefix); });
    const std::string action = bad ? "error" : d.action;
    ++counts[action];
    rows.push_back(json::object{{"row", sheet_row},
                                {"project_id", r.project_id},
                                {"name", d.name.empty() ? plan.read.names.at(sheet_row) : d.name},
                                {"amount", r.fields.amount},
                                {"action", action}});
  }
  // Rows the sheet names but could not be read at all (unknown project).
  for (const auto& [key, message] : plan.read.errors) {
    const int sheet_row = std::atoi(key.c_str());
    const bool listed = std::any_of(plan.read.rows.begin(), plan.read.rows.end(),
                                    [&](const BatchRow& r) { return std::atoi(r.prefix.c_str()) == sheet_row; });
    if (listed) continue;
    ++counts["error"];
    rows.push_back(json::object{{"row", sheet_row},
                                {"project_id", nullptr},
                                {"name", plan.read.names.count(sheet_row) ? plan.read.names.at(sheet_row) : ""},
                                {"amount", nullptr},
                                {"action", "error"}});
  }
  return json::object{{"import_id", import_id},
                      {"period", domain::FormatPeriod(period)},
                      {"rows", std::move(rows)},
                      {"errors", SheetErrorsJson(plan.read.errors)},
                      {"summary", json::object{{"create", counts["create"]},
                                               {"update", counts["update"]},
                                               {"unchanged", counts["unchanged"]},
                                               {"error", counts["error"]},
                                               {"blank", plan.read.blank}}}};
}

}  // namespace

// The period sheet to fill: ?period=&unit_id=, with what is already reported.
StatusOr<http::Response> DownloadReportSheet(Context& ctx) {
  ASSIGN_OR_RETURN(Period period, QueryPeriod(ctx));
  ASSIGN_OR_RETURN(auto unit_id, QueryInt(ctx.req, "unit_id"));
  if (!unit_id && ctx.me().user.unit_id && ctx.me().role == domain::Role::kUnit) unit_id = ctx.me().user.unit_id;
  ASSIGN_OR_RETURN(auto grid, WholeGrid(ctx, period, unit_id));
  std::vector<int64_t> ids;
  for (const auto& r : grid.items) ids.push_back(r.project_id);
  ASSIGN_OR_RETURN(auto accepted, ctx.svc.reports.Accepted(ids));
  auto amounts = AmountsByProject(accepted);
  std::string unit_name = "全区";
  if (unit_id) {
    ASSIGN_OR_RETURN(auto unit, ctx.svc.units.Get(*unit_id));
    unit_name = unit.name;
  }
  ASSIGN_OR_RETURN(auto period_state, ctx.svc.reports.Period(domain::FormatPeriod(period)));
  report::ReportSheet sheet;
  sheet.title = unit_name + " " + domain::PeriodLabel(period) + " 重点项目进度填报表";
  sheet.subtitle = "填报截止:" + DeadlineText(period_state.deadline_at.value_or(domain::DeadlineUnix(period, ReportDeadlines(ctx)))) +
                   ";黄色为填报栏,金额单位万元";
  for (const auto& r : grid.items) {
    // 年初至上期累计: the year to date without the period's own amount (no opening balance
    // counts in the year to date).
    const domain::DerivedFigures f = domain::Derive(amounts[r.project_id], std::nullopt, period, 0, 0);
    report::ReportSheetRow row;
    row.code = r.code.value_or("");
    row.name = r.name;
    row.lead_unit = r.lead_unit_name.value_or("");
    row.annual_plan = r.annual_plan;
    row.year_to_date = f.year_to_date - f.period_amount;
    if (r.report) {
      row.amount = r.report->fields.amount;
      row.progress_text = r.report->fields.progress_text.value_or("");
      row.physical_percent = r.report->fields.physical_percent;
      row.problems = r.report->fields.problems.value_or("");
      row.stats_amount = r.report->fields.stats_amount;
      if (auto st = domain::ParseReportState(r.report->state)) row.state = std::string(domain::ReportStateLabel(*st));
    }
    sheet.rows.push_back(std::move(row));
  }
  ASSIGN_OR_RETURN(std::string bytes, report::ReportSheetXlsx(sheet));
  return http::Response::Download(std::move(bytes), kXlsxType,
                                  unit_name + "-" + domain::FormatPeriod(period) + "-进度填报表.xlsx");
}

// Upload of a filled sheet: ?period=&filename=; the preview, nothing written.
StatusOr<http::Response> UploadReportSheet(Context& ctx) {
  ASSIGN_OR_RETURN(Period period, ReadPeriod(ctx.req.Query("period").value_or("")));
  RETURN_IF_ERROR(CheckStarted(period));
  const std::string& bytes = ctx.req.body;
  if (bytes.empty()) return Status::Invalid({{"file", "文件为空"}});
  if (bytes.size() > kMaxSheetBytes) return Status::TooLarge("import.too_large", "填报表不能超过 5 MB");
  ASSIGN_OR_RETURN(SheetPlan plan, PlanSheet(ctx, bytes, period, false));
  ASSIGN_OR_RETURN(std::string sha, ctx.svc.blobs.Put(bytes));
  return JsonResponse(SheetPlanJson(plan, sha, period));
}

// {period, submit}: reads the kept upload again and writes it in one transaction; any bad
// row writes nothing.
StatusOr<http::Response> CommitReportSheet(Context& ctx) {
  ASSIGN_OR_RETURN(json::object body, ParseObject(ctx.req));
  ASSIGN_OR_RETURN(const BatchTarget target, ReadBatchTarget(body));
  const auto& [period, submit] = target;
  const std::string id(ctx.req.Param("import_id"));
  auto bytes = ctx.svc.blobs.Read(id);
  if (!bytes.ok()) return Status::NotFound("import.not_found", "导入文件不存在,请重新上传");
  ASSIGN_OR_RETURN(SheetPlan plan, PlanSheet(ctx, *bytes, period, submit));
  if (!plan.read.errors.empty()) {
    const auto& [key, message] = *plan.read.errors.begin();
    const size_t dot = key.find('.');
    return Status::InvalidArgument(
        "import.has_errors", fmt::format("有 {} 处错误,未导入任何数据。第一处:第 {} 行,{}:{}", plan.read.errors.size(),
                                         key.substr(0, dot), SheetLabel(key.substr(dot + 1)), message));
  }
  ASSIGN_OR_RETURN(json::object out, WriteBatch(ctx, plan.decisions));
  return JsonResponse(out);
}

// Photos of a report (jpg/png by content, at most 10 MB and 20 per report), while the report
// may still be changed: saved as a draft or returned, and the period not locked.
StatusOr<http::Response> UploadReportPhoto(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  ASSIGN_OR_RETURN(Period period, ReadPeriod(ctx.req.Param("period")));
  ASSIGN_OR_RETURN(auto project, AccessibleProject(ctx, id));
  const std::string name = CleanFileName(ctx.req.Query("filename").value_or(""));
  if (name.empty()) return Status::Invalid({{"filename", "缺少文件名"}});
  const std::string& bytes = ctx.req.body;
  if (bytes.empty()) return Status::Invalid({{"file", "文件为空"}});
  if (bytes.size() > kMaxPhotoBytes) return Status::TooLarge("photo.too_large", "照片不能超过 10 MB");
  const auto type = domain::DetectImageType(std::string_view(bytes).substr(0, 16));
  if (!type) return Status::Unsupported("photo.unsupported_type", "只接受 JPG 或 PNG 照片(按文件内容判断)");
  const std::string key = domain::FormatPeriod(period);
  ASSIGN_OR_RETURN(auto report, ctx.svc.reports.Find(project.id, key));
  if (!report) return Status::Conflict("report.not_found", "请先保存本期填报,再上传照片");
  if (report->state == "submitted" || report->state == "accepted") {
    return Status::Conflict("report.state", "已报送或已审核的填报不能再添加照片;如需修改请先保存修改");
  }
  ASSIGN_OR_RETURN(auto state, ctx.svc.reports.Period(key));
  if (state.locked) return Status::Conflict("period.locked", domain::PeriodLabel(period) + "已锁定,不能再修改");
  ASSIGN_OR_RETURN(auto existing, ctx.svc.reports.Photos(report->id));
  if (existing.size() >= kMaxPhotosPerReport) {
    return Status::Conflict("photo.too_many", fmt::format("每期最多上传 {} 张照片", kMaxPhotosPerReport));
  }
  ASSIGN_OR_RETURN(std::string thumb, media::JpegThumbnail(bytes, type->content_type));
  store::ReportPhoto photo;
  photo.report_id = report->id;
  ASSIGN_OR_RETURN(photo.sha256, ctx.svc.blobs.Put(bytes));
  ASSIGN_OR_RETURN(std::string thumb_sha, ctx.svc.blobs.Put(thumb));
  photo.thumb_sha256 = thumb_sha;
  photo.file_name = name;
  photo.mime = type->content_type;
  photo.size = static_cast<int64_t>(bytes.size());
  ASSIGN_OR_RETURN(auto added, ctx.svc.reports.AddPhoto(photo, ctx.me().user.id));
  return JsonResponse(PhotoJson(added), 201);
}

StatusOr<http::Response> DownloadReportPhoto(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  ASSIGN_OR_RETURN(auto photo, ctx.svc.reports.Photo(id));
  ASSIGN_OR_RETURN(auto project, AccessibleProject(ctx, photo.project_id));
  const bool thumb = ctx.req.Query("thumb") == "1" && photo.thumb_sha256;
  ASSIGN_OR_RETURN(std::string bytes, ctx.svc.blobs.Read(thumb ? *photo.thumb_sha256 : photo.sha256));
  return http::Response::Download(std::move(bytes), thumb ? "image/jpeg" : photo.mime,
                                  thumb ? "thumb-" + photo.file_name : photo.file_name);
}

StatusOr<http::Response> DeleteReportPhoto(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  ASSIGN_OR_RETURN(auto photo, ctx.svc.reports.Photo(id));
  ASSIGN_OR_RETURN(auto project, AccessibleProject(ctx, photo.project_id));
  ASSIGN_OR_RETURN(auto report, ctx.svc.reports.Find(project.id, photo.period));
  if (report && (report->state == "submitted" || report->state == "accepted")) {
    return Status::Conflict("report.state", "已报送或已审核的填报不能删除照片");
  }
  ASSIGN_OR_RETURN(auto state, ctx.svc.reports.Period(photo.period));
  if (state.locked) return Status::Conflict("period.locked", "该期已锁定,不能再修改");
  RETURN_IF_ERROR(ctx.svc.reports.DeletePhoto(id));
  return http::Response::NoContent();
}

}  // namespace tuijin::api
