// Annual plans (年度计划) and the split of the district's yearly investment target to units
// (任务分解). Staff and admins edit; leaders read everything; a unit user reads only the
// plans of its unit's (and sub-units') projects and only its own unit's target.

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "api/handlers.h"
#include "api/json.h"
#include "base/crypto.h"
#include "base/text.h"
#include "base/time.h"
#include "domain/plan_rules.h"
#include "domain/project_rules.h"
#include "domain/reporting.h"
#include "report/plan_ledger.h"

namespace tuijin::api {
namespace {

using store::Plan;

constexpr int64_t kMaxPlanAmount = 100'000 * kFenPerYi;  // 10 万亿元: a typo guard, not a rule
constexpr size_t kMaxBatchRows = 5000;
constexpr size_t kMaxPlanSheetBytes = 10 * 1024 * 1024;
// The kinds of unit the district target is split to: 街道, 乡镇, 开发区, 区直部门.
const std::set<std::string> kTargetUnitKinds = {"street", "township", "zone", "department"};

StatusOr<int> YearFrom(std::optional<int64_t> year, const char* field) {
  if (!year) return Today().empty() ? 0 : std::stoi(Today().substr(0, 4));
  if (*year < domain::kFirstPlanYear || *year > domain::kLastPlanYear) {
    return Status::Invalid(
        {{field, fmt::format("年度应在 {} 到 {} 之间", domain::kFirstPlanYear, domain::kLastPlanYear)}});
  }
  return static_cast<int>(*year);
}

StatusOr<int> PathYear(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t year, PathId(ctx.req, "year"));
  return YearFrom(year, "year");
}

// Adds a reader's field errors to `errors`, each named `prefix` + field; a field already
// there keeps its message.
void MergeErrors(const FieldReader& in, const std::string& prefix, std::map<std::string, std::string>& errors) {
  const Status st = in.status();  // fields() refers into it
  for (const auto& [field, message] : st.fields()) errors.emplace(prefix + field, message);
}

json::array FenArray(const std::vector<Fen>& v) { return json::array(v.begin(), v.end()); }

json::array GoalsJson(const std::array<std::string, 4>& goals) { return json::array(goals.begin(), goals.end()); }

json::object PlanJson(const Plan& p) {
  return json::object{{"id", p.id},
                      {"year", p.year},
                      {"amount", p.amount},
                      {"curve", FenArray(domain::EffectiveCurve(p))},
                      {"curve_linear", p.curve.empty()},
                      {"goals", GoalsJson(p.goals)},
                      {"planned_start", OrNull(p.planned_start)},
                      {"planned_completion", OrNull(p.planned_completion)},
                      {"state", p.state},
                      {"revision", p.revision},
                      {"version", p.version},
                      {"updated_at", p.updated_at}};
}

json::object PlanProjectJson(const store::PlanProject& p) {
  return json::object{{"id", p.id},
                      {"code", OrNull(p.code)},
                      {"name", p.name},
                      {"level", p.level},
                      {"lead_unit_id", OrNull(p.lead_unit_id)},
                      {"lead_unit_name", OrNull(p.lead_unit_name)},
                      {"total_investment", p.total_investment},
                      {"stage", p.stage}};
}

StatusOr<json::object> PlanWithRevisions(Context& ctx, const Plan& plan) {
  ASSIGN_OR_RETURN(auto revisions, ctx.svc.plans.Revisions(plan.id));
  json::array items;
  for (const auto& r : revisions) {
    items.push_back(json::object{{"revision", r.revision},
                                 {"amount", r.amount},
                                 {"curve", FenArray(domain::EffectiveCurve(r))},
                                 {"curve_linear", r.curve.empty()},
                                 {"goals", GoalsJson(r.goals)},
                                 {"planned_start", OrNull(r.planned_start)},
                                 {"planned_completion", OrNull(r.planned_completion)},
                                 {"reason", OrNull(r.reason)},
                                 {"user_name", OrNull(r.user_name)},
                                 {"created_at", r.created_at}});
  }
  json::object out = PlanJson(plan);
  out["revisions"] = std::move(items);
  return out;
}

// A plan's values and version as sent, for `year`. Problems go to `errors` under
// `prefix` + field ("items.3.amount").
store::PlanWrite ReadPlanWrite(const json::object& body, int year, const std::string& prefix,
                               std::map<std::string, std::string>& errors) {
  FieldReader in(body);
  store::PlanWrite w;
  w.values.amount = in.Int("amount", 0, 0, kMaxPlanAmount);
  if (!in.Has("amount")) in.Fail("amount", "必填");
  w.version = in.OptionalInt("version", 1);
  w.values.planned_start = in.OptionalString("planned_start", 10);
  w.values.planned_completion = in.OptionalString("planned_completion", 10);
  if (const json::value* curve = in.Raw("curve")) {
    bool ok = curve->is_array();
    if (ok) {
      for (const json::value& v : curve->as_array()) {
        if (v.is_int64()) {
          w.values.curve.push_back(v.as_int64());
        } else if (v.is_uint64() && v.as_uint64() <= static_cast<uint64_t>(kMaxPlanAmount)) {
          w.values.curve.push_back(static_cast<Fen>(v.as_uint64()));
        } else {
          ok = false;
        }
      }
    }
    if (!ok) {
      in.Fail("curve", "月度计划累计应为 12 个整数(分)的数组,或 null 表示按月平均");
      w.values.curve.clear();
    } else if (w.values.curve.size() != 12) {
      in.Fail("curve", "月度计划累计应为 12 个月");
      w.values.curve.clear();
    }
  }
  if (const json::value* goals = in.Raw("goals")) {
    if (!goals->is_array() || goals->as_array().size() > 4) {
      in.Fail("goals", "形象进度目标应为 4 个季度的文本数组");
    } else {
      const auto& a = goals->as_array();
      for (size_t q = 0; q < a.size(); ++q) {
        if (a[q].is_string()) {
          w.values.goals[q] = std::string(TrimSpace(a[q].as_string()));
        } else if (!a[q].is_null()) {
          in.Fail(fmt::format("goals.{}", q), "应为文本");
        }
      }
    }
  }
  MergeErrors(in, prefix, errors);
  for (const auto& [field, message] : domain::CheckPlan(w.values, year)) errors.emplace(prefix + field, message);
  w.values.curve = domain::NormalizeCurve(w.values.curve, w.values.amount);
  return w;
}

// "planned_start" → "计划开工:", for messages that name a row's field in words.
std::string FieldLabel(const std::string& field) {
  static const std::map<std::string, std::string> kLabels = {
      {"project_id", "项目"},    {"amount", "年度计划投资"},    {"curve", "月度计划"},
      {"goals", "形象进度目标"}, {"planned_start", "计划开工"}, {"planned_completion", "计划竣工"},
      {"version", "版本"}};
  auto it = kLabels.find(field.substr(0, field.find('.')));
  return it == kLabels.end() ? std::string() : it->second + ":";
}

// Why a project takes no plan of its own; empty when it does.
std::string CheckPlannable(const store::Project& p) {
  if (p.parent_id) return "子工程不单独编制年度计划,请在所属项目上编制";
  if (p.stage == "cancelled") return "项目已取消,不编制年度计划";
  return {};
}

// The units the district target is split to: top-level 街道, 乡镇, 开发区 and 区直部门 in
// the tree's order, and any other unit that has a target for the year.
struct TargetUnits {
  std::vector<store::Unit> rows;
  std::map<int64_t, const store::Unit*> by_id;  // every unit
  std::map<int64_t, size_t> row_of;             // target unit id → index in rows
};

TargetUnits TargetUnitsOf(const std::vector<store::Unit>& all, const store::DistrictTarget& targets) {
  TargetUnits t;
  std::set<int64_t> with_target;
  for (const auto& [id, amount] : targets.units) with_target.insert(id);
  for (const store::Unit& u : all) {
    const bool listed = u.enabled && !u.parent_id && kTargetUnitKinds.count(u.kind);
    if (listed || with_target.count(u.id)) t.rows.push_back(u);
  }
  for (const store::Unit& u : all) t.by_id[u.id] = &u;
  for (size_t i = 0; i < t.rows.size(); ++i) t.row_of[t.rows[i].id] = i;
  return t;
}

// The row a project's 责任单位 counts towards: the unit itself or its nearest listed ancestor.
std::optional<size_t> RowFor(const TargetUnits& t, int64_t unit_id) {
  for (int guard = 0; guard < 64; ++guard) {
    if (auto it = t.row_of.find(unit_id); it != t.row_of.end()) return it->second;
    auto u = t.by_id.find(unit_id);
    if (u == t.by_id.end() || !u->second->parent_id) return std::nullopt;
    unit_id = *u->second->parent_id;
  }
  return std::nullopt;
}

StatusOr<json::object> UnitTargetsJson(Context& ctx, int year) {
  ASSIGN_OR_RETURN(auto all_units, ctx.svc.units.List());
  ASSIGN_OR_RETURN(auto targets, ctx.svc.plans.Targets(year));
  ASSIGN_OR_RETURN(auto sums, ctx.svc.plans.SumsByLeadUnit(year));
  ASSIGN_OR_RETURN(auto scope, UnitScope(ctx));
  const TargetUnits t = TargetUnitsOf(all_units, targets);
  std::vector<domain::UnitTargetFigures> figures(t.rows.size());
  std::vector<int64_t> counts(t.rows.size(), 0);
  for (size_t i = 0; i < t.rows.size(); ++i) figures[i].unit_id = t.rows[i].id;
  for (const auto& [id, amount] : targets.units) figures[t.row_of.at(id)].target = amount;
  Fen unassigned = 0;
  int64_t unassigned_count = 0;
  for (const auto& s : sums) {
    if (auto row = RowFor(t, s.lead_unit_id)) {
      figures[*row].projects_amount += s.amount;
      counts[*row] += s.count;
    } else {
      unassigned += s.amount;
      unassigned_count += s.count;
    }
  }
  // A unit user sees its own unit's row (and its sub-units', if they have one), nothing else.
  std::vector<size_t> shown;
  for (size_t i = 0; i < t.rows.size(); ++i) {
    if (!scope || std::find(scope->begin(), scope->end(), t.rows[i].id) != scope->end()) shown.push_back(i);
  }
  std::vector<domain::UnitTargetFigures> shown_figures;
  for (size_t i : shown) shown_figures.push_back(figures[i]);
  const auto rec = domain::ReconcileTargets(scope ? std::nullopt : targets.amount, shown_figures);
  json::array rows;
  for (size_t k = 0; k < shown.size(); ++k) {
    const size_t i = shown[k];
    rows.push_back(json::object{{"unit_id", t.rows[i].id},
                                {"unit_name", t.rows[i].name},
                                {"kind", t.rows[i].kind},
                                {"amount", OrNull(figures[i].target)},
                                {"projects_amount", figures[i].projects_amount},
                                {"project_count", counts[i]},
                                {"difference", rec.differences[k]}});
  }
  json::object out{
      {"year", year},
      {"district_amount", scope ? json::value(nullptr) : OrNull(targets.amount)},
      {"units", std::move(rows)},
      {"units_sum", rec.units_sum},
      {"mismatch", json::object{{"district", rec.district_difference},
                                {"units", json::array(rec.mismatched_units.begin(), rec.mismatched_units.end())}}}};
  if (!scope) {
    out["unassigned"] = json::object{{"amount", unassigned}, {"project_count", unassigned_count}};
  }
  return out;
}

// Query parameters of the plan list and its export → filter (the page is the caller's).
StatusOr<store::PlanFilter> ReadPlanFilter(Context& ctx) {
  const http::Request& req = ctx.req;
  store::PlanFilter f;
  ASSIGN_OR_RETURN(auto year, QueryInt(req, "year"));
  ASSIGN_OR_RETURN(f.year, YearFrom(year, "year"));
  f.q = std::string(TrimSpace(req.Query("q").value_or("")));
  f.levels = req.QueryList("level");
  for (const auto& l : f.levels) {
    if (!domain::IsLevel(l)) return Status::Invalid({{"level", "未知级别 " + l}});
  }
  ASSIGN_OR_RETURN(auto unit_id, QueryInt(req, "unit_id"));
  if (unit_id) {
    // A unit includes its sub-units.
    ASSIGN_OR_RETURN(f.lead_unit_ids, ctx.svc.units.Subtree(*unit_id));
  }
  ASSIGN_OR_RETURN(f.scope_unit_ids, UnitScope(ctx));
  return f;
}

// "12,000.5" for 12000.5 万元: exact, without trailing zeros.
std::string WanText(Fen fen) {
  std::string t = FormatAmount(fen, MoneyUnit::kWanYuan, 6);
  if (t.find('.') != std::string::npos) {
    while (t.back() == '0') t.pop_back();
    if (t.back() == '.') t.pop_back();
  }
  return t;
}

// What uploading a plan table would do to one row's plan.
struct PlanSheetDecision {
  const report::PlanSheetRow* row = nullptr;
  std::optional<int64_t> project_id;
  std::string action;  // create, update, adjust (an issued plan: 年中调整), unchanged, error
  std::optional<Fen> old_amount;
  store::PlanWrite write;
  std::map<std::string, std::string> errors;  // the row's field → message
};

struct PlanSheetPlan {
  report::PlanSheet sheet;
  std::vector<PlanSheetDecision> rows;
  std::map<std::string, int64_t> counts;  // by action
  // The plans the rows would write and their versions: a commit writes only what was
  // previewed.
  std::string token;
};

// A plan's values from a table row, over the plan it changes (if any): columns the table
// lacks keep the plan's values; quarters equal to the plan's keep its monthly curve; no
// quarters keep a curve that still adds up to the amount, else the curve is linear.
domain::PlanValues ValuesFromSheet(const report::PlanSheet& sheet, const report::PlanSheetRow& r,
                                   const std::optional<Plan>& current, std::map<std::string, std::string>& errors) {
  domain::PlanValues v = current ? static_cast<const domain::PlanValues&>(*current) : domain::PlanValues{};
  v.amount = r.amount.value_or(0);
  const bool any_quarter = std::any_of(r.quarters.begin(), r.quarters.end(), [](const auto& q) { return q.has_value(); });
  if (sheet.has_quarters && any_quarter && r.amount) {
    std::array<Fen, 4> quarters{};
    Fen sum = 0;
    for (size_t q = 0; q < 4; ++q) sum += quarters[q] = r.quarters[q].value_or(0);
    const std::vector<Fen> kept = domain::EffectiveCurve(v);
    if (sum != v.amount) {
      errors.emplace("quarters", fmt::format("四个季度之和 {} 万元与年度计划投资 {} 万元不符", WanText(sum),
                                             WanText(v.amount)));
      v.curve.clear();  // one message for the row, not another for the curve
    } else if (!(current && domain::QuarterAmounts(kept) == quarters && kept.back() == v.amount)) {
      v.curve = domain::CurveFromQuarters(quarters);
    }
  } else if (!v.curve.empty() && v.curve.back() != v.amount) {
    v.curve.clear();
  }
  if (sheet.has_goals) v.goals = r.goals;
  if (sheet.has_start) v.planned_start = r.planned_start;
  if (sheet.has_completion) v.planned_completion = r.planned_completion;
  v.curve = domain::NormalizeCurve(v.curve, v.amount);
  return v;
}

// Reads an uploaded plan table and decides each row against the year's plans: projects
// matched by 项目代码, else by 项目名称, among the top-level projects not cancelled.
StatusOr<PlanSheetPlan> DecidePlanSheet(Context& ctx, std::string_view bytes, int year) {
  PlanSheetPlan out;
  ASSIGN_OR_RETURN(out.sheet, report::ReadPlanSheet(bytes));
  store::PlanFilter f;
  f.year = year;
  f.page.page_size = 1'000'000;
  ASSIGN_OR_RETURN(auto list, ctx.svc.plans.List(f));
  std::map<std::string, const store::PlanRow*> by_code;
  std::map<std::string, std::vector<const store::PlanRow*>> by_name;
  for (const auto& row : list.page.items) {
    if (row.project.code) by_code[*row.project.code] = &row;
    by_name[row.project.name].push_back(&row);
  }
  std::map<int64_t, int> seen;  // project → sheet row
  std::string versions;
  for (const report::PlanSheetRow& r : out.sheet.rows) {
    PlanSheetDecision d;
    d.row = &r;
    d.errors = r.errors;
    const store::PlanRow* match = nullptr;
    if (!r.code.empty() && by_code.count(r.code)) {
      match = by_code[r.code];
    } else if (auto it = by_name.find(r.name); it != by_name.end() && it->second.size() == 1) {
      match = it->second.front();
    } else if (it != by_name.end()) {
      d.errors.emplace("project_id", "有 " + std::to_string(it->second.size()) + " 个项目名为“" + r.name +
                                         "”,请填写项目代码");
    } else {
      d.errors.emplace("project_id", "“" + (r.name.empty() ? r.code : r.name) +
                                         "”不在本年度可编制计划的项目中(项目不存在、已取消或为子工程)");
    }
    if (!r.amount && !r.errors.count("amount")) d.errors.emplace("amount", "必填");
    if (match) {
      d.project_id = match->project.id;
      if (auto [prev, fresh] = seen.emplace(match->project.id, r.row); !fresh) {
        d.errors.emplace("project_id", fmt::format("与第 {} 行是同一个项目", prev->second));
      }
      d.write.project_id = match->project.id;
      d.write.values = ValuesFromSheet(out.sheet, r, match->plan, d.errors);
      if (match->plan) {
        d.old_amount = match->plan->amount;
        d.write.version = match->plan->version;
      }
      for (const auto& [field, message] : domain::CheckPlan(d.write.values, year)) d.errors.emplace(field, message);
    }
    if (!d.errors.empty()) {
      d.action = "error";
    } else if (!match->plan) {
      d.action = "create";
    } else if (static_cast<const domain::PlanValues&>(*match->plan) == d.write.values) {
      d.action = "unchanged";
    } else {
      d.action = match->plan->state == "issued" ? "adjust" : "update";
    }
    if (d.action == "create" || d.action == "update" || d.action == "adjust") {
      versions += fmt::format("{}:{};", d.write.project_id, d.write.version.value_or(0));
    }
    ++out.counts[d.action];
    out.rows.push_back(std::move(d));
  }
  out.token = Sha256Hex(versions).substr(0, 32);
  return out;
}

// What a plan table's column is called in messages.
std::string PlanSheetLabel(const std::string& field) {
  if (field.starts_with("quarters.")) {
    static const char* const kQuarters[] = {"一季度计划投资", "二季度计划投资", "三季度计划投资", "四季度计划投资"};
    const int q = field.back() - '0';
    return q >= 0 && q < 4 ? kQuarters[q] : field;
  }
  if (field == "quarters") return "分季度计划投资";
  if (field.starts_with("goals.")) return "形象进度目标";
  const std::string label = FieldLabel(field);
  return label.empty() ? field : label.substr(0, label.size() - 1);
}

json::object PlanSheetJson(const PlanSheetPlan& plan, const std::string& import_id, int year) {
  json::array rows;
  for (const PlanSheetDecision& d : plan.rows) {
    json::array errors;
    for (const auto& [field, message] : d.errors) {
      errors.push_back(json::object{{"field", field}, {"label", PlanSheetLabel(field)}, {"message", message}});
    }
    rows.push_back(json::object{{"row", d.row->row},
                                {"project_id", OrNull(d.project_id)},
                                {"code", d.row->code},
                                {"name", d.row->name},
                                {"action", d.action},
                                {"amount", d.errors.count("amount") ? json::value(nullptr) : json::value(d.write.values.amount)},
                                {"old_amount", OrNull(d.old_amount)},
                                {"errors", std::move(errors)}});
  }
  json::array columns;
  if (plan.sheet.has_quarters) columns.push_back("quarters");
  if (plan.sheet.has_goals) columns.push_back("goals");
  if (plan.sheet.has_start) columns.push_back("planned_start");
  if (plan.sheet.has_completion) columns.push_back("planned_completion");
  auto count = [&](const char* action) {
    auto it = plan.counts.find(action);
    return it == plan.counts.end() ? int64_t{0} : it->second;
  };
  return json::object{{"import_id", import_id},
                      {"year", year},
                      {"token", plan.token},
                      {"columns", std::move(columns)},
                      {"rows", std::move(rows)},
                      {"summary", json::object{{"create", count("create")},
                                               {"update", count("update")},
                                               {"adjust", count("adjust")},
                                               {"unchanged", count("unchanged")},
                                               {"error", count("error")}}}};
}

}  // namespace

