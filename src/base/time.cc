#include "base/time.h"

#include <fmt/format.h>

namespace tuijin {

ChinaTime ToChinaTime(int64_t unix_seconds) {
  using namespace std::chrono;
  const sys_seconds tp{seconds{unix_seconds + kChinaOffsetSeconds}};
  const auto day_point = floor<days>(tp);
  const year_month_day ymd{day_point};
  const hh_mm_ss hms{tp - day_point};
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day())), static_cast<int>(hms.hours().count()),
          static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count())};
}

int64_t NowUnix() {
  using namespace std::chrono;
  return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

std::string FormatTimestamp(int64_t unix_seconds) {
  const ChinaTime t = ToChinaTime(unix_seconds);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}+08:00", t.year, t.month, t.day, t.hour,
                     t.minute, t.second);
}

std::string FormatDate(int64_t unix_seconds) {
  const ChinaTime t = ToChinaTime(unix_seconds);
  return fmt::format("{:04}-{:02}-{:02}", t.year, t.month, t.day);
}

}  // namespace tuijin
