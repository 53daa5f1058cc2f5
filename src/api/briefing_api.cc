// Ledgers (台账) of a month as .xlsx, briefing templates (专报模板), briefings and notices
// (专报/通报/通知) with their DOCX and PDF, and information release (信息发布): who a briefing
// went to and who has read it.
//
// A briefing's document is made once, when it is created (or regenerated while a draft),
// from its template and the month's snapshot, and stored: its DOCX and PDF are rendered from
// the stored document, so they read the same every time; for a locked month the snapshot is
// the one taken when the month was first locked.
#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <set>

#include "api/handlers.h"
#include "api/json.h"
#include "api/ledger_data.h"
#include "api/month_status.h"
#include "api/report_jobs.h"
#include "base/date.h"
#include "base/time.h"
#include "domain/briefing.h"
#include "report/briefing_compose.h"
#include "report/briefing_document.h"
#include "report/period_ledger.h"

namespace tuijin::api {
namespace {

using domain::Role;

constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
constexpr const char* kDocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

bool IsDay(const std::string& s) {
  const auto d = ParseIsoDate(s);
  return s.size() == 10 && d && d->day > 0 && d->year >= 2000 && d->year <= 2100;
}

// A ledger's `period`: a month (2026-10), or a week (2026-W48) for the 周台账; by default the
// month before this one.
StatusOr<domain::Period> LedgerPeriod(Context& ctx) {
  const auto text = ctx.req.Query("period");
  if (!text || text->empty()) return StatusMonth(ctx);
  auto p = domain::ParsePeriod(*text);
  if (!p) return Status::Invalid({{"period", "应为月份(如 2026-10)或周(如 2026-W48)"}});
  return *p;
}

StatusOr<domain::Period> MonthParam(const std::string& text, const char* field) {
  auto p = domain::ParsePeriod(text);
  if (!p || p->kind != domain::Period::Kind::kMonth) return Status::Invalid({{field, "应为月份,如 2026-10"}});
  return *p;
}

std::string_view KindLabel(std::string_view kind) {
  return kind == "special" ? "专报" : kind == "bulletin" ? "通报" : "通知";
}

// ---- templates ----

std::vector<store::BriefingTemplate> DefaultTemplates() {
  store::BriefingTemplate special;
  special.kind = "special";
  special.name = "重点项目推进专报(月度)";
  special.series = "重点项目推进专报";
  special.title = "{{年度}}年{{期间}}全区重点项目推进情况";
  special.body =
      "截至{{截至}},全区纳入调度的重点项目{{项目总数}}个(省重点{{省重点项目数}}个、市重点{{市重点项目数}}个、"
      "区重点{{区重点项目数}}个),总投资{{总投资}}亿元,年度计划投资{{年度计划投资}}亿元,累计完成投资"
      "{{累计完成投资}}亿元,年度完成率{{年度完成率}},{{序时对比}}。\n"
      "# 一、总体推进情况\n"
      "全区重点项目已开工{{已开工项目数}}个,开工率{{开工率}};已竣工{{竣工项目数}}个。按红黄绿预警,正常推进"
      "{{正常推进项目数}}个,进展缓慢{{进展缓慢项目数}}个,进展滞后{{进展滞后项目数}}个。{{月份}}月当月完成投资"
      "{{本期完成投资}}亿元。\n"
      "[表:地区汇总]\n"
      "[图:地区投资]\n"
      "# 二、各地区推进情况\n"
      "从年度投资完成率看,{{完成率最高地区}}完成率最高{{#if 完成率最低地区}},{{完成率最低地区}}完成率最低{{/if}}。\n"
      "[表:地区排名]\n"
      "# 三、存在的主要问题\n"
      "{{#if 进展滞后项目数}}进展滞后项目{{进展滞后项目数}}个,主要有{{滞后项目名单}}(详见下表)。{{/if}}\n"
      "[表:滞后项目]\n"
      "{{#if 未报送项目数}}{{月份}}月仍有{{未报送项目数}}个项目未按时报送进度,请相关责任单位抓紧报送。{{/if}}\n"
      "{{#if 逾期督办数}}截至{{截至}},有{{逾期督办数}}件督办事项逾期未办结。\n[表:逾期督办]\n{{/if}}"
      "{{#if 应统未统项目数}}另有{{应统未统项目数}}个已开工、总投资500万元以上的项目尚未入库,请抓紧做好入库工作,"
      "做到应统尽统。{{/if}}\n"
      "# 四、下步工作\n"
      "各责任单位要对照年度目标任务,聚焦滞后项目和逾期事项,逐项明确责任人和完成时限,倒排工期、挂图作战,"
      "确保全年目标任务圆满完成。";
  special.distribution =
      "报:区委、区政府主要领导,区人大、区政协分管领导。\n发:各街道办事处、云河经济开发区管委会,区直有关部门。";
  store::BriefingTemplate bulletin;
  bulletin.kind = "bulletin";
  bulletin.name = "重点项目推进情况通报(月度)";
  bulletin.series = "重点项目推进情况通报";
  bulletin.title = "关于{{年度}}年{{期间}}重点项目推进情况的通报";
  bulletin.body =
      "各街道办事处、开发区管委会,区直有关部门:\n"
      "现将{{年度}}年{{期间}}全区重点项目推进情况通报如下。\n"
      "# 一、总体情况\n"
      "全区{{项目总数}}个重点项目累计完成投资{{累计完成投资}}亿元,年度完成率{{年度完成率}},{{序时对比}}。其中正常推进"
      "{{正常推进项目数}}个,进展缓慢{{进展缓慢项目数}}个,进展滞后{{进展滞后项目数}}个。\n"
      "# 二、各地区排名\n"
      "[表:地区排名]\n"
      "{{#if 完成率最低地区}}{{完成率最低地区}}年度投资完成率排名末位,请对照问题清单认真整改。{{/if}}\n"
      "# 三、进展滞后项目\n"
      "[表:滞后项目]\n"
      "# 四、有关要求\n"
      "各单位要高度重视,对进展滞后项目逐一分析原因、制定措施,于下月5日前报送整改情况。";
  bulletin.distribution = "抄送:区委办、区政府办。";
  return {special, bulletin};
}

json::object TemplateJson(const store::BriefingTemplate& t) {
  return json::object{{"id", t.id},
                      {"kind", t.kind},
                      {"kind_label", KindLabel(t.kind)},
                      {"name", t.name},
                      {"series", t.series},
                      {"title", t.title},
                      {"body", t.body},
                      {"distribution", t.distribution},
                      {"version", t.version},
                      {"updated_at", t.updated_at}};
}

// The fields of a template from a body; every template text checked.
StatusOr<store::BriefingTemplate> ReadTemplate(const json::object& body, bool need_name) {
  FieldReader in(body);
  store::BriefingTemplate t;
  t.kind = in.OptionalString("kind", 20).value_or("special");
  if (t.kind != "special" && t.kind != "bulletin") in.Fail("kind", "应为 special(专报)或 bulletin(通报)");
  if (need_name) t.name = in.RequiredString("name", 60);
  t.series = in.RequiredString("series", 40);
  t.title = in.RequiredString("title", 200);
  t.body = in.RequiredString("body", 20000);
  t.distribution = in.OptionalString("distribution", 2000).value_or("");
  t.version = in.Int("version", 0, 0);
  RETURN_IF_ERROR(in.status());
  RETURN_IF_ERROR(domain::CheckTemplate(t.title, "title"));
  RETURN_IF_ERROR(domain::CheckTemplate(t.body, "body"));
  RETURN_IF_ERROR(domain::CheckTemplate(t.distribution, "distribution"));
  return t;
}

report::BriefingTemplateText TextOf(const store::BriefingTemplate& t) {
  return {t.series, t.title, t.body, t.distribution};
}

// ---- briefings ----

// The units whose briefings a unit user reads: its own and those above it (a briefing sent to a
// 街道 reaches its offices). Leaders read every published one (an empty list).
StatusOr<std::vector<int64_t>> ReaderUnits(Context& ctx) {
  std::vector<int64_t> out;
  if (ctx.me().role != Role::kUnit || !ctx.me().user.unit_id) return out;
  ASSIGN_OR_RETURN(auto units, ctx.svc.units.List());
  std::map<int64_t, std::optional<int64_t>> parent;
  for (const auto& u : units) parent[u.id] = u.parent_id;
  std::optional<int64_t> at = ctx.me().user.unit_id;
  for (int guard = 0; at && guard < 64; ++guard) {
    out.push_back(*at);
    auto it = parent.find(*at);
    if (it == parent.end()) break;
    at = it->second;
  }
  return out;
}

bool IsReader(const Context& ctx) { return ctx.me().role == Role::kUnit || ctx.me().role == Role::kLeader; }

json::object BriefingJson(const store::Briefing& b, bool detail, bool staff) {
  json::object o{{"id", b.id},
                 {"kind", b.kind},
                 {"kind_label", KindLabel(b.kind)},
                 {"series", b.series},
                 {"year", b.year},
                 {"issue_no", b.issue_no},
                 {"issue_label", fmt::format("第{}期", b.issue_no)},
                 {"doc_number", OrNull(b.doc_number)},
                 {"title", b.title},
                 {"period", OrNull(b.period)},
                 {"period_label", b.period ? json::value(domain::PeriodLabel(*domain::ParsePeriod(*b.period)))
                                           : json::value(nullptr)},
                 {"template_id", OrNull(b.template_id)},
                 {"state", b.state},
                 {"state_label", b.state == "published" ? "已发布" : "草稿"},
                 {"issued_on", b.issued_on},
                 {"created_at", b.created_at},
                 {"created_by_name", OrNull(b.created_by_name)},
                 {"published_at", OrNull(b.published_at)},
                 {"published_by_name", OrNull(b.published_by_name)},
                 {"version", b.version},
                 {"snapshot_locked", b.snapshot_locked},
                 {"recipient_count", b.recipient_count},
                 {"read_count", b.read_count},
                 {"my_read_at", OrNull(b.my_read_at)}};
  if (detail) {
    boost::system::error_code ec;
    json::value doc = json::parse(b.document, ec);
    o["document"] = ec ? json::value(nullptr) : std::move(doc);
    if (staff) {
      json::array recipients;
      for (const auto& r : b.recipients) {
        recipients.push_back(json::object{{"unit_id", r.unit_id},
                                          {"unit_name", r.unit_name},
                                          {"read_at", OrNull(r.read_at)},
                                          {"read_by_name", OrNull(r.read_by_name)}});
      }
      o["recipients"] = std::move(recipients);
    }
  }
  return o;
}

// The briefing if the signed-in user may read it: staff any, readers a published one sent to
// them (404 otherwise: a unit learns nothing of what was not sent to it).
StatusOr<store::Briefing> ReadableBriefing(Context& ctx, int64_t id) {
  if (!IsReader(ctx)) return ctx.svc.briefings.Get(id);
  ASSIGN_OR_RETURN(auto units, ReaderUnits(ctx));
  ASSIGN_OR_RETURN(store::Briefing b, ctx.svc.briefings.Get(id, units));
  bool addressed = ctx.me().role == Role::kLeader;
  for (const auto& r : b.recipients) {
    addressed = addressed || std::find(units.begin(), units.end(), r.unit_id) != units.end();
  }
  if (b.state != "published" || !addressed) return Status::NotFound("briefing.not_found", "专报不存在");
  return b;
}

// Every top-level 街道, 乡镇, 开发区 and department (not owners, not superior offices): where a
// briefing goes by default.
StatusOr<std::vector<int64_t>> DefaultRecipients(Context& ctx) {
  ASSIGN_OR_RETURN(auto units, ctx.svc.units.List());
  std::vector<int64_t> out;
  for (const auto& u : units) {
    if (!u.parent_id && u.enabled && u.kind != "superior" && u.kind != "owner") out.push_back(u.id);
  }
  return out;
}

StatusOr<std::vector<int64_t>> CheckRecipients(Context& ctx, std::vector<int64_t> ids) {
  if (ids.empty()) return DefaultRecipients(ctx);
  ASSIGN_OR_RETURN(auto units, ctx.svc.units.List());
  std::set<int64_t> known;
  for (const auto& u : units) known.insert(u.id);
  for (int64_t id : ids) {
    if (!known.count(id)) return Status::Invalid({{"recipient_unit_ids", fmt::format("单位 {} 不存在", id)}});
  }
  return ids;
}

// The document of a notice: its text, one paragraph per line.
report::BriefingDocument NoticeDocument(const std::string& office, const std::string& title, const std::string& body,
                                        const std::string& date, const std::string& issue,
                                        const std::string& doc_number) {
  report::BriefingDocument d;
  d.series = office + "通知";
  d.issue = issue;
  d.office = office;
  d.date = date;
  d.doc_number = doc_number;
  d.title = title;
  size_t from = 0;
  while (from <= body.size()) {
    size_t to = body.find('\n', from);
    if (to == std::string::npos) to = body.size();
    std::string line = body.substr(from, to - from);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (!line.empty()) d.blocks.push_back({report::BriefingBlock::Kind::kParagraph, 1, line, {}, {}});
    if (to == body.size()) break;
    from = to + 1;
  }
  return d;
}

// The document of a briefing made from `t` for `month`; whether its figures are a locked snapshot.
StatusOr<std::pair<report::BriefingDocument, bool>> MakeDocument(Context& ctx, const store::BriefingTemplate& t,
                                                                   const domain::Period& month, int64_t issue_no,
                                                                   const std::string& issued_on,
                                                                   const std::string& doc_number) {
  ASSIGN_OR_RETURN(auto snapshot, SnapshotOf(ctx, month));
  const domain::PeriodSnapshot& s = *snapshot;
  report::BriefingIssue issue{fmt::format("第{}期", issue_no), ctx.svc.config.office, report::ChineseDate(issued_on),
                              doc_number};
  ASSIGN_OR_RETURN(report::BriefingDocument doc, report::ComposeBriefing(s, TextOf(t), issue));
  return std::make_pair(std::move(doc), s.locked);
}

StatusOr<report::BriefingDocument> StoredDocument(const store::Briefing& b) {
  boost::system::error_code ec;
  json::value v = json::parse(b.document, ec);
  if (ec) return Status::Internal("stored briefing document is not JSON");
  return DocumentFromJson(v);
}

// The document as a file: DOCX with its charts drawn to PNG first, or PDF stamped with the
// generation time (the only thing that differs between two renderings).
StatusOr<std::string> RenderDocument(report::BriefingDocument doc, bool pdf) {
  if (pdf) {
    doc.generated_at = FormatTimestamp(NowUnix()).substr(0, 16);
    doc.generated_at[10] = ' ';
    return report::BriefingPdf(doc);
  }
  for (auto& block : doc.blocks) {
    if (block.kind == report::BriefingBlock::Kind::kChart) {
      ASSIGN_OR_RETURN(block.chart.png, report::ChartPng(block.chart));
    }
  }
  return report::BriefingDocx(doc);
}

std::string FileName(const store::Briefing& b, std::string_view ext) {
  return fmt::format("{}{}年第{}期-{}.{}", b.series, b.year, b.issue_no, b.title, ext);
}

}  // namespace

// ---- ledgers ----

StatusOr<http::Response> GetLedgers(Context& ctx) {
  ASSIGN_OR_RETURN(domain::Period period, LedgerPeriod(ctx));
  ASSIGN_OR_RETURN(auto snapshot, SnapshotOf(ctx, period));
  const domain::PeriodSnapshot& s = *snapshot;
  const domain::AreaSummary t = domain::SnapshotTotal(s);
  int64_t missing = 0;
  for (const auto& p : s.projects) missing += !p.reported;
  json::array kinds;
  for (auto k : {report::LedgerKind::kProjects, report::LedgerKind::kAreas, report::LedgerKind::kLagging,
                 report::LedgerKind::kMissing, report::LedgerKind::kOverdue}) {
    static const char* kNames[] = {"projects", "areas", "lagging", "missing", "overdue"};
    kinds.push_back(json::object{{"kind", kNames[static_cast<int>(k)]}, {"label", report::LedgerKindLabel(k)}});
  }
  return JsonResponse(json::object{
      {"period", s.period},
      {"period_label", domain::PeriodLabel(period)},
      {"kind", s.week > 0 ? "week" : "month"},
      {"as_of", domain::WordsOf(s).as_of},
      {"locked", s.locked},
      {"snapshot_taken_at", s.locked ? json::value(s.taken_at) : json::value(nullptr)},
      {"summary", json::object{{"projects", t.projects},
                               {"total_investment", t.total},
                               {"annual_plan", t.annual_plan},
                               {"year_to_date", t.year_to_date},
                               {"period_amount", t.period_amount},
                               {"rate", t.rate() ? json::value(domain::FormatPercent(t.rate())) : json::value(nullptr)},
                               {"schedule", domain::FormatPercent(s.schedule)},
                               {"green", t.green},
                               {"yellow", t.yellow},
                               {"red", t.red},
                               {"missing", missing},
                               {"overdue_items", static_cast<int64_t>(s.overdue.size())}}},
      {"kinds", std::move(kinds)}});
}

StatusOr<http::Response> DownloadLedger(Context& ctx) {
  std::string kind_name(ctx.req.Param("kind"));
  if (kind_name.ends_with(".xlsx")) kind_name.resize(kind_name.size() - 5);
  const auto kind = report::ParseLedgerKind(kind_name);
  if (!kind) return Status::NotFound("ledger.not_found", "没有这种台账:" + kind_name);
  const std::string group = std::string(ctx.req.Query("group").value_or("level"));
  if (group != "level" && group != "unit") return Status::Invalid({{"group", "应为 level(按级别)或 unit(按地区)"}});
  ASSIGN_OR_RETURN(domain::Period period, LedgerPeriod(ctx));
  ASSIGN_OR_RETURN(auto snapshot, SnapshotOf(ctx, period));
  const domain::PeriodSnapshot& s = *snapshot;
  ASSIGN_OR_RETURN(std::string xlsx,
                   report::PeriodLedgerXlsx(s, *kind, group == "unit" ? report::LedgerGrouping::kArea
                                                                      : report::LedgerGrouping::kLevel));
  return http::Response::Download(std::move(xlsx), kXlsxType,
                                  fmt::format("{}{}{}.xlsx", s.district, domain::WordsOf(s).file_part,
                                              report::LedgerKindLabel(*kind)));
}

// ---- templates ----

StatusOr<http::Response> ListBriefingTemplates(Context& ctx) {
  ASSIGN_OR_RETURN(auto list, ctx.svc.briefings.Templates(DefaultTemplates()));
  json::array items;
  for (const auto& t : list) items.push_back(TemplateJson(t));
  return JsonResponse(json::object{{"items", std::move(items)}});
}

StatusOr<http::Response> GetBriefingTemplate(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  ASSIGN_OR_RETURN(auto t, ctx.svc.briefings.Template(id));
  return JsonResponse(TemplateJson(t));
}

StatusOr<http::Response> CreateBriefingTemplate(Context& ctx) {
  ASSIGN_OR_RETURN(json::object body, ParseObject(ctx.req));
  ASSIGN_OR_RETURN(store::BriefingTemplate t, ReadTemplate(body, true));
  t.id = 0;
  ASSIGN_OR_RETURN(auto saved, ctx.svc.briefings.SaveTemplate(t, ctx.me().user.id));
  return JsonResponse(TemplateJson(saved), 201);
}

StatusOr<http::Response> UpdateBriefingTemplate(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  ASSIGN_OR_RETURN(json::object body, ParseObject(ctx.req));
  ASSIGN_OR_RETURN(store::BriefingTemplate t, ReadTemplate(body, true));
  if (!body.contains("version")) return Status::Invalid({{"version", "必填"}});
  t.id = id;
  ASSIGN_OR_RETURN(auto saved, ctx.svc.briefings.SaveTemplate(t, ctx.me().user.id));
  return JsonResponse(TemplateJson(saved));
}

StatusOr<http::Response> DeleteBriefingTemplate(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  RETURN_IF_ERROR(ctx.svc.briefings.DeleteTemplate(id));
  return http::Response::NoContent();
}

StatusOr<http::Response> ListBriefingPlaceholders(Context&) {
  auto list = [](const std::vector<domain::Placeholder>& ps, bool examples) {
    json::array out;
    for (const auto& p : ps) {
      json::object o{{"name", p.name}, {"label", p.label}};
      if (examples) o["example"] = "{{" + p.name + "}}";
      out.push_back(std::move(o));
    }
    return out;
  };
  return JsonResponse(json::object{{"placeholders", list(domain::BriefingPlaceholders(), true)},
                                   {"tables", list(domain::BriefingTables(), false)},
                                   {"charts", list(domain::BriefingCharts(), false)}});
}

StatusOr<http::Response> PreviewBriefingTemplate(Context& ctx) {
  ASSIGN_OR_RETURN(json::object body, ParseObject(ctx.req));
  ASSIGN_OR_RETURN(store::BriefingTemplate t, ReadTemplate(body, false));
  FieldReader in(body);
  const std::string period = in.RequiredString("period", 10);
  RETURN_IF_ERROR(in.status());
  ASSIGN_OR_RETURN(domain::Period month, MonthParam(period, "period"));
  ASSIGN_OR_RETURN(int64_t next, ctx.svc.briefings.NextIssueNo(t.series, month.year));
  ASSIGN_OR_RETURN(auto made, MakeDocument(ctx, t, month, next, Today(), ""));
  return JsonResponse(json::object{{"document", DocumentJson(made.first)}, {"snapshot_locked", made.second}});
}

// ---- briefings ----

StatusOr<http::Response> ListBriefings(Context& ctx) {
  store::BriefingFilter f;
  const http::Request& req = ctx.req;
  if (auto s = req.Query("state"); s && !s->empty()) {
    if (*s != "draft" && *s != "published") return Status::Invalid({{"state", "应为 draft 或 published"}});
    f.state = std::string(*s);
  }
  if (auto k = req.Query("kind"); k && !k->empty()) {
    if (*k != "special" && *k != "bulletin" && *k != "notice") {
      return Status::Invalid({{"kind", "应为 special、bulletin 或 notice"}});
    }
    f.kind = std::string(*k);
  }
  ASSIGN_OR_RETURN(f.year, QueryInt(req, "year"));
  f.q = std::string(req.Query("q").value_or(""));
  std::vector<int64_t> units;
  if (IsReader(ctx)) {
    ASSIGN_OR_RETURN(units, ReaderUnits(ctx));
    if (ctx.me().role == Role::kUnit && units.empty()) return ListResponse({}, 0);
    f.reader_units = units;
  }
  ASSIGN_OR_RETURN(store::PageRequest page, ReadPage(req, 20));
  ASSIGN_OR_RETURN(auto list, ctx.svc.briefings.List(f, page));
  json::array items;
  for (const auto& b : list.items) items.push_back(BriefingJson(b, false, false));
  json::object out{{"items", std::move(items)}, {"total", list.total}};
  if (ctx.me().role == Role::kUnit) {
    ASSIGN_OR_RETURN(int64_t unread, ctx.svc.briefings.Unread(units));
    out["unread"] = unread;
  }
  return JsonResponse(out);
}

StatusOr<http::Response> CreateBriefing(Context& ctx) {
  ASSIGN_OR_RETURN(json::object body, ParseObject(ctx.req));
  FieldReader in(body);
  const std::string kind = in.OptionalString("kind", 20).value_or("");
  const std::string issued_on = in.OptionalString("issued_on", 10).value_or(Today());
  if (!IsDay(issued_on)) in.Fail("issued_on", "应为日期,如 2026-11-05");
  const auto doc_number = in.OptionalString("doc_number", 60);
  const auto issue_no = in.OptionalInt("issue_no", 1, 9999);
  auto recipients = in.IdArray("recipient_unit_ids");
  store::NewBriefing nb;
  nb.issued_on = issued_on;
  nb.doc_number = doc_number;
  nb.year = std::stoi(IsDay(issued_on) ? issued_on.substr(0, 4) : "2000");
  if (kind == "notice") {
    const std::string title = in.RequiredString("title", 200);
    const std::string text = in.RequiredString("body", 20000);
    RETURN_IF_ERROR(in.status());
    nb.kind = "notice";
    nb.series = ctx.svc.config.office + "通知";
    nb.title = title;
    ASSIGN_OR_RETURN(int64_t next, ctx.svc.briefings.NextIssueNo(nb.series, nb.year));
    nb.issue_no = issue_no.value_or(next);
    nb.document = json::serialize(DocumentJson(NoticeDocument(ctx.svc.config.office, title, text,
                                                              report::ChineseDate(issued_on),
                                                              fmt::format("第{}期", nb.issue_no), doc_number.value_or(""))));
  } else {
    const auto template_id = in.OptionalInt("template_id", 1);
    if (!template_id) in.Fail("template_id", "必填");
    const std::string period = in.RequiredString("period", 10);
    RETURN_IF_ERROR(in.status());
    ASSIGN_OR_RETURN(domain::Period month, MonthParam(period, "period"));
    auto tmpl = ctx.svc.briefings.Template(*template_id);
    if (!tmpl.ok()) return Status::Invalid({{"template_id", "模板不存在"}});
    nb.kind = tmpl->kind;
    nb.series = tmpl->series;
    nb.template_id = tmpl->id;
    nb.period = domain::FormatPeriod(month);
    nb.year = month.year;
    ASSIGN_OR_RETURN(int64_t next, ctx.svc.briefings.NextIssueNo(nb.series, nb.year));
    nb.issue_no = issue_no.value_or(next);
    ASSIGN_OR_RETURN(auto made, MakeDocument(ctx, *tmpl, month, nb.issue_no, issued_on, doc_number.value_or("")));
    nb.title = made.first.title;
    nb.snapshot_locked = made.second;
    nb.document = json::serialize(DocumentJson(made.first));
  }
  ASSIGN_OR_RETURN(nb.recipient_unit_ids, CheckRecipients(ctx, std::move(recipients)));
  ASSIGN_OR_RETURN(auto b, ctx.svc.briefings.Create(nb, ctx.me().user.id));
  return JsonResponse(BriefingJson(b, true, true), 201);
}

StatusOr<http::Response> GetBriefing(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  ASSIGN_OR_RETURN(auto b, ReadableBriefing(ctx, id));
  return JsonResponse(BriefingJson(b, true, !IsReader(ctx)));
}

StatusOr<http::Response> UpdateBriefing(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  ASSIGN_OR_RETURN(json::object body, ParseObject(ctx.req));
  ASSIGN_OR_RETURN(auto current, ctx.svc.briefings.Get(id));
  FieldReader in(body);
  store::BriefingEdit e;
  e.version = in.Int("version", 0, 0);
  if (!in.Has("version")) in.Fail("version", "必填");
  e.title = in.OptionalString("title", 200).value_or(current.title);
  e.doc_number = in.Has("doc_number") ? in.OptionalString("doc_number", 60) : current.doc_number;
  e.issued_on = in.OptionalString("issued_on", 10).value_or(current.issued_on);
  if (!IsDay(e.issued_on)) in.Fail("issued_on", "应为日期,如 2026-11-05");
  auto recipients = in.IdArray("recipient_unit_ids");
  RETURN_IF_ERROR(in.status());
  ASSIGN_OR_RETURN(report::BriefingDocument doc, StoredDocument(current));
  if (const json::value* d = in.Raw("document")) {
    ASSIGN_OR_RETURN(doc, DocumentFromJson(*d));
  }
  // The masthead follows the fields.
  doc.title = e.title;
  doc.doc_number = e.doc_number.value_or("");
  doc.date = report::ChineseDate(e.issued_on);
  e.document = json::serialize(DocumentJson(doc));
  if (in.Has("recipient_unit_ids")) {
    ASSIGN_OR_RETURN(e.recipient_unit_ids, CheckRecipients(ctx, std::move(recipients)));
  } else {
    for (const auto& r : current.recipients) e.recipient_unit_ids.push_back(r.unit_id);
  }
  ASSIGN_OR_RETURN(auto b, ctx.svc.briefings.Update(id, e));
  return JsonResponse(BriefingJson(b, true, true));
}

StatusOr<http::Response> RegenerateBriefing(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  ASSIGN_OR_RETURN(json::object body, ParseObject(ctx.req));
  FieldReader in(body);
  // The version the user saw, when the client sends it (a stale one is 409).
  const std::optional<int64_t> seen = in.OptionalInt("version", 0);
  RETURN_IF_ERROR(in.status());
  ASSIGN_OR_RETURN(auto b, ctx.svc.briefings.Get(id));
  const int64_t version = seen.value_or(b.version);
  if (!b.template_id || !b.period) return Status::Conflict("briefing.not_generated", "通知不是由模板生成的,无需重新生成");
  ASSIGN_OR_RETURN(auto t, ctx.svc.briefings.Template(*b.template_id));
  ASSIGN_OR_RETURN(domain::Period month, MonthParam(*b.period, "period"));
  ASSIGN_OR_RETURN(auto made, MakeDocument(ctx, t, month, b.issue_no, b.issued_on, b.doc_number.value_or("")));
  ASSIGN_OR_RETURN(auto saved,
                   ctx.svc.briefings.SetDocument(id, version, json::serialize(DocumentJson(made.first)), made.second));
  return JsonResponse(BriefingJson(saved, true, true));
}

StatusOr<http::Response> PublishBriefing(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  ASSIGN_OR_RETURN(json::object body, ParseObject(ctx.req));
  FieldReader in(body);
  // The version the user saw, when the client sends it (a stale one is 409).
  const std::optional<int64_t> seen = in.OptionalInt("version", 0);
  RETURN_IF_ERROR(in.status());
  int64_t version = 0;
  if (seen) {
    version = *seen;
  } else {
    ASSIGN_OR_RETURN(auto current, ctx.svc.briefings.Get(id));
    version = current.version;
  }
  ASSIGN_OR_RETURN(auto b, ctx.svc.briefings.Publish(id, version, ctx.me().user.id));
  return JsonResponse(BriefingJson(b, true, true));
}

StatusOr<http::Response> ReadBriefing(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  ASSIGN_OR_RETURN(auto b, ReadableBriefing(ctx, id));
  if (ctx.me().role == Role::kUnit) {
    ASSIGN_OR_RETURN(auto units, ReaderUnits(ctx));
    // The receipt goes to the addressed unit nearest the reader.
    for (int64_t unit : units) {
      const bool addressed = std::any_of(b.recipients.begin(), b.recipients.end(),
                                         [&](const store::BriefingRecipient& r) { return r.unit_id == unit; });
      if (!addressed) continue;
      RETURN_IF_ERROR(ctx.svc.briefings.MarkRead(id, unit, ctx.me().user.id));
      break;
    }
    ASSIGN_OR_RETURN(b, ctx.svc.briefings.Get(id, units));
  }
  return JsonResponse(BriefingJson(b, true, false));
}

StatusOr<http::Response> DeleteBriefing(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  RETURN_IF_ERROR(ctx.svc.briefings.Delete(id));
  return http::Response::NoContent();
}

StatusOr<http::Response> BriefingDocx(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  ASSIGN_OR_RETURN(auto b, ReadableBriefing(ctx, id));
  ASSIGN_OR_RETURN(report::BriefingDocument doc, StoredDocument(b));
  ASSIGN_OR_RETURN(std::string docx, RenderDocument(std::move(doc), false));
  return http::Response::Download(std::move(docx), kDocxType, FileName(b, "docx"));
}

StatusOr<http::Response> BriefingPdf(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  ASSIGN_OR_RETURN(auto b, ReadableBriefing(ctx, id));
  ASSIGN_OR_RETURN(report::BriefingDocument doc, StoredDocument(b));
  ASSIGN_OR_RETURN(std::string pdf, RenderDocument(std::move(doc), true));
  return http::Response::Download(std::move(pdf), "application/pdf", FileName(b, "pdf"));
}

}  // namespace tuijin::api

