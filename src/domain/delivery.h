// Outgoing messages (消息推送): the group-robot payloads of 企业微信 and 钉钉, 钉钉 加签, how a
// robot's answer is read, the retry schedule, and the e-mail as sent over SMTP. Pure
// functions of their arguments: the sender (api/delivery_sender.cc) does the I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tuijin::domain {

enum class WebhookFormat { kWecom, kDingtalk };

// "wecom" (企业微信) or "dingtalk" (钉钉); nullopt for anything else.
std::optional<WebhookFormat> ParseWebhookFormat(std::string_view name);
std::string_view WebhookFormatName(WebhookFormat format);

// The JSON body of a markdown message to a group robot:
//   企业微信 {"msgtype":"markdown","markdown":{"content":"### title\n\nmarkdown"}}
//   钉钉     {"msgtype":"markdown","markdown":{"title":"title","text":"### title\n\nmarkdown"}}
// 企业微信 takes at most 4096 bytes of content: longer text is cut at a character and ends
// with "…". An empty title leaves the heading out.
std::string WebhookPayload(WebhookFormat format, std::string_view title, std::string_view markdown);

// Percent-encoding of every byte but the unreserved ones (A–Z a–z 0–9 - . _ ~).
std::string UrlEncode(std::string_view s);

// 钉钉 加签: `url` with timestamp=MS&sign=S appended, where S is the URL-encoded base64 of
// HMAC-SHA256 under `secret` of "MS\nsecret" (MS: milliseconds since the epoch; 钉钉 refuses
// a timestamp more than an hour off). `url` unchanged when `secret` is empty.
std::string DingtalkSignedUrl(std::string_view url, int64_t timestamp_ms, std::string_view secret);

// What came of one attempt.
struct SendOutcome {
  bool ok = false;
  std::string error;  // when not ok: why, for the delivery log (never a secret)
};

// A robot's answer: success is an HTTP 2xx whose JSON, when it has an errcode, says 0
// (both robots answer 200 with {"errcode":310000,"errmsg":"sign not match"} on a refusal).
SendOutcome ReadRobotAnswer(int http_status, std::string_view body);

struct RetryPolicy {
  int64_t base_seconds = 30;
  int64_t max_attempts = 5;
  int64_t cap_seconds = 6 * 3600;
};

// After failed attempt `attempt` (1 for the first): the seconds to wait before the next one,
// base × 4^(attempt−1) up to the cap; nullopt when that was the last attempt (→ failed).
std::optional<int64_t> RetryDelay(const RetryPolicy& policy, int64_t attempt);

// A mail header value: ASCII without control characters as is, anything else as RFC 2047
// encoded-words (=?UTF-8?B?…?=, each at most 75 characters, cut between characters).
std::string EncodeHeaderText(std::string_view utf8);

struct MailMessage {
  std::string from;  // addresses, already validated (IsEmailAddress)
  std::string to;
  std::string subject;  // UTF-8
  std::string text;     // UTF-8 plain text
};

// The message as sent after DATA: From, To, Subject (RFC 2047), Date (+0800), Message-ID,
// MIME-Version, Content-Type text/plain; charset=UTF-8, Content-Transfer-Encoding base64;
// CRLF line ends; the body base64 in lines of 76. `message_id` without the angle brackets.
std::string BuildMail(const MailMessage& mail, int64_t unix_time, std::string_view message_id);

// A plain address local@domain (no display name): no spaces, quotes, angle brackets or
// control characters, a domain of letters, digits and hyphens with at least one dot; at most
// 254 bytes.
bool IsEmailAddress(std::string_view s);

// http:// or https:// followed by a host, with no spaces or control characters; at most
// 2048 bytes.
bool IsHttpUrl(std::string_view s);

// `url` without its query and fragment, for logs: a robot's key or access_token is in the
// query.
std::string RedactUrl(std::string_view url);

}  // namespace tuijin::domain
