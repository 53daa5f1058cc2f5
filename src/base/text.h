// Small text helpers for UTF-8 strings, shared by every layer. Pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tuijin {

// Characters (code points) of valid UTF-8: a Chinese name is measured as people see it.
size_t Utf8Length(std::string_view s);

// The longest prefix of `s` of at most `max_bytes` that does not cut a character in two.
std::string_view Utf8Prefix(std::string_view s, size_t max_bytes);

// Without leading and trailing ASCII whitespace (space, \t, \n, \v, \f, \r).
std::string_view TrimSpace(std::string_view s);

// A–Z lowered, every other byte (Chinese included) unchanged.
std::string AsciiLower(std::string_view s);

// Only ASCII digits, at least one.
bool AllDigits(std::string_view s);

// A non-negative decimal written with digits only ("0042" → 42): no sign, space or
// fraction. nullopt otherwise or past int64.
std::optional<int64_t> ParseDigits(std::string_view s);

}  // namespace tuijin