namespace tuijin::api {

Status RunReportJob(Services& svc, const ReportJob& job) {
  http::Request req;
  Context ctx{req, svc, std::nullopt};
  std::string bytes;
  if (job.what == "ledger") {
    const auto period = domain::ParsePeriod(job.period);
    if (!period) return Status::Invalid({{"period", "应为月份(如 2026-10)或周(如 2026-W48)"}});
    const auto kind = report::ParseLedgerKind(job.kind);
    if (!kind) return Status::Invalid({{"kind", "应为 projects、areas、lagging、missing 或 overdue"}});
    if (job.group != "level" && job.group != "unit") return Status::Invalid({{"group", "应为 level 或 unit"}});
    ASSIGN_OR_RETURN(auto s, SnapshotOf(ctx, *period));
    ASSIGN_OR_RETURN(bytes, report::PeriodLedgerXlsx(*s, *kind, job.group == "unit" ? report::LedgerGrouping::kArea
                                                                                   : report::LedgerGrouping::kLevel));
  } else if (job.what == "briefing") {
    ASSIGN_OR_RETURN(domain::Period month, MonthParam(job.period, "period"));
    const bool pdf = job.out.ends_with(".pdf");
    if (!pdf && !job.out.ends_with(".docx")) return Status::Invalid({{"out", "文件名应以 .docx 或 .pdf 结尾"}});
    report::BriefingDocument doc;
    if (job.briefing_id) {
      ASSIGN_OR_RETURN(auto b, svc.briefings.Get(*job.briefing_id));
      ASSIGN_OR_RETURN(doc, StoredDocument(b));
    } else {
      ASSIGN_OR_RETURN(auto templates, svc.briefings.Templates(DefaultTemplates()));
      const store::BriefingTemplate* t = nullptr;
      for (const auto& x : templates) {
        if (job.template_id ? x.id == *job.template_id : (t == nullptr && x.kind == "special")) t = &x;
      }
      if (!t) return Status::Invalid({{"template", "模板不存在"}});
      ASSIGN_OR_RETURN(int64_t next, svc.briefings.NextIssueNo(t->series, month.year));
      ASSIGN_OR_RETURN(auto made, MakeDocument(ctx, *t, month, next, Today(), ""));
      doc = std::move(made.first);
    }
    ASSIGN_OR_RETURN(bytes, RenderDocument(std::move(doc), pdf));
  } else {
    return Status::Invalid({{"what", "应为 ledger 或 briefing"}});
  }
  // Written beside the target and renamed over it: a scheduled job never leaves half a file.
  const std::string tmp = job.out + ".part";
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) return Status::Internal("无法写入 " + job.out + ":" + std::strerror(errno));
  const bool written = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  if (std::fclose(f) != 0 || !written || std::rename(tmp.c_str(), job.out.c_str()) != 0) {
    std::remove(tmp.c_str());
    return Status::Internal("无法写入 " + job.out);
  }
  return Status::Ok();
}

}  // namespace tuijin::api