StatusOr<http::Response> ListPlans(Context& ctx) {
  ASSIGN_OR_RETURN(store::PlanFilter f, ReadPlanFilter(ctx));
  ASSIGN_OR_RETURN(f.page, ReadPage(ctx.req));
  ASSIGN_OR_RETURN(auto list, ctx.svc.plans.List(f));
  json::array items;
  for (const auto& row : list.page.items) {
    items.push_back(json::object{{"project", PlanProjectJson(row.project)},
                                 {"plan", row.plan ? json::value(PlanJson(*row.plan)) : json::value(nullptr)}});
  }
  return JsonResponse(json::object{
      {"year", f.year}, {"items", std::move(items)}, {"total", list.page.total}, {"amount_sum", list.amount_sum}});
}

StatusOr<http::Response> GetPlan(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  ASSIGN_OR_RETURN(int year, PathYear(ctx));
  ASSIGN_OR_RETURN(auto project, AccessibleProject(ctx, id));
  ASSIGN_OR_RETURN(auto plan, ctx.svc.plans.Get(project.id, year));
  ASSIGN_OR_RETURN(auto out, PlanWithRevisions(ctx, plan));
  return JsonResponse(out);
}

StatusOr<http::Response> PutPlan(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  ASSIGN_OR_RETURN(int year, PathYear(ctx));
  ASSIGN_OR_RETURN(json::object body, ParseObject(ctx.req));
  ASSIGN_OR_RETURN(auto project, AccessibleProject(ctx, id));
  if (auto why = CheckPlannable(project); !why.empty()) return Status::Conflict("plan.not_plannable", why);
  std::map<std::string, std::string> errors;
  store::PlanWrite w = ReadPlanWrite(body, year, "", errors);
  w.project_id = project.id;
  FieldReader in(body);
  const auto reason = in.OptionalString("reason", 500);
  MergeErrors(in, "", errors);
  if (!errors.empty()) return Status::Invalid(errors);
  ASSIGN_OR_RETURN(auto saved, ctx.svc.plans.Save(year, {w}, reason, ctx.me().user.id, ""));
  ASSIGN_OR_RETURN(auto out, PlanWithRevisions(ctx, saved.front()));
  return JsonResponse(out);
}

