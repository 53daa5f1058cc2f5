// Rules of annual plans (年度计划) and the split of the district's yearly investment target
// to units (任务分解), without I/O. Definitions in DESIGN.md §2. Money is fen.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/money.h"

namespace tuijin::domain {

// The years a plan or a target may be for.
constexpr int kFirstPlanYear = 2000;
constexpr int kLastPlanYear = 2100;

// A plan's values as edited: 年度计划投资, the monthly cumulative curve (empty = linear,
// domain::LinearCurve), the 形象进度目标 of each quarter and the planned start and
// completion within the year ("YYYY-MM" or "YYYY-MM-DD").
struct PlanValues {
  Fen amount = 0;
  std::vector<Fen> curve;
  std::array<std::string, 4> goals;
  std::optional<std::string> planned_start, planned_completion;

  friend bool operator==(const PlanValues&, const PlanValues&) = default;
};

// The longest 形象进度目标, in characters.
constexpr size_t kMaxGoalChars = 500;

// Problems with `v` as the plan of `year`, by field: "amount", "curve" or "curve.<month>"
// (1–12), "goals.<quarter>" (0–3, as the array is sent), "planned_start",
// "planned_completion". Empty when fine. A curve equal to the linear one is fine.
std::map<std::string, std::string> CheckPlan(const PlanValues& v, int year);

// The curve as it is kept: empty when it is the linear curve of `amount` (so a plan keeps
// following its amount until someone shapes it), else the curve itself.
std::vector<Fen> NormalizeCurve(const std::vector<Fen>& curve, Fen amount);
// The 12 cumulative amounts a plan stands for: its own curve, or the linear one.
std::vector<Fen> EffectiveCurve(const PlanValues& v);

// Each quarter's share of a cumulative monthly curve (12 amounts): Mar, Jun − Mar, …; zeros
// for a curve of another length.
std::array<Fen, 4> QuarterAmounts(const std::vector<Fen>& cumulative_curve);
// The cumulative monthly curve of four quarters' amounts (分季度计划, as a plan table gives
// them), spread evenly over each quarter's three months and rounded down to the fen within
// the quarter, so each quarter ends exactly on its amount: QuarterAmounts of the result gives
// the quarters back.
std::vector<Fen> CurveFromQuarters(const std::array<Fen, 4>& quarters);

// The stored text of a curve: "" for linear, else 12 amounts comma separated; and back
// (nullopt for text that is not 12 integers).
std::string CurveToText(const std::vector<Fen>& curve);
std::optional<std::vector<Fen>> CurveFromText(std::string_view text);

// Whether a plan is a draft (草拟) or issued (已下达). Once issued every change is a
// mid-year adjustment (年中调整) that needs a reason and is kept as a revision.
enum class PlanState { kDraft, kIssued };
std::optional<PlanState> ParsePlanState(std::string_view name);
std::string_view PlanStateName(PlanState s);
// Why a change to a plan in `state` is refused for want of a reason; empty when none is
// needed or one is given.
std::string CheckAdjustmentReason(PlanState state, const std::optional<std::string>& reason);

// 任务分解: the district's target, each unit's target and the plan amounts of the projects
// the unit is responsible for (责任单位 the unit or one of its sub-units).
struct UnitTargetFigures {
  int64_t unit_id = 0;
  std::optional<Fen> target;  // none when not set
  Fen projects_amount = 0;
};
struct TargetReconciliation {
  Fen units_sum = 0;  // the units' targets
  // district target − units' targets; 0 when the district target is not set.
  Fen district_difference = 0;
  // Per unit, in the order given: target (0 when not set) − projects' plans.
  std::vector<Fen> differences;
  // Units whose target (0 when not set) differs from their projects' plans, in order.
  std::vector<int64_t> mismatched_units;
};
TargetReconciliation ReconcileTargets(std::optional<Fen> district_target, const std::vector<UnitTargetFigures>& units);

}  // namespace tuijin::domain
