#include "http/outbound.h"

#include <curl/curl.h>
#include <fmt/format.h>

#include <cstring>
#include <memory>

namespace tuijin::http {
namespace {

constexpr size_t kMaxAnswerBytes = 64 * 1024;

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
using CurlHandle = std::unique_ptr<CURL, CurlDeleter>;
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

size_t Collect(char* data, size_t size, size_t count, void* user) {
  auto* out = static_cast<std::string*>(user);
  const size_t n = size * count;
  if (out->size() < kMaxAnswerBytes) out->append(data, std::min(n, kMaxAnswerBytes - out->size()));
  return n;  // the rest is read and dropped, so a long answer is not an error
}

struct Upload {
  const std::string* data;
  size_t offset = 0;
};

size_t Feed(char* buffer, size_t size, size_t count, void* user) {
  auto* up = static_cast<Upload*>(user);
  const size_t n = std::min(size * count, up->data->size() - up->offset);
  std::memcpy(buffer, up->data->data() + up->offset, n);
  up->offset += n;
  return n;
}

int Progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  const auto* cancel = static_cast<const std::atomic<bool>*>(user);
  return cancel->load() ? 1 : 0;
}

// Every handle: timeouts, cancelling, no signals (we are on a thread), an error buffer.
void Common(CURL* c, const OutboundOptions& t, char* error_buffer) {
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, static_cast<long>(std::min(t.connect_seconds, t.total_seconds)));
  curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(t.total_seconds));
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error_buffer);
  error_buffer[0] = '\0';
  if (t.cancel) {
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, Progress);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, const_cast<std::atomic<bool>*>(t.cancel));
  }
}

// The reason in words people read in the delivery log, with curl's own text after it. curl's
// messages name hosts and ports, never a query or a password.
Status Failed(CURLcode code, const char* error_buffer, const OutboundOptions& t) {
  if (code == CURLE_ABORTED_BY_CALLBACK) return Status::Unavailable("outbound.cancelled", "服务停止,发送中断");
  std::string why;
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
      why = fmt::format("超时({} 秒内未完成)", t.total_seconds);
      break;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      why = "无法解析主机名";
      break;
    case CURLE_COULDNT_CONNECT:
      why = "连接失败";
      break;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_USE_SSL_FAILED:
      why = "TLS 失败";
      break;
    case CURLE_LOGIN_DENIED:
      why = "登录被拒绝(用户名或密码错误)";
      break;
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
      why = "连接中断";
      break;
    default:
      why = "发送失败";
  }
  const std::string detail = error_buffer[0] != '\0' ? error_buffer : curl_easy_strerror(code);
  return Status::Unavailable("outbound.failed", fmt::format("{}:{}", why, detail));
}

}  // namespace

void InitOutbound() { curl_global_init(CURL_GLOBAL_DEFAULT); }

StatusOr<HttpAnswer> PostJson(const std::string& url, const std::string& body, const OutboundOptions& options) {
  CurlHandle c(curl_easy_init());
  if (!c) return Status::Internal("libcurl 初始化失败");
  char error_buffer[CURL_ERROR_SIZE];
  Common(c.get(), options, error_buffer);
  Slist headers(curl_slist_append(nullptr, "Content-Type: application/json; charset=utf-8"));
  curl_slist_append(headers.get(), "Expect:");  // no 100-continue round trip
  HttpAnswer answer;
  curl_easy_setopt(c.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(c.get(), CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c.get(), CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c.get(), CURLOPT_USERAGENT, "tuijin/" TUIJIN_VERSION);
  curl_easy_setopt(c.get(), CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c.get(), CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(c.get(), CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(c.get(), CURLOPT_WRITEFUNCTION, Collect);
  curl_easy_setopt(c.get(), CURLOPT_WRITEDATA, &answer.body);
  const CURLcode rc = curl_easy_perform(c.get());
  if (rc != CURLE_OK) return Failed(rc, error_buffer, options);
  long status = 0;
  curl_easy_getinfo(c.get(), CURLINFO_RESPONSE_CODE, &status);
  answer.status = static_cast<int>(status);
  return answer;
}

Status SendMail(const SmtpServer& server, const std::string& from, const std::string& to, const std::string& message,
                const OutboundOptions& options) {
  CurlHandle c(curl_easy_init());
  if (!c) return Status::Internal("libcurl 初始化失败");
  char error_buffer[CURL_ERROR_SIZE];
  Common(c.get(), options, error_buffer);
  const bool implicit_tls = server.security == SmtpSecurity::kTls;
  // A bracketed IPv6 literal is the caller's to write; host names and IPv4 go in as they are.
  const std::string url = fmt::format("{}://{}:{}", implicit_tls ? "smtps" : "smtp", server.host, server.port);
  curl_easy_setopt(c.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(c.get(), CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(
      c.get(), CURLOPT_USE_SSL,
      server.security == SmtpSecurity::kNone ? static_cast<long>(CURLUSESSL_NONE) : static_cast<long>(CURLUSESSL_ALL));
  if (!server.username.empty()) {
    curl_easy_setopt(c.get(), CURLOPT_USERNAME, server.username.c_str());
    curl_easy_setopt(c.get(), CURLOPT_PASSWORD, server.password.c_str());
  }
  const std::string mail_from = "<" + from + ">";
  curl_easy_setopt(c.get(), CURLOPT_MAIL_FROM, mail_from.c_str());
  Slist rcpt(curl_slist_append(nullptr, ("<" + to + ">").c_str()));
  curl_easy_setopt(c.get(), CURLOPT_MAIL_RCPT, rcpt.get());
  Upload upload{&message};
  curl_easy_setopt(c.get(), CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c.get(), CURLOPT_READFUNCTION, Feed);
  curl_easy_setopt(c.get(), CURLOPT_READDATA, &upload);
  curl_easy_setopt(c.get(), CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  const CURLcode rc = curl_easy_perform(c.get());
  if (rc != CURLE_OK) return Failed(rc, error_buffer, options);
  return Status::Ok();
}

}  // namespace tuijin::http
