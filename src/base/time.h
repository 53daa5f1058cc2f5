// Wall-clock helpers. China has one offset, +08:00, and no DST: every timestamp the
// product shows or stores is in +08:00.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace tuijin {

constexpr int64_t kChinaOffsetSeconds = 8 * 3600;

// Seconds since the Unix epoch.
int64_t NowUnix();

// The +08:00 wall clock of a Unix time.
struct ChinaTime {
  int year, month, day, hour, minute, second;
};
ChinaTime ToChinaTime(int64_t unix_seconds);

// "2026-11-23T10:32:05+08:00" for a Unix time.
std::string FormatTimestamp(int64_t unix_seconds);

// "2026-11-23" (the +08:00 calendar date) for a Unix time.
std::string FormatDate(int64_t unix_seconds);

inline std::string NowTimestamp() { return FormatTimestamp(NowUnix()); }
// Today's date in China, "2026-11-23".
inline std::string Today() { return FormatDate(NowUnix()); }

}  // namespace tuijin
