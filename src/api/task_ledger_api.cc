// Task ledgers (工作任务台账): lists of tasks that are not projects, such as the 营商环境 要点任务
// with their lead units; each task follows the supervision lifecycle. Tasks come in from a
// .xlsx sheet: an upload is checked row by row and kept for its commit, which writes every
// task in one transaction or none.

#include <fmt/format.h>

#include <set>

#include "api/handlers.h"
#include "api/json.h"
#include "base/crypto.h"
#include "base/text.h"
#include "base/time.h"
#include "report/task_ledger_sheet.h"

namespace tuijin::api {
namespace {

constexpr int64_t kMaxSheetBytes = 10 * 1024 * 1024;
constexpr int64_t kImportTtlSeconds = 30 * 60;

json::object LedgerJson(const store::TaskLedger& l) {
  return json::object{{"id", l.id},
                      {"name", l.name},
                      {"year", l.year},
                      {"issuing_office", l.issuing_office},
                      {"description", OrNull(l.description)},
                      {"task_count", l.task_count},
                      {"done", l.done},
                      {"overdue", l.overdue},
                      {"created_at", l.created_at}};
}

StatusOr<store::TaskLedger> ReadLedger(const json::object& body) {
  FieldReader in(body);
  store::TaskLedger l;
  l.name = in.RequiredString("name", 100);
  l.year = in.Int("year", ToChinaTime(NowUnix()).year, 2000, 2100);
  l.issuing_office = in.OptionalString("issuing_office", 60).value_or("区发展和改革局");
  l.description = in.OptionalString("description", 2000);
  RETURN_IF_ERROR(in.status());
  return l;
}

// A unit named in a sheet: its exact name, or the one enabled unit whose name contains the
// written one or is contained in it once a leading "区" is dropped ("区自然资源和规划局" finds
// "云河区自然资源和规划分局" only when exactly one unit matches).
std::optional<int64_t> FindUnit(const std::vector<store::Unit>& units, const std::string& written) {
  if (written.empty()) return std::nullopt;
  for (const auto& u : units) {
    if (u.enabled && u.name == written) return u.id;
  }
  std::string core = written;
  if (core.rfind("区", 0) == 0) core = core.substr(std::string("区").size());
  for (const char* suffix : {"局", "委员会", "办事处", "管理委员会"}) {
    const std::string s(suffix);
    if (core.size() > s.size() + 3 && core.compare(core.size() - s.size(), s.size(), s) == 0) {
      core = core.substr(0, core.size() - s.size());
      break;
    }
  }
  std::optional<int64_t> found;
  for (const auto& u : units) {
    if (!u.enabled) continue;
    if (u.name.find(core) != std::string::npos || (u.name.size() >= 9 && written.find(u.name) != std::string::npos)) {
      if (found) return std::nullopt;  // ambiguous
      found = u.id;
    }
  }
  return found;
}

}  // namespace

StatusOr<http::Response> ListTaskLedgers(Context& ctx) {
  ASSIGN_OR_RETURN(auto year, QueryInt(ctx.req, "year"));
  ASSIGN_OR_RETURN(auto list, ctx.svc.task_ledgers.List(year, Today()));
  json::array items;
  for (const auto& l : list) items.push_back(LedgerJson(l));
  return ListResponse(std::move(items), static_cast<int64_t>(list.size()));
}

StatusOr<http::Response> GetTaskLedger(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  ASSIGN_OR_RETURN(auto l, ctx.svc.task_ledgers.Get(id, Today()));
  return JsonResponse(LedgerJson(l));
}

StatusOr<http::Response> CreateTaskLedger(Context& ctx) {
  ASSIGN_OR_RETURN(json::object body, ParseObject(ctx.req));
  ASSIGN_OR_RETURN(store::TaskLedger l, ReadLedger(body));
  ASSIGN_OR_RETURN(auto created, ctx.svc.task_ledgers.Create(l, ctx.me().user.id, Today()));
  return JsonResponse(LedgerJson(created), 201);
}

StatusOr<http::Response> UpdateTaskLedger(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  ASSIGN_OR_RETURN(json::object body, ParseObject(ctx.req));
  ASSIGN_OR_RETURN(store::TaskLedger l, ReadLedger(body));
  ASSIGN_OR_RETURN(auto updated, ctx.svc.task_ledgers.Update(id, l, Today()));
  return JsonResponse(LedgerJson(updated));
}

StatusOr<http::Response> TaskLedgerTemplate(Context&) {
  ASSIGN_OR_RETURN(std::string xlsx, report::TaskLedgerTemplateXlsx());
  return http::Response::Download(std::move(xlsx), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                  "工作任务台账导入模板.xlsx");
}

// The raw .xlsx: every row checked (units resolved, deadlines read, 类别 against the
// dictionary); nothing written. The checked tasks wait for the commit.
StatusOr<http::Response> PreviewTaskImport(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  ASSIGN_OR_RETURN(auto ledger, ctx.svc.task_ledgers.Get(id, Today()));
  if (ctx.req.body.empty()) return Status::Invalid({{"file", "文件为空"}});
  if (static_cast<int64_t>(ctx.req.body.size()) > kMaxSheetBytes) {
    return Status::TooLarge("import.too_large", "导入文件不能超过 10 MB");
  }
  ASSIGN_OR_RETURN(auto sheet, report::ParseTaskLedgerSheet(ctx.req.body));
  ASSIGN_OR_RETURN(auto units, ctx.svc.units.List());
  ASSIGN_OR_RETURN(auto categories, ctx.svc.dictionaries.List("supervision_category", false));
  std::set<std::string> category_labels;
  for (const auto& c : categories) {
    if (c.enabled) category_labels.insert(c.label);
  }
  const std::string today = Today();
  auto pending = std::make_shared<PendingTaskImport>();
  pending->ledger_id = id;
  pending->user_id = ctx.me().user.id;
  pending->created = NowUnix();
  json::array rows;
  int64_t valid = 0, invalid = 0;
  for (const auto& r : sheet.rows) {
    std::map<std::string, std::string> errors = r.errors;
    store::NewItem t;
    t.kind = "task";
    t.task_ledger_id = id;
    t.task_seq = ledger.max_seq + r.seq;
    t.area = r.area.empty() ? std::nullopt : std::optional<std::string>(r.area);
    t.title = r.title;
    t.category = r.category.empty() ? "其他" : r.category;
    if (!category_labels.count(t.category)) {
      errors.emplace("category", fmt::format("第 {} 行“类别”{}不在督办类别字典中", r.row, r.category));
    }
    t.source = "other";
    t.issuing_office = ledger.issuing_office;
    t.issued_on = today;
    t.priority = "normal";
    std::vector<std::string> notes;
    if (r.ongoing) {
      // 长期坚持 / 持续推进: tracked to the end of the ledger's year.
      t.deadline = fmt::format("{}-12-31", ledger.year);
      notes.push_back("完成时限:" + r.deadline_text);
    } else if (r.deadline) {
      t.deadline = *r.deadline;
    }
    if (!r.note.empty()) notes.push_back("备注:" + r.note);
    if (!notes.empty()) {
      std::string d;
      for (const auto& n : notes) d += (d.empty() ? "" : "\n") + n;
      t.description = d;
    }
    if (auto lead = FindUnit(units, r.lead_unit)) {
      t.lead_unit_id = *lead;
    } else if (!r.lead_unit.empty()) {
      errors.emplace("lead_unit", fmt::format("第 {} 行“牵头单位”{}不在单位库中(或对应多个单位)", r.row, r.lead_unit));
    }
    json::array co_names;
    for (const auto& c : r.co_units) {
      co_names.push_back(json::string(c));
      if (auto u = FindUnit(units, c)) {
        if (*u != t.lead_unit_id) t.co_unit_ids.push_back(*u);
      } else {
        errors.emplace("co_units", fmt::format("第 {} 行“配合单位”{}不在单位库中(或对应多个单位)", r.row, c));
      }
    }
    json::object e;
    for (const auto& [k, v] : errors) e[k] = v;
    (errors.empty() ? valid : invalid) += 1;
    rows.push_back(json::object{{"row", r.row},
                                {"seq", *t.task_seq},
                                {"area", OrNull(t.area)},
                                {"title", r.title},
                                {"lead_unit", r.lead_unit},
                                {"co_units", std::move(co_names)},
                                {"deadline", t.deadline.empty() ? json::value(nullptr) : json::value(t.deadline)},
                                {"ongoing", r.ongoing},
                                {"category", t.category},
                                {"errors", std::move(e)}});
    pending->tasks.push_back(std::move(t));
  }
  pending->valid = invalid == 0 && valid > 0;
  std::string import_id = RandomToken().substr(0, 24);
  {
    std::lock_guard<std::mutex> lock(ctx.svc.task_imports.mutex);
    auto& map = ctx.svc.task_imports.pending;
    for (auto it = map.begin(); it != map.end();) {
      it = NowUnix() - it->second->created > kImportTtlSeconds ? map.erase(it) : std::next(it);
    }
    if (map.size() >= 16) map.erase(map.begin());
    map[import_id] = pending;
  }
  return JsonResponse(json::object{{"import_id", import_id},
                                   {"sheet", sheet.sheet_name},
                                   {"rows", std::move(rows)},
                                   {"valid", valid},
                                   {"invalid", invalid}});
}

StatusOr<http::Response> CommitTaskImport(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  const std::string import_id(ctx.req.Param("import_id"));
  std::shared_ptr<PendingTaskImport> pending;
  {
    std::lock_guard<std::mutex> lock(ctx.svc.task_imports.mutex);
    auto it = ctx.svc.task_imports.pending.find(import_id);
    if (it != ctx.svc.task_imports.pending.end() && it->second->ledger_id == id &&
        it->second->user_id == ctx.me().user.id && NowUnix() - it->second->created <= kImportTtlSeconds) {
      pending = it->second;
    }
    if (pending && pending->valid) ctx.svc.task_imports.pending.erase(it);
  }
  if (!pending) return Status::NotFound("import.not_found", "导入预览已过期或不存在,请重新上传");
  if (!pending->valid) return Status::Conflict("import.invalid_rows", "导入文件中有错误行,请修改后重新上传");
  ASSIGN_OR_RETURN(auto ledger, ctx.svc.task_ledgers.Get(id, Today()));
  // Numbers after the ledger's last task, as it is now (another import may have landed).
  const int64_t base = ledger.max_seq;
  const int64_t planned_base = pending->tasks.front().task_seq.value_or(1) - 1;
  for (auto& t : pending->tasks) t.task_seq = *t.task_seq - planned_base + base;
  ASSIGN_OR_RETURN(int64_t created, ctx.svc.supervision.CreateTasks(pending->tasks, ctx.me().user.id));
  return JsonResponse(json::object{{"created", created}});
}

}  // namespace tuijin::api
