// What the .xlsx exports of the lists share (export_api.cc): the row cap, the download, the
// export time and the filters in words for the line under a sheet's title.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "http/request.h"

namespace tuijin::api {

// An export holds at most this many rows; past it TooManyToExport.
inline constexpr int64_t kMaxExportRows = 20000;

// 413 export.too_many: narrow the filters.
Status TooManyToExport();

// The workbook as an attachment named `file_name` (Chinese is fine: RFC 5987).
http::Response XlsxDownload(std::string bytes, std::string_view file_name);

// "导出时间:2026-12-02 10:30" in China time.
std::string ExportedAt();

// A list's filters as the export names them, in the order given: "状态 未关闭", "责任单位
// 城东路街道办事处(含下级)"… The list's query reader fills it when asked.
using FilterWords = std::vector<std::string>;

// "筛选:状态 未关闭;预警 红" ("筛选:无" without any).
std::string FiltersLine(const FilterWords& words);

}  // namespace tuijin::api
