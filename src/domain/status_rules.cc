#include "domain/status_rules.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/date.h"
#include "domain/project_rules.h"

namespace tuijin::domain {
namespace {

struct Named {
  std::string_view name, label;
};

constexpr Named kColours[] = {{"green", "绿"}, {"yellow", "黄"}, {"red", "红"}};
constexpr std::string_view kGranularities[] = {"month", "half_month", "day"};
constexpr Named kMetrics[] = {{"investment", "投资进度"}, {"start", "开工"},     {"stats", "入库"},
                              {"completion", "竣工"},     {"report_missing", "未报"}, {"supervision_overdue", "督办逾期"}};
constexpr std::string_view kComparators[] = {"points", "ratio", "count"};

template <typename E, size_t N>
std::optional<E> ParseIndex(std::string_view name, const std::string_view (&names)[N]) {
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == name) return static_cast<E>(i);
  }
  return std::nullopt;
}

template <typename E, size_t N>
std::optional<E> ParseNamed(std::string_view name, const Named (&names)[N]) {
  for (size_t i = 0; i < N; ++i) {
    if (names[i].name == name) return static_cast<E>(i);
  }
  return std::nullopt;
}

// Months since year 0 ("2026-03" → 2026×12 + 2), from a month or a day.
std::optional<int> MonthIndex(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  const auto d = ParseIsoDate(*text);
  if (!d) return std::nullopt;
  return d->year * 12 + d->month - 1;
}

std::string MonthText(int index) { return fmt::format("{}年{}月", index / 12, index % 12 + 1); }

// "21.7" for a ratio of points (one decimal, half away from zero), without the sign.
std::string PointsText(Ratio r) {
  if (r.num < 0) r.num = -r.num;
  std::string t = FormatPercent(r);
  t.pop_back();  // the "%"
  return t;
}

bool InScope(const StatusRule& rule, const ProjectFacts& f) {
  if (!rule.levels.empty() && std::find(rule.levels.begin(), rule.levels.end(), f.level) == rule.levels.end()) {
    return false;
  }
  if (!rule.category_ids.empty() &&
      (!f.category_id ||
       std::find(rule.category_ids.begin(), rule.category_ids.end(), *f.category_id) == rule.category_ids.end())) {
    return false;
  }
  return !rule.min_annual_plan || f.annual_plan >= *rule.min_annual_plan;
}

// The colour of a count (higher is worse).
Colour CountColour(const StatusRule& rule, int64_t n) {
  if (n >= rule.red) return Colour::kRed;
  if (n >= rule.yellow) return Colour::kYellow;
  return Colour::kGreen;
}

std::optional<RuleResult> Investment(const StatusRule& rule, const ProjectFacts& f, const AsOf& at,
                                     ScheduleGranularity g) {
  if (f.annual_plan <= 0) return std::nullopt;
  const Ratio share = ScheduleShare(g, at);
  const Ratio rate{f.year_to_date, f.annual_plan};
  RuleResult r;
  if (rule.comparator == Comparator::kRatio) {
    // rate ÷ share, in hundredths of a percent: ytd × sd × 10000 / (plan × sn).
    const WideInt num = static_cast<WideInt>(f.year_to_date) * share.den * 10000;
    const WideInt den = static_cast<WideInt>(f.annual_plan) * share.num;
    // Compared as num/den against a threshold t: num ≤ t × den, in 128 bits.
    auto cmp = [&](int64_t t) {
      const WideInt rhs = static_cast<WideInt>(t) * den;
      return num < rhs ? -1 : (num > rhs ? 1 : 0);
    };
    r.colour = cmp(rule.red) < 0 ? Colour::kRed : cmp(rule.yellow) <= 0 ? Colour::kYellow : Colour::kGreen;
    const Ratio of_schedule{f.year_to_date * share.den, f.annual_plan * share.num};
    r.reason = fmt::format("年度完成率{},为序时进度{}的{}", FormatPercent(rate), FormatPercent(share),
                           FormatPercent(of_schedule));
    return r;
  }
  // Gap in points = (ytd/plan − sn/sd) × 100 = (ytd × sd − sn × plan) × 100 / (plan × sd);
  // in hundredths of a point, × 10000.
  const int64_t gap_num = f.year_to_date * share.den - share.num * f.annual_plan;
  const int64_t gap_den = f.annual_plan * share.den;
  const WideInt scaled = static_cast<WideInt>(gap_num) * 10000;
  auto cmp = [&](int64_t t) {
    const WideInt rhs = static_cast<WideInt>(t) * gap_den;
    return scaled < rhs ? -1 : (scaled > rhs ? 1 : 0);
  };
  r.colour = cmp(rule.red) < 0 ? Colour::kRed : cmp(rule.yellow) <= 0 ? Colour::kYellow : Colour::kGreen;
  if (gap_num < 0) {
    r.reason = fmt::format("年度完成率{},低于序时进度{} {}个百分点", FormatPercent(rate), FormatPercent(share),
                           PointsText(Ratio{gap_num, gap_den}));
  } else {
    r.reason = fmt::format("年度完成率{},达到序时进度{}", FormatPercent(rate), FormatPercent(share));
  }
  return r;
}

