#include "domain/ranking.h"

#include <fmt/format.h>

#include <algorithm>

namespace tuijin::domain {
namespace {

struct Named {
  std::string_view name, label;
};
constexpr Named kMetrics[] = {{"completion", "目标完成率"}, {"growth", "投资增速"}, {"composite", "综合得分"}};

// floor(num × 10000 / den) for den > 0, in 128 bits.
int64_t Hundredths(int64_t num, int64_t den) {
  const __int128 scaled = static_cast<__int128>(num) * 10000;
  __int128 q = scaled / den;
  if ((scaled % den != 0) && ((scaled < 0) != (den < 0))) --q;
  return static_cast<int64_t>(q);
}

Fen Sum(const std::array<Fen, 12>& a, int month) {
  Fen s = 0;
  for (int m = 0; m < month && m < 12; ++m) s += a[m];
  return s;
}

// Ranks one month without runs or previous ranks.
std::vector<RankedUnit> Plain(const std::vector<UnitYear>& units, int month, const RankingSettings& s) {
  std::vector<RankedUnit> out;
  for (const UnitYear& u : units) {
    RankedUnit r;
    r.unit_id = u.unit_id;
    r.year_to_date = Sum(u.amounts, month);
    r.last_year_to_date = Sum(u.last_year, month);
    if (u.target > 0) r.completion = Hundredths(r.year_to_date, u.target);
    if (r.last_year_to_date > 0) r.growth = Hundredths(r.year_to_date - r.last_year_to_date, r.last_year_to_date);
    switch (s.metric) {
      case RankingMetric::kCompletion:
        r.value = r.completion.value_or(0);
        break;
      case RankingMetric::kGrowth:
        r.value = r.growth.value_or(0);
        break;
      case RankingMetric::kComposite:
        r.value = Hundredths(r.completion.value_or(0) * s.weight_completion + r.growth.value_or(0) * s.weight_growth,
                             1000000);  // ÷ 100, rounded down like the parts
        break;
    }
    out.push_back(r);
  }
  std::stable_sort(out.begin(), out.end(), [](const RankedUnit& a, const RankedUnit& b) { return a.value > b.value; });
  for (size_t i = 0; i < out.size(); ++i) {
    out[i].rank = (i > 0 && out[i].value == out[i - 1].value) ? out[i - 1].rank : static_cast<int>(i) + 1;
  }
  const int64_t best = out.empty() ? 0 : out.front().value;
  for (RankedUnit& r : out) r.score = best > 0 ? std::clamp<int64_t>(Hundredths(r.value, best), 0, 10000) : 0;
  return out;
}

}  // namespace

std::string_view RankingMetricName(RankingMetric m) { return kMetrics[static_cast<int>(m)].name; }
std::string_view RankingMetricLabel(RankingMetric m) { return kMetrics[static_cast<int>(m)].label; }
std::optional<RankingMetric> ParseRankingMetric(std::string_view name) {
  for (size_t i = 0; i < std::size(kMetrics); ++i) {
    if (kMetrics[i].name == name) return static_cast<RankingMetric>(i);
  }
  return std::nullopt;
}

std::map<std::string, std::string> CheckRankingSettings(const RankingSettings& s) {
  std::map<std::string, std::string> errors;
  if (s.weight_completion < 0 || s.weight_completion > 100) errors["weight_completion"] = "应在 0 到 100 之间";
  if (s.weight_growth < 0 || s.weight_growth > 100) errors["weight_growth"] = "应在 0 到 100 之间";
  if (s.metric == RankingMetric::kComposite && s.weight_completion + s.weight_growth != 100) {
    errors["weight_growth"] = "两项权重之和应为 100";
  }
  if (s.ladder.empty()) errors["ladder"] = "至少一级";
  for (size_t i = 0; i < s.ladder.size(); ++i) {
    if (s.ladder[i].empty()) errors["ladder." + std::to_string(i)] = "不能为空";
  }
  if (s.top_award.empty()) errors["top_award"] = "必填";
  if (s.bottom_award.empty()) errors["bottom_award"] = "必填";
  if (s.top_n < 0 || s.top_n > 10) errors["top_n"] = "应为 0 到 10";
  if (s.bottom_n < 0 || s.bottom_n > 10) errors["bottom_n"] = "应为 0 到 10";
  return errors;
}

std::vector<RankedUnit> RankMonth(const std::vector<UnitYear>& units, int month, const RankingSettings& s) {
  std::map<int64_t, int> run, previous;
  std::vector<RankedUnit> ranked;
  for (int m = 1; m <= month; ++m) {
    ranked = Plain(units, m, s);
    // Last place: the units sharing the worst rank, when there is more than one rank.
    const int worst = ranked.empty() ? 0 : ranked.back().rank;
    const bool has_last = worst > 1;
    for (RankedUnit& r : ranked) {
      const bool last = has_last && r.rank == worst;
      run[r.unit_id] = last ? run[r.unit_id] + 1 : 0;
      r.last_place_run = run[r.unit_id];
      if (r.last_place_run > 0 && !s.ladder.empty()) {
        const size_t step = std::min(static_cast<size_t>(r.last_place_run), s.ladder.size());
        r.escalation = s.ladder[step - 1];
      }
      if (auto it = previous.find(r.unit_id); it != previous.end()) r.previous_rank = it->second;
    }
    previous.clear();
    for (const RankedUnit& r : ranked) previous[r.unit_id] = r.rank;
  }
  return ranked;
}

std::vector<QuarterScore> ScoreQuarter(const std::vector<UnitYear>& units, int quarter,
                                       const std::map<int64_t, int64_t>& inspection, const RankingSettings& s,
                                       int through_month) {
  std::map<int64_t, QuarterScore> by_unit;
  const int counted = std::clamp(through_month - (quarter - 1) * 3, 0, 3);
  for (const UnitYear& u : units) {
    by_unit[u.unit_id].unit_id = u.unit_id;
    by_unit[u.unit_id].months_counted = counted;
  }
  for (int i = 0; i < counted; ++i) {
    for (const RankedUnit& r : Plain(units, (quarter - 1) * 3 + i + 1, s)) by_unit[r.unit_id].monthly[i] = r.score;
  }
  std::vector<QuarterScore> out;
  for (auto& [id, q] : by_unit) {
    if (auto it = inspection.find(id); it != inspection.end()) q.inspection = it->second;
    q.total = (3 * (q.monthly[0] + q.monthly[1] + q.monthly[2]) + q.inspection.value_or(0)) / 10;
    out.push_back(q);
  }
  std::stable_sort(out.begin(), out.end(), [](const QuarterScore& a, const QuarterScore& b) { return a.total > b.total; });
  for (size_t i = 0; i < out.size(); ++i) {
    out[i].rank = (i > 0 && out[i].total == out[i - 1].total) ? out[i - 1].rank : static_cast<int>(i) + 1;
  }
  const int n = static_cast<int>(out.size());
  for (QuarterScore& q : out) {
    if (q.rank <= s.top_n) q.award = s.top_award;
  }
  // The bottom N by position, counting ties of the N-th from the bottom too; never a unit
  // that already has the top award.
  if (s.bottom_n > 0 && n > s.top_n) {
    const int threshold_rank = out[std::max(0, n - s.bottom_n)].rank;
    for (QuarterScore& q : out) {
      if (q.rank >= threshold_rank && !q.award) q.award = s.bottom_award;
    }
  }
  return out;
}

std::string HundredthsText(int64_t v) {
  const bool negative = v < 0;
  const int64_t a = negative ? -v : v;
  return fmt::format("{}{}.{:02}%", negative ? "-" : "", a / 100, a % 100);
}

}  // namespace tuijin::domain