StatusOr<http::Response> SavePlans(Context& ctx) {
  ASSIGN_OR_RETURN(json::object body, ParseObject(ctx.req));
  FieldReader in(body);
  const auto year_value = in.OptionalInt("year", domain::kFirstPlanYear, domain::kLastPlanYear);
  if (!in.Has("year")) in.Fail("year", "必填");
  const auto reason = in.OptionalString("reason", 500);
  const json::value* items = in.Raw("items");
  if (!items || !items->is_array() || items->as_array().empty()) {
    in.Fail("items", "应为至少一行的数组");
  } else if (items->as_array().size() > kMaxBatchRows) {
    in.Fail("items", fmt::format("一次最多保存 {} 行", kMaxBatchRows));
  }
  RETURN_IF_ERROR(in.status());
  const int year = static_cast<int>(*year_value);
  const auto& rows = items->as_array();

  // Every row's problems together, named "items.<index>.<field>" (index from 0, as sent).
  std::map<std::string, std::string> errors;
  std::map<size_t, std::string> first_error_of_row;
  std::vector<store::PlanWrite> writes(rows.size());
  std::vector<int64_t> ids;
  for (size_t i = 0; i < rows.size(); ++i) {
    const std::string prefix = fmt::format("items.{}.", i);
    if (!rows[i].is_object()) {
      errors[prefix + "project_id"] = "每行应为对象";
      continue;
    }
    FieldReader row(rows[i].as_object());
    const auto project_id = row.OptionalInt("project_id", 1);
    if (!project_id && !row.Has("project_id")) errors[prefix + "project_id"] = "必填";
    MergeErrors(row, prefix, errors);
    writes[i] = ReadPlanWrite(rows[i].as_object(), year, prefix, errors);
    writes[i].project_id = project_id.value_or(0);
    if (project_id) ids.push_back(*project_id);
  }
  ASSIGN_OR_RETURN(auto projects, ctx.svc.projects.GetMany(ids));
  std::map<int64_t, const store::Project*> by_id;
  for (const auto& p : projects) by_id[p.id] = &p;
  std::map<int64_t, size_t> seen;
  for (size_t i = 0; i < writes.size(); ++i) {
    const int64_t pid = writes[i].project_id;
    if (pid == 0) continue;
    const std::string field = fmt::format("items.{}.project_id", i);
    auto it = by_id.find(pid);
    if (it == by_id.end()) {
      errors[field] = "项目不存在";
    } else if (auto why = CheckPlannable(*it->second); !why.empty()) {
      errors[field] = why;
    } else if (auto [prev, inserted] = seen.emplace(pid, i); !inserted) {
      errors[field] = fmt::format("与第 {} 行是同一个项目", prev->second + 1);
    }
  }
  if (!errors.empty()) {
    // Name the first bad row in words, as the project import does.
    std::set<size_t> bad_rows;
    for (const auto& [field, message] : errors) {
      size_t index = 0;
      if (std::sscanf(field.c_str(), "items.%zu.", &index) == 1) bad_rows.insert(index);
    }
    Status st = Status::Invalid({});
    if (!bad_rows.empty()) {
      const size_t first = *bad_rows.begin();
      const std::string prefix = fmt::format("items.{}.", first);
      auto e = errors.lower_bound(prefix);
      std::string name;
      if (auto p = by_id.find(writes[first].project_id); p != by_id.end()) name = "(" + p->second->name + ")";
      st = Status::InvalidArgument(
          "plans.has_errors", fmt::format("有 {} 行存在错误,未保存任何数据。第一处:第 {} 行{},{}{}", bad_rows.size(),
                                          first + 1, name, FieldLabel(e->first.substr(prefix.size())), e->second));
    }
    for (auto& [field, message] : errors) st.WithField(field, message);
    return st;
  }
  ASSIGN_OR_RETURN(auto saved, ctx.svc.plans.Save(year, writes, reason, ctx.me().user.id, "items."));
  json::array out;
  for (const auto& p : saved) {
    json::object j = PlanJson(p);
    j["project_id"] = p.project_id;
    out.push_back(std::move(j));
  }
  return JsonResponse(json::object{{"year", year}, {"items", std::move(out)}});
}

