// A briefing's document from a template and a month's snapshot: the template's title and
// body with their placeholders filled (domain/briefing), its table and chart markers turned
// into the tables (分地区汇总, 地区排名, 滞后项目, 未报送, 逾期督办) and charts of the snapshot, and
// the masthead of the issue. Pure.
#pragma once

#include <string>

#include "base/status.h"
#include "domain/briefing.h"
#include "report/briefing_document.h"

namespace tuijin::report {

struct BriefingTemplateText {
  std::string series, title, body, distribution;  // distribution: one line each
};

struct BriefingIssue {
  std::string issue;       // 第12期
  std::string office;      // 云河区发展和改革局
  std::string date;        // 2026年11月5日
  std::string doc_number;  // 云发改〔2026〕35号
};

// Errors: InvalidArgument naming "title" or "body" for a bad template.
StatusOr<BriefingDocument> ComposeBriefing(const domain::PeriodSnapshot& s, const BriefingTemplateText& t,
                                           const BriefingIssue& issue);

// "2026年11月5日" for "2026-11-05".
std::string ChineseDate(const std::string& iso_day);

}  // namespace tuijin::report
