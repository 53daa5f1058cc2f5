#include "api/delivery_sender.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "base/time.h"
#include "domain/delivery.h"
#include "http/outbound.h"

namespace tuijin::api {
namespace {

constexpr auto kPollInterval = std::chrono::seconds(1);
constexpr int64_t kBatch = 20;

int64_t NowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The target as it may appear in the server log: a robot URL without its query (key or
// access_token), an address as it is.
std::string LoggedTarget(const store::Delivery& d) {
  return d.channel == "webhook" ? domain::RedactUrl(d.target) : d.target;
}

http::SmtpSecurity Security(const std::string& name) {
  if (name == "none") return http::SmtpSecurity::kNone;
  if (name == "tls") return http::SmtpSecurity::kTls;
  return http::SmtpSecurity::kStartTls;
}

std::string MailDomain(const std::string& address) {
  const auto at = address.rfind('@');
  return at == std::string::npos ? "tuijin.invalid" : address.substr(at + 1);
}

}  // namespace

void DeliveryWakeup::Notify() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    notified_ = true;
  }
  cv_.notify_all();
}

bool DeliveryWakeup::Wait(std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mutex_);
  cv_.wait_for(lock, timeout, [&] { return notified_ || stopped_.load(); });
  notified_ = false;
  return !stopped_.load();
}

void DeliveryWakeup::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopped_.store(true);
  }
  cv_.notify_all();
}

DeliverySender::DeliverySender(store::DeliveryStore& store, const config::Config& config, DeliveryWakeup& wakeup)
    : store_(store), config_(config), wakeup_(wakeup) {}

DeliverySender::~DeliverySender() { Stop(); }

void DeliverySender::Start() {
  if (thread_.joinable()) return;
  http::InitOutbound();
  thread_ = std::thread([this] { Loop(); });
}

void DeliverySender::Stop() {
  wakeup_.Stop();
  if (thread_.joinable()) thread_.join();
}

void DeliverySender::Loop() {
  while (!wakeup_.stopped()) {
    // Rows that became due while sending are taken at once; otherwise wait for a poke or the
    // next poll.
    if (SendDue() > 0) continue;
    if (!wakeup_.Wait(std::chrono::duration_cast<std::chrono::milliseconds>(kPollInterval))) break;
  }
}

int DeliverySender::SendDue() {
  auto due = store_.Due(NowUnix(), kBatch);
  if (!due.ok()) {
    spdlog::warn("delivery: cannot read the outbox: {}", due.status().ToString());
    return 0;
  }
  if (due->empty()) return 0;
  // The settings of the moment: a secret or server changed since queueing applies.
  auto settings = store_.Settings();
  if (!settings.ok()) {
    spdlog::warn("delivery: cannot read the settings: {}", settings.status().ToString());
    return 0;
  }
  int tried = 0;
  for (store::Delivery& d : *due) {
    if (wakeup_.stopped()) break;
    // A lease longer than any attempt: should this process die mid-attempt, the row is due
    // again afterwards (and the attempt counted).
    auto claimed = store_.Claim(d, NowUnix(), config_.delivery_timeout_seconds + 60);
    if (!claimed.ok()) {
      spdlog::warn("delivery {}: cannot claim: {}", d.id, claimed.status().ToString());
      continue;
    }
    if (!*claimed) continue;  // another instance took it
    SendOne(d, *settings);
    ++tried;
  }
  return tried;
}

void DeliverySender::SendOne(store::Delivery d, const store::DeliverySettings& settings) {
  http::OutboundOptions options;
  options.total_seconds = static_cast<int>(config_.delivery_timeout_seconds);
  options.connect_seconds = std::min(5, options.total_seconds);
  options.cancel = &wakeup_.stop_flag();

  domain::SendOutcome outcome;
  Status failure;
  bool give_up = false;  // no retry: the channel was turned off after queueing
  if (d.channel == "webhook") {
    if (!settings.webhook_enabled) {
      outcome.error = "群机器人推送已关闭,未发送";
      give_up = true;
    } else {
      std::string url = d.target;
      if (settings.webhook_format == "dingtalk")
        url = domain::DingtalkSignedUrl(url, NowMillis(), settings.webhook_secret);
      auto answer = http::PostJson(url, d.payload, options);
      if (answer.ok()) {
        outcome = domain::ReadRobotAnswer(answer->status, answer->body);
      } else {
        failure = answer.status();
      }
    }
  } else {
    if (!settings.smtp_enabled) {
      outcome.error = "邮件发送已关闭,未发送";
      give_up = true;
    } else {
      http::SmtpServer server{settings.smtp_host, static_cast<int>(settings.smtp_port),
                              Security(settings.smtp_security), settings.smtp_username, settings.smtp_password};
      const std::string message =
          domain::BuildMail({settings.smtp_from, d.target, d.subject, d.payload}, NowUnix(),
                            fmt::format("delivery-{}.{}@{}", d.id, d.attempts, MailDomain(settings.smtp_from)));
      failure = http::SendMail(server, settings.smtp_from, d.target, message, options);
      outcome.ok = failure.ok();
    }
  }
  if (!failure.ok()) {
    if (failure.error_code() == "outbound.cancelled") {
      if (Status st = store_.Release(d); !st.ok()) spdlog::warn("delivery {}: cannot release: {}", d.id, st.ToString());
      return;
    }
    outcome.ok = false;
    outcome.error = failure.message();
  }

  Status recorded;
  if (outcome.ok) {
    recorded = store_.RecordSent(d);
    spdlog::info("delivery {} sent: {} to {} ({}), attempt {}", d.id, d.channel, LoggedTarget(d), d.source, d.attempts);
  } else {
    const domain::RetryPolicy policy{config_.delivery_retry_seconds, config_.delivery_max_attempts};
    const auto delay = give_up ? std::nullopt : domain::RetryDelay(policy, d.attempts);
    recorded = store_.RecordFailure(d, outcome.error, delay ? std::optional(NowUnix() + *delay) : std::nullopt);
    spdlog::warn("delivery {} attempt {} failed ({} to {}): {}{}", d.id, d.attempts, d.channel, LoggedTarget(d),
                 outcome.error, delay ? fmt::format("; retry in {} s", *delay) : std::string("; giving up"));
  }
  if (!recorded.ok()) spdlog::warn("delivery {}: cannot record the attempt: {}", d.id, recorded.ToString());
}

}  // namespace tuijin::api
