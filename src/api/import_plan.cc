#include "api/import_plan.h"

#include "base/crypto.h"

namespace tuijin::api {

void ImportPlanCache::Expire(int64_t now) {
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (now - it->second.created >= ttl_) it = entries_.erase(it);
    else ++it;
  }
}

std::string ImportPlanCache::Put(const Key& key, std::shared_ptr<ImportPlan> plan, int64_t now) {
  std::string id = RandomToken(16);
  std::lock_guard lock(mu_);
  Expire(now);
  while (!entries_.empty() && entries_.size() >= capacity_) {
    auto oldest = entries_.begin();
    for (auto it = entries_.begin(); it != entries_.end(); ++it) {
      if (it->second.created < oldest->second.created) oldest = it;
    }
    entries_.erase(oldest);
  }
  entries_[id] = Entry{key, now, std::move(plan)};
  return id;
}

std::shared_ptr<const ImportPlan> ImportPlanCache::Get(const std::string& plan_id, const std::string& import_id,
                                                       int64_t user_id, int64_t now) {
  std::lock_guard lock(mu_);
  Expire(now);
  auto it = entries_.find(plan_id);
  if (it == entries_.end() || it->second.key.import_id != import_id || it->second.key.user_id != user_id) {
    return nullptr;
  }
  return it->second.plan;
}

std::shared_ptr<ImportPlan> ImportPlanCache::Take(const std::string& plan_id, const Key& key, int64_t now) {
  std::lock_guard lock(mu_);
  Expire(now);
  auto it = entries_.find(plan_id);
  if (it == entries_.end()) return nullptr;
  const Key& k = it->second.key;
  if (k.import_id != key.import_id || k.user_id != key.user_id) return nullptr;
  std::shared_ptr<ImportPlan> plan = std::move(it->second.plan);
  entries_.erase(it);  // a stale plan is of no further use either
  if (k.generation != key.generation) return nullptr;
  return plan;
}

}  // namespace tuijin::api
