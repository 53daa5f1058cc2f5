// Outgoing messages (消息推送), for administrators: the settings of the group robot (企业微信
// or 钉钉) and of SMTP, a test message on either channel, and the delivery log. Secrets are
// write-only: the answer says whether one is set, never what it is.
#include <fmt/format.h>

#include "api/handlers.h"
#include "api/json.h"
#include "base/text.h"
#include "base/time.h"
#include "domain/delivery.h"

namespace tuijin::api {
namespace {

json::object SettingsJson(const store::DeliverySettings& s) {
  return json::object{
      {"webhook_enabled", s.webhook_enabled},
      {"webhook_url", s.webhook_url},
      {"webhook_format", s.webhook_format},
      {"webhook_secret_set", !s.webhook_secret.empty()},
      {"smtp_enabled", s.smtp_enabled},
      {"smtp_host", s.smtp_host},
      {"smtp_port", s.smtp_port > 0 ? json::value(s.smtp_port) : json::value(nullptr)},
      {"smtp_security", s.smtp_security},
      {"smtp_username", s.smtp_username},
      {"smtp_password_set", !s.smtp_password.empty()},
      {"smtp_from", s.smtp_from},
      {"version", s.version},
      {"updated_at", s.updated_at},
  };
}

json::object DeliveryJson(const store::Delivery& d) {
  return json::object{
      {"id", d.id},
      {"channel", d.channel},
      {"source", d.source},
      {"target", d.target},
      {"subject", d.subject},
      {"state", d.state},
      {"attempts", d.attempts},
      {"next_attempt_at",
       d.state == "pending" ? json::value(FormatTimestamp(d.next_attempt_at)) : json::value(nullptr)},
      {"last_error", OrNull(d.last_error)},
      {"created_at", d.created_at},
      {"sent_at", OrNull(d.sent_at)},
  };
}

bool HasControl(std::string_view s) {
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7F) return true;
  }
  return false;
}

// A host name or address as typed: letters, digits, dots, hyphens, colons (IPv6), brackets.
bool IsHostName(std::string_view s) {
  if (s.empty() || s.size() > 253) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
          c == ':' || c == '[' || c == ']')) {
      return false;
    }
  }
  return true;
}

// A text field present in the body replaces `target` (blank or null: ""); absent keeps it.
void ReadText(FieldReader& in, const json::object& body, std::string_view name, size_t max_chars, std::string& target) {
  if (!body.contains(name)) return;
  target = in.OptionalString(name, max_chars).value_or("");
  if (HasControl(target)) in.Fail(name, "不能包含控制字符");
}

}  // namespace

StatusOr<http::Response> GetDeliverySettings(Context& ctx) {
  ASSIGN_OR_RETURN(auto s, ctx.svc.deliveries.Settings());
  return JsonResponse(SettingsJson(s));
}

