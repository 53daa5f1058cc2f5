// Login, current session, logout, own password.
#include <fmt/format.h>

#include "api/handlers.h"
#include "api/json.h"
#include "base/crypto.h"
#include "base/time.h"

namespace tuijin::api {
namespace {

constexpr const char* kSessionCookie = "tuijin_session";

json::object SessionJson(const store::User& user, const std::string& csrf) {
  return json::object{{"user", UserJson(user)}, {"csrf_token", csrf}};
}

std::string CookieAttributes(const Context& ctx) {
  return std::string("; Path=/; HttpOnly; SameSite=Lax") + (ctx.svc.config.cookie_secure ? "; Secure" : "");
}

}  // namespace

json::object UserJson(const store::User& u) {
  return json::object{{"id", u.id},
                      {"username", u.username},
                      {"display_name", u.display_name},
                      {"role", u.role},
                      {"unit_id", OrNull(u.unit_id)},
                      {"unit_name", OrNull(u.unit_name)},
                      {"phone", OrNull(u.phone)},
                      {"email", OrNull(u.email)},
                      {"disabled", u.disabled},
                      {"must_change_password", u.must_change_password},
                      {"created_at", u.created_at},
                      {"updated_at", u.updated_at}};
}

StatusOr<http::Response> Login(Context& ctx) {
  ASSIGN_OR_RETURN(json::object body, ParseObject(ctx.req));
  FieldReader in(body);
  const std::string username = in.RequiredString("username", 64);
  const std::string password = in.RequiredString("password", 128);
  RETURN_IF_ERROR(in.status());

  auto& throttle = ctx.svc.login_throttle;
  const std::string address = http::ClientAddress(ctx.req, ctx.svc.config.trusted_proxies);
  const int64_t now = NowUnix();
  if (const int64_t wait = throttle.RetryAfter(username, address, now); wait > 0) {
    return Status::ResourceExhausted("auth.throttled",
                                     fmt::format("登录失败次数过多,请 {} 分钟后再试", (wait + 59) / 60))
        .WithRetryAfter(static_cast<int>(wait));
  }

  ASSIGN_OR_RETURN(auto found, ctx.svc.users.FindForLogin(username));
  // Verify even for an unknown user, so that timing does not tell which part was wrong.
  const bool password_ok = VerifyPassword(found ? found->second : ctx.svc.dummy_password_hash, password) && found;
  if (!password_ok) {
    throttle.RecordFailure(username, address, now);
    return Status::Unauthenticated("auth.invalid_credentials", "用户名或密码错误");
  }
  const store::User& user = found->first;
  if (user.disabled) return Status::PermissionDenied("auth.disabled", "账号已停用,请联系系统管理员");
  throttle.RecordSuccess(username);

  const std::string token = RandomToken();
  const std::string csrf = RandomToken();
  const int64_t max_age = ctx.svc.config.session_max_hours * 3600;
  const std::string user_agent(ctx.req.HeaderValue("user-agent").value_or(""));
  RETURN_IF_ERROR(ctx.svc.users.CreateSession(user.id, Sha256Hex(token), csrf, now, now + max_age, address, user_agent));

  http::Response res = JsonResponse(SessionJson(user, csrf));
  res.SetHeader("set-cookie", fmt::format("{}={}; Max-Age={}{}", kSessionCookie, token, max_age, CookieAttributes(ctx)));
  return res;
}

StatusOr<http::Response> CurrentSession(Context& ctx) {
  return JsonResponse(SessionJson(ctx.me().user, ctx.me().csrf_token));
}

StatusOr<http::Response> Logout(Context& ctx) {
  RETURN_IF_ERROR(ctx.svc.users.RevokeSession(ctx.me().session_id, NowUnix()));
  http::Response res = http::Response::NoContent();
  res.SetHeader("set-cookie", fmt::format("{}=; Max-Age=0{}", kSessionCookie, CookieAttributes(ctx)));
  return res;
}

StatusOr<http::Response> ChangeOwnPassword(Context& ctx) {
  ASSIGN_OR_RETURN(json::object body, ParseObject(ctx.req));
  FieldReader in(body);
  const std::string current = in.RequiredString("current_password", 128);
  const std::string next = in.RequiredString("new_password", 128);
  RETURN_IF_ERROR(in.status());
  const store::User& me = ctx.me().user;
  if (auto msg = domain::CheckPassword(next, me.username); !msg.empty()) return Status::Invalid({{"new_password", msg}});
  if (next == current) return Status::Invalid({{"new_password", "新密码不能与当前密码相同"}});
  ASSIGN_OR_RETURN(auto found, ctx.svc.users.FindForLogin(me.username));
  if (!found || !VerifyPassword(found->second, current)) {
    return Status::Invalid({{"current_password", "当前密码不正确"}});
  }
  ASSIGN_OR_RETURN(std::string hash, HashPassword(next));
  // Every session of the user ends, this one included: the user signs in again.
  RETURN_IF_ERROR(ctx.svc.users.SetPasswordHash(me.id, hash, /*must_change=*/false));
  http::Response res = http::Response::NoContent();
  res.SetHeader("set-cookie", fmt::format("{}=; Max-Age=0{}", kSessionCookie, CookieAttributes(ctx)));
  return res;
}

json::object SessionInfoJson(const store::SessionInfo& s, int64_t current) {
  return json::object{{"id", s.id},
                      {"created_at", FormatTimestamp(s.created_at)},
                      {"last_seen_at", FormatTimestamp(s.last_seen_at)},
                      {"expires_at", FormatTimestamp(s.expires_at)},
                      {"ip", s.ip},
                      {"user_agent", s.user_agent},
                      {"current", s.id == current}};
}

StatusOr<http::Response> ListOwnSessions(Context& ctx) {
  ASSIGN_OR_RETURN(auto sessions, ctx.svc.users.ListSessions(ctx.me().user.id, NowUnix(),
                                                             ctx.svc.config.session_idle_minutes * 60));
  json::array items;
  for (const auto& s : sessions) items.push_back(SessionInfoJson(s, ctx.me().session_id));
  return ListResponse(std::move(items), static_cast<int64_t>(sessions.size()));
}

StatusOr<http::Response> RevokeOwnSession(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  RETURN_IF_ERROR(ctx.svc.users.RevokeUserSession(ctx.me().user.id, id, NowUnix()));
  return http::Response::NoContent();
}

}  // namespace tuijin::api
