#include "http/request.h"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

namespace tuijin::http {
namespace {

bool EqualsLower(std::string_view a, std::string_view lower) {
  if (a.size() != lower.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char c = a[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<std::string_view> Request::HeaderValue(std::string_view lower_name) const {
  for (const Header& h : headers) {
    if (EqualsLower(h.name, lower_name)) return std::string_view(h.value);
  }
  return std::nullopt;
}

std::optional<std::string_view> Request::Query(std::string_view name) const {
  for (const auto& [k, v] : query) {
    if (k == name) return std::string_view(v);
  }
  return std::nullopt;
}

std::vector<std::string> Request::QueryList(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& [k, v] : query) {
    if (k != name) continue;
    size_t start = 0;
    while (start <= v.size()) {
      size_t comma = v.find(',', start);
      if (comma == std::string::npos) comma = v.size();
      std::string_view item = Trim(std::string_view(v).substr(start, comma - start));
      if (!item.empty()) out.emplace_back(item);
      start = comma + 1;
    }
  }
  return out;
}

std::optional<std::string_view> Request::Cookie(std::string_view name) const {
  auto header = HeaderValue("cookie");
  if (!header) return std::nullopt;
  std::string_view rest = *header;
  while (!rest.empty()) {
    size_t semi = rest.find(';');
    std::string_view pair = Trim(rest.substr(0, semi));
    rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
    size_t eq = pair.find('=');
    if (eq != std::string_view::npos && Trim(pair.substr(0, eq)) == name) return Trim(pair.substr(eq + 1));
  }
  return std::nullopt;
}

std::string_view Request::Param(std::string_view name) const {
  for (const auto& [k, v] : params) {
    if (k == name) return v;
  }
  return {};
}

Response& Response::SetHeader(std::string name, std::string value) {
  for (Header& h : headers) {
    if (EqualsLower(h.name, name)) {
      h.value = std::move(value);
      return *this;
    }
  }
  headers.push_back({std::move(name), std::move(value)});
  return *this;
}

std::optional<std::string_view> Response::HeaderValue(std::string_view lower_name) const {
  for (const Header& h : headers) {
    if (EqualsLower(h.name, lower_name)) return std::string_view(h.value);
  }
  return std::nullopt;
}

Response Response::Json(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.SetHeader("content-type", "application/json; charset=utf-8");
  return r;
}

Response Response::Download(std::string body, std::string content_type, std::string_view file_name) {
  Response r;
  r.body = std::move(body);
  r.SetHeader("content-type", std::move(content_type));
  r.SetHeader("content-disposition", "attachment; filename*=UTF-8''" + UrlEncode(file_name));
  return r;
}

bool ParseTarget(std::string_view target, std::string& path, std::vector<std::pair<std::string, std::string>>& query) {
  auto parsed = boost::urls::parse_origin_form(target);
  if (!parsed) return false;
  const boost::urls::url_view& u = *parsed;
  path = u.path();
  if (path.empty()) path = "/";
  query.clear();
  for (auto p : u.params()) query.emplace_back(p.key, p.has_value ? p.value : std::string());
  return true;
}

std::string UrlEncode(std::string_view s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

namespace {

bool InList(std::string_view list, std::string_view address) {
  while (!list.empty()) {
    const size_t comma = list.find(',');
    if (Trim(list.substr(0, comma)) == address) return true;
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return false;
}

}  // namespace

std::string ClientAddress(const Request& req, std::string_view trusted_proxies) {
  if (trusted_proxies.empty() || !InList(trusted_proxies, req.remote_address)) return req.remote_address;
  const auto forwarded = req.HeaderValue("x-forwarded-for");
  if (!forwarded) return req.remote_address;
  std::string_view rest = *forwarded;
  std::string_view nearest;
  while (!rest.empty()) {
    const size_t comma = rest.rfind(',');
    const std::string_view hop = Trim(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
    if (hop.empty() || hop.size() > 64) break;
    nearest = hop;
    if (!InList(trusted_proxies, hop)) break;
  }
  return nearest.empty() ? req.remote_address : std::string(nearest);
}

}  // namespace tuijin::http
