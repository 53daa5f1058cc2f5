#include "report/briefing_document.h"
namespace tuijin::report {
StatusOr<std::string> BriefingDocx(const BriefingDocument&) { return std::string("PK-stub"); }
StatusOr<std::string> BriefingPdf(const BriefingDocument&) { return std::string("%PDF-stub"); }
StatusOr<std::string> ChartPng(const BriefingChart&, int, int) { return std::string("png"); }
}
