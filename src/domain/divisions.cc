#include "domain/divisions.h"

#include <unordered_map>

#include "base/embedded.h"

namespace tuijin::domain {
namespace {

// Views into the embedded file: no copies.
const std::unordered_map<std::string_view, std::string_view>& Table() {
  static const auto* table = [] {
    auto* t = new std::unordered_map<std::string_view, std::string_view>();
    for (const auto& f : embed::kDivisionFiles()) {
      std::string_view rest = f.Contents();
      while (!rest.empty()) {
        const size_t nl = rest.find('\n');
        std::string_view line = rest.substr(0, nl);
        rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
        const size_t comma = line.find(',');
        if (comma == 6) t->emplace(line.substr(0, 6), line.substr(7));
      }
    }
    return t;
  }();
  return *table;
}

}  // namespace

std::optional<std::string_view> DivisionName(std::string_view code) {
  const auto& t = Table();
  auto it = t.find(code);
  if (it == t.end()) return std::nullopt;
  return it->second;
}

bool IsDivision(std::string_view code) { return DivisionName(code).has_value(); }

size_t DivisionCount() { return Table().size(); }

}  // namespace tuijin::domain
