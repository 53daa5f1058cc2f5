#include "domain/plan_rules.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "base/date.h"
#include "base/text.h"
#include "domain/reporting.h"

namespace tuijin::domain {
namespace {

// A planned date of `year`: a field error, or empty.
std::string CheckPlanDate(const std::optional<std::string>& text, int year) {
  if (!text) return {};
  auto d = ParseIsoDate(*text);
  if (!d) return "日期格式应为 YYYY-MM 或 YYYY-MM-DD";
  if (d->year != year) return fmt::format("应在计划年度 {} 年之内", year);
  return {};
}

}  // namespace

std::map<std::string, std::string> CheckPlan(const PlanValues& v, int year) {
  std::map<std::string, std::string> errors;
  if (v.amount < 0) errors["amount"] = "年度计划投资不能为负数";
  if (!v.curve.empty() && v.amount >= 0) {
    for (const auto& [month, message] : CheckCurve(v.curve, v.amount)) {
      errors[month == "curve" ? "curve" : "curve." + month] = message;
    }
  }
  for (size_t q = 0; q < v.goals.size(); ++q) {
    if (Utf8Length(v.goals[q]) > kMaxGoalChars) {
      errors[fmt::format("goals.{}", q)] = fmt::format("第{}季度形象进度目标不能超过 {} 个字", q + 1, kMaxGoalChars);
    }
  }
  const std::string start = CheckPlanDate(v.planned_start, year);
  const std::string completion = CheckPlanDate(v.planned_completion, year);
  if (!start.empty()) errors["planned_start"] = start;
  if (!completion.empty()) errors["planned_completion"] = completion;
  if (start.empty() && completion.empty() && v.planned_start && v.planned_completion) {
    // A month and a day of the same month do not contradict each other.
    const size_t n = std::min(v.planned_start->size(), v.planned_completion->size());
    if (v.planned_completion->compare(0, n, *v.planned_start, 0, n) < 0) {
      errors["planned_completion"] = "计划竣工不能早于计划开工";
    }
  }
  return errors;
}

std::vector<Fen> NormalizeCurve(const std::vector<Fen>& curve, Fen amount) {
  if (curve.empty() || curve == LinearCurve(amount)) return {};
  return curve;
}

std::vector<Fen> EffectiveCurve(const PlanValues& v) { return v.curve.empty() ? LinearCurve(v.amount) : v.curve; }

std::array<Fen, 4> QuarterAmounts(const std::vector<Fen>& curve) {
  std::array<Fen, 4> out{};
  if (curve.size() != 12) return out;
  Fen before = 0;
  for (size_t q = 0; q < 4; ++q) {
    out[q] = curve[q * 3 + 2] - before;
    before = curve[q * 3 + 2];
  }
  return out;
}

std::vector<Fen> CurveFromQuarters(const std::array<Fen, 4>& quarters) {
  std::vector<Fen> curve(12);
  Fen before = 0;
  for (size_t q = 0; q < 4; ++q) {
    for (size_t m = 0; m < 3; ++m) {
      curve[q * 3 + m] = before + static_cast<Fen>(static_cast<WideInt>(quarters[q]) * static_cast<WideInt>(m + 1) / 3);
    }
    before = curve[q * 3 + 2];
  }
  return curve;
}

std::string CurveToText(const std::vector<Fen>& curve) {
  std::string out;
  for (size_t i = 0; i < curve.size(); ++i) {
    if (i) out += ',';
    out += std::to_string(curve[i]);
  }
  return out;
}

std::optional<std::vector<Fen>> CurveFromText(std::string_view text) {
  std::vector<Fen> out;
  if (text.empty()) return out;
  size_t pos = 0;
  while (pos <= text.size()) {
    const size_t comma = std::min(text.find(',', pos), text.size());
    Fen v = 0;
    const char* first = text.data() + pos;
    const char* last = text.data() + comma;
    auto [p, ec] = std::from_chars(first, last, v);
    if (ec != std::errc() || p != last || first == last) return std::nullopt;
    out.push_back(v);
    pos = comma + 1;
  }
  if (out.size() != 12) return std::nullopt;
  return out;
}

std::optional<PlanState> ParsePlanState(std::string_view name) {
  if (name == "draft") return PlanState::kDraft;
  if (name == "issued") return PlanState::kIssued;
  return std::nullopt;
}

std::string_view PlanStateName(PlanState s) { return s == PlanState::kIssued ? "issued" : "draft"; }

std::string CheckAdjustmentReason(PlanState state, const std::optional<std::string>& reason) {
  if (state != PlanState::kIssued) return {};
  if (reason && !TrimSpace(*reason).empty()) return {};
  return "计划已下达,调整须说明原因(年中调整)";
}

TargetReconciliation ReconcileTargets(std::optional<Fen> district_target, const std::vector<UnitTargetFigures>& units) {
  TargetReconciliation r;
  r.differences.reserve(units.size());
  for (const UnitTargetFigures& u : units) {
    const Fen target = u.target.value_or(0);
    r.units_sum += target;
    r.differences.push_back(target - u.projects_amount);
    if (target != u.projects_amount) r.mismatched_units.push_back(u.unit_id);
  }
  if (district_target) r.district_difference = *district_target - r.units_sum;
  return r;
}

}  // namespace tuijin::domain