std::optional<RuleResult> Evaluate(const StatusRule& rule, const ProjectFacts& f, const AsOf& at,
                                   ScheduleGranularity g) {
  const auto stage = ParseStage(f.stage);
  if (!stage || *stage == Stage::kCancelled) return std::nullopt;
  const int now = at.year * 12 + at.month - 1;
  const bool started = StartedBy(f, at);
  const bool completed = CompletedBy(f, at);
  RuleResult r;
  switch (rule.metric) {
    case Metric::kInvestment:
      return Investment(rule, f, at, g);
    case Metric::kStart: {
      const auto planned = MonthIndex(f.planned_start);
      if (started || !planned || *planned > now || *stage == Stage::kSuspended) return std::nullopt;
      const int late = now - *planned + 1;
      r.colour = CountColour(rule, late);
      r.reason = fmt::format("计划{}开工,至{}未开工,滞后{}个月", MonthText(*planned), MonthText(now), late);
      return r;
    }
    case Metric::kStats: {
      const auto start = MonthIndex(f.actual_start);
      if (!started || !start || f.in_stats || f.total_investment < kStatsThreshold || *start > now) return std::nullopt;
      const int months = now - *start;
      r.colour = CountColour(rule, months);
      r.reason = months == 0 ? fmt::format("{}开工,尚未入库", MonthText(*start))
                             : fmt::format("{}开工,{}个月未入库(总投资500万元及以上应入库)", MonthText(*start), months);
      return r;
    }
    case Metric::kCompletion: {
      const auto planned = MonthIndex(f.planned_completion);
      if (completed || !planned || *planned >= now) return std::nullopt;
      const int over = now - *planned;
      r.colour = CountColour(rule, over);
      r.reason = fmt::format("计划{}竣工,已超期{}个月未竣工", MonthText(*planned), over);
      return r;
    }
    case Metric::kReportMissing:
      if (!ReportsProgress(f.stage)) return std::nullopt;
      r.colour = CountColour(rule, f.missing_reports);
      r.reason = f.missing_reports == 0 ? std::string("按期报送进度")
                                        : fmt::format("连续{}期未报送进度", f.missing_reports);
      return r;
    case Metric::kSupervisionOverdue:
      r.colour = CountColour(rule, f.overdue_items);
      r.reason = f.overdue_items == 0 ? std::string("无逾期督办事项")
                                      : fmt::format("{}项督办事项逾期未办结", f.overdue_items);
      return r;
  }
  return std::nullopt;
}

}  // namespace

bool StartedBy(const ProjectFacts& f, const AsOf& at) {
  if (auto m = MonthIndex(f.actual_start)) return *m <= at.year * 12 + at.month - 1;
  const auto s = ParseStage(f.stage);
  return s && *s != Stage::kReserve && *s != Stage::kPreparation && *s != Stage::kSuspended &&
         *s != Stage::kCancelled;
}

