// Supervision items (督办事项) and ledger tasks: their lifecycle, who may do what, and the
// figures per unit. Pure rules; the store applies them inside one transaction.
//
//   待签收 ──签收──▶ 办理中 ──报办结──▶ 已办结待核验 ──核验办结──▶ 已办结
//                      ▲  │进展/延期             │退回
//                      │  ▼                      ▼
//                      └─ 已退回 ◀────────────────┘   (报办结 again from 已退回)
//   Any open item may be 撤销 (cancelled) or 催办 (urged) by the issuer.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tuijin::domain {

enum class ItemStatus { kPendingReceipt, kInProgress, kAwaitingVerification, kReturned, kDone, kCancelled };

enum class ItemAction {
  kSign,              // 签收 (lead unit)
  kUpdate,            // 报送进展 (lead or co-unit)
  kReportDone,        // 报办结 (lead unit)
  kVerify,            // 核验办结 (issuer)
  kReturn,            // 退回 (issuer)
  kRequestExtension,  // 申请延期 (lead unit)
  kGrantExtension,    // 同意延期 (issuer)
  kRefuseExtension,   // 不同意延期 (issuer)
  kUrge,              // 催办 (issuer)
  kCancel,            // 撤销 (issuer)
};

// The viewer's part in an item: the issuing office (staff), the lead unit, a co-unit, or none.
enum class ItemRole { kIssuer, kLead, kCo, kViewer };

std::string_view StatusKey(ItemStatus s);
std::optional<ItemStatus> ParseStatus(std::string_view key);
std::string_view StatusLabel(ItemStatus s);  // 待签收 …
bool IsOpen(ItemStatus s);                    // not done, not cancelled

std::string_view ActionKey(ItemAction a);
std::optional<ItemAction> ParseAction(std::string_view key);
std::string_view ActionLabel(ItemAction a);  // 签收 …
// "create" is journaled too (下发); its label.
inline constexpr std::string_view kCreateLabel = "下发";

std::string_view RoleKey(ItemRole r);

struct ItemState {
  ItemStatus status = ItemStatus::kPendingReceipt;
  bool extension_pending = false;
};

enum class Refusal { kNone, kWrongActor, kWrongState };

// Whether `role` may do `action` on an item in `state`, and why not.
Refusal Check(ItemAction action, ItemRole role, const ItemState& state);
// The status after the action (the same status for progress, extensions and urging).
ItemStatus After(ItemAction action, ItemStatus from);
// What `role` may do now, in the order the UI offers them.
std::vector<ItemAction> Allowed(ItemRole role, const ItemState& state);
// Whether the action needs a note (a reason or the progress itself).
bool NeedsNote(ItemAction action);

// An item's deadline against today (days since the epoch, +08:00): overdue days (0 unless
// past), and calendar days left (negative when past).
struct DeadlineState {
  bool overdue = false;
  int64_t overdue_days = 0;
  int64_t days_left = 0;
};
DeadlineState DeadlineOn(int64_t today, int64_t deadline);

// The per-unit figures (督办统计): one closed or open item of the unit.
struct ItemFacts {
  ItemStatus status = ItemStatus::kPendingReceipt;
  int64_t issued_on = 0, deadline = 0;
  std::optional<int64_t> closed_on;        // when verified done
  std::optional<bool> closed_on_time;      // its last 报办结 was on or before the deadline
};
struct UnitFigures {
  int64_t issued = 0, done = 0, done_on_time = 0, overdue = 0, open = 0;
  int64_t days_to_close_total = 0;  // over the done ones
  // 按期办结率 in tenths of a percent (done_on_time / done), nullopt when none done.
  std::optional<int64_t> on_time_permille() const;
  // Average days from issue to close, in tenths of a day, nullopt when none done.
  std::optional<int64_t> avg_days_tenths() const;
};
// Adds one item to its unit's figures. Cancelled items do not count.
void Count(UnitFigures& f, const ItemFacts& item, int64_t today);

}  // namespace tuijin::domain
