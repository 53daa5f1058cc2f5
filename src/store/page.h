// One page of a list, and the total over all pages.
#pragma once

#include <cstdint>
#include <vector>

namespace tuijin::store {

template <typename T>
struct Page {
  std::vector<T> items;
  int64_t total = 0;
};

struct PageRequest {
  int64_t page = 1;       // 1-based
  int64_t page_size = 20;
  int64_t Offset() const { return (page - 1) * page_size; }
};

}  // namespace tuijin::store
