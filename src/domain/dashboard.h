// The dashboard (统计分析/驾驶舱) of one year at the end of one month, without I/O: totals,
// groups by level, 攻坚星级, category, unit and stage, the monthly plan-against-actual curve,
// the colour distribution, the most lagging projects, and the rates counted from projects'
// dates and stages (开工率, 竣工率, 入库率 with the 应统尽统 list, 投资完成率, and the reserve
// ratio 储备 ÷ 在建 total investment). Every figure names the set of projects behind it by a
// key ("level.province", "rate.start.due", …) so a click lists exactly those projects.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/money.h"
#include "domain/reporting.h"
#include "domain/status_rules.h"

namespace tuijin::domain {

// One top-level project as the dashboard reads it.
struct DashboardProject {
  int64_t id = 0;
  ProjectFacts facts;  // level, category, stage, dates, 入库, total, annual plan
  int star = 0;        // 攻坚星级 0–5
  std::optional<int64_t> lead_unit_id;
  std::array<Fen, 12> plan_curve{};  // cumulative plan by month (all zero without a plan)
  std::array<Fen, 12> amounts{};     // accepted 本期 counted in each month
  Colour colour = Colour::kGreen;
  // 年初至今 as frozen with a locked month's colours: the totals then read as the snapshot
  // (the monthly curve still reads the accepted amounts as they are).
  std::optional<Fen> frozen_year_to_date;
};

// A group's figures and the projects in it.
struct DashboardGroup {
  std::string key;  // "level.province", "unit.12", …
  int64_t projects = 0;
  Fen total_investment = 0;
  Fen annual_plan = 0;
  Fen year_to_date = 0;
  std::vector<int64_t> ids;
};

// A count ratio (开工率 …): the projects counted and the projects it is out of.
struct DashboardRate {
  std::string key;  // "rate.start": ids of `of` under key + ".due", of `counted` under key + ".done"
  std::vector<int64_t> counted, of;
};

struct DashboardMonth {
  int month = 0;            // 1–12
  Fen plan = 0;             // cumulative plan at the month's end
  std::optional<Fen> actual;  // cumulative accepted, up to the evaluated month only
};

struct Dashboard {
  int year = 0, month = 0;
  Ratio schedule{0, 1};  // 序时进度
  DashboardGroup all;
  std::vector<DashboardGroup> by_level, by_star, by_category, by_unit, by_stage;  // largest plan first (units)
  std::vector<DashboardMonth> monthly;
  std::map<Colour, std::vector<int64_t>> colours;
  // The projects with a plan furthest behind 序时进度 (gap in points, most negative first), at
  // most `lagging_limit`.
  std::vector<int64_t> lagging;
  DashboardRate start, completion, stats;
  std::vector<int64_t> stats_gap;          // 应统尽统: started, ≥ 500 万元, not 入库
  Fen reserve_total = 0, construction_total = 0;  // 储备 (谋划/储备 and 前期) and 在建 total investment
  std::vector<int64_t> reserve_ids, construction_ids;
};

// Rates are counted over the year: 开工率 = started of those planned to start in the year by
// `month`; 竣工率 likewise for completion; 入库率 = 入库 of the started projects ≥ 500 万元.
Dashboard Summarize(const std::vector<DashboardProject>& projects, int year, int month, Ratio schedule,
                    size_t lagging_limit = 10);

// The ids behind a figure's key (as Summarize names them); nullopt for an unknown key.
std::optional<std::vector<int64_t>> ProjectsBehind(const Dashboard& d, const std::string& key);

}  // namespace tuijin::domain
