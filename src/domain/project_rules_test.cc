#include "domain/project_rules.h"

#include <gtest/gtest.h>

namespace tuijin::domain {
namespace {

bool KnownDivision(std::string_view d) { return d == "410104" || d == "410106" || d == "410100"; }

TEST(ProjectCodeTest, AcceptsBothFormatsWithAKnownDivision) {
  EXPECT_EQ(CheckProjectCode("2020-410106-78-01-038658", KnownDivision), "");  // 6th digit of serial
  EXPECT_EQ(CheckProjectCode("2024-410104-48-01-03865X", KnownDivision), "");
  EXPECT_EQ(CheckProjectCode("2023-410100-44-02-000012", KnownDivision), "");
}

TEST(ProjectCodeTest, RejectsBadShapeAndUnknownDivision) {
  EXPECT_NE(CheckProjectCode("2020-410106-78-01-03865", KnownDivision), "");   // too short
  EXPECT_NE(CheckProjectCode("2020-410106-78-01-03865x", KnownDivision), "");  // lower-case letter
  EXPECT_NE(CheckProjectCode("2020_410106-78-01-038658", KnownDivision), "");
  EXPECT_NE(CheckProjectCode("20-410106-78-01-03865888", KnownDivision), "");
  const std::string unknown = CheckProjectCode("2020-999999-78-01-038658", KnownDivision);
  EXPECT_NE(unknown.find("999999"), std::string::npos);
}

TEST(StageTest, MainLineMovesOneStepForward) {
  EXPECT_EQ(CheckTransition(Stage::kReserve, Stage::kPreparation, std::nullopt), "");
  EXPECT_EQ(CheckTransition(Stage::kPreparation, Stage::kConstruction, std::nullopt), "");
  EXPECT_EQ(CheckTransition(Stage::kConstruction, Stage::kCompleted, std::nullopt), "");
  EXPECT_EQ(CheckTransition(Stage::kCompleted, Stage::kOperating, std::nullopt), "");
  EXPECT_EQ(CheckTransition(Stage::kOperating, Stage::kEffective, std::nullopt), "");
  EXPECT_NE(CheckTransition(Stage::kReserve, Stage::kConstruction, std::nullopt), "");  // skips 前期
  EXPECT_NE(CheckTransition(Stage::kConstruction, Stage::kPreparation, std::nullopt), "");  // backwards
  EXPECT_NE(CheckTransition(Stage::kConstruction, Stage::kConstruction, std::nullopt), "");
}

TEST(StageTest, SuspendAndResumeToTheStageLeft) {
  EXPECT_EQ(CheckTransition(Stage::kConstruction, Stage::kSuspended, std::nullopt), "");
  EXPECT_EQ(CheckTransition(Stage::kSuspended, Stage::kConstruction, Stage::kConstruction), "");
  EXPECT_NE(CheckTransition(Stage::kSuspended, Stage::kCompleted, Stage::kConstruction), "");
  EXPECT_EQ(CheckTransition(Stage::kSuspended, Stage::kCancelled, Stage::kConstruction), "");
  EXPECT_EQ(CheckTransition(Stage::kReserve, Stage::kCancelled, std::nullopt), "");
  EXPECT_NE(CheckTransition(Stage::kCancelled, Stage::kReserve, std::nullopt), "");
  EXPECT_NE(CheckTransition(Stage::kEffective, Stage::kSuspended, std::nullopt), "");
}

TEST(StageTest, NamesRoundTrip) {
  for (const char* n : {"reserve", "preparation", "construction", "completed", "operating", "effective", "suspended",
                        "cancelled"}) {
    auto s = ParseStage(n);
    ASSERT_TRUE(s) << n;
    EXPECT_EQ(StageName(*s), n);
  }
  EXPECT_EQ(StageLabel(Stage::kConstruction), "在建");
  EXPECT_FALSE(ParseStage("在建"));
}

TEST(FundingTest, PartsMayNotExceedTheTotal) {
  const Fen total = 50'000 * kFenPerWan;  // 5 亿元
  EXPECT_EQ(CheckFunding(total, {20'000 * kFenPerWan, 30'000 * kFenPerWan}), "");
  const std::string over = CheckFunding(total, {20'000 * kFenPerWan, 30'000 * kFenPerWan + 1});
  EXPECT_NE(over, "");
  EXPECT_NE(over.find("50,000.00"), std::string::npos);
  EXPECT_NE(CheckFunding(total, {-1}), "");
}

TEST(LevelTest, LevelsInLedgerOrderWithTheirLabels) {
  std::vector<std::string> labels;
  for (std::string_view level : kLevels) {
    EXPECT_TRUE(IsLevel(level));
    labels.emplace_back(LevelLabel(level));
  }
  EXPECT_EQ(labels, (std::vector<std::string>{"省重点", "市重点", "区重点"}));
  EXPECT_FALSE(IsLevel("county"));
  EXPECT_EQ(LevelLabel("county"), "");
}

TEST(StageStateTest, ActualDatesComeFromTheFirstEventsAndSuspensionRemembersTheStage) {
  StageState s;
  s = AfterStageEvent(s, "preparation", "2024-03-01");
  s = AfterStageEvent(s, "construction", "2024-09-18");
  EXPECT_EQ(s.stage, "construction");
  EXPECT_EQ(s.actual_start, "2024-09-18");
  s = AfterStageEvent(s, "suspended", "2025-01-10");
  EXPECT_EQ(s.resume_stage, "construction");
  s = AfterStageEvent(s, "construction", "2025-04-02");  // resumed: the start date stays
  EXPECT_EQ(s.actual_start, "2024-09-18");
  EXPECT_FALSE(s.resume_stage);
  s = AfterStageEvent(s, "completed", "2026-06-30");
  EXPECT_EQ(s.actual_completion, "2026-06-30");
  EXPECT_EQ(AfterStageEvent({}, "suspended", "2026-01-05").resume_stage, "preparation")
      << "created suspended: resumes to 前期";
}

TEST(OpeningEventsTest, AProjectEnteredAtItsStageStartsWithTheEventsItsDatesShow) {
  const std::string today = "2026-11-23";
  auto done = PlanOpeningEvents(Stage::kOperating, "2023-04-10", "2025-12-28", std::nullopt, today);
  ASSERT_TRUE(done.errors.empty());
  std::vector<std::string> path;
  for (const auto& e : done.events) path.push_back(e.to + "@" + e.date);
  EXPECT_EQ(path, (std::vector<std::string>{"construction@2023-04-10", "completed@2025-12-28", "operating@2025-12-28"}));

  auto reserve = PlanOpeningEvents(Stage::kReserve, std::nullopt, std::nullopt, std::nullopt, today);
  ASSERT_EQ(reserve.events.size(), 1u);
  EXPECT_EQ(reserve.events[0].date, today);

  auto missing = PlanOpeningEvents(Stage::kCompleted, std::nullopt, std::nullopt, std::nullopt, today);
  ASSERT_EQ(missing.errors.size(), 2u);
  EXPECT_EQ(missing.errors[0].first, "actual_start");
  EXPECT_EQ(missing.errors[1].first, "actual_completion");
  auto backwards = PlanOpeningEvents(Stage::kCompleted, "2025-05-01", "2025-04-30", std::nullopt, today);
  ASSERT_EQ(backwards.errors.size(), 1u);
  EXPECT_EQ(backwards.errors[0].second, "实际竣工不能早于实际开工");
  EXPECT_EQ(PlanOpeningEvents(Stage::kConstruction, "2026-12-01", std::nullopt, std::nullopt, today).errors.size(), 1u);
}

TEST(StageTest, SuspendingCancellingAndResumingNeedAReason) {
  EXPECT_TRUE(StageChangeNeedsReason(Stage::kConstruction, Stage::kSuspended));
  EXPECT_TRUE(StageChangeNeedsReason(Stage::kPreparation, Stage::kCancelled));
  EXPECT_TRUE(StageChangeNeedsReason(Stage::kSuspended, Stage::kConstruction));
  EXPECT_FALSE(StageChangeNeedsReason(Stage::kConstruction, Stage::kCompleted));
}

}  // namespace
}  // namespace tuijin::domain
