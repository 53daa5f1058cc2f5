// Ledgers and briefings written to a file without the server (tuijin report), for scheduled
// jobs: the same snapshot, templates and renderers as the API.
#pragma once

#include <optional>
#include <ostream>
#include <string>

#include "api/context.h"

namespace tuijin::api {

struct ReportJob {
  std::string what;    // ledger, briefing
  std::string period;  // YYYY-MM
  std::string out;     // the file; a briefing's format follows its extension (.docx or .pdf)
  std::string kind = "projects";  // ledger: projects, areas, lagging, missing, overdue
  std::string group = "level";    // ledger: level, unit
  std::optional<int64_t> template_id;  // briefing: the template (default: the first 专报 one)
  std::optional<int64_t> briefing_id;  // briefing: render this stored briefing instead
};

// Errors name the option ("period", "kind", "out"); an unwritable file is Internal.
Status RunReportJob(Services& svc, const ReportJob& job);

// Demo data: the 专报 of the month before last, published to every unit, and a draft of last
// month's, unless there are briefings already. Made by the same code as the API's.
Status LoadDemoBriefings(Services& svc, std::ostream& out);

}  // namespace tuijin::api
