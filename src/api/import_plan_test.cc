#include "api/import_plan.h"

#include <gtest/gtest.h>

namespace tuijin::api {
namespace {

std::shared_ptr<ImportPlan> PlanOf(int rows) {
  auto plan = std::make_shared<ImportPlan>();
  for (int i = 0; i < rows; ++i) plan->rows.push_back({.row = i + 4, .action = "create"});
  plan->counts["create"] = rows;
  return plan;
}

constexpr int64_t kStaff = 2, kOtherStaff = 3;
const std::string kImport = "9f86d081884c7d65.xlsx";

TEST(ImportPlanCacheTest, GivesThePlanBackToItsUserForItsImportOnly) {
  ImportPlanCache cache(4, 1800);
  const std::string id = cache.Put({kImport, kStaff, 7}, PlanOf(3), 1000);
  ASSERT_NE(cache.Get(id, kImport, kStaff, 1001), nullptr);
  EXPECT_EQ(cache.Get(id, kImport, kStaff, 1001)->rows.size(), 3u);
  EXPECT_EQ(cache.Get(id, kImport, kOtherStaff, 1001), nullptr);
  EXPECT_EQ(cache.Get(id, "e3b0c44298fc1c14.xlsx", kStaff, 1001), nullptr);
  EXPECT_EQ(cache.Get("no-such-plan", kImport, kStaff, 1001), nullptr);
}

TEST(ImportPlanCacheTest, PlansExpire) {
  ImportPlanCache cache(4, 1800);
  const std::string id = cache.Put({kImport, kStaff, 7}, PlanOf(1), 1000);
  EXPECT_NE(cache.Get(id, kImport, kStaff, 2799), nullptr);
  EXPECT_EQ(cache.Get(id, kImport, kStaff, 2800), nullptr);
}

TEST(ImportPlanCacheTest, TheOldestGoesWhenFull) {
  ImportPlanCache cache(2, 1800);
  const std::string first = cache.Put({kImport, kStaff, 7}, PlanOf(1), 1000);
  const std::string second = cache.Put({kImport, kStaff, 7}, PlanOf(2), 1001);
  const std::string third = cache.Put({kImport, kStaff, 7}, PlanOf(3), 1002);
  EXPECT_EQ(cache.Get(first, kImport, kStaff, 1003), nullptr);
  EXPECT_NE(cache.Get(second, kImport, kStaff, 1003), nullptr);
  EXPECT_NE(cache.Get(third, kImport, kStaff, 1003), nullptr);
}

TEST(ImportPlanCacheTest, TakeRemovesAndRefusesAPlanMadeBeforeAChange) {
  ImportPlanCache cache(4, 1800);
  const std::string fresh = cache.Put({kImport, kStaff, 7}, PlanOf(5), 1000);
  auto taken = cache.Take(fresh, {kImport, kStaff, 7}, 1001);
  ASSERT_NE(taken, nullptr);
  EXPECT_EQ(taken->Count("create"), 5);
  EXPECT_EQ(cache.Take(fresh, {kImport, kStaff, 7}, 1002), nullptr) << "a plan is used once";

  const std::string stale = cache.Put({kImport, kStaff, 7}, PlanOf(5), 1000);
  EXPECT_EQ(cache.Take(stale, {kImport, kStaff, 8}, 1001), nullptr) << "data changed since the preview";
  EXPECT_EQ(cache.Get(stale, kImport, kStaff, 1001), nullptr) << "and the stale plan is dropped";

  const std::string theirs = cache.Put({kImport, kStaff, 7}, PlanOf(5), 1000);
  EXPECT_EQ(cache.Take(theirs, {kImport, kOtherStaff, 7}, 1001), nullptr);
  EXPECT_NE(cache.Get(theirs, kImport, kStaff, 1001), nullptr) << "another user's attempt leaves it in place";
}

}  // namespace
}  // namespace tuijin::api
