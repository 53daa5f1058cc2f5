#include "base/money.h"

#include <algorithm>
#include <cstdlib>

namespace tuijin {
namespace {

// |a * b| without overflow, or nullopt.
std::optional<WideInt> Mul(WideInt a, WideInt b) {
  const WideInt r = a * b;
  if (r > INT64_MAX || r < INT64_MIN) return std::nullopt;
  return r;
}

}  // namespace

std::optional<Fen> ParseAmount(std::string_view s, MoneyUnit unit) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  if (s.empty()) return std::nullopt;
  bool negative = false;
  if (s.front() == '-' || s.front() == '+') {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  // Mantissa digits (without the point) and the position of the point.
  std::string digits;
  int point = -1;
  size_t i = 0;
  bool any_digit = false;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= '0' && c <= '9') {
      digits += c;
      any_digit = true;
    } else if (c == '.' && point < 0) {
      point = static_cast<int>(digits.size());
    } else if (c == ',' && point < 0 && any_digit) {
      continue;  // thousands separator
    } else {
      break;
    }
  }
  if (!any_digit) return std::nullopt;
  int exponent = 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) exp_negative = s[i++] == '-';
    if (i == s.size()) return std::nullopt;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
      exponent = exponent * 10 + (s[i] - '0');
      if (exponent > 40) return std::nullopt;
    }
    if (exp_negative) exponent = -exponent;
  }
  if (i != s.size()) return std::nullopt;
  if (point < 0) point = static_cast<int>(digits.size());
  // value = digits × 10^(exponent − (len − point)); fen = value × FenPer(unit).
  int fen_exp = 0;
  for (Fen f = FenPer(unit); f > 1; f /= 10) ++fen_exp;
  const int scale = exponent - static_cast<int>(digits.size() - point) + fen_exp;
  // Drop leading zeros so long inputs of zeros do not overflow.
  size_t lead = digits.find_first_not_of('0');
  if (lead == std::string::npos) return Fen{0};
  digits = digits.substr(lead);
  WideInt value = 0;
  const int keep = scale >= 0 ? static_cast<int>(digits.size()) : static_cast<int>(digits.size()) + scale;
  for (int k = 0; k < keep && k < static_cast<int>(digits.size()); ++k) {
    value = value * 10 + (digits[k] - '0');
    if (value > INT64_MAX) return std::nullopt;
  }
  if (scale >= 0) {
    for (int k = 0; k < scale; ++k) {
      auto m = Mul(value, 10);
      if (!m) return std::nullopt;
      value = *m;
    }
  } else if (keep >= 0 && keep < static_cast<int>(digits.size())) {
    if (digits[keep] >= '5') value += 1;  // half away from zero at the fen
  } else if (keep < 0) {
    value = 0;
  }
  if (value > INT64_MAX) return std::nullopt;
  const Fen out = static_cast<Fen>(value);
  return negative ? -out : out;
}

std::string FormatAmount(Fen fen, MoneyUnit unit, int decimals, bool separators) {
  // Show at most as many decimals as the unit has below it (元 has two: the fen).
  int unit_digits = 0;
  for (Fen f = FenPer(unit); f > 1; f /= 10) ++unit_digits;
  const int shown = std::max(0, std::min(decimals, unit_digits));
  Fen step = 1;  // fen per last shown digit
  for (int k = 0; k < unit_digits - shown; ++k) step *= 10;
  Fen scale = 1;  // last shown digits per unit
  for (int k = 0; k < shown; ++k) scale *= 10;

  const bool negative = fen < 0;
  const WideUInt magnitude = negative ? static_cast<WideUInt>(-static_cast<WideInt>(fen)) : fen;
  const WideUInt rounded = (magnitude + step / 2) / step;
  WideUInt whole = rounded / scale;
  WideUInt frac = rounded % scale;

  std::string w;
  do {
    w.insert(w.begin(), static_cast<char>('0' + static_cast<int>(whole % 10)));
    whole /= 10;
  } while (whole > 0);
  if (separators) {
    for (int pos = static_cast<int>(w.size()) - 3; pos > 0; pos -= 3) w.insert(static_cast<size_t>(pos), ",");
  }
  std::string out = (negative && rounded != 0 ? "-" : "") + w;
  if (shown > 0) {
    std::string f(static_cast<size_t>(shown), '0');
    for (int k = shown - 1; k >= 0; --k, frac /= 10) f[static_cast<size_t>(k)] = static_cast<char>('0' + static_cast<int>(frac % 10));
    out += "." + f;
  }
  return out;
}

}  // namespace tuijin
