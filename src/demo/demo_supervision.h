// Demo supervision (督办): the 2026 holiday calendar, a dozen items in every state (from report
// problems, a 推进会 decision, an inspection, a leader's instruction), a meeting with its
// decisions, and the 2026 营商环境 task ledger. Dates are relative to the day of loading, so that
// the demo always has items overdue, due soon and closed. Idempotent: nothing is added once any
// item exists.
#pragma once

#include <ostream>

#include "base/status.h"
#include "store/calendar_store.h"
#include "store/meeting_store.h"
#include "store/project_store.h"
#include "store/report_store.h"
#include "store/supervision_store.h"
#include "store/task_ledger_store.h"
#include "store/unit_store.h"
#include "store/user_store.h"

namespace tuijin::demo {

struct SupervisionStores {
  store::UnitStore& units;
  store::UserStore& users;
  store::ProjectStore& projects;
  store::ReportStore& reports;
  store::SupervisionStore& supervision;
  store::CalendarStore& calendar;
  store::MeetingStore& meetings;
  store::TaskLedgerStore& task_ledgers;
};

// The State Council's 2026 holidays and adjusted working days (国办发明电〔2025〕号通知).
std::vector<domain::CalendarDay> Holidays2026();

Status LoadSupervision(SupervisionStores stores, std::ostream& log);

}  // namespace tuijin::demo
