// Users (用户管理), for administrators.
#include "api/handlers.h"
#include "api/json.h"
#include "base/crypto.h"
#include "base/time.h"
#include "domain/delivery.h"

namespace tuijin::api {
namespace {

// Role and unit together: a unit reporter needs a unit.
void CheckRoleAndUnit(FieldReader& in, const std::string& role, const std::optional<int64_t>& unit_id) {
  if (role.empty()) return;
  if (!domain::ParseRole(role)) {
    in.Fail("role", "角色应为 admin/staff/unit/leader/expert 之一");
  } else if (role == "unit" && !unit_id) {
    in.Fail("unit_id", "单位填报员必须选择所属单位");
  }
}

// The e-mail for reminder digests: nullopt when blank.
std::optional<std::string> ReadEmail(FieldReader& in) {
  auto email = in.OptionalString("email", 254);
  if (email && !domain::IsEmailAddress(*email)) in.Fail("email", "邮箱地址格式不正确,例如 zhangsan@example.cn");
  return email;
}

}  // namespace

StatusOr<http::Response> ListUsers(Context& ctx) {
  store::UserFilter f;
  ASSIGN_OR_RETURN(f.page, ReadPage(ctx.req));
  f.q = std::string(ctx.req.Query("q").value_or(""));
  f.role = std::string(ctx.req.Query("role").value_or(""));
  ASSIGN_OR_RETURN(auto unit_id, QueryInt(ctx.req, "unit_id"));
  if (unit_id) {
    // A unit includes its sub-units.
    ASSIGN_OR_RETURN(f.unit_ids, ctx.svc.units.Subtree(*unit_id));
  }
  ASSIGN_OR_RETURN(auto page, ctx.svc.users.List(f));
  json::array items;
  for (const auto& u : page.items) items.push_back(UserJson(u));
  return ListResponse(std::move(items), page.total);
}

StatusOr<http::Response> GetUser(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  ASSIGN_OR_RETURN(auto user, ctx.svc.users.Get(id));
  return JsonResponse(UserJson(user));
}

StatusOr<http::Response> CreateUser(Context& ctx) {
  ASSIGN_OR_RETURN(json::object body, ParseObject(ctx.req));
  FieldReader in(body);
  store::NewUser u;
  u.username = in.RequiredString("username", 32);
  u.display_name = in.RequiredString("display_name", 50);
  u.role = in.RequiredString("role", 20);
  u.unit_id = in.OptionalInt("unit_id", 1);
  u.phone = in.OptionalString("phone", 30);
  u.email = ReadEmail(in);
  const std::string password = in.RequiredString("password", 128);
  if (!u.username.empty()) {
    if (auto msg = domain::CheckUsername(u.username); !msg.empty()) in.Fail("username", msg);
  }
  if (!password.empty()) {
    if (auto msg = domain::CheckPassword(password, u.username); !msg.empty()) in.Fail("password", msg);
  }
  CheckRoleAndUnit(in, u.role, u.unit_id);
  RETURN_IF_ERROR(in.status());
  ASSIGN_OR_RETURN(u.password_hash, HashPassword(password));
  u.must_change_password = true;  // the administrator chose it: the user replaces it first
  ASSIGN_OR_RETURN(auto user, ctx.svc.users.Create(u));
  return JsonResponse(UserJson(user), 201);
}

StatusOr<http::Response> UpdateUser(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  ASSIGN_OR_RETURN(json::object body, ParseObject(ctx.req));
  FieldReader in(body);
  store::UserUpdate u;
  u.display_name = in.RequiredString("display_name", 50);
  u.role = in.RequiredString("role", 20);
  u.unit_id = in.OptionalInt("unit_id", 1);
  u.phone = in.OptionalString("phone", 30);
  if (body.contains("email")) u.email.emplace(ReadEmail(in));  // absent: kept; null or "": removed
  u.disabled = in.Bool("disabled", false);
  CheckRoleAndUnit(in, u.role, u.unit_id);
  if (id == ctx.me().user.id) {
    // An administrator cannot lock themselves out.
    if (u.disabled) in.Fail("disabled", "不能停用自己的账号");
    if (!u.role.empty() && u.role != "admin") in.Fail("role", "不能取消自己的管理员角色");
  }
  RETURN_IF_ERROR(in.status());
  ASSIGN_OR_RETURN(auto user, ctx.svc.users.Update(id, u));
  return JsonResponse(UserJson(user));
}

StatusOr<http::Response> ResetUserPassword(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  ASSIGN_OR_RETURN(json::object body, ParseObject(ctx.req));
  FieldReader in(body);
  const std::string password = in.RequiredString("password", 128);
  RETURN_IF_ERROR(in.status());
  ASSIGN_OR_RETURN(auto user, ctx.svc.users.Get(id));
  if (auto msg = domain::CheckPassword(password, user.username); !msg.empty()) return Status::Invalid({{"password", msg}});
  ASSIGN_OR_RETURN(std::string hash, HashPassword(password));
  RETURN_IF_ERROR(ctx.svc.users.SetPasswordHash(id, hash, /*must_change=*/id != ctx.me().user.id));
  return http::Response::NoContent();
}

StatusOr<http::Response> ListUserSessions(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  ASSIGN_OR_RETURN(auto user, ctx.svc.users.Get(id));
  ASSIGN_OR_RETURN(auto sessions, ctx.svc.users.ListSessions(user.id, NowUnix(), ctx.svc.config.session_idle_minutes * 60));
  json::array items;
  for (const auto& s : sessions) items.push_back(SessionInfoJson(s, ctx.me().session_id));
  return ListResponse(std::move(items), static_cast<int64_t>(sessions.size()));
}

// 强制下线: every session of the user ends now.
StatusOr<http::Response> RevokeUserSessions(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  ASSIGN_OR_RETURN(auto user, ctx.svc.users.Get(id));
  ASSIGN_OR_RETURN(int64_t revoked, ctx.svc.users.RevokeAllSessions(user.id, NowUnix()));
  return JsonResponse(json::object{{"user_id", user.id}, {"revoked", revoked}});
}

// 解锁: the account's failed sign-ins are forgotten, so it may sign in again at once.
StatusOr<http::Response> UnlockUser(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  ASSIGN_OR_RETURN(auto user, ctx.svc.users.Get(id));
  ctx.svc.login_throttle.RecordSuccess(user.username);
  return JsonResponse(json::object{{"user_id", user.id}, {"locked", false}});
}

}  // namespace tuijin::api
