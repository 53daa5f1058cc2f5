// Matches a method and path against route patterns such as "/api/v1/units/{id}".
// Built once at startup, then read-only and safe to share between threads.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tuijin::http {

struct RouteMatch {
  int route = -1;             // the index given to Add(), -1 if nothing matched
  bool path_matched = false;  // some route has this path (so a miss is 405, not 404)
  std::vector<std::pair<std::string, std::string>> params;
};

class Router {
 public:
  // `route` is the caller's index for the route (e.g. into its table).
  void Add(std::string_view method, std::string_view pattern, int route);
  // A literal segment beats a {param} at the same position ("/users/me" over "/users/{id}").
  RouteMatch Match(std::string_view method, std::string_view path) const;

 private:
  struct Entry {
    std::string method;
    std::vector<std::string> segments;  // "{id}" marks a parameter
    int route;
  };
  std::vector<Entry> entries_;
};

std::vector<std::string_view> SplitPath(std::string_view path);

}  // namespace tuijin::http
