// Forward-only schema migrations, embedded from db/migrations/{sqlite,postgres}/NNNN_name.sql.
// Each migration runs in its own transaction together with its row in schema_migrations.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "base/status.h"
#include "db/db.h"

namespace tuijin::db {

struct Migration {
  int version;
  std::string name;  // "0001_init"
  std::string sql;
};

// The embedded migrations of one dialect, by ascending version.
std::vector<Migration> EmbeddedMigrations(Dialect dialect);

// The highest embedded version: the schema this binary needs.
int RequiredVersion(Dialect dialect);

// The highest applied version, 0 for an empty database.
StatusOr<int> AppliedVersion(Database& db);

// Applies every pending migration in order; calls on_applied after each commit.
// Refuses a database newer than the binary.
Status Migrate(Database& db, const std::function<void(const Migration&)>& on_applied = {});

// OK when the database is exactly at RequiredVersion(); otherwise a FailedPrecondition-like
// error whose message says what to run.
Status CheckSchema(Database& db);

}  // namespace tuijin::db
