#include "db/db.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

namespace tuijin::db {
namespace {

// The PostgreSQL cases need a server: TUIJIN_TEST_PG=postgresql://postgres@127.0.0.1:PORT
// (scripts/pg.sh start). Without it they are skipped.
std::string TestPg() {
  const char* url = std::getenv("TUIJIN_TEST_PG");
  return url ? url : "";
}

int64_t BackendPid(Database& db) {
  auto pid = db.Run([](soci::session& sql) -> StatusOr<int64_t> {
    int pid = 0;
    sql << "SELECT pg_backend_pid()", soci::into(pid);
    return static_cast<int64_t>(pid);
  });
  EXPECT_TRUE(pid.ok()) << pid.status().message();
  return pid.ok() ? *pid : 0;
}

// A pooled connection whose server process ended while it sat idle (what a restart of
// PostgreSQL does to every pooled connection) is reopened when leased: the next call
// succeeds, on a new server process, instead of failing once per pooled connection.
TEST(DatabaseTest, PostgresConnectionDroppedWhileIdleIsReopenedBeforeUse) {
  if (TestPg().empty()) GTEST_SKIP() << "TUIJIN_TEST_PG not set";
  auto db = Database::Open(TestPg(), 1);
  ASSERT_TRUE(db.ok()) << db.status().message();
  const int64_t first = BackendPid(**db);
  ASSERT_GT(first, 0);

  auto killer = Database::Open(TestPg(), 1);
  ASSERT_TRUE(killer.ok());
  Status killed = (*killer)->Run([&](soci::session& sql) -> Status {
    int ok = 0;
    sql << "SELECT pg_terminate_backend(" + std::to_string(first) + ")::int", soci::into(ok);
    return ok == 1 ? Status::Ok() : Status::Internal("not terminated");
  });
  ASSERT_TRUE(killed.ok()) << killed.message();
  // pg_terminate_backend only signals: wait until the process has gone.
  for (int i = 0; i < 100; ++i) {
    auto alive = (*killer)->Run([&](soci::session& sql) -> StatusOr<int> {
      int n = 0;
      sql << "SELECT count(*) FROM pg_stat_activity WHERE pid = " + std::to_string(first), soci::into(n);
      return n;
    });
    ASSERT_TRUE(alive.ok());
    if (*alive == 0) break;
  }

  auto after = (*db)->Run([](soci::session& sql) -> StatusOr<int> {
    int one = 0;
    sql << "SELECT 1", soci::into(one);
    return one;
  });
  ASSERT_TRUE(after.ok()) << after.status().message();
  EXPECT_EQ(*after, 1);
  const int64_t second = BackendPid(**db);
  EXPECT_NE(second, first);
  EXPECT_GT(second, 0);
}

// No server listening: opening gives Unavailable (HTTP 503), not an internal error.
TEST(DatabaseTest, PostgresRefusedIsUnavailable) {
  auto closed = Database::Open("postgresql://postgres@127.0.0.1:1/postgres", 1);
  ASSERT_FALSE(closed.ok());
  EXPECT_EQ(closed.status().code(), StatusCode::kUnavailable);
}

}  // namespace
}  // namespace tuijin::db
