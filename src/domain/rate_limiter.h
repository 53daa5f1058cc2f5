// Requests counted per client in a sliding window, for the expensive endpoints (imports,
// exports, generated documents): one client cannot keep the workers busy for everyone else.
// Pure bookkeeping (the caller passes the time); thread-safe.
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace tuijin::domain {

class RateLimiter {
 public:
  RateLimiter(int max_requests, int64_t window_seconds) : max_(max_requests), window_(window_seconds) {}

  // Counts a request of `client` at `now` and returns 0; or, when the client has made
  // `max_requests` in the window already, counts nothing and returns the seconds to wait.
  int64_t Admit(const std::string& client, int64_t now);

 private:
  const int max_;
  const int64_t window_;
  std::mutex mu_;
  std::unordered_map<std::string, std::deque<int64_t>> clients_;
  int64_t last_sweep_ = 0;
};

}  // namespace tuijin::domain