StatusOr<http::Response> IssuePlans(Context& ctx) {
  ASSIGN_OR_RETURN(json::object body, ParseObject(ctx.req));
  FieldReader in(body);
  const auto year = in.OptionalInt("year", domain::kFirstPlanYear, domain::kLastPlanYear);
  if (!in.Has("year")) in.Fail("year", "必填");
  std::optional<std::vector<int64_t>> ids;
  if (in.Has("project_ids")) ids = in.IdArray("project_ids");
  RETURN_IF_ERROR(in.status());
  ASSIGN_OR_RETURN(int64_t issued, ctx.svc.plans.Issue(static_cast<int>(*year), ids, ctx.me().user.id));
  return JsonResponse(json::object{{"year", *year}, {"issued", issued}});
}

StatusOr<http::Response> GetUnitTargets(Context& ctx) {
  ASSIGN_OR_RETURN(auto year_value, QueryInt(ctx.req, "year"));
  ASSIGN_OR_RETURN(int year, YearFrom(year_value, "year"));
  ASSIGN_OR_RETURN(auto out, UnitTargetsJson(ctx, year));
  return JsonResponse(out);
}

StatusOr<http::Response> GetUnitTarget(Context& ctx) {
  ASSIGN_OR_RETURN(int year, PathYear(ctx));
  ASSIGN_OR_RETURN(int64_t unit_id, PathId(ctx.req, "unit_id"));
  ASSIGN_OR_RETURN(auto unit, ctx.svc.units.Get(unit_id));
  ASSIGN_OR_RETURN(auto scope, UnitScope(ctx));
  if (scope && std::find(scope->begin(), scope->end(), unit.id) == scope->end()) {
    return Status::NotFound("unit_target.not_found", "只能查看本单位的任务分解");
  }
  ASSIGN_OR_RETURN(auto targets, ctx.svc.plans.Targets(year));
  std::optional<Fen> amount;
  for (const auto& [id, a] : targets.units) {
    if (id == unit.id) amount = a;
  }
  store::PlanFilter f;
  f.year = year;
  ASSIGN_OR_RETURN(f.lead_unit_ids, ctx.svc.units.Subtree(unit.id));
  f.page.page_size = 100'000;
  ASSIGN_OR_RETURN(auto list, ctx.svc.plans.List(f));
  json::array projects;
  for (const auto& row : list.page.items) {
    json::object p = PlanProjectJson(row.project);
    p["plan_amount"] = row.plan ? json::value(row.plan->amount) : json::value(nullptr);
    p["plan_state"] = row.plan ? json::value(row.plan->state) : json::value(nullptr);
    projects.push_back(std::move(p));
  }
  const Fen difference = amount.value_or(0) - list.amount_sum;
  return JsonResponse(json::object{{"year", year},
                                   {"unit", json::object{{"id", unit.id}, {"name", unit.name}, {"kind", unit.kind}}},
                                   {"amount", OrNull(amount)},
                                   {"projects_amount", list.amount_sum},
                                   {"difference", difference},
                                   {"mismatch", difference != 0},
                                   {"projects", std::move(projects)}});
}

