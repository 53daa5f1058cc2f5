#include "db/backup.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include "base/test_temp_path.h"
#include "db/migrate.h"

namespace tuijin::db {
namespace {

using testing_support::TestTempPath;
namespace fs = std::filesystem;

void Exec(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
}

int64_t Count(const std::string& path, const char* sql = "SELECT COUNT(*) FROM reports") {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, sql, -1, &st, nullptr);
  const int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
  sqlite3_finalize(st);
  sqlite3_close(db);
  return n;
}

// A WAL database like tuijin's: schema_migrations at this binary's version, and `rows`
// report rows of about 1 KiB each (so that a backup takes several steps).
std::string MakeDatabase(const std::string& name, int rows) {
  const std::string path = TestTempPath(name);
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix);
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  Exec(db, "PRAGMA journal_mode=WAL");
  Exec(db, "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
  Exec(db, "INSERT INTO schema_migrations VALUES (" + std::to_string(RequiredVersion(Dialect::kSqlite)) +
               ", 'current', '2026-12-01 09:00:00')");
  Exec(db, "CREATE TABLE reports (id INTEGER PRIMARY KEY, progress TEXT NOT NULL)");
  Exec(db, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + std::to_string(rows) +
               ") INSERT INTO reports (progress) SELECT printf('完成主体结构第%d段', i) || hex(randomblob(500)) FROM n");
  sqlite3_close(db);
  return path;
}

TEST(Backup, CopiesOneSnapshotWhileAnotherConnectionKeepsWriting) {
  const std::string path = MakeDatabase("backup_live.db", 6000);
  const std::string out = TestTempPath("backup_live_copy.db");
  fs::remove(out);

  std::atomic<int64_t> committed{6000};
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    sqlite3_busy_timeout(db, 5000);
    while (!stop) {
      if (sqlite3_exec(db, "INSERT INTO reports (progress) VALUES ('城东路街道本期完成投资320万元')", nullptr, nullptr, nullptr) ==
          SQLITE_OK) {
        ++committed;
      }
    }
    sqlite3_close(db);
  });
  // Committed before the backup: in it. Committed after its first step: not in it. Between
  // steps the writer must get on (a backup that blocked it would wait here for ever).
  while (committed < 6100) std::this_thread::yield();
  const int64_t before = committed;
  int64_t at_first_step = -1;
  int steps = 0;
  const auto backup = BackupSqlite(path, out, [&](const BackupProgress& p) {
    ++steps;
    EXPECT_LE(p.copied_pages, p.total_pages);
    if (at_first_step < 0) at_first_step = committed;
    const int64_t now = committed;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (committed < now + 20 && std::chrono::steady_clock::now() < deadline) std::this_thread::yield();
    EXPECT_GE(committed, now + 20) << "the writer was held up by the backup";
  });
  stop = true;
  writer.join();
  ASSERT_TRUE(backup.ok()) << backup.status().message();
  EXPECT_EQ(backup->schema_version, RequiredVersion(Dialect::kSqlite));
  EXPECT_GT(steps, 1);
  const int64_t copied = Count(out);
  EXPECT_GE(copied, before);
  // The writer counts a row just after its commit returns: one commit may be in the copy and
  // not yet in the count read at the first step.
  EXPECT_LE(copied, at_first_step + 1);
  EXPECT_GT(committed, at_first_step + 20);
  EXPECT_FALSE(fs::exists(out + ".part"));
  EXPECT_FALSE(fs::exists(out + "-wal"));

  auto info = CheckSqliteFile(out);
  ASSERT_TRUE(info.ok()) << info.status().message();
  EXPECT_EQ(info->schema_version, RequiredVersion(Dialect::kSqlite));
}

TEST(Backup, AFailedBackupLeavesNothing) {
  const std::string path = MakeDatabase("backup_fail.db", 10);
  const std::string out = TestTempPath("no_such_dir") + "/copy.db";
  EXPECT_FALSE(BackupSqlite(path, out).ok());
  EXPECT_FALSE(fs::exists(out + ".part"));
  EXPECT_EQ(BackupSqlite(TestTempPath("missing.db"), out).status().error_code(), "db.not_found");
  EXPECT_EQ(BackupSqlite(path, path).status().error_code(), "db.same_file");
}

TEST(CheckSqliteFile, FindsADamagedPage) {
  const std::string path = MakeDatabase("damaged.db", 2000);
  {
    // Overwrite the middle of the file (table b-tree pages) with text.
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(fs::file_size(path) / 2));
    const std::string junk(9000, 'X');
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  auto info = CheckSqliteFile(path);
  ASSERT_FALSE(info.ok());
  EXPECT_EQ(info.status().error_code(), "db.corrupt") << info.status().message();
  // And it is not restored.
  const std::string target = TestTempPath("damaged_restored.db");
  fs::remove(target);
  EXPECT_EQ(RestoreSqlite(path, target, false).status().error_code(), "db.corrupt");
  EXPECT_FALSE(fs::exists(target));
  EXPECT_FALSE(fs::exists(target + ".part"));
}

TEST(RestoreSqlite, RefusesADatabaseThatIsNotTuijins) {
  const std::string path = TestTempPath("other.db");
  fs::remove(path);
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  Exec(db, "CREATE TABLE contacts (name TEXT)");
  sqlite3_close(db);
  const std::string target = TestTempPath("other_restored.db");
  fs::remove(target);
  EXPECT_EQ(RestoreSqlite(path, target, false).status().error_code(), "db.not_tuijin");
  EXPECT_FALSE(fs::exists(target));
}

TEST(RestoreSqlite, ReplacesTheTargetAndItsOldWal) {
  const std::string backup = MakeDatabase("restore_src.db", 50);
  const std::string target = MakeDatabase("restore_target.db", 5);
  // A -wal left beside the old database would be replayed onto the restored one.
  { std::ofstream(target + "-wal") << "stale"; }
  auto info = RestoreSqlite(backup, target, /*force=*/true);
  ASSERT_TRUE(info.ok()) << info.status().message();
  EXPECT_FALSE(fs::exists(target + "-wal"));
  EXPECT_EQ(Count(target), 50);
}

}  // namespace
}  // namespace tuijin::db
