// Code tables (数据字典): 类别 category, 行业 industry, 建设性质 nature, tag, 资金来源
// funding_source. Projects refer to items by id; an item in use can be disabled, not deleted.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "db/db.h"

namespace tuijin::store {

struct DictionaryItem {
  int64_t id = 0;
  std::string dict;
  std::string label;
  int64_t sort_order = 0;
  bool enabled = true;
  int64_t usage = 0;  // projects that use it
};

struct DictionaryInput {
  std::string label;
  int64_t sort_order = 0;
  bool enabled = true;
};

// The code tables (数据字典): 类别, 行业, 建设性质, tags, funding sources.
inline constexpr std::string_view kDictionaries[] = {"category", "industry", "nature", "tag", "funding_source",
                                                    "supervision_category", "meeting_type"};
bool IsDictionary(std::string_view dict);

class DictionaryStore {
 public:
  explicit DictionaryStore(db::Database& db) : db_(db) {}

  // Items of one dictionary (all when `dict` is empty), by sort order, with usage counts
  // unless `with_usage` is false (then usage is 0: cheaper, for lookups).
  StatusOr<std::vector<DictionaryItem>> List(const std::string& dict, bool with_usage = true);
  StatusOr<DictionaryItem> Create(const std::string& dict, const DictionaryInput& in);
  StatusOr<DictionaryItem> Update(const std::string& dict, int64_t id, const DictionaryInput& in);
  // Conflict "dictionary.in_use" while any project uses the item.
  Status Delete(const std::string& dict, int64_t id);

 private:
  db::Database& db_;
};

}  // namespace tuijin::store
