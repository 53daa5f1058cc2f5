// Online backup, restore and integrity check of a SQLite database file (the CLI's `backup`,
// `restore` and `check`). They open their own connections with the SQLite C API, not the
// server's pool, and may run while `tuijin serve` uses the same file. PostgreSQL is backed up
// with its own tools (pg_dump / pg_restore, see README 备份与恢复).
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "base/status.h"

namespace tuijin::db {

// Pages copied per sqlite3_backup_step: 256 pages (1 MiB at SQLite's 4 KiB default).
inline constexpr int kBackupStepPages = 256;

struct BackupProgress {
  int64_t copied_pages = 0;
  int64_t total_pages = 0;
};

// What CheckSqliteFile found.
struct SqliteFileInfo {
  int schema_version = 0;  // highest version in schema_migrations
  int64_t pages = 0;
  int64_t page_size = 0;
};

// Copies the SQLite database at `db_path` to `out_path` while other processes keep reading
// and writing it. The copy is one snapshot, taken when the backup starts: a read transaction
// is held on the source throughout, which in WAL mode (how tuijin opens every database) does
// not hold up writers; pages are copied kBackupStepPages at a time. The copy is written to
// `out_path + ".part"`, turned into a single file (journal_mode=DELETE, no -wal beside it),
// checked with PRAGMA integrity_check and only then renamed to `out_path` (an existing file
// there is replaced). On any error the .part file is removed and `out_path` is untouched.
// `progress`, if given, is called after each step. Returns what the check found in the copy.
// Errors: db.not_found (no such file), db.same_file (out_path is the database itself),
// db.backup_failed (with SQLite's message), db.corrupt (the copy failed the check).
StatusOr<SqliteFileInfo> BackupSqlite(const std::string& db_path, const std::string& out_path,
                                      const std::function<void(const BackupProgress&)>& progress = {});

// Opens `path` (never creating it), runs PRAGMA integrity_check and reads the schema version.
// Errors: db.not_found, db.not_sqlite (not a database file), db.corrupt (the message lists
// the first problems found), db.not_tuijin (no schema_migrations table).
StatusOr<SqliteFileInfo> CheckSqliteFile(const std::string& path);

// Restores the backup `from` to the database file `target`: checks the backup (as
// CheckSqliteFile) and refuses one whose schema is newer than this binary's (db.schema_newer);
// refuses an existing `target` unless `force` (restore.target_exists), and with `force` an
// existing target that a running server still has open (restore.in_use). The copy is
// written beside the target (`target + ".part"`), checked, and renamed over it; the old
// database's -wal and -shm files are removed so that they cannot be replayed onto the new one.
// A backup older than the binary is restored as it is: `tuijin migrate` (or serve --migrate)
// brings it up to date.
StatusOr<SqliteFileInfo> RestoreSqlite(const std::string& from, const std::string& target, bool force);

}  // namespace tuijin::db
