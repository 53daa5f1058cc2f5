// The lifecycle of a 督办事项 as the acceptance walks it, who may do what, and the per-unit
// figures worked out by hand.
#include "domain/supervision.h"

#include <gtest/gtest.h>

#include "domain/work_calendar.h"

namespace tuijin::domain {
namespace {

using A = ItemAction;
using S = ItemStatus;
using R = ItemRole;

TEST(SupervisionTest, TheWholeWay) {
  ItemState st{S::kPendingReceipt, false};
  struct Step {
    A action;
    R role;
    S expect;
  };
  const Step steps[] = {{A::kSign, R::kLead, S::kInProgress},          {A::kUpdate, R::kLead, S::kInProgress},
                        {A::kUpdate, R::kCo, S::kInProgress},          {A::kReportDone, R::kLead, S::kAwaitingVerification},
                        {A::kReturn, R::kIssuer, S::kReturned},        {A::kUpdate, R::kLead, S::kReturned},
                        {A::kReportDone, R::kLead, S::kAwaitingVerification}, {A::kVerify, R::kIssuer, S::kDone}};
  for (const Step& s : steps) {
    ASSERT_EQ(Check(s.action, s.role, st), Refusal::kNone) << ActionKey(s.action);
    st.status = After(s.action, st.status);
    EXPECT_EQ(st.status, s.expect) << ActionKey(s.action);
  }
  EXPECT_FALSE(IsOpen(st.status));
  EXPECT_TRUE(Allowed(R::kIssuer, st).empty());
  EXPECT_TRUE(Allowed(R::kLead, st).empty());
}

TEST(SupervisionTest, IllegalTransitionsAndActors) {
  const ItemState pending{S::kPendingReceipt, false};
  EXPECT_EQ(Check(A::kReportDone, R::kLead, pending), Refusal::kWrongState);  // sign first
  EXPECT_EQ(Check(A::kUpdate, R::kLead, pending), Refusal::kWrongState);
  EXPECT_EQ(Check(A::kVerify, R::kIssuer, pending), Refusal::kWrongState);
  EXPECT_EQ(Check(A::kSign, R::kCo, pending), Refusal::kWrongActor);         // only the lead signs
  EXPECT_EQ(Check(A::kSign, R::kIssuer, pending), Refusal::kWrongActor);
  const ItemState working{S::kInProgress, false};
  EXPECT_EQ(Check(A::kReportDone, R::kCo, working), Refusal::kWrongActor);  // co-units post updates only
  EXPECT_EQ(Check(A::kVerify, R::kCo, working), Refusal::kWrongActor);
  EXPECT_EQ(Check(A::kVerify, R::kLead, {S::kAwaitingVerification, false}), Refusal::kWrongActor);
  EXPECT_EQ(Check(A::kUpdate, R::kViewer, working), Refusal::kWrongActor);
  EXPECT_EQ(Check(A::kGrantExtension, R::kIssuer, working), Refusal::kWrongState);  // nothing asked
  EXPECT_EQ(Check(A::kCancel, R::kIssuer, {S::kDone, false}), Refusal::kWrongState);
  EXPECT_EQ(Check(A::kUpdate, R::kLead, {S::kAwaitingVerification, false}), Refusal::kWrongState);
}

TEST(SupervisionTest, ExtensionsOneAtATime) {
  ItemState st{S::kInProgress, false};
  EXPECT_EQ(Check(A::kRequestExtension, R::kLead, st), Refusal::kNone);
  EXPECT_EQ(Check(A::kRequestExtension, R::kCo, st), Refusal::kWrongActor);
  st.extension_pending = true;
  EXPECT_EQ(Check(A::kRequestExtension, R::kLead, st), Refusal::kWrongState);
  EXPECT_EQ(Check(A::kGrantExtension, R::kIssuer, st), Refusal::kNone);
  EXPECT_EQ(Check(A::kRefuseExtension, R::kLead, st), Refusal::kWrongActor);
  EXPECT_EQ(After(A::kGrantExtension, st.status), S::kInProgress);
  const auto allowed = Allowed(R::kIssuer, st);
  ASSERT_EQ(allowed.size(), 4u);  // 同意延期, 不同意延期, 催办, 撤销
  EXPECT_EQ(allowed[0], A::kGrantExtension);
  EXPECT_TRUE(NeedsNote(A::kRefuseExtension));
  EXPECT_FALSE(NeedsNote(A::kGrantExtension));
}

TEST(SupervisionTest, KeysRoundTrip) {
  for (S s : {S::kPendingReceipt, S::kInProgress, S::kAwaitingVerification, S::kReturned, S::kDone, S::kCancelled}) {
    EXPECT_EQ(ParseStatus(StatusKey(s)), s);
  }
  EXPECT_EQ(ParseAction("grant_extension"), A::kGrantExtension);
  EXPECT_FALSE(ParseAction("close").has_value());
  EXPECT_EQ(StatusLabel(S::kAwaitingVerification), "已办结待核验");
}

TEST(SupervisionTest, UnitFigures) {
  const int64_t d0 = *ParseDay("2026-03-02");
  UnitFigures f;
  const int64_t today = d0 + 60;
  Count(f, {S::kDone, d0, d0 + 10, d0 + 8, true}, today);      // 8 days, on time
  Count(f, {S::kDone, d0, d0 + 10, d0 + 15, false}, today);    // 15 days, late
  Count(f, {S::kDone, d0, d0 + 30, d0 + 20, true}, today);     // 20 days, on time
  Count(f, {S::kInProgress, d0, d0 + 30, std::nullopt, std::nullopt}, today);  // overdue
  Count(f, {S::kPendingReceipt, d0, d0 + 90, std::nullopt, std::nullopt}, today);
  Count(f, {S::kCancelled, d0, d0 + 5, std::nullopt, std::nullopt}, today);   // not counted
  EXPECT_EQ(f.issued, 5);
  EXPECT_EQ(f.done, 3);
  EXPECT_EQ(f.done_on_time, 2);
  EXPECT_EQ(f.open, 2);
  EXPECT_EQ(f.overdue, 1);
  EXPECT_EQ(f.on_time_permille(), 667);  // 66.7 %
  EXPECT_EQ(f.avg_days_tenths(), 143);   // 43 / 3 = 14.3 days
  EXPECT_FALSE(UnitFigures{}.on_time_permille().has_value());
}

TEST(SupervisionTest, DeadlineOn) {
  auto s = DeadlineOn(100, 97);
  EXPECT_TRUE(s.overdue);
  EXPECT_EQ(s.overdue_days, 3);
  EXPECT_EQ(s.days_left, -3);
  s = DeadlineOn(97, 97);
  EXPECT_FALSE(s.overdue);
  EXPECT_EQ(s.days_left, 0);
}

}  // namespace
}  // namespace tuijin::domain