// Fields left out keep their stored values; `version` is the one read.
StatusOr<http::Response> PutDeliverySettings(Context& ctx) {
  ASSIGN_OR_RETURN(json::object body, ParseObject(ctx.req));
  ASSIGN_OR_RETURN(auto stored, ctx.svc.deliveries.Settings());
  FieldReader in(body);
  store::DeliverySettingsUpdate u;
  u.webhook_enabled = in.Bool("webhook_enabled", stored.webhook_enabled);
  u.webhook_url = stored.webhook_url;
  ReadText(in, body, "webhook_url", 2048, u.webhook_url);
  u.webhook_format = stored.webhook_format;
  ReadText(in, body, "webhook_format", 20, u.webhook_format);
  if (body.contains("webhook_secret")) {
    std::string secret;
    ReadText(in, body, "webhook_secret", 200, secret);
    u.webhook_secret = secret;
  }
  u.smtp_enabled = in.Bool("smtp_enabled", stored.smtp_enabled);
  u.smtp_host = stored.smtp_host;
  ReadText(in, body, "smtp_host", 253, u.smtp_host);
  u.smtp_port = stored.smtp_port;
  if (body.contains("smtp_port")) u.smtp_port = in.OptionalInt("smtp_port", 1, 65535).value_or(0);
  u.smtp_security = stored.smtp_security;
  ReadText(in, body, "smtp_security", 20, u.smtp_security);
  u.smtp_username = stored.smtp_username;
  ReadText(in, body, "smtp_username", 200, u.smtp_username);
  if (body.contains("smtp_password")) {
    std::string password;
    ReadText(in, body, "smtp_password", 200, password);
    u.smtp_password = password;
  }
  u.smtp_from = stored.smtp_from;
  ReadText(in, body, "smtp_from", 254, u.smtp_from);
  const int64_t version = in.Int("version", -1, 0);
  if (!in.Has("version")) in.Fail("version", "必填(修改前读取到的版本号)");

  // Each field once: a message already recorded for it (wrong type, too long) stands.
  std::map<std::string, std::string> errors;
  if (!u.webhook_url.empty() && !domain::IsHttpUrl(u.webhook_url)) {
    errors["webhook_url"] = "应为 http:// 或 https:// 开头的地址";
  } else if (u.webhook_enabled && u.webhook_url.empty()) {
    errors["webhook_url"] = "开启群机器人推送时必填";
  }
  if (!domain::ParseWebhookFormat(u.webhook_format)) errors["webhook_format"] = "应为 wecom(企业微信)或 dingtalk(钉钉)";
  if (!u.smtp_host.empty() && !IsHostName(u.smtp_host)) {
    errors["smtp_host"] = "应为主机名或 IP 地址,例如 smtp.example.cn";
  } else if (u.smtp_enabled && u.smtp_host.empty()) {
    errors["smtp_host"] = "开启邮件发送时必填";
  }
  if (u.smtp_enabled && u.smtp_port == 0) errors["smtp_port"] = "开启邮件发送时必填(1–65535)";
  if (u.smtp_security != "none" && u.smtp_security != "starttls" && u.smtp_security != "tls") {
    errors["smtp_security"] = "应为 none(不加密)、starttls 或 tls";
  }
  if (!u.smtp_from.empty() && !domain::IsEmailAddress(u.smtp_from)) {
    errors["smtp_from"] = "应为邮箱地址,例如 tuijin@example.cn";
  } else if (u.smtp_enabled && u.smtp_from.empty()) {
    errors["smtp_from"] = "开启邮件发送时必填";
  }
  for (const auto& [field, message] : errors) in.Fail(field, message);
  RETURN_IF_ERROR(in.status());
  ASSIGN_OR_RETURN(auto saved, ctx.svc.deliveries.SaveSettings(u, version, ctx.me().user.id));
  return JsonResponse(SettingsJson(saved));
}

// {channel: "webhook"|"email", to?}: queues a test message; an e-mail goes to `to` or, without
// it, to the administrator's own address. 202 with the delivery; 409 when the channel is off.
StatusOr<http::Response> TestDelivery(Context& ctx) {
  ASSIGN_OR_RETURN(json::object body, ParseObject(ctx.req));
  FieldReader in(body);
  const std::string channel = in.RequiredString("channel", 20);
  if (!channel.empty() && channel != "webhook" && channel != "email")
    in.Fail("channel", "应为 webhook(群机器人)或 email(邮件)");
  std::string to;
  if (channel == "email") {
    to = in.OptionalString("to", 254).value_or(ctx.me().user.email.value_or(""));
    if (to.empty()) {
      in.Fail("to", "请填写收件地址(您的账号未设置邮箱)");
    } else if (!domain::IsEmailAddress(to)) {
      in.Fail("to", "应为邮箱地址,例如 zhangsan@example.cn");
    }
  }
  RETURN_IF_ERROR(in.status());
  ASSIGN_OR_RETURN(auto delivery, ctx.svc.deliveries.QueueTest(channel, to));
  ctx.svc.delivery_wakeup.Notify();
  return JsonResponse(DeliveryJson(delivery), 202);
}

// ?channel=&state=&source=&page=&page_size=: newest first.
StatusOr<http::Response> ListDeliveries(Context& ctx) {
  store::DeliveryFilter f;
  ASSIGN_OR_RETURN(auto page, ReadPage(ctx.req));
  if (auto c = ctx.req.Query("channel"); c && !c->empty()) {
    if (*c != "webhook" && *c != "email") {
      return Status::Invalid({{"channel", "应为 webhook 或 email"}});
    }
    f.channel = std::string(*c);
  }
  if (auto s = ctx.req.Query("state"); s && !s->empty()) {
    if (*s != "pending" && *s != "sent" && *s != "failed") {
      return Status::Invalid({{"state", "应为 pending、sent 或 failed"}});
    }
    f.state = std::string(*s);
  }
  if (auto s = ctx.req.Query("source"); s && !s->empty()) f.source = std::string(*s);
  ASSIGN_OR_RETURN(auto list, ctx.svc.deliveries.List(f, page));
  json::array items;
  for (const auto& d : list.items) items.push_back(DeliveryJson(d));
  return ListResponse(std::move(items), list.total);
}

}  // namespace tuijin::api