StatusOr<http::Response> PutUnitTargets(Context& ctx) {
  ASSIGN_OR_RETURN(int year, PathYear(ctx));
  ASSIGN_OR_RETURN(json::object body, ParseObject(ctx.req));
  FieldReader in(body);
  const auto district = in.OptionalInt("district_amount", 0, kMaxPlanAmount);
  std::map<std::string, std::string> errors;
  MergeErrors(in, "", errors);
  std::vector<std::pair<int64_t, std::optional<Fen>>> units;
  if (const json::value* list = in.Raw("units")) {
    if (!list->is_array()) {
      errors["units"] = "应为数组";
    } else {
      ASSIGN_OR_RETURN(auto all_units, ctx.svc.units.List());
      std::map<int64_t, const store::Unit*> by_id;
      for (const auto& u : all_units) by_id[u.id] = &u;
      std::map<int64_t, size_t> seen;
      const auto& a = list->as_array();
      for (size_t i = 0; i < a.size(); ++i) {
        const std::string prefix = fmt::format("units.{}.", i);
        if (!a[i].is_object()) {
          errors[prefix + "unit_id"] = "每行应为对象";
          continue;
        }
        FieldReader row(a[i].as_object());
        const auto unit_id = row.OptionalInt("unit_id", 1);
        const auto amount = row.OptionalInt("amount", 0, kMaxPlanAmount);
        if (!row.Has("unit_id")) row.Fail("unit_id", "必填");
        MergeErrors(row, prefix, errors);
        if (!unit_id) continue;
        auto u = by_id.find(*unit_id);
        if (u == by_id.end()) {
          errors[prefix + "unit_id"] = "单位不存在";
        } else if (!kTargetUnitKinds.count(u->second->kind)) {
          errors[prefix + "unit_id"] = "“" + u->second->name + "”不是街道、乡镇、开发区或区直部门,不分解投资目标";
        } else if (auto [prev, inserted] = seen.emplace(*unit_id, i); !inserted) {
          errors[prefix + "unit_id"] = fmt::format("与第 {} 行是同一个单位", prev->second + 1);
        } else {
          units.emplace_back(*unit_id, amount);
        }
      }
    }
  }
  if (!errors.empty()) return Status::Invalid(errors);
  RETURN_IF_ERROR(ctx.svc.plans.SetTargets(year, district, units, ctx.me().user.id));
  ASSIGN_OR_RETURN(auto out, UnitTargetsJson(ctx, year));
  return JsonResponse(out);
}

