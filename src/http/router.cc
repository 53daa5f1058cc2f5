#include "http/router.h"

namespace tuijin::http {

std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    out.push_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}

void Router::Add(std::string_view method, std::string_view pattern, int route) {
  Entry e{std::string(method), {}, route};
  for (auto s : SplitPath(pattern)) e.segments.emplace_back(s);
  entries_.push_back(std::move(e));
}

RouteMatch Router::Match(std::string_view method, std::string_view path) const {
  const auto parts = SplitPath(path);
  RouteMatch best;
  int best_literals = -1;
  for (const Entry& e : entries_) {
    if (e.segments.size() != parts.size()) continue;
    int literals = 0;
    bool ok = true;
    for (size_t i = 0; i < parts.size() && ok; ++i) {
      const std::string& seg = e.segments[i];
      const bool is_param = seg.size() > 2 && seg.front() == '{' && seg.back() == '}';
      if (is_param) {
        ok = !parts[i].empty();
      } else {
        ok = seg == parts[i];
        literals += ok;
      }
    }
    if (!ok) continue;
    best.path_matched = true;
    if (e.method != method || literals <= best_literals) continue;
    best_literals = literals;
    best.route = e.route;
    best.params.clear();
    for (size_t i = 0; i < parts.size(); ++i) {
      const std::string& seg = e.segments[i];
      if (seg.size() > 2 && seg.front() == '{') best.params.emplace_back(seg.substr(1, seg.size() - 2), parts[i]);
    }
  }
  return best;
}

}  // namespace tuijin::http
