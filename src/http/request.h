// Plain request and response types. Nothing here includes Beast or Asio, so handlers and
// their tests compile without them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tuijin::http {

struct Header {
  std::string name;  // lower case
  std::string value;
};

struct Request {
  std::string method;  // "GET", "POST", …
  std::string target;  // as received: path and query
  std::string path;    // percent-decoded path
  std::vector<std::pair<std::string, std::string>> query;   // decoded, in order
  std::vector<Header> headers;
  std::string body;
  std::string remote_address;
  std::string request_id;
  std::vector<std::pair<std::string, std::string>> params;  // from the route pattern

  std::optional<std::string_view> HeaderValue(std::string_view lower_name) const;
  std::optional<std::string_view> Query(std::string_view name) const;
  // Every value of a repeated parameter (?level=a&level=b) and of comma lists (?level=a,b).
  std::vector<std::string> QueryList(std::string_view name) const;
  std::optional<std::string_view> Cookie(std::string_view name) const;
  std::string_view Param(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::vector<Header> headers;
  std::string body;
  // When not empty, sent instead of `body` without a copy (embedded files). Must outlive
  // the response.
  std::string_view static_body;
  // Close the connection after this response.
  bool close = false;

  Response& SetHeader(std::string name, std::string value);
  std::optional<std::string_view> HeaderValue(std::string_view lower_name) const;
  std::string_view Body() const { return static_body.empty() ? std::string_view(body) : static_body; }

  static Response Json(int status, std::string body);
  // A file to save, not to show: 200 with `content_type` and a UTF-8 file name (RFC 5987),
  // so Chinese names reach the browser intact.
  static Response Download(std::string body, std::string content_type, std::string_view file_name);
  static Response NoContent() {
    Response r;
    r.status = 204;
    return r;
  }
};

// The client's address: the peer's; or, when the peer is one of `trusted_proxies` (addresses,
// comma-separated), the nearest address in X-Forwarded-For that is not itself a trusted proxy
// (a client can write anything at the far end of that header, so it is read from the near end).
std::string ClientAddress(const Request& req, std::string_view trusted_proxies);

// Splits a request target into a decoded path and query parameters. False when malformed.
bool ParseTarget(std::string_view target, std::string& path, std::vector<std::pair<std::string, std::string>>& query);

// Percent-encodes a string for a query value or a path segment (used by tests and redirects).
std::string UrlEncode(std::string_view s);

}  // namespace tuijin::http
