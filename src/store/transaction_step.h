// A step one store runs inside another store's transaction, on the same connection: the
// status snapshot written in the transaction that locks a month (ReportStore::SetLocked).
#pragma once

#include <soci/soci.h>

#include <functional>

namespace tuijin::store {

using InTransaction = std::function<void(soci::session&)>;

}  // namespace tuijin::store