bool CompletedBy(const ProjectFacts& f, const AsOf& at) {
  if (auto m = MonthIndex(f.actual_completion)) return *m <= at.year * 12 + at.month - 1;
  const auto s = ParseStage(f.stage);
  return s && (*s == Stage::kCompleted || *s == Stage::kOperating || *s == Stage::kEffective);
}

std::string_view ColourName(Colour c) { return kColours[static_cast<int>(c)].name; }
std::string_view ColourLabel(Colour c) { return kColours[static_cast<int>(c)].label; }
std::optional<Colour> ParseColour(std::string_view name) { return ParseNamed<Colour>(name, kColours); }

std::string_view GranularityName(ScheduleGranularity g) { return kGranularities[static_cast<int>(g)]; }
std::optional<ScheduleGranularity> ParseGranularity(std::string_view name) {
  return ParseIndex<ScheduleGranularity>(name, kGranularities);
}

AsOf EndOfMonth(int year, int month) { return AsOf{year, month, DaysInMonth(year, month)}; }

Ratio ScheduleShare(ScheduleGranularity g, const AsOf& at) {
  switch (g) {
    case ScheduleGranularity::kMonth:
      return Ratio{at.month, 12};
    case ScheduleGranularity::kHalfMonth:
      return Ratio{2 * (at.month - 1) + (at.day <= 15 ? 1 : 2), 24};
    case ScheduleGranularity::kDay: {
      const int64_t day_of_year = DaysFromCivil(at.year, at.month, at.day) - DaysFromCivil(at.year, 1, 1) + 1;
      const int64_t days = DaysFromCivil(at.year + 1, 1, 1) - DaysFromCivil(at.year, 1, 1);
      return Ratio{day_of_year, days};
    }
  }
  return Ratio{at.month, 12};
}

std::string_view MetricName(Metric m) { return kMetrics[static_cast<int>(m)].name; }
std::string_view MetricLabel(Metric m) { return kMetrics[static_cast<int>(m)].label; }
std::optional<Metric> ParseMetric(std::string_view name) { return ParseNamed<Metric>(name, kMetrics); }

std::string_view ComparatorName(Comparator c) { return kComparators[static_cast<int>(c)]; }
std::optional<Comparator> ParseComparator(std::string_view name) { return ParseIndex<Comparator>(name, kComparators); }

bool Accepts(Metric m, Comparator c) {
  return m == Metric::kInvestment ? c != Comparator::kCount : c == Comparator::kCount;
}

std::vector<StatusRule> DefaultStatusRules() {
  auto rule = [](std::string name, Metric m, Comparator c, int64_t yellow, int64_t red) {
    StatusRule r;
    r.name = std::move(name);
    r.metric = m;
    r.comparator = c;
    r.yellow = yellow;
    r.red = red;
    return r;
  };
  return {rule("投资进度滞后", Metric::kInvestment, Comparator::kPoints, -1000, -3000),
          rule("逾期未开工", Metric::kStart, Comparator::kCount, 1, 3),
          rule("开工未入库", Metric::kStats, Comparator::kCount, 1, 3),
          rule("逾期未竣工", Metric::kCompletion, Comparator::kCount, 1, 3),
          rule("未按期报送", Metric::kReportMissing, Comparator::kCount, 1, 3),
          rule("督办事项逾期", Metric::kSupervisionOverdue, Comparator::kCount, 1, 3)};
}

