// What ledgers and briefings are made from: a month's (or, for the 周台账, a week's)
// PeriodSnapshot, read from the stores (live) or, for a locked period, the one stored when it
// was first locked; and the JSON of a snapshot and of a briefing document as they are stored.
#pragma once

#include <memory>
#include <string>

#include <boost/json.hpp>

#include "api/context.h"
#include "domain/briefing.h"
#include "domain/reporting.h"
#include "report/briefing_document.h"

namespace tuijin::api {

// The period's figures as the data read now (not stored). A month: every top-level project of
// the year. A week: the projects reported weekly, with the week's amounts and reports, and the
// colours of the month the week counts in.
StatusOr<domain::PeriodSnapshot> LiveSnapshot(Context& ctx, const domain::Period& period);

// The period's snapshot: for a locked period the stored one (taken now if it was locked before
// snapshots were kept), otherwise live.
// Shared and read-only: a locked period's is kept parsed (it never changes).
StatusOr<std::shared_ptr<const domain::PeriodSnapshot>> SnapshotOf(Context& ctx, const domain::Period& period);

// Stores the snapshot of a period just locked, unless one is stored (the first lock is what
// was published).
Status TakeSnapshot(Context& ctx, const domain::Period& period);

boost::json::object SnapshotJson(const domain::PeriodSnapshot& s);
StatusOr<domain::PeriodSnapshot> SnapshotFromJson(const std::string& text);

boost::json::object DocumentJson(const report::BriefingDocument& d);
// Errors name the field ("document.blocks[3].text").
StatusOr<report::BriefingDocument> DocumentFromJson(const boost::json::value& v);

}  // namespace tuijin::api
