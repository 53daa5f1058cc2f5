// Every project's year as read for red/yellow/green (store::StatusStore::Year), kept while the
// data generation it was read at is current (any write that may change data bumps it) and
// for at most kMaxAgeSeconds, so that another instance's writes on a shared PostgreSQL show
// within that time. The statuses, the warnings and the dashboard then compute
// from memory instead of reading a hundred thousand projects' reports each time.
// Thread-safe; holds at most a few years.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "store/status_store.h"

namespace tuijin::api {

using ProjectYears = std::shared_ptr<const std::vector<store::StatusProject>>;

class YearCache {
 public:
  static constexpr int64_t kMaxAgeSeconds = 30;
  static constexpr size_t kMaxYears = 3;

  ProjectYears Get(int year, uint64_t generation, int64_t now) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = entries_.find(year);
    if (it == entries_.end() || it->second.generation != generation || now - it->second.read_at > kMaxAgeSeconds) {
      return nullptr;
    }
    return it->second.years;
  }

  void Put(int year, uint64_t generation, int64_t now, ProjectYears years) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (entries_.size() >= kMaxYears && !entries_.count(year)) entries_.clear();
    entries_[year] = Entry{generation, now, std::move(years)};
  }

 private:
  struct Entry {
    uint64_t generation = 0;
    int64_t read_at = 0;
    ProjectYears years;
  };
  std::mutex mutex_;
  std::map<int, Entry> entries_;
};

}  // namespace tuijin::api
