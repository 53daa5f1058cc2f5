#include "db/backup.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string_view>
#include <vector>

#include "db/migrate.h"

namespace tuijin::db {
namespace {

namespace fs = std::filesystem;

struct CloseDb {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using DbHandle = std::unique_ptr<sqlite3, CloseDb>;

std::string Message(sqlite3* db) { return db ? sqlite3_errmsg(db) : "out of memory"; }

StatusOr<DbHandle> OpenSqlite(const std::string& path, int flags) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  DbHandle db(raw);
  if (rc != SQLITE_OK) {
    return Status::Unavailable("db.open_failed", fmt::format("无法打开 {}:{}", path, Message(raw)));
  }
  sqlite3_extended_result_codes(raw, 1);
  return db;
}

// Runs statements that return no rows we need; the SQLite error as the message otherwise.
Status Exec(sqlite3* db, const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string message = err ? err : Message(db);
    sqlite3_free(err);
    return Status::Unavailable("db.backup_failed", message);
  }
  return Status::Ok();
}

// The text of every row of a one-column query.
StatusOr<std::vector<std::string>> Column(sqlite3* db, const char* sql, int max_rows = 1000) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &raw, nullptr) != SQLITE_OK) {
    return Status::Unavailable("db.query_failed", Message(db));
  }
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> stmt(raw, sqlite3_finalize);
  std::vector<std::string> out;
  int rc;
  while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
    if (static_cast<int>(out.size()) < max_rows) {
      const auto* text = sqlite3_column_text(raw, 0);
      out.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
    }
  }
  if (rc != SQLITE_DONE) return Status::Unavailable("db.query_failed", Message(db));
  return out;
}

StatusOr<int64_t> Integer(sqlite3* db, const char* sql) {
  ASSIGN_OR_RETURN(auto rows, Column(db, sql));
  if (rows.empty() || rows.front().empty()) return int64_t{0};
  return std::stoll(rows.front());
}

// PRAGMA integrity_check, and the schema version, on an open connection.
StatusOr<SqliteFileInfo> Inspect(sqlite3* db, const std::string& path) {
  auto problems = Column(db, "PRAGMA integrity_check(20)");
  if (!problems.ok()) {
    // "file is not a database" surfaces here, at the first read.
    const int code = sqlite3_errcode(db) & 0xff;
    if (code == SQLITE_NOTADB) {
      return Status::InvalidArgument("db.not_sqlite", fmt::format("{} 不是 SQLite 数据库文件", path));
    }
    if (code == SQLITE_CORRUPT) {
      return Status::Unavailable("db.corrupt", fmt::format("{} 已损坏:{}", path, problems.status().message()));
    }
    return problems.status();
  }
  if (problems->size() != 1 || problems->front() != "ok") {
    std::string list;
    for (const auto& p : *problems) list += "\n  " + p;
    return Status::Unavailable("db.corrupt", fmt::format("{} 未通过完整性检查(PRAGMA integrity_check):{}", path, list));
  }
  SqliteFileInfo info;
  ASSIGN_OR_RETURN(info.pages, Integer(db, "PRAGMA page_count"));
  ASSIGN_OR_RETURN(info.page_size, Integer(db, "PRAGMA page_size"));
  ASSIGN_OR_RETURN(const int64_t has_table,
                   Integer(db, "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'"));
  if (has_table == 0) {
    return Status::InvalidArgument("db.not_tuijin", fmt::format("{} 不是 tuijin 数据库(没有 schema_migrations 表)", path));
  }
  ASSIGN_OR_RETURN(const int64_t version, Integer(db, "SELECT MAX(version) FROM schema_migrations"));
  info.schema_version = static_cast<int>(version);
  return info;
}

