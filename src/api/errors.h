// The one place where a Status becomes an HTTP response.
#pragma once

#include "base/status.h"
#include "http/request.h"

namespace tuijin::api {

int HttpStatusFor(StatusCode code);

// {"error":{"code":…,"message":…,"details":{"fields":{…}}}} with the mapped status.
http::Response ErrorResponse(const Status& status);

}  // namespace tuijin::api
