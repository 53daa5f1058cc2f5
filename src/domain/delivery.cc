#include "domain/delivery.h"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "base/crypto.h"
#include "base/time.h"

namespace tuijin::domain {
namespace {

constexpr size_t kWecomContentBytes = 4096;

// The longest prefix of `s` of at most `bytes` bytes that ends between two UTF-8 characters.
std::string_view Utf8Prefix(std::string_view s, size_t bytes) {
  if (s.size() <= bytes) return s;
  size_t end = bytes;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return s.substr(0, end);
}

std::string Content(std::string_view title, std::string_view markdown) {
  if (title.empty()) return std::string(markdown);
  return fmt::format("### {}\n\n{}", title, markdown);
}

bool IsControl(unsigned char c) { return c < 0x20 || c == 0x7F; }

}  // namespace

std::optional<WebhookFormat> ParseWebhookFormat(std::string_view name) {
  if (name == "wecom") return WebhookFormat::kWecom;
  if (name == "dingtalk") return WebhookFormat::kDingtalk;
  return std::nullopt;
}

std::string_view WebhookFormatName(WebhookFormat format) {
  return format == WebhookFormat::kDingtalk ? "dingtalk" : "wecom";
}

std::string WebhookPayload(WebhookFormat format, std::string_view title, std::string_view markdown) {
  std::string content = Content(title, markdown);
  boost::json::object md;
  if (format == WebhookFormat::kWecom) {
    if (content.size() > kWecomContentBytes) {
      static constexpr std::string_view kEllipsis = "…";
      content = std::string(Utf8Prefix(content, kWecomContentBytes - kEllipsis.size())) + std::string(kEllipsis);
    }
    md["content"] = content;
  } else {
    md["title"] = title.empty() ? std::string_view("通知") : title;
    md["text"] = content;
  }
  boost::json::object body;
  body["msgtype"] = "markdown";
  body["markdown"] = std::move(md);
  return boost::json::serialize(body);
}

std::string UrlEncode(std::string_view s) {
  std::string out;
  out.reserve(s.size() * 3);
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

std::string DingtalkSignedUrl(std::string_view url, int64_t timestamp_ms, std::string_view secret) {
  if (secret.empty()) return std::string(url);
  const std::string ts = std::to_string(timestamp_ms);
  const std::string sign = UrlEncode(Base64(HmacSha256(secret, ts + "\n" + std::string(secret))));
  const char joiner = url.find('?') == std::string_view::npos ? '?' : '&';
  return fmt::format("{}{}timestamp={}&sign={}", url, joiner, ts, sign);
}

SendOutcome ReadRobotAnswer(int http_status, std::string_view body) {
  const std::string excerpt(Utf8Prefix(body, 200));
  if (http_status < 200 || http_status > 299) {
    return {false,
            excerpt.empty() ? fmt::format("HTTP {}", http_status) : fmt::format("HTTP {}: {}", http_status, excerpt)};
  }
  boost::system::error_code ec;
  const boost::json::value v = boost::json::parse(body, ec);
  if (ec || !v.is_object()) return {true, {}};  // no JSON: the status alone answers
  const boost::json::object& o = v.as_object();
  const boost::json::value* code = o.if_contains("errcode");
  if (!code) return {true, {}};
  int64_t errcode = 0;
  if (code->is_int64()) {
    errcode = code->as_int64();
  } else if (code->is_uint64()) {
    errcode = static_cast<int64_t>(code->as_uint64());
  } else if (code->is_string()) {
    errcode = code->as_string() == "0" ? 0 : -1;
  } else {
    errcode = -1;
  }
  if (errcode == 0) return {true, {}};
  std::string msg;
  if (const auto* m = o.if_contains("errmsg"); m && m->is_string()) msg = std::string(Utf8Prefix(m->as_string(), 200));
  std::string code_text = code->is_string() ? std::string(code->as_string()) : boost::json::serialize(*code);
  return {false, msg.empty() ? fmt::format("errcode {}", code_text) : fmt::format("errcode {}: {}", code_text, msg)};
}

std::optional<int64_t> RetryDelay(const RetryPolicy& policy, int64_t attempt) {
  if (attempt >= policy.max_attempts) return std::nullopt;
  int64_t delay = policy.base_seconds;
  for (int64_t i = 1; i < attempt && delay < policy.cap_seconds; ++i) delay *= 4;
  return std::min(delay, policy.cap_seconds);
}

std::string EncodeHeaderText(std::string_view utf8) {
  bool plain = true;
  for (unsigned char c : utf8) plain = plain && c < 0x80 && !IsControl(c);
  // "=?" in plain text would read as the start of an encoded-word.
  if (plain && utf8.find("=?") == std::string_view::npos) return std::string(utf8);
  // "=?UTF-8?B?" + "?=" is 12 characters: 45 bytes give 60 base64 characters, 72 in all.
  constexpr size_t kChunk = 45;
  std::string out;
  std::string_view rest = utf8;
  while (!rest.empty()) {
    std::string_view piece = Utf8Prefix(rest, kChunk);
    if (piece.empty()) piece = rest.substr(0, 1);  // not UTF-8: cut anywhere
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64(piece) + "?=";
    rest.remove_prefix(piece.size());
  }
  return out;
}

std::string BuildMail(const MailMessage& mail, int64_t unix_time, std::string_view message_id) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const ChinaTime t = ToChinaTime(unix_time);
  const int64_t local_days =
      (unix_time + kChinaOffsetSeconds) / 86400 - ((unix_time + kChinaOffsetSeconds) % 86400 < 0);
  const int64_t weekday = ((local_days + 4) % 7 + 7) % 7;  // 1970-01-01 was a Thursday
  std::string out;
  out += "From: " + mail.from + "\r\n";
  out += "To: " + mail.to + "\r\n";
  out += "Subject: " + EncodeHeaderText(mail.subject) + "\r\n";
  out += fmt::format("Date: {}, {:02} {} {} {:02}:{:02}:{:02} +0800\r\n", kDays[weekday], t.day, kMonths[t.month - 1],
                     t.year, t.hour, t.minute, t.second);
  out += fmt::format("Message-ID: <{}>\r\n", message_id);
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\n";
  out += "Content-Transfer-Encoding: base64\r\n";
  out += "\r\n";
  // The text's own line ends become CRLF before encoding: a mail body's lines end so.
  std::string text;
  text.reserve(mail.text.size());
  for (size_t i = 0; i < mail.text.size(); ++i) {
    const char c = mail.text[i];
    if (c == '\n' && (i == 0 || mail.text[i - 1] != '\r')) text += '\r';
    text += c;
  }
  const std::string encoded = Base64(text);
  for (size_t i = 0; i < encoded.size(); i += 76) out += encoded.substr(i, 76) + "\r\n";
  return out;
}

bool IsEmailAddress(std::string_view s) {
  if (s.empty() || s.size() > 254) return false;
  const size_t at = s.find('@');
  if (at == std::string_view::npos || at == 0 || s.find('@', at + 1) != std::string_view::npos) return false;
  const std::string_view local = s.substr(0, at), domain = s.substr(at + 1);
  if (local.size() > 64) return false;
  for (unsigned char c : local) {
    if (IsControl(c) || c == ' ' || c == '"' || c == '<' || c == '>' || c == '(' || c == ')' || c == ',' || c == ';' ||
        c == ':' || c == '\\' || c == '[' || c == ']' || c >= 0x80) {
      return false;
    }
  }
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) return false;
  if (domain.find('.') == std::string_view::npos) return false;
  size_t label = 0;
  for (size_t i = 0; i <= domain.size(); ++i) {
    if (i == domain.size() || domain[i] == '.') {
      if (label == 0 || label > 63) return false;
      if (domain[i - 1] == '-' || domain[i - label] == '-') return false;
      label = 0;
      continue;
    }
    const char c = domain[i];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) return false;
    ++label;
  }
  return true;
}

bool IsHttpUrl(std::string_view s) {
  if (s.size() > 2048) return false;
  std::string_view rest;
  if (s.substr(0, 7) == "http://") {
    rest = s.substr(7);
  } else if (s.substr(0, 8) == "https://") {
    rest = s.substr(8);
  } else {
    return false;
  }
  for (unsigned char c : s) {
    if (IsControl(c) || c == ' ' || c >= 0x80) return false;
  }
  const size_t host_end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, host_end);
  if (const size_t at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
  if (authority.empty() || authority.front() == ':') return false;
  return true;
}

std::string RedactUrl(std::string_view url) {
  const size_t cut = url.find_first_of("?#");
  if (cut == std::string_view::npos) return std::string(url);
  return std::string(url.substr(0, cut)) + "?…";
}

}  // namespace tuijin::domain
