// The circulation sheet (督办流转单) of one supervision item as an A4 PDF, laid out like the
// paper form a 发改局 sends with an item: the office and the heading, 编号 and 下发日期, a
// bordered table (事项名称, 督办类别, 事项来源, 紧急程度, 办理状态, 关联项目, 牵头单位,
// 配合单位, 办理时限, 督办内容, 办理过程 one action a row, 办结情况, 核验意见), then the
// signature lines 承办单位(盖章) and 督办科室核验人. Long text wraps inside its cell; the
// table goes on over as many pages as it needs, each page numbered "第 N 页 共 M 页".
//
// Text is set by Pango in Noto Serif/Sans CJK SC found through fontconfig (Debian:
// fonts-noto-cjk); Cairo writes the PDF with the fonts embedded as subsets, so the text can
// be searched and copied. Pure: values in, bytes out; no file is written.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"

namespace tuijin::report {

// One line of 办理过程.
struct SheetAction {
  std::string at;            // "2026-03-02" or "2026-03-02 10:15"
  std::string actor;         // "区自然资源局 王建国"
  std::string action_label;  // 签收, 进展, 报办结, 核验办结, 退回, 申请延期, …
  std::string note;
};

// What the sheet shows, already in words. Every field may be empty (an empty cell is
// printed); `actions` may be empty (the 办理过程 cell then says so).
struct SupervisionSheet {
  std::string office;                              // 区发展和改革局
  std::string title;                               // 督办事项名称
  std::string number;                              // "2026-017", or "任务台账 第12项" for a ledger task
  std::string category, source, priority, status;  // in words: 用地, 会议决定, 紧急, 办理中
  std::string projects;                            // 关联项目, joined ("A项目、B项目")
  std::string lead_unit, co_units;                 // co_units joined
  std::string issued_on, deadline;                 // 下发日期, 办理时限
  std::string original_deadline;                   // shown as the original when it differs from deadline
  std::string description;                         // 督办内容
  std::vector<SheetAction> actions;                // 办理过程, oldest first
  std::string completion;                          // 办结情况 (the last 报办结 note)
  std::string verification;                        // 核验意见
  std::string printed_at;                          // "2026-12-02 10:30", printed in the footer
};

// The PDF bytes. Errors: Unavailable "report.no_cjk_font" when fontconfig finds no font
// with Chinese characters (install fonts-noto-cjk); Internal when Cairo fails.
// Thread-safe: Pango's default font map is per thread, and nothing else is shared.
StatusOr<std::string> SupervisionSheetPdf(const SupervisionSheet& sheet);

}  // namespace tuijin::report
