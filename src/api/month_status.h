// Every project's red/yellow/green (红黄绿) at the end of a month, as the status list, the
// warning centre, the dashboard and the rankings read it: frozen when the month was locked
// (store::StatusStore::Frozen), computed from the rule table and the data as they are now
// otherwise. One place decides which, so every page shows the same colours.
#pragma once

#include <optional>
#include <vector>

#include "api/context.h"
#include "api/year_cache.h"
#include "domain/reporting.h"
#include "domain/status_rules.h"
#include "store/status_store.h"

namespace tuijin::api {

struct ProjectMonthStatus {
  const store::StatusProject* project = nullptr;  // owned by MonthStatuses::years
  domain::ProjectStatus status;
  Fen annual_plan = 0;
  Fen year_to_date = 0;
};

struct MonthStatuses {
  domain::Period month;
  domain::ScheduleGranularity granularity = domain::ScheduleGranularity::kMonth;
  domain::Ratio schedule{0, 1};  // 序时进度 at the month's end
  bool frozen = false;           // read from the snapshot taken when the month was locked
  ProjectYears years;            // every project's year (shared, read-only)
  std::vector<ProjectMonthStatus> rows;  // one per project in scope, in project order
  std::vector<store::StoredRule> rules;
};

// 序时进度's granularity from the configuration.
domain::ScheduleGranularity ConfiguredGranularity(const Context& ctx);

// The deadlines of monthly reports from the configuration.
domain::DeadlineRule ReportDeadlines(const Context& ctx);

// The last month of `year` whose reports were due by `now`: 0 when none was, 12 when all were.
int DueThrough(int year, const domain::DeadlineRule& deadlines, int64_t now);

// The statuses of `month` for the projects of `scope` (nullopt: all). A project entered after
// a locked month was frozen is not in it.
StatusOr<MonthStatuses> StatusesAt(Context& ctx, const domain::Period& month,
                                   const std::optional<std::vector<int64_t>>& scope);

// How a month is frozen when it is locked (ReportStore::SetLocked's step): every project's
// status computed with `rules` as StatusesAt would.
store::ComputeStatuses StatusComputer(const Context& ctx, const domain::Period& month,
                                      std::vector<store::StoredRule> rules);

// ?period=YYYY-MM; by default the month being reported now (the last month that has ended).
StatusOr<domain::Period> StatusMonth(Context& ctx);

}  // namespace tuijin::api
