#include "api/audit.h"

#include <gtest/gtest.h>

namespace tuijin::api {
namespace {

namespace json = boost::json;
using Params = std::vector<std::pair<std::string, std::string>>;

TEST(AuditActionTest, NamesRoutesByTheirSegmentsAndVerb) {
  EXPECT_EQ(ActionOf("PUT", "/api/v1/projects/{id}", Params{{"id", "12"}}, 200).action, "projects.update");
  EXPECT_EQ(ActionOf("POST", "/api/v1/projects", {}, 201).action, "projects.create");
  const AuditAction submit =
      ActionOf("POST", "/api/v1/projects/{id}/reports/{period}/submit", Params{{"id", "12"}, {"period", "2026-10"}}, 200);
  EXPECT_EQ(submit.action, "projects.reports.submit");
  EXPECT_EQ(submit.resource, "projects");
  EXPECT_EQ(submit.resource_id, "12/2026-10");
  EXPECT_EQ(ActionOf("POST", "/api/v1/periods/{period}/lock", Params{{"period", "2026-10"}}, 200).action, "periods.lock");
  EXPECT_EQ(ActionOf("DELETE", "/api/v1/saved-filters/{id}", Params{{"id", "3"}}, 204).action, "saved-filters.delete");
  EXPECT_EQ(ActionOf("GET", "/api/v1/exports/projects", {}, 200).action, "exports.projects.download");
  EXPECT_EQ(ActionOf("POST", "/api/v1/session", {}, 200).action, "session.login");
  EXPECT_EQ(ActionOf("POST", "/api/v1/session", {}, 401).action, "session.login_failed");
  EXPECT_EQ(ActionOf("DELETE", "/api/v1/session", {}, 204).action, "session.logout");
  EXPECT_EQ(ActionOf("PUT", "/api/v1/session/password", {}, 204).action, "session.password.update");
}

TEST(AuditValuesTest, ChangedLeavesOnlyWithSecretsMasked) {
  const json::value before = json::parse(
      R"({"name":"云河路改造","plan":{"amount":100,"year":2026},"tags":["民生"],"version":3,"updated_at":"a","token":"x"})");
  const json::value after = json::parse(
      R"({"name":"云河路改造","plan":{"amount":250,"year":2026},"tags":["民生","攻坚"],"version":4,"updated_at":"b","token":"y","stage":"construction"})");
  auto [old_values, new_values] = ChangedFields(before, after);
  EXPECT_EQ(json::serialize(old_values), R"({"plan.amount":100,"tags":["民生"],"stage":null})");
  EXPECT_EQ(json::serialize(new_values), R"({"plan.amount":250,"tags":["民生","攻坚"],"stage":"construction"})");

  EXPECT_EQ(json::serialize(Redacted(json::parse(R"({"username":"fgw","password":"p","nested":{"new_password":"q"}})"))),
            R"({"username":"fgw","password":"***","nested":{"new_password":"***"}})");
}

}  // namespace
}  // namespace tuijin::api
