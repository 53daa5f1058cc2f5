// Wall-clock helpers. China has one offset, +08:00, and no DST: every timestamp the
// product shows or stores is in +08:00.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace tuijin {

// Seconds since the Unix epoch.
int64_t NowUnix();

// "2026-11-23T10:32:05+08:00" for a Unix time.
std::string FormatTimestamp(int64_t unix_seconds);

// "2026-11-23" (the +08:00 calendar date) for a Unix time.
std::string FormatDate(int64_t unix_seconds);

inline std::string NowTimestamp() { return FormatTimestamp(NowUnix()); }

}  // namespace tuijin
