// libFuzzer target: what the server does with a request line before any handler runs
// (src/http): the target split into a decoded path and query (ParseTarget), the path matched
// against the real route table (src/api/api.cc's patterns, extracted at configure time), the
// query and cookie accessors, and the page and id readers of src/api/json.h.
//
// Input: the request target, then optionally "\n" and a Cookie header value.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "api/json.h"
#include "fuzz/fuzz_check.h"
#include "http/request.h"
#include "http/router.h"

namespace {

using namespace tuijin;

struct RouteSpec {
  const char* method;
  const char* pattern;
};

constexpr RouteSpec kRoutes[] = {
#include "routes.inc"
};

const http::Router& Routes() {
  static const http::Router router = [] {
    http::Router r;
    int i = 0;
    for (const RouteSpec& s : kRoutes) r.Add(s.method, s.pattern, i++);
    return r;
  }();
  return router;
}

bool IsParam(std::string_view seg) { return seg.size() > 2 && seg.front() == '{' && seg.back() == '}'; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t nl = input.find('\n');
  const std::string_view target = input.substr(0, nl);
  const std::string_view cookie = nl == std::string_view::npos ? std::string_view() : input.substr(nl + 1);

  http::Request req;
  req.method = "GET";
  req.target = std::string(target);
  if (!cookie.empty()) req.headers.push_back({"cookie", std::string(cookie)});
  (void)req.Cookie("tuijin_session");
  if (!http::ParseTarget(target, req.path, req.query)) return 0;
  FUZZ_CHECK(!req.path.empty());

  const auto parts = http::SplitPath(req.path);
  for (const char* method : {"GET", "POST", "PUT", "DELETE"}) {
    const http::RouteMatch m = Routes().Match(method, req.path);
    if (m.route < 0) continue;
    FUZZ_CHECK(m.path_matched);
    FUZZ_CHECK(m.route < static_cast<int>(std::size(kRoutes)));
    // The route matched is one of this method whose literal segments are the path's.
    const RouteSpec& spec = kRoutes[m.route];
    FUZZ_CHECK(std::string_view(spec.method) == method);
    const auto segs = http::SplitPath(spec.pattern);
    FUZZ_CHECK(segs.size() == parts.size());
    size_t params = 0;
    for (size_t i = 0; i < segs.size(); ++i) {
      if (IsParam(segs[i])) {
        FUZZ_CHECK(!parts[i].empty());
        ++params;
      } else {
        FUZZ_CHECK(segs[i] == parts[i]);
      }
    }
    FUZZ_CHECK(m.params.size() == params);
    req.params = m.params;
    for (const auto& [name, value] : m.params) (void)api::PathId(req, name);
  }

  (void)req.Query("q");
  for (const auto& v : req.QueryList("level")) (void)v;
  auto page = api::ReadPage(req);
  if (page.ok()) FUZZ_CHECK(page->page >= 1 && page->page_size >= 1 && page->page_size <= 500);
  (void)api::QueryInt(req, "year");

  // Encoding then parsing gives back what was encoded, as a path segment and as a value.
  for (const auto& [key, value] : req.query) {
    std::string path;
    std::vector<std::pair<std::string, std::string>> query;
    FUZZ_CHECK(http::ParseTarget("/x/" + http::UrlEncode(value) + "?k=" + http::UrlEncode(key), path, query));
    FUZZ_CHECK(path == "/x/" + value);
    FUZZ_CHECK(query.size() == 1 && query[0].first == "k" && query[0].second == key);
  }
  return 0;
}
