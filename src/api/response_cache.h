// Serialized answers of read-heavy endpoints (the dashboard), kept while the data generation
// (Services::data_generation) they were built at is current (any write that may change data
// bumps it, and every older entry is dropped at the next Put) and for at most kMaxAgeSeconds,
// so that another instance's writes on a shared PostgreSQL show within that time.
// Thread-safe; bounded.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace tuijin::api {

struct CachedResponse {
  std::string body;  // JSON
  std::string etag;  // quoted, as sent
  int64_t built_at = 0;  // seconds since the epoch
};

class ResponseCache {
 public:
  static constexpr int64_t kMaxAgeSeconds = 30;

  explicit ResponseCache(size_t max_entries) : max_entries_(max_entries) {}

  std::optional<CachedResponse> Get(const std::string& key, uint64_t generation, int64_t now) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (generation != generation_) return std::nullopt;
    auto it = entries_.find(key);
    if (it == entries_.end() || now - it->second.built_at > kMaxAgeSeconds) return std::nullopt;
    return it->second;
  }

  // Kept only when `generation` is the newest seen; a full cache starts over.
  void Put(const std::string& key, uint64_t generation, const CachedResponse& value) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (generation < generation_) return;
    if (generation > generation_ || entries_.size() >= max_entries_) entries_.clear();
    generation_ = generation;
    entries_[key] = value;
  }

 private:
  std::mutex mutex_;
  size_t max_entries_;
  uint64_t generation_ = 0;
  std::unordered_map<std::string, CachedResponse> entries_;
};

}  // namespace tuijin::api
