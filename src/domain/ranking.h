// Unit rankings (排名通报) and escalation (末位约谈), without I/O: each month the units are
// ranked on a configurable metric (年度目标完成率, 投资增速, or a weighted composite of the
// two); consecutive last places walk the escalation ladder (default 1 → 通报批评, 2 → 分管领导
// 约谈, 3 → 主要领导约谈); the quarterly score is 30% of each of the quarter's three monthly
// scores plus 10% of the inspection score (督查评分), and the best and worst N get the
// quarter's awards (豹子奖 / 蜗牛奖 by default). Values are integers in hundredths of a
// percent (4550 = 45.50%), rounded down, so ranks never depend on floating point.
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

enum class RankingMetric { kCompletion, kGrowth, kComposite };
std::string_view RankingMetricName(RankingMetric m);   // "completion", "growth", "composite"
std::string_view RankingMetricLabel(RankingMetric m);  // 目标完成率, 投资增速, 综合得分
std::optional<RankingMetric> ParseRankingMetric(std::string_view name);

struct RankingSettings {
  RankingMetric metric = RankingMetric::kCompletion;
  int weight_completion = 70;  // percent, for kComposite; the two add up to 100
  int weight_growth = 30;
  std::vector<std::string> ladder = {"通报批评", "分管领导约谈", "主要领导约谈"};
  std::string top_award = "豹子奖";
  int top_n = 1;
  std::string bottom_award = "蜗牛奖";
  int bottom_n = 1;
};

// Why settings cannot be saved, by field; empty when fine.
std::map<std::string, std::string> CheckRankingSettings(const RankingSettings& s);

// One unit's figures for one year: its target (任务分解, or the sum of its projects' plans),
// and the accepted amounts of its projects by month, this year and last.
struct UnitYear {
  int64_t unit_id = 0;
  Fen target = 0;
  std::array<Fen, 12> amounts{};
  std::array<Fen, 12> last_year{};
};

struct RankedUnit {
  int64_t unit_id = 0;
  Fen year_to_date = 0, last_year_to_date = 0;
  std::optional<int64_t> completion;  // YTD ÷ target, hundredths of a percent; none without a target
  std::optional<int64_t> growth;      // YTD ÷ last year's YTD − 1; none without last year's
  int64_t value = 0;                  // the metric ranked on (missing parts count as 0)
  int rank = 0;                       // 1 = best; equal values share a rank
  std::optional<int> previous_rank;   // last month's, none in January
  int last_place_run = 0;             // consecutive months in last place, up to this one
  std::optional<std::string> escalation;  // the ladder's step for that run
  int64_t score = 0;                  // monthly score 0–10000: value ÷ best value × 100 points
};

// The ranking of `month` (1–12), best first; escalation runs counted from January. Units
// with no target and nothing reported are still ranked (at the bottom).
std::vector<RankedUnit> RankMonth(const std::vector<UnitYear>& units, int month, const RankingSettings& s);

struct QuarterScore {
  int64_t unit_id = 0;
  std::array<int64_t, 3> monthly{};  // the quarter's monthly scores
  std::optional<int64_t> inspection; // 0–10000, entered by staff
  int64_t total = 0;                 // 30% × each month + 10% × inspection, hundredths of a point
  int rank = 0;
  std::optional<std::string> award;
  int months_counted = 3;  // months of the quarter already reported (the others score 0)
};

// The quarter's scores (quarter 1–4), best first, with the awards. Months after
// `through_month` (the month being reported, in the current year) are not scored yet.
std::vector<QuarterScore> ScoreQuarter(const std::vector<UnitYear>& units, int quarter,
                                       const std::map<int64_t, int64_t>& inspection, const RankingSettings& s,
                                       int through_month = 12);

// "45.50%" for 4550.
std::string HundredthsText(int64_t v);

}  // namespace tuijin::domain
