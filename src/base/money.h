// Money is an integer number of 分 (fen) everywhere: stored, sent and computed. Never double.
// 1 元 = 100 分, 1 万元 = 1,000,000 分, 1 亿元 = 10,000,000,000 分.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tuijin {

using Fen = int64_t;

// 128-bit intermediates for exact products and quotients of amounts (a GCC and Clang
// extension; __extension__ keeps -Wpedantic quiet).
__extension__ typedef __int128 WideInt;
__extension__ typedef unsigned __int128 WideUInt;

enum class MoneyUnit { kYuan, kWanYuan, kYiYuan };

constexpr Fen kFenPerYuan = 100;
constexpr Fen kFenPerWan = 1'000'000;
constexpr Fen kFenPerYi = 10'000'000'000;

constexpr Fen FenPer(MoneyUnit unit) {
  return unit == MoneyUnit::kYuan ? kFenPerYuan : unit == MoneyUnit::kWanYuan ? kFenPerWan : kFenPerYi;
}

// Parses a decimal amount written in `unit` ("12345.67", "-3", "1,234.5", "1.2E+3",
// "12345.670000000001" from a spreadsheet) into fen, exactly, rounding half away from zero
// at the fen. nullopt for anything else or on overflow.
std::optional<Fen> ParseAmount(std::string_view text, MoneyUnit unit);

// Formats fen as a decimal in `unit` with `decimals` places and thousands separators
// ("12,345.67"), rounding half away from zero.
std::string FormatAmount(Fen fen, MoneyUnit unit, int decimals = 2, bool separators = true);

}  // namespace tuijin
