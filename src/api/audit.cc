#include "api/audit.h"

#include <spdlog/spdlog.h>

#include <map>

#include "base/text.h"
#include "base/time.h"

namespace tuijin::api {
namespace json = boost::json;
namespace {

constexpr size_t kMaxValuesBytes = 64 * 1024;  // each of old and new, serialized
constexpr size_t kMaxFields = 200;

bool IsSecretKey(std::string_view key) {
  const std::string lower = AsciiLower(key);
  return lower.find("password") != std::string::npos || lower.find("secret") != std::string::npos ||
         lower.find("token") != std::string::npos;
}

// Keys that change with every write whatever it changed.
bool IsVolatileKey(std::string_view key) {
  return key == "updated_at" || key == "updated_by" || key == "version" || key == "last_seen_at" ||
         key == "etag" || key == "generated_at";
}

void Flatten(const json::value& v, const std::string& prefix, std::map<std::string, json::value>& out) {
  if (v.is_object() && !v.as_object().empty()) {
    for (const auto& [k, child] : v.as_object()) {
      if (IsVolatileKey(k)) continue;
      const std::string path = prefix.empty() ? std::string(k) : prefix + "." + std::string(k);
      if (IsSecretKey(k)) {
        out[path] = "***";
      } else {
        Flatten(child, path, out);
      }
    }
    return;
  }
  out[prefix.empty() ? "value" : prefix] = v;
}

std::optional<json::value> ParseJson(std::string_view text) {
  if (text.empty()) return std::nullopt;
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec) return std::nullopt;
  return v;
}

std::optional<std::string> Capped(const json::object& o) {
  if (o.empty()) return std::nullopt;
  std::string text = json::serialize(o);
  if (text.size() > kMaxValuesBytes) {
    text = json::serialize(json::object{{"_truncated", true}, {"bytes", static_cast<int64_t>(text.size())}});
  }
  return text;
}

std::string StringAt(const json::value& v, std::initializer_list<std::string_view> path) {
  const json::value* at = &v;
  for (std::string_view k : path) {
    if (!at->is_object()) return {};
    const auto it = at->as_object().find(k);
    if (it == at->as_object().end()) return {};
    at = &it->value();
  }
  if (at->is_string()) return std::string(at->as_string());
  if (at->is_int64()) return std::to_string(at->as_int64());
  return {};
}

}  // namespace

AuditAction ActionOf(std::string_view method, std::string_view pattern,
                     const std::vector<std::pair<std::string, std::string>>& params, int status) {
  constexpr std::string_view kPrefix = "/api/v1/";
  if (pattern.starts_with(kPrefix)) pattern.remove_prefix(kPrefix.size());
  std::vector<std::string_view> segments;
  while (!pattern.empty()) {
    const size_t slash = pattern.find('/');
    segments.push_back(pattern.substr(0, slash));
    if (slash == std::string_view::npos) break;
    pattern.remove_prefix(slash + 1);
  }
  AuditAction a;
  std::string id;
  for (const auto& [name, value] : params) id += (id.empty() ? "" : "/") + value;
  if (!id.empty()) a.resource_id = id;
  std::vector<std::string_view> literals;
  for (std::string_view s : segments) {
    if (!s.starts_with('{')) literals.push_back(s);
  }
  if (literals.empty()) {
    a.action = "unknown";
    return a;
  }
  a.resource = std::string(literals.front());
  if (segments.size() == 1 && segments[0] == "session") {
    a.action = method == "DELETE" ? "session.logout" : status < 400 ? "session.login" : "session.login_failed";
    return a;
  }
  const bool verb_last = segments.size() >= 2 && !segments.back().starts_with('{') &&
                         segments[segments.size() - 2].starts_with('{');
  for (size_t i = 0; i < literals.size(); ++i) {
    if (verb_last && i + 1 == literals.size()) break;
    a.action += (a.action.empty() ? "" : ".") + std::string(literals[i]);
  }
  std::string verb;
  if (verb_last) {
    verb = std::string(literals.back());
  } else if (method == "POST") {
    verb = "create";
  } else if (method == "PUT" || method == "PATCH") {
    verb = "update";
  } else if (method == "DELETE") {
    verb = "delete";
  } else {
    verb = "download";
  }
  a.action += "." + verb;
  return a;
}

json::value Redacted(const json::value& v) {
  if (v.is_object()) {
    json::object out;
    for (const auto& [k, child] : v.as_object()) out[k] = IsSecretKey(k) ? json::value("***") : Redacted(child);
    return out;
  }
  if (v.is_array()) {
    json::array out;
    for (const auto& child : v.as_array()) out.push_back(Redacted(child));
    return out;
  }
  return v;
}

