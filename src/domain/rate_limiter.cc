#include "domain/rate_limiter.h"

namespace tuijin::domain {

int64_t RateLimiter::Admit(const std::string& client, int64_t now) {
  std::lock_guard<std::mutex> lock(mu_);
  // Now and then forget the clients whose requests have all left the window.
  if (now - last_sweep_ >= window_) {
    for (auto it = clients_.begin(); it != clients_.end();) {
      it = !it->second.empty() && it->second.back() > now - window_ ? std::next(it) : clients_.erase(it);
    }
    last_sweep_ = now;
  }
  std::deque<int64_t>& times = clients_[client];
  while (!times.empty() && times.front() <= now - window_) times.pop_front();
  if (static_cast<int>(times.size()) >= max_) return times.front() + window_ - now;
  times.push_back(now);
  return 0;
}

}  // namespace tuijin::domain
