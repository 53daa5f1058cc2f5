// The application as the HTTP server sees it: API routes (api.cc), health checks and the
// embedded web UI.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "api/context.h"
#include "api/session_cache.h"
#include "http/router.h"
#include "http/server.h"
#include "http/static_files.h"

namespace tuijin::api {

// How a unit user is scoped on a route (the rule is written above the route table in api.cc).
enum class RouteScope { kAny, kOwnUnit };

// One line of the route table, for `tuijin routes`.
struct RouteInfo {
  std::string method;
  std::string pattern;
  std::vector<std::string> roles;  // role names ("admin", "staff", …); empty when public
  bool is_public = false;
  RouteScope scope = RouteScope::kAny;
};
std::vector<RouteInfo> RouteTable();

class App : public http::Handler {
 public:
  explicit App(Services& services);

  size_t BodyLimit(std::string_view method, std::string_view path) const override;
  http::Response Handle(http::Request& request) override;
  // The dashboard's cached answers for a session known in memory (SessionCache).
  std::optional<http::Response> HandleInline(http::Request& request) override;
  http::Response Reject(const http::Request& request, const Status& status) override;

 private:
  // What the dispatch of one API request knew, for its audit entry.
  struct Trace {
    std::string_view pattern;
    std::optional<Principal> principal;
    bool upload = false;
    bool tracked = false;  // a change to a resource readable at the same path
    std::optional<boost::json::value> before, after;
  };
  http::Response HandleApi(http::Request& request);
  http::Response Dispatch(http::Request& request, Trace& trace);
  // The resource at the request's path as its GET route answers it, for the audit trail's old
  // and new values; nullopt when there is none (or it is a file).
  std::optional<boost::json::value> ReadResource(const http::Request& request, const Principal& principal);
  // The signed-in user for the request's session cookie, if any.
  StatusOr<std::optional<Principal>> Authenticate(const http::Request& request);

  Services& svc_;
  SessionCache sessions_;
  http::Router router_;
  http::StaticFiles static_files_;
  const std::string csp_;  // Content-Security-Policy, with the map's tile server when set
};

}  // namespace tuijin::api
