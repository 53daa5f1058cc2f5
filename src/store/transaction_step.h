// A step one store runs inside another store's transaction, on the same connection: the
// status snapshot written in the transaction that locks a month (ReportStore::SetLocked).
#pragma once

#include <functional>

namespace soci {
class session;
}  // namespace soci

namespace tuijin::store {

using InTransaction = std::function<void(soci::session&)>;

}  // namespace tuijin::store
