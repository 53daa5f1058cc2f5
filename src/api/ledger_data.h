// What ledgers and briefings are made from: a month's PeriodSnapshot, read from the stores
// (live) or, for a locked month, the one stored when it was first locked; and the JSON of a
// snapshot and of a briefing document as they are stored.
#pragma once

#include <memory>
#include <string>

#include <boost/json.hpp>

#include "api/context.h"
#include "domain/briefing.h"
#include "domain/reporting.h"
#include "report/briefing_document.h"

namespace tuijin::api {

// The month's figures as the data read now (not stored).
StatusOr<domain::PeriodSnapshot> LiveSnapshot(Context& ctx, const domain::Period& month);

// The month's snapshot: for a locked month the stored one (taken now if the month was locked
// before snapshots were kept), otherwise live.
// Shared and read-only: a locked month's is kept parsed (it never changes).
StatusOr<std::shared_ptr<const domain::PeriodSnapshot>> SnapshotOf(Context& ctx, const domain::Period& month);

// Stores the snapshot of a month just locked, unless one is stored (the first lock is what
// was published).
Status TakeSnapshot(Context& ctx, const domain::Period& month);

boost::json::object SnapshotJson(const domain::PeriodSnapshot& s);
StatusOr<domain::PeriodSnapshot> SnapshotFromJson(const std::string& text);

boost::json::object DocumentJson(const report::BriefingDocument& d);
// Errors name the field ("document.blocks[3].text").
StatusOr<report::BriefingDocument> DocumentFromJson(const boost::json::value& v);

}  // namespace tuijin::api
