// Signed-in sessions as last read from the database, for the answers given on the I/O thread
// without a database read (App::HandleInline: the cached dashboard): an entry holds while the data generation it was read at is current
// (a login, a logout, a password change or any other write bumps it), for at most
// kMaxAgeSeconds (another instance's revocation shows within that), and while the session's
// idle clock needs no refresh (the database path touches it once a minute). Thread-safe;
// bounded.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "api/context.h"

namespace tuijin::api {

class SessionCache {
 public:
  static constexpr int64_t kMaxAgeSeconds = 5;
  static constexpr size_t kMaxEntries = 10000;

  std::optional<Principal> Get(const std::string& token_hash, uint64_t generation, int64_t now) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = entries_.find(token_hash);
    if (it == entries_.end()) return std::nullopt;
    const Entry& e = it->second;
    if (e.generation != generation || now - e.cached_at > kMaxAgeSeconds || now - e.last_seen_at >= 60) {
      entries_.erase(it);
      return std::nullopt;
    }
    return e.principal;
  }

  void Put(const std::string& token_hash, uint64_t generation, int64_t now, int64_t last_seen_at,
           const Principal& principal) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (entries_.size() >= kMaxEntries) entries_.clear();
    entries_[token_hash] = Entry{principal, generation, now, last_seen_at};
  }

 private:
  struct Entry {
    Principal principal;
    uint64_t generation = 0;
    int64_t cached_at = 0;
    int64_t last_seen_at = 0;
  };
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace tuijin::api