// A rename is durable once the directory that holds it is synced.
void SyncDirectory(const fs::path& file) {
  const fs::path dir = file.parent_path().empty() ? fs::path(".") : file.parent_path();
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

void RemoveQuietly(const fs::path& p) {
  std::error_code ec;
  fs::remove(p, ec);
}

// Copies `src` into the new file `part` with the backup API, makes it a single file and
// checks it. `part` is removed on failure.
StatusOr<SqliteFileInfo> CopyInto(sqlite3* src, const std::string& part,
                                  const std::function<void(const BackupProgress&)>& progress) {
  RemoveQuietly(part);
  RemoveQuietly(part + "-journal");
  auto fail = [&](Status st) -> Status {
    RemoveQuietly(part);
    RemoveQuietly(part + "-journal");
    return st;
  };
  StatusOr<SqliteFileInfo> info = Status::Internal("unreachable");
  {
    ASSIGN_OR_RETURN(DbHandle dest, OpenSqlite(part, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));
    if (Status st = Exec(dest.get(), "PRAGMA synchronous=FULL"); !st.ok()) return fail(st);
    sqlite3_backup* backup = sqlite3_backup_init(dest.get(), "main", src, "main");
    if (!backup) return fail(Status::Unavailable("db.backup_failed", Message(dest.get())));
    int rc;
    int busy_retries = 0;
    while (true) {
      rc = sqlite3_backup_step(backup, kBackupStepPages);
      if (progress) {
        const int total = sqlite3_backup_pagecount(backup);
        progress({total - sqlite3_backup_remaining(backup), total});
      }
      if (rc == SQLITE_OK) continue;
      // Busy only while another connection holds an exclusive lock (a checkpoint that
      // truncates, a non-WAL writer): wait for it, up to a minute.
      if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && busy_retries++ < 1200) {
        sqlite3_sleep(50);
        continue;
      }
      break;
    }
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) {
      return fail(Status::Unavailable("db.backup_failed", fmt::format("备份失败:{}", sqlite3_errstr(rc))));
    }
    // The copy of a WAL database is a WAL database too: back to a rollback journal, so that
    // the backup is one self-contained file (the server turns WAL on again when it opens it).
    if (Status st = Exec(dest.get(), "PRAGMA journal_mode=DELETE"); !st.ok()) return fail(st);
    info = Inspect(dest.get(), part);
  }
  if (!info.ok()) return fail(info.status());
  return info;
}

}  // namespace

StatusOr<SqliteFileInfo> BackupSqlite(const std::string& db_path, const std::string& out_path,
                                      const std::function<void(const BackupProgress&)>& progress) {
  std::error_code ec;
  if (!fs::is_regular_file(db_path, ec)) {
    return Status::NotFound("db.not_found", fmt::format("数据库文件不存在:{}", db_path));
  }
  if (fs::exists(out_path, ec) && fs::equivalent(db_path, out_path, ec)) {
    return Status::InvalidArgument("db.same_file", "--out 不能是数据库文件本身");
  }
  // Read-write so that SQLite may create the -shm file of a WAL database nobody has open;
  // nothing is written to the source.
  ASSIGN_OR_RETURN(DbHandle src, OpenSqlite(db_path, SQLITE_OPEN_READWRITE));
  sqlite3_busy_timeout(src.get(), 30000);
  ASSIGN_OR_RETURN(auto mode, Column(src.get(), "PRAGMA journal_mode"));
  // One snapshot for the whole copy: with a read transaction open on the source connection,
  // backup_step reads within it instead of taking and dropping a lock at every step, so
  // writes committed meanwhile by the server neither enter the copy nor restart it. In WAL
  // mode readers do not block writers, so the server keeps writing. (A database in rollback
  // journal mode is copied without it: its writers would wait for the whole copy.)
  const bool wal = !mode.empty() && mode.front() == "wal";
  if (wal) {
    RETURN_IF_ERROR(Exec(src.get(), "BEGIN"));
    RETURN_IF_ERROR(Column(src.get(), "SELECT COUNT(*) FROM sqlite_schema").status());
  }
  const std::string part = out_path + ".part";
  auto info = CopyInto(src.get(), part, progress);
  if (wal) (void)Exec(src.get(), "COMMIT");
  src.reset();
  if (!info.ok()) return info.status();
  fs::rename(part, out_path, ec);
  if (ec) {
    RemoveQuietly(part);
    return Status::Unavailable("db.backup_failed", fmt::format("无法写入 {}:{}", out_path, ec.message()));
  }
  SyncDirectory(out_path);
  return info;
}