namespace tuijin::api {

Status LoadDemoBriefings(Services& svc, std::ostream& out) {
  ASSIGN_OR_RETURN(auto existing, svc.briefings.List({}, {1, 1}));
  if (existing.total > 0) return Status::Ok();
  ASSIGN_OR_RETURN(auto templates, svc.briefings.Templates(DefaultTemplates()));
  std::optional<int64_t> author;
  for (const char* role : {"staff", "admin"}) {
    store::UserFilter f;
    f.role = role;
    f.page = {1, 1};
    ASSIGN_OR_RETURN(auto users, svc.users.List(f));
    if (!author && !users.items.empty()) author = users.items.front().id;
  }
  if (!author || templates.empty()) return Status::Ok();
  http::Request req;
  Context ctx{req, svc, std::nullopt};
  const ChinaTime now = ToChinaTime(NowUnix());
  const domain::Period last = domain::PreviousPeriod(domain::MonthOf(now.year, now.month));
  const domain::Period before = domain::PreviousPeriod(last);
  ASSIGN_OR_RETURN(auto recipients, DefaultRecipients(ctx));
  int made = 0;
  for (const auto& [month, publish] : {std::pair{before, true}, std::pair{last, false}}) {
    for (const auto& t : templates) {
      if (t.kind != "special" && publish == false) continue;
      const domain::Period next = domain::NextPeriod(month);
      const std::string issued_on = fmt::format("{:04}-{:02}-08", next.year, next.index);
      ASSIGN_OR_RETURN(int64_t no, svc.briefings.NextIssueNo(t.series, month.year));
      const std::string doc_number = fmt::format("云发改〔{}〕{}号", next.year, 30 + made);
      ASSIGN_OR_RETURN(auto doc, MakeDocument(ctx, t, month, no, issued_on, doc_number));
      store::NewBriefing nb;
      nb.kind = t.kind;
      nb.series = t.series;
      nb.year = month.year;
      nb.issue_no = no;
      nb.doc_number = doc_number;
      nb.title = doc.first.title;
      nb.period = domain::FormatPeriod(month);
      nb.template_id = t.id;
      nb.document = json::serialize(DocumentJson(doc.first));
      nb.snapshot_locked = doc.second;
      nb.issued_on = issued_on;
      nb.recipient_unit_ids = recipients;
      ASSIGN_OR_RETURN(auto b, svc.briefings.Create(nb, *author));
      if (publish) RETURN_IF_ERROR(svc.briefings.Publish(b.id, b.version, *author).status());
      ++made;
    }
  }
  out << "演示专报:" << made << " 期(含已发布和草稿)\n";
  return Status::Ok();
}

}  // namespace tuijin::api
