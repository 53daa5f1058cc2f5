// The 2026 National Day holiday as the State Council set it: 10-01 … 10-07 off, Sunday 09-20
// and Saturday 10-10 worked. Deadlines in working days and reminders across it.
#include "domain/work_calendar.h"

#include <gtest/gtest.h>

namespace tuijin::domain {
namespace {

WorkCalendar NationalDay2026() {
  std::vector<CalendarDay> days;
  for (int d = 1; d <= 7; ++d) days.push_back({"2026-10-0" + std::to_string(d), DayKind::kHoliday, "国庆节"});
  days.push_back({"2026-09-20", DayKind::kWorkday, "国庆节调休上班"});
  days.push_back({"2026-10-10", DayKind::kWorkday, "国庆节调休上班"});
  return WorkCalendar(days);
}

int64_t D(const char* text) { return *ParseDay(text); }

TEST(WorkCalendarTest, WeekdaysAndExceptions) {
  const WorkCalendar cal = NationalDay2026();
  EXPECT_TRUE(cal.IsWorkingDay(D("2026-09-30")));   // Wednesday
  EXPECT_FALSE(cal.IsWorkingDay(D("2026-10-05")));  // a Monday in the holiday
  EXPECT_TRUE(cal.IsWorkingDay(D("2026-10-10")));   // Saturday, adjusted
  EXPECT_FALSE(cal.IsWorkingDay(D("2026-10-11")));  // Sunday
  EXPECT_TRUE(cal.IsWorkingDay(D("2026-09-20")));   // Sunday, adjusted
  EXPECT_FALSE(cal.IsWorkingDay(D("2026-09-19")));  // Saturday
  EXPECT_FALSE(WorkCalendar().IsWorkingDay(D("1970-01-03")));  // a Saturday, before any data
  EXPECT_TRUE(WorkCalendar().IsWorkingDay(D("1969-12-31")));   // a Wednesday, negative days
}

TEST(WorkCalendarTest, AddWorkingDaysSkipsTheHolidayAndCountsTheSaturday) {
  const WorkCalendar cal = NationalDay2026();
  // Issued Wednesday 09-30 with 3 working days: 10-08, 10-09, then Saturday 10-10.
  EXPECT_EQ(FormatDay(cal.AddWorkingDays(D("2026-09-30"), 3)), "2026-10-10");
  EXPECT_EQ(FormatDay(cal.AddWorkingDays(D("2026-09-30"), 4)), "2026-10-12");
  // Without the calendar the same three days end on Monday 10-05.
  EXPECT_EQ(FormatDay(WorkCalendar().AddWorkingDays(D("2026-09-30"), 3)), "2026-10-05");
  EXPECT_EQ(cal.WorkingDaysBetween(D("2026-09-30"), D("2026-10-10")), 3);
  EXPECT_EQ(cal.WorkingDaysBetween(D("2026-10-10"), D("2026-09-30")), 0);
}

TEST(WorkCalendarTest, UrgencyAcrossTheHoliday) {
  const WorkCalendar cal = NationalDay2026();
  const int64_t deadline = D("2026-10-10");
  // On 09-28 (Monday) there are 30th, 8th, 9th, 10th = 4 working days left: not yet due soon.
  EXPECT_EQ(UrgencyOn(cal, D("2026-09-28"), deadline, 3), Urgency::kNone);
  // On 09-30 three are left (10-08, 10-09, 10-10) although ten calendar days remain.
  EXPECT_EQ(UrgencyOn(cal, D("2026-09-30"), deadline, 3), Urgency::kDueSoon);
  EXPECT_EQ(UrgencyOn(cal, D("2026-10-04"), deadline, 3), Urgency::kDueSoon);
  EXPECT_EQ(UrgencyOn(cal, deadline, deadline, 3), Urgency::kDueToday);
  EXPECT_EQ(UrgencyOn(cal, D("2026-10-11"), deadline, 3), Urgency::kOverdue);
  // Due soon with 0 days means only "due today" warns ahead.
  EXPECT_EQ(UrgencyOn(cal, D("2026-10-09"), deadline, 0), Urgency::kNone);
}

TEST(WorkCalendarTest, ValidateNamesTheRow) {
  std::vector<CalendarDay> days = {{"2026-10-01", DayKind::kHoliday, "国庆节"},
                                   {"2026-10-01", DayKind::kHoliday, "国庆节"},
                                   {"2027-01-01", DayKind::kHoliday, "元旦"},
                                   {"2026-02-30", DayKind::kHoliday, "春节"},
                                   {"2026-05-01", DayKind::kHoliday, ""}};
  auto errors = ValidateCalendar(2026, days);
  EXPECT_EQ(errors.size(), 4u);
  EXPECT_TRUE(errors.count("items[1].day"));
  EXPECT_TRUE(errors.count("items[2].day"));
  EXPECT_TRUE(errors.count("items[3].day"));
  EXPECT_TRUE(errors.count("items[4].name"));
  EXPECT_FALSE(errors.count("items[0].day"));
}

}  // namespace
}  // namespace tuijin::domain
