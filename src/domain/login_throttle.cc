#include "domain/login_throttle.h"

#include <algorithm>

namespace tuijin::domain {

void LoginThrottle::Prune(Times& times, int64_t now) const {
  while (!times.empty() && times.front() <= now - window_) times.pop_front();
}

int64_t LoginThrottle::Wait(Times& times, int max, int64_t now) const {
  Prune(times, now);
  if (static_cast<int>(times.size()) < max) return 0;
  // Blocked until the oldest failure that keeps the count at the limit leaves the window.
  const int64_t oldest = times[times.size() - max];
  return std::max<int64_t>(1, oldest + window_ - now);
}

int64_t LoginThrottle::RetryAfter(const std::string& account, const std::string& address, int64_t now) {
  std::lock_guard lock(mu_);
  int64_t wait = 0;
  if (auto it = accounts_.find(account); it != accounts_.end()) wait = Wait(it->second, max_per_account_, now);
  if (auto it = addresses_.find(address); it != addresses_.end()) {
    wait = std::max(wait, Wait(it->second, max_per_address_, now));
  }
  return wait;
}

void LoginThrottle::RecordFailure(const std::string& account, const std::string& address, int64_t now) {
  std::lock_guard lock(mu_);
  // Keep memory bounded under a spray of random user names: drop empty entries now and then.
  for (auto* map : {&accounts_, &addresses_}) {
    if (map->size() <= 100000) continue;
    for (auto it = map->begin(); it != map->end();) {
      Prune(it->second, now);
      it = it->second.empty() ? map->erase(it) : std::next(it);
    }
  }
  accounts_[account].push_back(now);
  addresses_[address].push_back(now);
}

void LoginThrottle::RecordSuccess(const std::string& account) {
  std::lock_guard lock(mu_);
  accounts_.erase(account);
}

}  // namespace tuijin::domain
