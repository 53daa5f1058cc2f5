// The audit trail (操作日志) of the API: what one request did, as one entry. The dispatcher
// (api.cc) records every state-changing request, answered or refused, and every download; for
// a change to a resource that has a GET at the same path, the fields that differ before and
// after, old and new.
#pragma once

#include <boost/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api/context.h"
#include "http/request.h"
#include "store/audit_store.h"

namespace tuijin::api {

struct AuditAction {
  std::string action;    // "projects.update", "projects.reports.submit", "periods.lock", "session.login"
  std::string resource;  // the first segment after /api/v1/: "projects"
  std::optional<std::string> resource_id;  // the route's parameters, joined with "/"
};

// The action of a request on a route: the pattern's literal segments joined with ".", then the
// method as a verb (create, update, delete; download for a GET) unless the pattern ends in a
// literal after a parameter, which is the verb itself (/periods/{period}/lock → periods.lock).
// Signing in and out are session.login, session.login_failed and session.logout.
AuditAction ActionOf(std::string_view method, std::string_view pattern,
                     const std::vector<std::pair<std::string, std::string>>& params, int status);

// `v` with every value under a key naming a secret (password, token, secret) masked.
boost::json::value Redacted(const boost::json::value& v);

// The leaves that differ between two JSON documents, by dotted path ("plan.amount"; arrays are
// compared whole), as the old values and the new; volatile keys (updated_at, version, …) and
// secrets are left out or masked.
std::pair<boost::json::object, boost::json::object> ChangedFields(const boost::json::value& before,
                                                                  const boost::json::value& after);

// Whether a request is audited: it may change data, or its answer is a download.
bool IsAudited(std::string_view method, const http::Response& res);

// What the dispatcher knows of one request when it is done.
struct AuditedRequest {
  const http::Request& req;
  const std::optional<Principal>& principal;
  std::string_view pattern;  // the route's; empty when no route matched
  const http::Response& res;
  bool upload = false;                     // the body is a file: not kept
  std::optional<boost::json::value> before, after;  // the resource read before and after
};

// Appends the entry; a failure is logged, never returned (the request is already answered).
void RecordAudit(Services& svc, const AuditedRequest& r);

}  // namespace tuijin::api
