#include "api/errors.h"

#include "api/json.h"

namespace tuijin::api {

int HttpStatusFor(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return 200;
    case StatusCode::kInvalidArgument: return 400;
    case StatusCode::kUnauthenticated: return 401;
    case StatusCode::kPermissionDenied: return 403;
    case StatusCode::kNotFound: return 404;
    case StatusCode::kMethodNotAllowed: return 405;
    case StatusCode::kConflict: return 409;
    case StatusCode::kTooLarge: return 413;
    case StatusCode::kUnsupported: return 415;
    case StatusCode::kUnprocessable: return 422;
    case StatusCode::kResourceExhausted: return 429;
    case StatusCode::kInternal: return 500;
    case StatusCode::kUnavailable: return 503;
  }
  return 500;
}

http::Response ErrorResponse(const Status& status) {
  json::object error{{"code", status.error_code()}, {"message", status.message()}};
  if (!status.fields().empty()) {
    json::object fields;
    for (const auto& [k, v] : status.fields()) fields[k] = v;
    error["details"] = json::object{{"fields", std::move(fields)}};
  }
  http::Response res = JsonResponse(json::object{{"error", std::move(error)}}, HttpStatusFor(status.code()));
  if (status.retry_after() > 0) res.SetHeader("retry-after", std::to_string(status.retry_after()));
  return res;
}

}  // namespace tuijin::api
