// Demo projects for 云河区: the proportions of the 2022 investment plan in the source
// documents (291 key projects: 17 省重点, 23 市重点, 251 区重点 of which 45 攻坚星级),
// with believable names, owners, amounts, dates and locations inside one district.
// Deterministic: the same count always gives the same projects.
#pragma once

#include <ostream>

#include "base/status.h"
#include "store/dictionary_store.h"
#include "store/plan_store.h"
#include "store/project_store.h"
#include "store/report_store.h"
#include "store/unit_store.h"
#include "store/user_store.h"

namespace tuijin::demo {

// The demo district's centre (WGS-84): demo coordinates lie within about 8 km of it.
constexpr double kCentreLng = 113.7100;
constexpr double kCentreLat = 34.7200;

struct ProjectStores {
  store::UnitStore& units;
  store::UserStore& users;
  store::DictionaryStore& dictionaries;
  store::ProjectStore& projects;
  store::PlanStore& plans;
  store::ReportStore& reports;
};

// Adds `count` top-level projects (kDefaultProjectCount for the demo) plus sub-projects under a few of them,
// unless the library already has projects. Owner companies are added as 业主单位.
Status LoadProjects(ProjectStores stores, int count, std::ostream& log);

// This year's annual plans (年度计划) for the projects in construction or preparation, some
// issued and one adjusted mid-year (年中调整), and the district's target split to units so that
// it mostly reconciles, with a few mismatches to show. Skipped when the year has plans.
// Deterministic.
Status LoadPlans(ProjectStores stores, std::ostream& log);

// Seed 002's number of key projects: what `demo` and `serve --demo` load by default.
inline constexpr int kDefaultProjectCount = 291;

// The demo district (units, users), `count` projects and their reports for `report_months`
// months (-1: this year so far; demo_reports.h): `tuijin demo` and `serve --demo`.
Status LoadAll(ProjectStores stores, int count, int report_months, std::ostream& log);

}  // namespace tuijin::demo
