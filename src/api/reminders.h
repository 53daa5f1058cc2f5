// The daily supervision reminder run (reminder_api.cc), shared by the admin's endpoint and the
// server's scheduler (reminder_scheduler.h).
#pragma once

#include <string>
#include <vector>

#include "api/context.h"

namespace tuijin::api {

struct ReminderDigestInfo {
  int64_t user_id = 0;
  std::string username, display_name;
  int64_t overdue = 0, due_today = 0, due_soon = 0;
};

struct ReminderRun {
  std::string day;
  int64_t open_items = 0;
  std::vector<ReminderDigestInfo> digests;  // what each user hears of (or would, for a dry run)
  int64_t sent = 0;                          // digests written now (none twice per user and day)
};

// Runs the reminders of `day` (YYYY-MM-DD); a dry run only computes them.
StatusOr<ReminderRun> RunReminders(Services& svc, const std::string& day, bool dry_run);

}  // namespace tuijin::api
