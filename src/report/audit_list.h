// The audit trail (操作日志) as .xlsx: a title, the filters and export time, one header row
// frozen, one row per entry, newest first, with the changed fields old → new in words.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"

namespace tuijin::report {

struct AuditListRow {
  std::string at;        // "2026-12-02 10:30:05"
  std::string username, role, address;
  std::string action;    // in words: "修改 项目"
  std::string target;    // "项目 123"
  std::string result;    // "成功", "失败(403):无权限执行此操作"
  std::string changes;   // "名称:旧 → 新;…"
  std::string path;
};

struct AuditList {
  std::string title;
  std::string subtitle;
  std::vector<AuditListRow> rows;
};

inline constexpr const char* kAuditListHeaders[] = {"序号", "时间", "账号", "角色", "地址", "操作",
                                                    "对象", "结果", "变更内容(原值 → 新值)", "请求"};

StatusOr<std::string> AuditListXlsx(const AuditList& list);

}  // namespace tuijin::report
