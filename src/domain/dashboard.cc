#include "domain/dashboard.h"

#include <algorithm>

#include "base/date.h"
#include "domain/project_rules.h"

namespace tuijin::domain {
namespace {

Fen YearToDate(const DashboardProject& p, int month) {
  Fen sum = 0;
  for (int m = 0; m < month && m < 12; ++m) sum += p.amounts[m];
  return sum;
}

void Add(DashboardGroup& g, const DashboardProject& p, Fen ytd) {
  ++g.projects;
  g.total_investment += p.facts.total_investment;
  g.annual_plan += p.facts.annual_plan;
  g.year_to_date += ytd;
  g.ids.push_back(p.id);
}

DashboardGroup& GroupOf(std::map<std::string, DashboardGroup>& groups, const std::string& key) {
  auto& g = groups[key];
  g.key = key;
  return g;
}

std::vector<DashboardGroup> Values(std::map<std::string, DashboardGroup>&& groups) {
  std::vector<DashboardGroup> out;
  for (auto& [key, g] : groups) out.push_back(std::move(g));
  return out;
}

// Whether a "YYYY-MM" or "YYYY-MM-DD" falls in `year` no later than `month`.
bool DueBy(const std::optional<std::string>& text, int year, int month) {
  if (!text) return false;
  const auto d = ParseIsoDate(*text);
  return d && d->year == year && d->month <= month;
}

// 省, 市, 区 in that order, anything else after.
size_t LevelRank(std::string_view level) {
  const auto* it = std::find(std::begin(kLevels), std::end(kLevels), level);
  return static_cast<size_t>(it - std::begin(kLevels));
}

}  // namespace

Dashboard Summarize(const std::vector<DashboardProject>& projects, int year, int month, Ratio schedule,
                    size_t lagging_limit) {
  Dashboard d;
  d.year = year;
  d.month = month;
  d.schedule = schedule;
  d.all.key = "all";
  std::map<std::string, DashboardGroup> level, star, category, unit, stage;
  d.monthly.resize(12);
  for (int m = 0; m < 12; ++m) {
    d.monthly[m].month = m + 1;
    if (m < month) d.monthly[m].actual = 0;
  }
  d.start.key = "rate.start";
  d.completion.key = "rate.completion";
  d.stats.key = "rate.stats";
  struct Lag {
    int64_t id;
    Ratio gap;  // 完成率 − 序时, as a fraction
  };
  std::vector<Lag> lags;
  for (const DashboardProject& p : projects) {
    const auto s = ParseStage(p.facts.stage);
    if (!s || *s == Stage::kCancelled) continue;
    const Fen ytd = p.frozen_year_to_date.value_or(YearToDate(p, month));
    Add(d.all, p, ytd);
    Add(GroupOf(level, "level." + p.facts.level), p, ytd);
    if (p.star > 0) Add(GroupOf(star, "star." + std::to_string(p.star)), p, ytd);
    Add(GroupOf(category, p.facts.category_id ? "category." + std::to_string(*p.facts.category_id) : "category.none"),
        p, ytd);
    Add(GroupOf(unit, p.lead_unit_id ? "unit." + std::to_string(*p.lead_unit_id) : "unit.none"), p, ytd);
    Add(GroupOf(stage, "stage." + p.facts.stage), p, ytd);
    for (int m = 0; m < 12; ++m) {
      d.monthly[m].plan += p.plan_curve[m];
      if (m < month) *d.monthly[m].actual += YearToDate(p, m + 1);
    }
    d.colours[p.colour].push_back(p.id);
    if (p.facts.annual_plan > 0) {
      // ytd/plan − sn/sd = (ytd × sd − sn × plan) / (plan × sd)
      lags.push_back({p.id, Ratio{ytd * schedule.den - schedule.num * p.facts.annual_plan,
                                  p.facts.annual_plan * schedule.den}});
    }
    const AsOf at = EndOfMonth(year, month);
    const bool started = StartedBy(p.facts, at);
    if (DueBy(p.facts.planned_start, year, month)) {
      d.start.of.push_back(p.id);
      if (started) d.start.counted.push_back(p.id);
    }
    if (DueBy(p.facts.planned_completion, year, month)) {
      d.completion.of.push_back(p.id);
      if (CompletedBy(p.facts, at)) d.completion.counted.push_back(p.id);
    }
    if (started && p.facts.total_investment >= kStatsThreshold) {
      d.stats.of.push_back(p.id);
      if (p.facts.in_stats) d.stats.counted.push_back(p.id);
      else d.stats_gap.push_back(p.id);
    }
    if (*s == Stage::kReserve || *s == Stage::kPreparation) {
      d.reserve_total += p.facts.total_investment;
      d.reserve_ids.push_back(p.id);
    } else if (*s == Stage::kConstruction) {
      d.construction_total += p.facts.total_investment;
      d.construction_ids.push_back(p.id);
    }
  }
  d.by_level = Values(std::move(level));
  std::sort(d.by_level.begin(), d.by_level.end(), [](const auto& a, const auto& b) {
    return LevelRank(a.key.substr(6)) < LevelRank(b.key.substr(6));
  });
  d.by_star = Values(std::move(star));
  std::sort(d.by_star.begin(), d.by_star.end(), [](const auto& a, const auto& b) { return a.key > b.key; });
  d.by_category = Values(std::move(category));
  d.by_unit = Values(std::move(unit));
  d.by_stage = Values(std::move(stage));
  for (auto* groups : {&d.by_category, &d.by_unit}) {
    std::stable_sort(groups->begin(), groups->end(), [](const auto& a, const auto& b) {
      return a.annual_plan != b.annual_plan ? a.annual_plan > b.annual_plan : a.total_investment > b.total_investment;
    });
  }
  std::sort(d.by_stage.begin(), d.by_stage.end(), [](const auto& a, const auto& b) {
    return ParseStage(a.key.substr(6)).value_or(Stage::kCancelled) < ParseStage(b.key.substr(6)).value_or(Stage::kCancelled);
  });
  std::stable_sort(lags.begin(), lags.end(), [](const Lag& a, const Lag& b) { return CompareRatio(a.gap, b.gap) < 0; });
  for (size_t i = 0; i < lags.size() && d.lagging.size() < lagging_limit; ++i) {
    if (lags[i].gap.num < 0) d.lagging.push_back(lags[i].id);
  }
  return d;
}

std::optional<std::vector<int64_t>> ProjectsBehind(const Dashboard& d, const std::string& key) {
  if (key == "all") return d.all.ids;
  for (const auto* groups : {&d.by_level, &d.by_star, &d.by_category, &d.by_unit, &d.by_stage}) {
    for (const auto& g : *groups) {
      if (g.key == key) return g.ids;
    }
  }
  if (key.starts_with("level.") || key.starts_with("star.") || key.starts_with("category.") ||
      key.starts_with("unit.") || key.starts_with("stage.")) {
    return std::vector<int64_t>{};  // a group without projects
  }
  for (Colour c : {Colour::kGreen, Colour::kYellow, Colour::kRed}) {
    if (key == "colour." + std::string(ColourName(c))) {
      auto it = d.colours.find(c);
      return it == d.colours.end() ? std::vector<int64_t>{} : it->second;
    }
  }
  for (const DashboardRate* r : {&d.start, &d.completion, &d.stats}) {
    if (key == r->key + ".due") return r->of;
    if (key == r->key + ".done") return r->counted;
  }
  if (key == "lagging") return d.lagging;
  if (key == "stats.gap") return d.stats_gap;
  if (key == "reserve") return d.reserve_ids;
  if (key == "construction") return d.construction_ids;
  return std::nullopt;
}

}  // namespace tuijin::domain
