// 操作日志 for the administrator: the audit trail searched page by page, and exported with
// the same filters. There is no route that changes or deletes an entry.
#include <fmt/format.h>

#include <map>

#include "api/audit.h"
#include "api/exports.h"
#include "api/handlers.h"
#include "api/json.h"
#include "base/date.h"
#include "base/time.h"
#include "report/audit_list.h"

namespace tuijin::api {
namespace {

// The start of a +08:00 day as Unix seconds.
int64_t DayStart(const CivilDate& d) { return DaysFromCivil(d.year, d.month, d.day) * 86'400 - kChinaOffsetSeconds; }

StatusOr<store::AuditFilter> ReadAuditFilter(const http::Request& req, FilterWords* words) {
  store::AuditFilter f;
  std::map<std::string, std::string> errors;
  auto day = [&](std::string_view name, bool end) -> std::optional<int64_t> {
    const auto text = req.Query(name);
    if (!text || text->empty()) return std::nullopt;
    const auto d = ParseIsoDate(*text);
    if (!d || d->day == 0) {
      errors[std::string(name)] = "应为日期,如 2026-12-01";
      return std::nullopt;
    }
    if (words) words->push_back(fmt::format("{} {}", end ? "至" : "自", *text));
    return DayStart(*d) + (end ? 86'400 : 0);
  };
  f.from_unix = day("from", false);
  f.to_unix = day("to", true);
  if (auto v = req.Query("user_id"); v && !v->empty()) {
    try {
      f.user_id = std::stoll(std::string(*v));
    } catch (const std::exception&) {
      errors["user_id"] = "应为用户编号";
    }
  }
  auto text = [&](std::string_view name, size_t max, const char* label, std::string& out) {
    if (auto v = req.Query(name); v && !v->empty()) {
      if (v->size() > max) {
        errors[std::string(name)] = fmt::format("最多 {} 个字符", max);
        return;
      }
      out = std::string(*v);
      if (words) words->push_back(fmt::format("{} {}", label, out));
    }
  };
  text("username", 64, "账号", f.username);
  text("action", 100, "操作", f.action);
  text("resource", 64, "对象", f.resource);
  text("address", 64, "地址", f.address);
  text("q", 200, "包含", f.q);
  if (auto v = req.Query("resource_id"); v && !v->empty()) f.resource_id = std::string(*v);
  if (auto v = req.Query("result"); v && !v->empty()) {
    if (*v == "ok" || *v == "failed") {
      f.failed = *v == "failed";
      if (words) words->push_back(*v == "ok" ? "结果 成功" : "结果 失败");
    } else {
      errors["result"] = "应为 ok(成功)或 failed(失败)";
    }
  }
  if (!errors.empty()) return Status::Invalid(errors);
  return f;
}

json::value ValuesJson(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  boost::system::error_code ec;
  json::value v = json::parse(*text, ec);
  return ec ? json::value(*text) : v;
}

json::object EntryJson(const store::AuditEntry& e) {
  return json::object{{"id", e.id},
                      {"at", e.at},
                      {"user_id", OrNull(e.user_id)},
                      {"username", e.username},
                      {"role", e.role},
                      {"address", e.address},
                      {"action", e.action},
                      {"method", e.method},
                      {"path", e.path},
                      {"resource", e.resource},
                      {"resource_id", OrNull(e.resource_id)},
                      {"status", e.status},
                      {"summary", e.summary},
                      {"old_values", ValuesJson(e.old_values)},
                      {"new_values", ValuesJson(e.new_values)}};
}

// The export's words for an action: "修改 项目", "提交 进度填报", "登录失败".
std::string ActionWords(const store::AuditEntry& e) {
  static const std::map<std::string, std::string> kResources = {
      {"projects", "项目"},       {"plans", "计划"},          {"reports", "进度填报"},  {"periods", "填报期"},
      {"users", "用户"},          {"units", "单位"},          {"dictionaries", "字典"}, {"imports", "导入"},
      {"exports", "导出"},        {"attachments", "附件"},    {"warnings", "预警"},     {"rankings", "排名"},
      {"supervision-items", "督办事项"}, {"meetings", "会议"}, {"task-ledgers", "任务台账"},
      {"briefings", "专报通报"},  {"briefing-templates", "专报模板"}, {"ledgers", "台账"},
      {"status-rules", "红黄绿规则"}, {"saved-filters", "筛选条件"}, {"notifications", "消息"}};
  static const std::map<std::string, std::string> kVerbs = {
      {"create", "新增"}, {"update", "修改"}, {"delete", "删除"}, {"download", "下载"}, {"submit", "提交"},
      {"accept", "审核通过"}, {"return", "退回"}, {"lock", "锁定"}, {"unlock", "解锁"}, {"publish", "发布"},
      {"stage", "变更阶段"}, {"commit", "确认导入"}, {"acknowledge", "确认"}, {"read", "阅读"}};
  if (e.action == "session.login") return "登录";
  if (e.action == "session.login_failed") return "登录失败";
  if (e.action == "session.logout") return "退出登录";
  const size_t dot = e.action.rfind('.');
  const std::string verb = dot == std::string::npos ? e.action : e.action.substr(dot + 1);
  const auto v = kVerbs.find(verb);
  const auto r = kResources.find(e.resource);
  return fmt::format("{} {}", v == kVerbs.end() ? verb : v->second, r == kResources.end() ? e.resource : r->second);
}

std::string ChangesWords(const store::AuditEntry& e) {
  const json::value before = ValuesJson(e.old_values), after = ValuesJson(e.new_values);
  auto show = [](const json::value& v) -> std::string {
    if (v.is_null()) return "(空)";
    if (v.is_string()) return std::string(v.as_string());
    return json::serialize(v);
  };
  std::string out;
  if (after.is_object()) {
    for (const auto& [k, v] : after.as_object()) {
      if (!out.empty()) out += ";";
      const json::value* old = before.is_object() ? before.as_object().if_contains(k) : nullptr;
      out += old ? fmt::format("{}:{} → {}", std::string(k), show(*old), show(v)) : fmt::format("{}:{}", std::string(k), show(v));
    }
  } else if (before.is_object()) {
    for (const auto& [k, v] : before.as_object()) {
      if (!out.empty()) out += ";";
      out += fmt::format("{}:{} → (删除)", std::string(k), show(v));
    }
  }
  return out.size() > 30000 ? out.substr(0, 30000) : out;
}

}  // namespace

StatusOr<http::Response> ListAuditLog(Context& ctx) {
  ASSIGN_OR_RETURN(store::AuditFilter f, ReadAuditFilter(ctx.req, nullptr));
  ASSIGN_OR_RETURN(store::PageRequest page, ReadPage(ctx.req, 50));
  ASSIGN_OR_RETURN(auto list, ctx.svc.audit.List(f, page));
  json::array items;
  for (const auto& e : list.items) items.push_back(EntryJson(e));
  return ListResponse(std::move(items), list.total);
}

StatusOr<http::Response> ExportAuditLog(Context& ctx) {
  FilterWords words;
  ASSIGN_OR_RETURN(store::AuditFilter f, ReadAuditFilter(ctx.req, &words));
  report::AuditList list;
  list.title = ctx.svc.config.district + "重点项目管理平台操作日志";
  list.subtitle = FiltersLine(words) + "    " + ExportedAt();
  RETURN_IF_ERROR(ctx.svc.audit.ForEach(f, [&](const store::AuditEntry& e) -> Status {
    if (static_cast<int64_t>(list.rows.size()) >= kMaxExportRows) return TooManyToExport();
    report::AuditListRow r;
    r.at = e.at.substr(0, 19);
    if (r.at.size() > 10) r.at[10] = ' ';
    r.username = e.username;
    r.role = e.role;
    r.address = e.address;
    r.action = ActionWords(e);
    r.target = e.resource_id ? e.resource + " " + *e.resource_id : e.resource;
    r.result = e.status < 400 ? "成功" : fmt::format("失败({}){}{}", e.status, e.summary.empty() ? "" : ":", e.summary);
    r.changes = ChangesWords(e);
    r.path = e.method + " " + e.path;
    list.rows.push_back(std::move(r));
    return Status::Ok();
  }));
  ASSIGN_OR_RETURN(std::string bytes, report::AuditListXlsx(list));
  return XlsxDownload(std::move(bytes), fmt::format("操作日志-{}.xlsx", Today()));
}

}  // namespace tuijin::api
