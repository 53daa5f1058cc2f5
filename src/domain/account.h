// Roles, unit kinds and account rules. Pure functions, no I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tuijin::domain {

enum class Role { kAdmin, kStaff, kUnit, kLeader, kExpert };

std::optional<Role> ParseRole(std::string_view name);  // "admin", "staff", …
std::string_view RoleName(Role role);

// Bit for a role, for role sets (route access lists).
constexpr unsigned RoleBit(Role r) { return 1u << static_cast<unsigned>(r); }

// Unit kinds (单位类型): street 街道, township 乡镇, zone 开发区, department 区直部门,
// owner 业主单位, superior 上级部门.
bool IsUnitKind(std::string_view kind);

// Empty when valid, else the message for the field.
std::string CheckUsername(std::string_view username);
std::string CheckPassword(std::string_view password, std::string_view username);
std::string CheckDisplayName(std::string_view name);

}  // namespace tuijin::domain
