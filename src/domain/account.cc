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

std::string CheckPassword(std::string_view password, std::string_view username) {
  if (Utf8Length(password) < 8) return "密码至少 8 位";
  if (password.size() > 128) return "密码不能超过 128 个字节";
  if (!username.empty() && password == username) return "密码不能与用户名相同";
  return {};
}

std::string CheckDisplayName(std::string_view name) {
  if (name.empty()) return "必填";
  if (Utf8Length(name) > 50) return "不能超过 50 个字";
  return {};
}

}  // namespace tuijin::domain