StatusOr<http::Response> ExportPlans(Context& ctx) {
  ASSIGN_OR_RETURN(store::PlanFilter f, ReadPlanFilter(ctx));
  f.page.page_size = 1'000'000;
  ASSIGN_OR_RETURN(auto list, ctx.svc.plans.List(f));
  ASSIGN_OR_RETURN(auto units, ctx.svc.units.List());
  // Groups by 责任单位 in the unit tree's order; projects without one last.
  std::map<int64_t, size_t> order;
  for (size_t i = 0; i < units.size(); ++i) order[units[i].id] = i;
  std::map<size_t, report::PlanLedgerGroup> groups;
  std::map<size_t, std::string> names;
  int64_t count = 0;
  for (const auto& row : list.page.items) {
    if (!row.plan) continue;
    const auto& p = row.project;
    const Plan& plan = *row.plan;
    size_t key = units.size();
    if (p.lead_unit_id) {
      if (auto it = order.find(*p.lead_unit_id); it != order.end()) key = it->second;
    }
    names[key] = key < units.size() ? units[key].name : "未指定责任单位";
    report::PlanLedgerRow r;
    r.name = p.name;
    r.code = p.code.value_or("");
    r.level = std::string(domain::LevelLabel(p.level));
    r.lead = p.lead_unit_name.value_or("");
    if (auto stage = domain::ParseStage(p.stage)) r.stage = std::string(domain::StageLabel(*stage));
    r.state = plan.state == "issued" ? fmt::format("已下达(第{}版)", plan.revision) : "草拟";
    r.total = p.total_investment;
    r.amount = plan.amount;
    r.quarters = domain::QuarterAmounts(domain::EffectiveCurve(plan));
    r.goals = plan.goals;
    r.planned_start = plan.planned_start.value_or("");
    r.planned_completion = plan.planned_completion.value_or("");
    groups[key].rows.push_back(std::move(r));
    ++count;
  }
  const std::string today = Today();
  report::PlanLedger ledger{
      fmt::format("{}年重点项目年度投资计划表", f.year), fmt::format("导出时间:{}    共 {} 个项目", today, count), {}};
  static const char* kNumbers[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
  size_t place = 0;
  for (auto& [key, g] : groups) {
    g.title = fmt::format("{}、{}({}个)", place < 10 ? kNumbers[place] : std::to_string(place + 1), names[key],
                          g.rows.size());
    ++place;
    ledger.groups.push_back(std::move(g));
  }
  ASSIGN_OR_RETURN(std::string bytes, report::PlanLedgerXlsx(ledger));
  return http::Response::Download(std::move(bytes), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                  fmt::format("年度投资计划-{}-{}.xlsx", f.year, today));
}

}  // namespace tuijin::api

