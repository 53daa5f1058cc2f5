// Demo progress reports for 云河区: opening balances for projects started before the first
// reported month, and monthly reports of every project under way, accepted for past months
// and in every state for the month being reported now (some returned with a reason, some
// drafts, some missing); a few 省重点 projects under construction marked to report weekly.
// Deterministic for a given day: amounts follow each project's 总投资.
#pragma once

#include <ostream>

#include "base/status.h"
#include "demo/demo_projects.h"

namespace tuijin::demo {

// Reports for the `months` months before the current one (-1: this year's months so far),
// unless the library has reports already.
Status LoadReports(ProjectStores stores, int months, std::ostream& log);

}  // namespace tuijin::demo
