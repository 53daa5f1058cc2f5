#include "domain/supervision.h"

#include <array>

namespace tuijin::domain {
namespace {

struct StatusInfo {
  ItemStatus status;
  std::string_view key, label;
};
constexpr std::array<StatusInfo, 6> kStatuses{{
    {ItemStatus::kPendingReceipt, "pending_receipt", "待签收"},
    {ItemStatus::kInProgress, "in_progress", "办理中"},
    {ItemStatus::kAwaitingVerification, "awaiting_verification", "已办结待核验"},
    {ItemStatus::kReturned, "returned", "已退回"},
    {ItemStatus::kDone, "done", "已办结"},
    {ItemStatus::kCancelled, "cancelled", "已撤销"},
}};

struct ActionInfo {
  ItemAction action;
  std::string_view key, label;
  ItemRole actor;  // kLead: the lead unit; kCo: lead or co-unit; kIssuer: staff
  bool needs_note;
};
constexpr std::array<ActionInfo, 10> kActions{{
    {ItemAction::kSign, "sign", "签收", ItemRole::kLead, false},
    {ItemAction::kUpdate, "update", "报送进展", ItemRole::kCo, true},
    {ItemAction::kRequestExtension, "request_extension", "申请延期", ItemRole::kLead, true},
    {ItemAction::kReportDone, "report_done", "报办结", ItemRole::kLead, true},
    {ItemAction::kVerify, "verify", "核验办结", ItemRole::kIssuer, false},
    {ItemAction::kReturn, "return", "退回", ItemRole::kIssuer, true},
    {ItemAction::kGrantExtension, "grant_extension", "同意延期", ItemRole::kIssuer, false},
    {ItemAction::kRefuseExtension, "refuse_extension", "不同意延期", ItemRole::kIssuer, true},
    {ItemAction::kUrge, "urge", "催办", ItemRole::kIssuer, true},
    {ItemAction::kCancel, "cancel", "撤销", ItemRole::kIssuer, true},
}};

const ActionInfo& Info(ItemAction a) {
  for (const auto& i : kActions) {
    if (i.action == a) return i;
  }
  return kActions[0];
}

bool Working(ItemStatus s) { return s == ItemStatus::kInProgress || s == ItemStatus::kReturned; }

bool StateAllows(ItemAction action, const ItemState& st) {
  switch (action) {
    case ItemAction::kSign:
      return st.status == ItemStatus::kPendingReceipt;
    case ItemAction::kUpdate:
    case ItemAction::kReportDone:
      return Working(st.status);
    case ItemAction::kRequestExtension:
      return Working(st.status) && !st.extension_pending;
    case ItemAction::kVerify:
    case ItemAction::kReturn:
      return st.status == ItemStatus::kAwaitingVerification;
    case ItemAction::kGrantExtension:
    case ItemAction::kRefuseExtension:
      return st.extension_pending && IsOpen(st.status);
    case ItemAction::kUrge:
    case ItemAction::kCancel:
      return IsOpen(st.status);
  }
  return false;
}

}  // namespace

std::string_view StatusKey(ItemStatus s) {
  for (const auto& i : kStatuses) {
    if (i.status == s) return i.key;
  }
  return "";
}
std::optional<ItemStatus> ParseStatus(std::string_view key) {
  for (const auto& i : kStatuses) {
    if (i.key == key) return i.status;
  }
  return std::nullopt;
}
std::string_view StatusLabel(ItemStatus s) {
  for (const auto& i : kStatuses) {
    if (i.status == s) return i.label;
  }
  return "";
}
bool IsOpen(ItemStatus s) { return s != ItemStatus::kDone && s != ItemStatus::kCancelled; }

std::string_view ActionKey(ItemAction a) { return Info(a).key; }
std::optional<ItemAction> ParseAction(std::string_view key) {
  for (const auto& i : kActions) {
    if (i.key == key) return i.action;
  }
  return std::nullopt;
}
std::string_view ActionLabel(ItemAction a) { return Info(a).label; }
bool NeedsNote(ItemAction a) { return Info(a).needs_note; }

std::string_view RoleKey(ItemRole r) {
  switch (r) {
    case ItemRole::kIssuer:
      return "issuer";
    case ItemRole::kLead:
      return "lead";
    case ItemRole::kCo:
      return "co";
    case ItemRole::kViewer:
      return "viewer";
  }
  return "viewer";
}

Refusal Check(ItemAction action, ItemRole role, const ItemState& state) {
  const ItemRole actor = Info(action).actor;
  const bool may = actor == ItemRole::kIssuer ? role == ItemRole::kIssuer
                   : actor == ItemRole::kLead ? role == ItemRole::kLead
                                              : role == ItemRole::kLead || role == ItemRole::kCo;
  if (!may) return Refusal::kWrongActor;
  if (!StateAllows(action, state)) return Refusal::kWrongState;
  return Refusal::kNone;
}

ItemStatus After(ItemAction action, ItemStatus from) {
  switch (action) {
    case ItemAction::kSign:
      return ItemStatus::kInProgress;
    case ItemAction::kReportDone:
      return ItemStatus::kAwaitingVerification;
    case ItemAction::kVerify:
      return ItemStatus::kDone;
    case ItemAction::kReturn:
      return ItemStatus::kReturned;
    case ItemAction::kCancel:
      return ItemStatus::kCancelled;
    default:
      return from;
  }
}

std::vector<ItemAction> Allowed(ItemRole role, const ItemState& state) {
  std::vector<ItemAction> out;
  for (const auto& i : kActions) {
    if (Check(i.action, role, state) == Refusal::kNone) out.push_back(i.action);
  }
  return out;
}

DeadlineState DeadlineOn(int64_t today, int64_t deadline) {
  DeadlineState s;
  s.days_left = deadline - today;
  s.overdue = today > deadline;
  s.overdue_days = s.overdue ? today - deadline : 0;
  return s;
}

std::optional<int64_t> UnitFigures::on_time_permille() const {
  if (done == 0) return std::nullopt;
  return (done_on_time * 2000 + done) / (2 * done);  // rounded half up
}

std::optional<int64_t> UnitFigures::avg_days_tenths() const {
  if (done == 0) return std::nullopt;
  return (days_to_close_total * 20 + done) / (2 * done);
}

void Count(UnitFigures& f, const ItemFacts& item, int64_t today) {
  if (item.status == ItemStatus::kCancelled) return;
  ++f.issued;
  if (item.status == ItemStatus::kDone) {
    ++f.done;
    if (item.closed_on_time.value_or(false)) ++f.done_on_time;
    if (item.closed_on) f.days_to_close_total += *item.closed_on - item.issued_on;
    return;
  }
  ++f.open;
  if (today > item.deadline) ++f.overdue;
}

}  // namespace tuijin::domain
