// The working-day calendar (工作日历) and the supervision reminder settings.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "db/db.h"
#include "domain/work_calendar.h"

namespace tuijin::store {

struct SupervisionSettings {
  int64_t reminder_hour = 9;
  int64_t due_soon_days = 3;
  int64_t version = 1;
  std::string updated_at;
};

class CalendarStore {
 public:
  explicit CalendarStore(db::Database& db) : db_(db) {}

  // The days that differ from the week: one year's, or every year's (nullopt).
  StatusOr<std::vector<domain::CalendarDay>> Days(std::optional<int> year);
  // Replaces a year's days in one transaction.
  Status ReplaceYear(int year, const std::vector<domain::CalendarDay>& days, int64_t user_id);

  StatusOr<SupervisionSettings> Settings();
  // Conflict "supervision_settings.version" when `version` is stale.
  StatusOr<SupervisionSettings> PutSettings(const SupervisionSettings& s, std::optional<int64_t> version,
                                            int64_t user_id);

 private:
  db::Database& db_;
};

}  // namespace tuijin::store
