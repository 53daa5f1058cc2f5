// Outbound requests (libcurl): a JSON POST to a group robot and a mail through SMTP. Blocking
// calls, for the delivery sender's thread only, never for a request handler. Thread-safe
// once InitOutbound() has returned (each call uses its own curl handle). Nothing here logs,
// and no error message carries a password or a URL's query.
#pragma once

#include <atomic>
#include <string>

#include "base/status.h"

namespace tuijin::http {

// Must be called once before any thread calls the functions below (curl_global_init).
void InitOutbound();

struct OutboundOptions {
  int connect_seconds = 5;
  int total_seconds = 10;  // the whole exchange, connecting included
  // When set and it turns true, the exchange is abandoned: Unavailable "outbound.cancelled".
  const std::atomic<bool>* cancel = nullptr;
};

struct HttpAnswer {
  int status = 0;
  std::string body;  // at most the first 64 KB
};

// POSTs `body` as application/json to an http:// or https:// `url` (no redirects followed).
// Any answer is returned, whatever its status; Unavailable "outbound.failed" with the reason
// in Chinese (超时, 连接失败, TLS …) when none came.
StatusOr<HttpAnswer> PostJson(const std::string& url, const std::string& body, const OutboundOptions& options);

enum class SmtpSecurity { kNone, kStartTls, kTls };

struct SmtpServer {
  std::string host;
  int port = 25;
  SmtpSecurity security = SmtpSecurity::kStartTls;  // STARTTLS is required, not tried
  std::string username;                             // "" sends no AUTH
  std::string password;
};

// Sends `message` (a whole RFC 5322 message with CRLF line ends, as domain::BuildMail writes
// it) from `from` to `to` (plain addresses). Unavailable "outbound.failed" with the reason
// when the server could not be reached or refused the mail.
Status SendMail(const SmtpServer& server, const std::string& from, const std::string& to, const std::string& message,
                const OutboundOptions& options);

}  // namespace tuijin::http