namespace tuijin::api {

// The year's plan table (.xlsx, ?year=): what it would create, change (年中调整 for issued
// plans) or leave as it is, row by row, with every bad cell named. Writes nothing.
StatusOr<http::Response> UploadPlanSheet(Context& ctx) {
  ASSIGN_OR_RETURN(auto year_value, QueryInt(ctx.req, "year"));
  ASSIGN_OR_RETURN(int year, YearFrom(year_value, "year"));
  const std::string& bytes = ctx.req.body;
  if (bytes.empty()) return Status::Invalid({{"file", "文件为空"}});
  if (bytes.size() > kMaxPlanSheetBytes) return Status::TooLarge("import.too_large", "年度投资计划表不能超过 10 MB");
  ASSIGN_OR_RETURN(PlanSheetPlan plan, DecidePlanSheet(ctx, bytes, year));
  ASSIGN_OR_RETURN(std::string sha, ctx.svc.blobs.Put(bytes));
  return JsonResponse(PlanSheetJson(plan, sha, year));
}

// {year, token, reason}: writes the previewed table in one transaction. Refused when any row
// has an error, when a plan changed since the preview (the token differs), and without a
// reason when it adjusts an issued plan.
StatusOr<http::Response> CommitPlanSheet(Context& ctx) {
  ASSIGN_OR_RETURN(json::object body, ParseObject(ctx.req));
  FieldReader in(body);
  const auto year_value = in.OptionalInt("year", domain::kFirstPlanYear, domain::kLastPlanYear);
  if (!in.Has("year")) in.Fail("year", "必填");
  const std::string token = in.RequiredString("token", 64);
  const auto reason = in.OptionalString("reason", 500);
  RETURN_IF_ERROR(in.status());
  const int year = static_cast<int>(*year_value);
  auto bytes = ctx.svc.blobs.Read(std::string(ctx.req.Param("import_id")));
  if (!bytes.ok()) return Status::NotFound("import.not_found", "导入文件不存在,请重新上传");
  ASSIGN_OR_RETURN(PlanSheetPlan plan, DecidePlanSheet(ctx, *bytes, year));
  for (const PlanSheetDecision& d : plan.rows) {
    if (d.errors.empty()) continue;
    const auto& [field, message] = *d.errors.begin();
    return Status::InvalidArgument("import.has_errors",
                                   fmt::format("有 {} 行存在错误,未导入任何数据。第一处:第 {} 行({}),{}:{}",
                                               plan.counts["error"], d.row->row, d.row->name, PlanSheetLabel(field),
                                               message));
  }
  if (plan.token != token) {
    return Status::Conflict("import.stale", "预览之后年度计划已有变动,请重新上传预览");
  }
  if (plan.counts["adjust"] > 0 && (!reason || TrimSpace(*reason).empty())) {
    return Status::Invalid({{"reason", fmt::format("将调整 {} 个已下达的计划(年中调整),请填写调整原因",
                                                   plan.counts["adjust"])}});
  }
  std::vector<store::PlanWrite> writes;
  for (const PlanSheetDecision& d : plan.rows) {
    if (d.action != "unchanged") writes.push_back(d.write);
  }
  if (!writes.empty()) {
    RETURN_IF_ERROR(ctx.svc.plans.Save(year, writes, reason, ctx.me().user.id, "").status());
  }
  return JsonResponse(json::object{{"year", year},
                                   {"created", plan.counts["create"]},
                                   {"updated", plan.counts["update"]},
                                   {"adjusted", plan.counts["adjust"]},
                                   {"unchanged", plan.counts["unchanged"]}});
}

}  // namespace tuijin::api
