// The supervision documents: an item's circulation sheet (督办流转单) as an A4 PDF, and the
// list as .xlsx (督办事项台账, or a task ledger's tasks).

#include <fmt/format.h>

#include "api/exports.h"
#include "api/handlers.h"
#include "api/json.h"
#include "api/supervision_common.h"
#include "base/time.h"
#include "report/supervision_list.h"
#include "report/supervision_sheet.h"

namespace tuijin::api {
namespace {

std::string Joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "、") + p;
  return out;
}

std::string UnitNames(const std::vector<store::UnitRef>& units) {
  std::vector<std::string> names;
  for (const auto& u : units) names.push_back(u.name);
  return Joined(names);
}

std::string ProjectNames(const std::vector<store::ProjectRef>& projects) {
  std::vector<std::string> names;
  for (const auto& p : projects) names.push_back(p.name);
  return Joined(names);
}

std::string NowMinutes() { return FormatTimestamp(NowUnix()).substr(0, 16).replace(10, 1, " "); }

}  // namespace

StatusOr<http::Response> SupervisionSheet(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  ASSIGN_OR_RETURN(auto item, AccessibleItem(ctx, id, nullptr));
  ASSIGN_OR_RETURN(SupervisionClock clock, LoadSupervisionClock(ctx));
  const json::object summary = SupervisionSummaryJson(item, clock);
  report::SupervisionSheet s;
  s.office = item.issuing_office;
  s.title = item.title;
  s.number = item.number ? *item.number : fmt::format("任务台账 第{}项", item.task_seq.value_or(0));
  s.category = item.category;
  s.source = std::string(summary.at("source_label").as_string());
  s.priority = std::string(summary.at("priority_label").as_string());
  s.status = std::string(summary.at("status_label").as_string());
  s.projects = ProjectNames(item.projects);
  s.lead_unit = item.lead_unit.name;
  s.co_units = UnitNames(item.co_units);
  s.issued_on = item.issued_on;
  s.deadline = item.deadline;
  s.original_deadline = item.original_deadline;
  s.description = item.description.value_or("");
  for (const auto& a : item.actions) {
    const std::string label = JournalLabel(a.action);
    std::string note = a.note.value_or("");
    if (a.deadline_after && a.deadline_before) {
      note += fmt::format("{}(时限 {} → {})", note.empty() ? "" : " ", *a.deadline_before, *a.deadline_after);
    }
    if (a.action == "create") note = "下发督办,办理时限 " + a.deadline_after.value_or(item.deadline);
    std::string actor = a.unit_name.value_or(item.issuing_office);
    if (a.user_name) actor += " " + *a.user_name;
    s.actions.push_back({a.created_at.substr(0, 16).replace(10, 1, " "), actor, label, note});
    if (a.action == "report_done") s.completion = a.note.value_or("");
    if (a.action == "verify") s.verification = a.note.value_or("核验办结");
    if (a.action == "return") s.verification = "退回:" + a.note.value_or("");
  }
  s.printed_at = NowMinutes();
  ASSIGN_OR_RETURN(std::string pdf, report::SupervisionSheetPdf(s));
  const std::string name = item.number ? fmt::format("督办流转单-{}.pdf", *item.number)
                                       : fmt::format("任务流转单-{}.pdf", item.task_seq.value_or(0));
  return http::Response::Download(std::move(pdf), "application/pdf", name);
}

StatusOr<http::Response> ExportSupervisionItems(Context& ctx) {
  ASSIGN_OR_RETURN(store::ItemFilter f, ReadSupervisionFilter(ctx));
  if (f.kind == "task" && f.sort == store::ItemSort::kDeadline) f.sort = store::ItemSort::kNumber;
  ASSIGN_OR_RETURN(auto items, ctx.svc.supervision.All(f, kMaxExportRows + 1));
  if (static_cast<int64_t>(items.size()) > kMaxExportRows) {
    return TooManyToExport();
  }
  ASSIGN_OR_RETURN(SupervisionClock clock, LoadSupervisionClock(ctx));
  report::SupervisionList list;
  list.tasks = f.kind == "task";
  std::string title = list.tasks ? "工作任务台账" : "督办事项台账";
  if (list.tasks && f.task_ledger_id) {
    ASSIGN_OR_RETURN(auto ledger, ctx.svc.task_ledgers.Get(*f.task_ledger_id, Today()));
    title = ledger.name;
  }
  list.title = fmt::format("{}(截至{})", title, Today());
  list.subtitle = ExportedAt();
  for (const auto& i : items) {
    const json::object j = SupervisionSummaryJson(i, clock);
    report::SupervisionListRow r;
    r.number = i.number.value_or("");
    r.task_seq = i.task_seq;
    r.area = i.area.value_or("");
    r.title = i.title;
    r.category = i.category;
    r.source = std::string(j.at("source_label").as_string());
    r.priority = std::string(j.at("priority_label").as_string());
    r.lead_unit = i.lead_unit.name;
    r.co_units = UnitNames(i.co_units);
    r.projects = ProjectNames(i.projects);
    r.issued_on = i.issued_on;
    r.deadline = i.deadline;
    r.status = std::string(j.at("status_label").as_string());
    r.overdue_days = j.at("overdue_days").as_int64();
    r.closed_on = i.closed_on.value_or("");
    r.closed_on_time = i.closed_on_time;
    list.rows.push_back(std::move(r));
  }
  ASSIGN_OR_RETURN(std::string xlsx, report::SupervisionListXlsx(list));
  return XlsxDownload(std::move(xlsx), fmt::format("{}-{}.xlsx", title, Today()));
}

}  // namespace tuijin::api