StatusOr<SqliteFileInfo> CheckSqliteFile(const std::string& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    return Status::NotFound("db.not_found", fmt::format("数据库文件不存在:{}", path));
  }
  // Read-write (a write-protected file is still opened, read-only): after a crash the WAL
  // index must be rebuilt before the last commits can be read, and a read-only connection
  // cannot. Nothing but that recovery is written.
  ASSIGN_OR_RETURN(DbHandle db, OpenSqlite(path, SQLITE_OPEN_READWRITE));
  sqlite3_busy_timeout(db.get(), 30000);
  return Inspect(db.get(), path);
}

StatusOr<SqliteFileInfo> RestoreSqlite(const std::string& from, const std::string& target, bool force) {
  ASSIGN_OR_RETURN(const SqliteFileInfo checked, CheckSqliteFile(from));
  const int required = RequiredVersion(Dialect::kSqlite);
  if (checked.schema_version > required) {
    return Status::Conflict("db.schema_newer",
                            fmt::format("备份的数据库结构版本 {} 比本程序支持的版本 {} 新:请使用更新版本的 tuijin 恢复",
                                        checked.schema_version, required));
  }
  std::error_code ec;
  const bool exists = fs::exists(target, ec);
  if (exists && fs::equivalent(from, target, ec)) {
    return Status::InvalidArgument("db.same_file", "--from 与 --db 是同一个文件");
  }
  if (exists && !force) {
    return Status::Conflict("restore.target_exists",
                            fmt::format("目标数据库已存在:{}。如确要用备份覆盖它,请先停止服务,再加 --force", target));
  }
  if (exists) {
    // A server that has the database open keeps a shared lock on the file for as long as
    // it does (WAL mode), so an exclusive lock is refused while one runs. Closing the
    // connection again checkpoints the old WAL into the file that is then replaced.
    ASSIGN_OR_RETURN(DbHandle old, OpenSqlite(target, SQLITE_OPEN_READWRITE));
    Status locked = Exec(old.get(), "PRAGMA locking_mode=EXCLUSIVE");
    if (locked.ok()) locked = Exec(old.get(), "BEGIN EXCLUSIVE");
    if (!locked.ok()) {
      return Status::Conflict("restore.in_use",
                              fmt::format("目标数据库 {} 正在被使用(tuijin serve 是否仍在运行?):请先停止服务。({})", target,
                                          locked.message()));
    }
    (void)Exec(old.get(), "ROLLBACK");
  }
  ASSIGN_OR_RETURN(DbHandle src, OpenSqlite(from, SQLITE_OPEN_READONLY));
  const fs::path target_path(target);
  if (!target_path.parent_path().empty()) fs::create_directories(target_path.parent_path(), ec);
  const std::string part = target + ".part";
  ASSIGN_OR_RETURN(const SqliteFileInfo info, CopyInto(src.get(), part, {}));
  src.reset();
  fs::rename(part, target, ec);
  if (ec) {
    RemoveQuietly(part);
    return Status::Unavailable("restore.failed", fmt::format("无法写入 {}:{}", target, ec.message()));
  }
  // Frames left in the old database's WAL would be replayed onto the restored file.
  for (const char* suffix : {"-wal", "-shm", "-journal"}) {
    fs::remove(target + suffix, ec);
    if (ec) {
      return Status::Unavailable("restore.failed",
                                 fmt::format("已恢复,但无法删除旧的 {}{}:{};请手工删除后再启动服务", target, suffix, ec.message()));
    }
  }
  SyncDirectory(target_path);
  return info;
}

}  // namespace tuijin::db
