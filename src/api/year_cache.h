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
#include <string>
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

namespace tuijin::api {

// Every project's computed status for a month (month_status.cc StatusesAt), for the projects
// of one ProjectYears as read (its pointer is the key, so a new read or a write's new data
// generation makes a new entry) and the months whose reports were due then. Computing 10,000
// colours takes ~10 ms; the map, the status list and the dashboard ask for the same month
// again and again. Thread-safe; holds a few months.
class MonthStatusCache {
 public:
  using Statuses = std::shared_ptr<const std::vector<store::FrozenStatus>>;  // aligned with *years

  Statuses Get(const ProjectYears& years, const std::string& month, int due_through) {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const Entry& e : entries_) {
      if (e.years == years && e.month == month && e.due_through == due_through) return e.statuses;
    }
    return nullptr;
  }

  void Put(const ProjectYears& years, const std::string& month, int due_through, Statuses statuses) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (entries_.size() >= 4) entries_.erase(entries_.begin());
    entries_.push_back(Entry{years, month, due_through, std::move(statuses)});
  }

 private:
  struct Entry {
    ProjectYears years;  // held, so that the pointer is not reused while the entry lives
    std::string month;
    int due_through = 0;
    Statuses statuses;
  };
  std::mutex mutex_;
  std::vector<Entry> entries_;
};

}  // namespace tuijin::api
