// Login throttling: failed logins counted per account and per client address in a sliding
// window. Pure bookkeeping (the caller passes the time); thread-safe.
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace tuijin::domain {

class LoginThrottle {
 public:
  LoginThrottle(int max_per_account, int max_per_address, int64_t window_seconds)
      : max_per_account_(max_per_account), max_per_address_(max_per_address), window_(window_seconds) {}

  // 0 when a login attempt may proceed, else the seconds until it may.
  int64_t RetryAfter(const std::string& account, const std::string& address, int64_t now);
  void RecordFailure(const std::string& account, const std::string& address, int64_t now);
  // A successful login clears the account's failures (not the address's).
  void RecordSuccess(const std::string& account);

 private:
  using Times = std::deque<int64_t>;
  void Prune(Times& times, int64_t now) const;
  int64_t Wait(Times& times, int max, int64_t now) const;

  const int max_per_account_;
  const int max_per_address_;
  const int64_t window_;
  std::mutex mu_;
  std::unordered_map<std::string, Times> accounts_;
  std::unordered_map<std::string, Times> addresses_;
};

}  // namespace tuijin::domain