std::pair<json::object, json::object> ChangedFields(const json::value& before, const json::value& after) {
  std::map<std::string, json::value> a, b;
  Flatten(before, "", a);
  Flatten(after, "", b);
  json::object old_values, new_values;
  auto differ = [&](const std::string& key) {
    if (old_values.size() >= kMaxFields) return;
    const auto x = a.find(key), y = b.find(key);
    const json::value& ov = x == a.end() ? json::value(nullptr) : x->second;
    const json::value& nv = y == b.end() ? json::value(nullptr) : y->second;
    if (ov == nv) return;
    old_values[key] = ov;
    new_values[key] = nv;
  };
  for (const auto& [k, v] : a) differ(k);
  for (const auto& [k, v] : b) {
    if (!a.contains(k)) differ(k);
  }
  return {std::move(old_values), std::move(new_values)};
}

bool IsAudited(std::string_view method, const http::Response& res) {
  if (method != "GET" && method != "HEAD" && method != "OPTIONS") return true;
  const auto disposition = res.HeaderValue("content-disposition");
  return res.status < 400 && disposition && disposition->starts_with("attachment");
}

void RecordAudit(Services& svc, const AuditedRequest& r) {
  store::AuditEntry e;
  e.at_unix = NowUnix();
  e.at = FormatTimestamp(e.at_unix);
  e.method = r.req.method;
  e.path = std::string(Utf8Prefix(r.req.target, 2000));
  e.status = r.res.status;
  e.address = http::ClientAddress(r.req, svc.config.trusted_proxies);
  AuditAction action = r.pattern.empty() ? AuditAction{"unknown", "", std::nullopt}
                                         : ActionOf(r.req.method, r.pattern, r.req.params, r.res.status);
  e.action = std::move(action.action);
  e.resource = std::move(action.resource);
  e.resource_id = std::move(action.resource_id);

  const std::optional<json::value> request = r.upload ? std::nullopt : ParseJson(r.req.body);
  const std::optional<json::value> response =
      r.res.HeaderValue("content-type").value_or("").starts_with("application/json") ? ParseJson(r.res.Body())
                                                                                      : std::nullopt;
  if (r.principal) {
    e.user_id = r.principal->user.id;
    e.username = r.principal->user.username;
    e.role = std::string(domain::RoleName(r.principal->role));
  } else if (e.action.starts_with("session.login")) {
    // Signing in: the account named (as typed, when refused).
    if (response) {
      const std::string id = StringAt(*response, {"user", "id"});
      if (!id.empty()) e.user_id = std::stoll(id);
      e.username = StringAt(*response, {"user", "username"});
      e.role = StringAt(*response, {"user", "role"});
    }
    if (e.username.empty() && request) e.username = std::string(Utf8Prefix(StringAt(*request, {"username"}), 64));
  }
  if (e.status >= 400 && response) {
    // The message, and for a form the fields refused with why ("new_password:密码不能包含用户名").
    e.summary = StringAt(*response, {"error", "message"});
    const json::value* fields = nullptr;
    if (const auto* err = response->is_object() ? response->as_object().if_contains("error") : nullptr;
        err && err->is_object()) {
      if (const auto* details = err->as_object().if_contains("details"); details && details->is_object()) {
        fields = details->as_object().if_contains("fields");
      }
    }
    if (fields && fields->is_object()) {
      std::string list;
      for (const auto& [k, v] : fields->as_object()) {
        if (v.is_string()) list += (list.empty() ? "" : ";") + std::string(k) + ":" + std::string(v.as_string());
      }
      if (!list.empty()) e.summary += "(" + list + ")";
    }
    e.summary = std::string(Utf8Prefix(e.summary, 500));
  }
  if (!e.resource_id && e.status < 400 && r.req.method == "POST" && response) {
    const std::string id = StringAt(*response, {"id"});
    if (!id.empty()) e.resource_id = id;
  }

  if (r.before && r.after) {
    auto [old_values, new_values] = ChangedFields(*r.before, *r.after);
    e.old_values = Capped(old_values);
    e.new_values = Capped(new_values);
  } else if (r.before) {  // deleted
    const json::value gone = Redacted(*r.before);
    if (gone.is_object()) e.old_values = Capped(gone.as_object());
  } else if (r.upload) {
    e.new_values = Capped(json::object{{"file_bytes", static_cast<int64_t>(r.req.body.size())}});
  } else if (request && request->is_object() && !e.action.starts_with("session.")) {
    e.new_values = Capped(Redacted(*request).as_object());
  }
  if (Status st = svc.audit.Append(e); !st.ok()) {
    spdlog::error("audit entry not written ({} {} by {}): {}", e.method, e.path, e.username, st.message());
  }
}

}  // namespace tuijin::api
