// A write whose values are bound by name (":amount") from several places, e.g. a row's
// fields by one helper and its keys by the caller, for INSERT and UPDATE alike.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include <soci/soci.h>

namespace tuijin::store {

// Runs `text` once with the binds `bind` adds; returns the number of rows it changed. The
// bound values must outlive the call.
int64_t ExecuteNamed(soci::session& sql, const std::string& text, const std::function<void(soci::statement&)>& bind);

}  // namespace tuijin::store
