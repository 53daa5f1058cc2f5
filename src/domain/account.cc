#include "domain/account.h"

#include <array>

#include "base/text.h"

namespace tuijin::domain {
namespace {

constexpr std::array<std::pair<Role, std::string_view>, 5> kRoles = {{
    {Role::kAdmin, "admin"},
    {Role::kStaff, "staff"},
    {Role::kUnit, "unit"},
    {Role::kLeader, "leader"},
    {Role::kExpert, "expert"},
}};

constexpr std::array<std::string_view, 6> kUnitKinds = {"street", "township", "zone", "department", "owner", "superior"};

}  // namespace

std::optional<Role> ParseRole(std::string_view name) {
  for (const auto& [role, n] : kRoles) {
    if (n == name) return role;
  }
  return std::nullopt;
}

std::string_view RoleName(Role role) {
  for (const auto& [r, n] : kRoles) {
    if (r == role) return n;
  }
  return "";
}

bool IsUnitKind(std::string_view kind) {
  for (auto k : kUnitKinds) {
    if (k == kind) return true;
  }
  return false;
}

std::string CheckUsername(std::string_view username) {
  if (username.size() < 2 || username.size() > 32) return "用户名长度应为 2 到 32 个字符";
  for (char c : username) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
    if (!ok) return "用户名只能包含小写字母、数字、下划线、点和连字符";
  }
  return {};
}

namespace {

// The passwords tried first by anyone guessing (common in Chinese leaks and default
// configurations), compared without case.
constexpr std::string_view kCommonPasswords[] = {
    "12345678",   "123456789",  "1234567890", "87654321",   "11111111",   "88888888",   "66666666",
    "00000000",   "12341234",   "123123123",  "11223344",   "password",   "password1",  "password123",
    "passw0rd",   "p@ssw0rd",   "p@ssword",   "qwertyui",   "qwerty123",  "qwer1234",   "1qaz2wsx",
    "1q2w3e4r",   "asdf1234",   "zxcvbnm123", "abc12345",   "abcd1234",   "a1234567",   "a12345678",
    "aa123456",   "admin123",   "admin888",   "admin@123",  "root1234",   "test1234",   "woaini1314",
    "woaini520",  "iloveyou",   "5201314520", "abc123456",  "qq123456",   "a123456789", "123456abc",
    "1234qwer",   "q1w2e3r4",   "welcome1",   "changeme",   "letmein1",   "sunshine",   "tuijin123",
};

}  // namespace

std::string CheckPassword(std::string_view password, std::string_view username) {
  if (Utf8Length(password) < 8) return "密码至少 8 位";
  if (password.size() > 128) return "密码不能超过 128 个字节";
  const std::string lower = AsciiLower(password);
  // A short user name may well occur in a good password by chance; a longer one is a giveaway.
  const std::string name = AsciiLower(username);
  if (!name.empty() && (name.size() >= 3 ? lower.find(name) != std::string::npos : lower == name)) {
    return "密码不能包含用户名";
  }
  for (std::string_view common : kCommonPasswords) {
    if (lower == common) return "该密码过于常见,容易被猜到,请换一个";
  }
  if (password.find_first_not_of(password.front()) == std::string_view::npos) return "密码不能由同一个字符重复组成";
  return {};
}

std::string CheckDisplayName(std::string_view name) {
  if (name.empty()) return "必填";
  if (Utf8Length(name) > 50) return "不能超过 50 个字";
  return {};
}

}  // namespace tuijin::domain