std::map<std::string, std::string> CheckStatusRule(const StatusRule& r) {
  std::map<std::string, std::string> errors;
  if (r.name.empty()) errors["name"] = "必填";
  if (!Accepts(r.metric, r.comparator)) {
    errors["comparator"] = r.metric == Metric::kInvestment ? "投资进度只能按百分点或比例比较" : "该指标只能按数量比较";
  }
  if (r.comparator == Comparator::kCount) {
    if (r.yellow < 1) errors["yellow"] = "应为不小于 1 的整数";
    if (r.red < r.yellow) errors["red"] = "红色阈值不能小于黄色阈值";
  } else if (r.comparator == Comparator::kPoints) {
    if (r.yellow > 0 || r.yellow < -10000) errors["yellow"] = "应在 -100 到 0 个百分点之间";
    if (r.red > r.yellow) errors["red"] = "红色阈值应低于或等于黄色阈值";
  } else {
    if (r.yellow <= 0 || r.yellow > 10000) errors["yellow"] = "应在 0 到 100% 之间";
    if (r.red > r.yellow || r.red < 0) errors["red"] = "红色阈值应在 0 到黄色阈值之间";
  }
  if (r.consecutive < 1 || r.consecutive > 12) errors["consecutive"] = "应为 1 到 12 期";
  return errors;
}

std::optional<RuleResult> EvaluateRule(const StatusRule& rule, const ProjectFacts& facts, const AsOf& at,
                                       ScheduleGranularity g) {
  if (!rule.enabled || !InScope(rule, facts)) return std::nullopt;
  auto r = Evaluate(rule, facts, at, g);
  if (r) {
    r->rule_id = rule.id;
    r->metric = rule.metric;
  }
  return r;
}

Colour Sustained(const std::vector<Colour>& history, int consecutive) {
  const size_t n = static_cast<size_t>(std::max(consecutive, 1));
  if (history.size() < n) return Colour::kGreen;
  return *std::min_element(history.end() - static_cast<std::ptrdiff_t>(n), history.end());
}

std::optional<RuleResult> EvaluateSustained(const StatusRule& rule, const std::vector<FactsAt>& periods,
                                            ScheduleGranularity g) {
  if (periods.empty()) return std::nullopt;
  auto current = EvaluateRule(rule, periods.back().facts, periods.back().at, g);
  if (!current || rule.consecutive <= 1) return current;
  std::vector<Colour> history;
  const size_t from = periods.size() > static_cast<size_t>(rule.consecutive) ? periods.size() - rule.consecutive : 0;
  for (size_t i = from; i < periods.size(); ++i) {
    auto r = EvaluateRule(rule, periods[i].facts, periods[i].at, g);
    history.push_back(r ? r->colour : Colour::kGreen);
  }
  current->colour = Sustained(history, rule.consecutive);
  if (current->colour != Colour::kGreen) current->reason += fmt::format("(连续{}期)", rule.consecutive);
  return current;
}

ProjectStatus CombineResults(const std::vector<RuleResult>& results) {
  ProjectStatus s;
  for (const RuleResult& r : results) {
    if (r.colour == Colour::kGreen) continue;
    s.colour = std::max(s.colour, r.colour);
    s.reasons.push_back(r);
  }
  return s;
}

ProjectFacts FactsForMonth(const ProjectYear& y, int month, int due_through) {
  ProjectFacts f = y.base;
  f.year_to_date = 0;
  for (int m = 1; m <= month && m <= 12; ++m) f.year_to_date += y.amounts[m - 1];
  f.overdue_items = month >= 1 && month <= 12 ? y.overdue_items[month - 1] : 0;
  f.missing_reports = 0;
  for (int m = std::min(month, due_through); m >= std::max(y.first_month, 1) && !y.reported[m - 1]; --m) {
    ++f.missing_reports;
  }
  return f;
}

ProjectStatus EvaluateMonth(const std::vector<StatusRule>& rules, const ProjectYear& y, int year, int month,
                            ScheduleGranularity g, int due_through) {
  std::vector<FactsAt> months;
  int longest = 1;
  for (const StatusRule& r : rules) longest = std::max(longest, r.consecutive);
  for (int m = std::max(1, month - longest + 1); m <= month; ++m) months.push_back({FactsForMonth(y, m, due_through), EndOfMonth(year, m)});
  std::vector<RuleResult> results;
  for (const StatusRule& rule : rules) {
    if (auto r = EvaluateSustained(rule, months, g)) results.push_back(std::move(*r));
  }
  return CombineResults(results);
}

}  // namespace tuijin::domain
