// What the supervision handlers share (supervision_api.cc, meeting_api.cc, task_ledger_api.cc,
// reminder_api.cc): today and the working-day calendar, an item's summary as JSON, the viewer's
// part in an item, and the list filter from the query string.
#pragma once

#include <boost/json/object.hpp>

#include "api/context.h"
#include "domain/supervision.h"
#include "domain/work_calendar.h"
#include "store/supervision_store.h"

namespace tuijin::api {

struct SupervisionClock {
  domain::WorkCalendar calendar;
  int64_t today = 0;  // days since the epoch, +08:00
  int due_soon_days = 3;
};

StatusOr<SupervisionClock> LoadSupervisionClock(Context& ctx);
// The last deadline that is due soon on the clock's day (within due_soon_days working days).
std::string DueSoonUntil(const SupervisionClock& clock);
boost::json::object SupervisionSummaryJson(const store::ItemSummary& s, const SupervisionClock& clock);
// NotFound for a unit user who is neither lead nor co-unit.
StatusOr<domain::ItemRole> RoleIn(Context& ctx, const store::ItemSummary& item);
StatusOr<store::Item> AccessibleItem(Context& ctx, int64_t id, domain::ItemRole* role);
StatusOr<store::ItemFilter> ReadSupervisionFilter(Context& ctx);
// A journal entry's action in words: the lifecycle's labels, 下发 for the creation, 修改 for an edit.
std::string JournalLabel(const std::string& action);

}  // namespace tuijin::api
