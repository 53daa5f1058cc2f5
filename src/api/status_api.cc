// Red/yellow/green (红黄绿): the rule table (everyone reads it, admins edit it) and every
// project's colour for a month with its reasons, computed from the rules and the data as
// they are now. Definitions in DESIGN.md §2; the rules themselves in domain/status_rules.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "api/exports.h"
#include "api/handlers.h"
#include "api/json.h"
#include "api/month_status.h"
#include "base/text.h"
#include "base/time.h"
#include "domain/project_rules.h"
#include "domain/status_rules.h"
#include "report/status_list.h"

namespace tuijin::api {
namespace {

using domain::Comparator;
using domain::StatusRule;

// Thresholds travel as the user reads them: points (−10), percent (90) or counts (3); they
// are kept in hundredths for points and ratios.
int64_t Scale(Comparator c) { return c == Comparator::kCount ? 1 : 100; }

json::value ThresholdJson(int64_t stored, Comparator c) {
  if (c == Comparator::kCount) return stored;
  if (stored % 100 == 0) return stored / 100;
  return static_cast<double>(stored) / 100.0;
}

json::object RuleJson(const store::StoredRule& r) {
  return json::object{{"id", r.id},
                      {"name", r.name},
                      {"metric", domain::MetricName(r.metric)},
                      {"metric_label", domain::MetricLabel(r.metric)},
                      {"comparator", domain::ComparatorName(r.comparator)},
                      {"yellow", ThresholdJson(r.yellow, r.comparator)},
                      {"red", ThresholdJson(r.red, r.comparator)},
                      {"consecutive", r.consecutive},
                      {"enabled", r.enabled},
                      {"levels", json::array(r.levels.begin(), r.levels.end())},
                      {"category_ids", json::array(r.category_ids.begin(), r.category_ids.end())},
                      {"min_annual_plan", OrNull(r.min_annual_plan)},
                      {"version", r.version},
                      {"updated_at", r.updated_at}};
}

// A threshold as sent: a number with at most two decimals (points, percent), or a whole
// count; stored in the comparator's unit.
std::optional<int64_t> ReadThreshold(FieldReader& in, const char* field, Comparator c) {
  const auto n = in.OptionalNumber(field, -1e6, 1e6);
  if (!n) {
    if (!in.Has(field)) in.Fail(field, "必填");
    return std::nullopt;
  }
  const double scaled = *n * static_cast<double>(Scale(c));
  const double rounded = std::round(scaled);
  if (std::fabs(scaled - rounded) > 1e-6) {
    in.Fail(field, c == Comparator::kCount ? "应为整数" : "最多两位小数");
    return std::nullopt;
  }
  return static_cast<int64_t>(rounded);
}

// A rule as sent; problems go to the reader and the domain's checks.
StatusOr<store::StoredRule> ReadRule(Context& ctx, const json::object& body) {
  FieldReader in(body);
  store::StoredRule r;
  r.name = in.RequiredString("name", 50);
  const std::string metric = in.RequiredString("metric", 30);
  const std::string comparator = in.RequiredString("comparator", 10);
  if (auto m = domain::ParseMetric(metric)) r.metric = *m;
  else if (!metric.empty()) in.Fail("metric", "未知指标 " + metric);
  if (auto c = domain::ParseComparator(comparator)) r.comparator = *c;
  else if (!comparator.empty()) in.Fail("comparator", "应为 points、ratio 或 count");
  if (auto y = ReadThreshold(in, "yellow", r.comparator)) r.yellow = *y;
  if (auto red = ReadThreshold(in, "red", r.comparator)) r.red = *red;
  r.consecutive = static_cast<int>(in.Int("consecutive", 1, 1, 12));
  r.enabled = in.Bool("enabled", true);
  r.version = in.Int("version", 0, 0);
  if (const json::value* levels = in.Raw("levels"); levels && !levels->is_null()) {
    if (!levels->is_array()) {
      in.Fail("levels", "应为级别数组");
    } else {
      for (const auto& l : levels->as_array()) {
        if (!l.is_string() || !domain::IsLevel(l.as_string())) {
          in.Fail("levels", "应为 province、city、district 之一");
          break;
        }
        r.levels.emplace_back(l.as_string());
      }
    }
  }
  if (in.Has("category_ids")) r.category_ids = in.IdArray("category_ids");
  r.min_annual_plan = in.OptionalInt("min_annual_plan", 0);
  RETURN_IF_ERROR(in.status());
  std::map<std::string, std::string> errors;
  for (auto& [field, message] : domain::CheckStatusRule(r)) errors.emplace(field, message);
  if (!r.category_ids.empty()) {
    ASSIGN_OR_RETURN(auto dict, ctx.svc.dictionaries.List("category"));
    for (int64_t id : r.category_ids) {
      if (std::none_of(dict.begin(), dict.end(), [&](const auto& item) { return item.id == id; })) {
        errors.emplace("category_ids", fmt::format("类别 {} 不存在", id));
      }
    }
  }
  if (!errors.empty()) return Status::Invalid(errors);
  return r;
}

json::object ReasonJson(const domain::RuleResult& r, const std::map<int64_t, std::string>& names) {
  auto name = names.find(r.rule_id);
  return json::object{{"rule_id", r.rule_id},
                      {"rule_name", name == names.end() ? std::string() : name->second},
                      {"metric", domain::MetricName(r.metric)},
                      {"metric_label", domain::MetricLabel(r.metric)},
                      {"colour", domain::ColourName(r.colour)},
                      {"reason", r.reason}};
}

// The status list after its filters, worst first.
struct StatusRows {
  MonthStatuses all;
  // Into all.rows (a moved vector keeps its elements where they are).
  std::vector<const ProjectMonthStatus*> rows;
  std::map<domain::Colour, int64_t> summary;  // by colour, over every filter but the colour
  std::map<int64_t, std::string> rule_names;
};

// The list's filters: ?period=YYYY-MM (default the month being reported now), colour
// (repeatable), unit_id (with sub-units), level, q (name or code contains); a unit user sees
// its own projects. `words`, when given, gets the filters as the export names them.
StatusOr<StatusRows> FilteredStatuses(Context& ctx, FilterWords* words) {
  ASSIGN_OR_RETURN(domain::Period month, StatusMonth(ctx));
  FilterWords said;
  std::set<domain::Colour> colours;
  for (const auto& c : ctx.req.QueryList("colour")) {
    auto parsed = domain::ParseColour(c);
    if (!parsed) return Status::Invalid({{"colour", "应为 green、yellow 或 red"}});
    colours.insert(*parsed);
  }
  if (!colours.empty()) {
    std::string text;
    for (auto it = colours.rbegin(); it != colours.rend(); ++it) {
      text += (text.empty() ? "" : "、") + std::string(domain::ColourLabel(*it));
    }
    said.push_back("红黄绿 " + text);
  }
  const std::string level(TrimSpace(ctx.req.Query("level").value_or("")));
  if (!level.empty() && !domain::IsLevel(level)) return Status::Invalid({{"level", "未知级别 " + level}});
  if (!level.empty()) said.push_back("级别 " + std::string(domain::LevelLabel(level)));
  const std::string q(TrimSpace(ctx.req.Query("q").value_or("")));
  ASSIGN_OR_RETURN(auto unit_id, QueryInt(ctx.req, "unit_id"));
  std::optional<std::set<int64_t>> units;
  if (unit_id) {
    ASSIGN_OR_RETURN(auto subtree, ctx.svc.units.Subtree(*unit_id));
    units.emplace(subtree.begin(), subtree.end());
    if (words) {
      ASSIGN_OR_RETURN(auto unit, ctx.svc.units.Get(*unit_id));
      said.push_back("责任单位 " + unit.name + "(含下级)");
    }
  }
  if (!q.empty()) said.push_back("关键词 " + q);
  ASSIGN_OR_RETURN(auto scope, UnitScope(ctx));
  if (scope) said.insert(said.begin(), "范围 本单位项目");
  StatusRows out;
  ASSIGN_OR_RETURN(out.all, StatusesAt(ctx, month, scope));
  for (const auto& r : out.all.rules) out.rule_names[r.id] = r.name;
  for (const ProjectMonthStatus& row : out.all.rows) {
    const store::StatusProject& p = *row.project;
    if (units && (!p.lead_unit_id || !units->count(*p.lead_unit_id))) continue;
    if (!level.empty() && p.year.base.level != level) continue;
    if (!q.empty() && p.name.find(q) == std::string::npos && (!p.code || p.code->find(q) == std::string::npos)) continue;
    ++out.summary[row.status.colour];
    if (!colours.empty() && !colours.count(row.status.colour)) continue;
    out.rows.push_back(&row);
  }
  std::stable_sort(out.rows.begin(), out.rows.end(),
                   [](const auto* a, const auto* b) { return a->status.colour > b->status.colour; });
  if (words) *words = std::move(said);
  return out;
}

}  // namespace

StatusOr<http::Response> ListStatusRules(Context& ctx) {
  ASSIGN_OR_RETURN(auto rules, ctx.svc.statuses.Rules());
  json::array items;
  for (const auto& r : rules) items.push_back(RuleJson(r));
  return JsonResponse(json::object{{"items", std::move(items)},
                                   {"granularity", ctx.svc.config.schedule_granularity}});
}

StatusOr<http::Response> CreateStatusRule(Context& ctx) {
  ASSIGN_OR_RETURN(json::object body, ParseObject(ctx.req));
  ASSIGN_OR_RETURN(store::StoredRule rule, ReadRule(ctx, body));
  rule.id = 0;
  ASSIGN_OR_RETURN(auto saved, ctx.svc.statuses.SaveRule(rule, ctx.me().user.id));
  return JsonResponse(RuleJson(saved), 201);
}

StatusOr<http::Response> UpdateStatusRule(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  ASSIGN_OR_RETURN(json::object body, ParseObject(ctx.req));
  ASSIGN_OR_RETURN(store::StoredRule rule, ReadRule(ctx, body));
  if (rule.version == 0) return Status::Invalid({{"version", "必填(修改前读取到的版本号)"}});
  rule.id = id;
  ASSIGN_OR_RETURN(auto saved, ctx.svc.statuses.SaveRule(rule, ctx.me().user.id));
  return JsonResponse(RuleJson(saved));
}

StatusOr<http::Response> DeleteStatusRule(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  RETURN_IF_ERROR(ctx.svc.statuses.DeleteRule(id));
  return http::Response::NoContent();
}

// Every project's colour at the end of a month, worst first, with the reasons; the filters of
// FilteredStatuses; page, page_size (default 50). `frozen` says the month was locked and
// reads as it did then.
StatusOr<http::Response> ListStatuses(Context& ctx) {
  ASSIGN_OR_RETURN(store::PageRequest page, ReadPage(ctx.req, 50));
  ASSIGN_OR_RETURN(StatusRows filtered, FilteredStatuses(ctx, nullptr));
  const MonthStatuses& all = filtered.all;
  const domain::Period& month = all.month;
  const auto& rows = filtered.rows;
  const auto& names = filtered.rule_names;
  auto& summary = filtered.summary;
  json::array items;
  const size_t from = std::min(rows.size(), static_cast<size_t>((page.page - 1) * page.page_size));
  const size_t to = std::min(rows.size(), from + static_cast<size_t>(page.page_size));
  for (size_t i = from; i < to; ++i) {
    const ProjectMonthStatus& r = *rows[i];
    const store::StatusProject& p = *r.project;
    json::array reasons;
    for (const auto& reason : r.status.reasons) reasons.push_back(ReasonJson(reason, names));
    std::optional<domain::Ratio> rate;
    if (r.annual_plan > 0) rate = domain::Ratio{r.year_to_date, r.annual_plan};
    items.push_back(json::object{
        {"project", json::object{{"id", p.id},
                                 {"code", OrNull(p.code)},
                                 {"name", p.name},
                                 {"level", p.year.base.level},
                                 {"stage", p.year.base.stage},
                                 {"lead_unit_id", OrNull(p.lead_unit_id)},
                                 {"lead_unit_name", OrNull(p.lead_unit_name)}}},
        {"colour", domain::ColourName(r.status.colour)},
        {"annual_plan", r.annual_plan},
        {"year_to_date", r.year_to_date},
        {"annual_rate", rate ? json::value(domain::FormatPercent(rate)) : json::value(nullptr)},
        {"reasons", std::move(reasons)}});
  }
  return JsonResponse(json::object{
      {"period", domain::FormatPeriod(month)},
      {"granularity", domain::GranularityName(all.granularity)},
      {"schedule", domain::FormatPercent(all.schedule)},
      {"frozen", all.frozen},
      {"summary", json::object{{"green", summary[domain::Colour::kGreen]},
                               {"yellow", summary[domain::Colour::kYellow]},
                               {"red", summary[domain::Colour::kRed]}}},
      {"total", static_cast<int64_t>(rows.size())},
      {"page", page.page},
      {"page_size", page.page_size},
      {"items", std::move(items)}});
}

// The list with the same filters, every project, as 红黄绿状态表 .xlsx.
StatusOr<http::Response> ExportStatuses(Context& ctx) {
  FilterWords words;
  ASSIGN_OR_RETURN(StatusRows filtered, FilteredStatuses(ctx, &words));
  if (static_cast<int64_t>(filtered.rows.size()) > kMaxExportRows) return TooManyToExport();
  const MonthStatuses& all = filtered.all;
  report::StatusList list;
  list.title = fmt::format("{}重点项目红黄绿状态表({})", ctx.svc.config.district, domain::PeriodLabel(all.month));
  list.subtitle = fmt::format("序时进度 {}{}    {}    {}    共 {} 个项目", domain::FormatPercent(all.schedule),
                              all.frozen ? "(已锁定,取自锁定时的快照)" : "", FiltersLine(words), ExportedAt(),
                              filtered.rows.size());
  for (const ProjectMonthStatus* row : filtered.rows) {
    const store::StatusProject& p = *row->project;
    report::StatusListRow r;
    r.colour = row->status.colour;
    r.code = p.code.value_or("");
    r.project = p.name;
    r.level = std::string(domain::LevelLabel(p.year.base.level));
    r.lead_unit = p.lead_unit_name.value_or("");
    r.annual_plan = row->annual_plan;
    r.year_to_date = row->year_to_date;
    for (const domain::RuleResult& reason : row->status.reasons) {
      r.reasons.push_back(fmt::format("【{}】{}", domain::MetricLabel(reason.metric), reason.reason));
    }
    list.rows.push_back(std::move(r));
  }
  ASSIGN_OR_RETURN(std::string xlsx, report::StatusListXlsx(list));
  return XlsxDownload(std::move(xlsx), fmt::format("红黄绿状态表-{}.xlsx", domain::FormatPeriod(all.month)));
}

}  // namespace tuijin::api
