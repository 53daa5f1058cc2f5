// Serialized answers of read-heavy endpoints (the dashboard), kept while the data generation
// (Services::data_generation) they were built at is current: any write that may change data
// bumps it, and every older entry is dropped at the next Put. Thread-safe; bounded.
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
};

class ResponseCache {
 public:
  explicit ResponseCache(size_t max_entries) : max_entries_(max_entries) {}

  std::optional<CachedResponse> Get(const std::string& key, uint64_t generation) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (generation != generation_) return std::nullopt;
    auto it = entries_.find(key);
    if (it == entries_.end()) return std::nullopt;
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
