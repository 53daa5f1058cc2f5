#include "db/migrate.h"

#include <fmt/format.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>

#include "base/embedded.h"
#include "base/time.h"

namespace tuijin::db {
namespace {

constexpr const char* kCreateVersionTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";

// Runs a multi-statement SQL script on the connection's native handle: SOCI prepares one
// statement at a time, but a migration file holds many (and trigger bodies with ';').
void ExecScript(soci::session& sql, Dialect dialect, const std::string& script) {
  if (dialect == Dialect::kSqlite) {
    auto* backend = static_cast<soci::sqlite3_session_backend*>(sql.get_backend());
    char* err = nullptr;
    if (sqlite_api::sqlite3_exec(backend->conn_, script.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string message = err ? err : "unknown error";
      sqlite_api::sqlite3_free(err);
      throw std::runtime_error(message);
    }
  } else {
    auto* backend = static_cast<soci::postgresql_session_backend*>(sql.get_backend());
    PGresult* res = PQexec(backend->conn_, script.c_str());
    const auto status = PQresultStatus(res);
    std::string message = PQresultErrorMessage(res);
    PQclear(res);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) throw std::runtime_error(message);
  }
}

}  // namespace

std::vector<Migration> EmbeddedMigrations(Dialect dialect) {
  const std::string prefix = dialect == Dialect::kSqlite ? "sqlite/" : "postgres/";
  std::vector<Migration> out;
  for (const auto& f : embed::kMigrationFiles()) {
    const std::string_view path = f.Path();
    if (path.rfind(prefix, 0) != 0 || !path.ends_with(".sql")) continue;
    std::string name(path.substr(prefix.size(), path.size() - prefix.size() - 4));
    out.push_back({std::stoi(name.substr(0, 4)), name, std::string(f.Contents())});
  }
  std::sort(out.begin(), out.end(), [](const Migration& a, const Migration& b) { return a.version < b.version; });
  return out;
}

int RequiredVersion(Dialect dialect) {
  const auto all = EmbeddedMigrations(dialect);
  return all.empty() ? 0 : all.back().version;
}

StatusOr<int> AppliedVersion(Database& db) {
  return db.Run([&](soci::session& sql) -> StatusOr<int> {
    sql << kCreateVersionTable;
    std::optional<int> version;
    sql << "SELECT MAX(version) FROM schema_migrations", soci::into(version);
    return version.value_or(0);
  });
}

Status Migrate(Database& db, const std::function<void(const Migration&)>& on_applied) {
  ASSIGN_OR_RETURN(const int applied, AppliedVersion(db));
  const int required = RequiredVersion(db.dialect());
  if (applied > required) {
    return Status::Conflict("db.schema_newer",
                            fmt::format("数据库结构版本 {} 比本程序支持的版本 {} 新:请使用更新版本的 tuijin", applied, required));
  }
  for (const Migration& m : EmbeddedMigrations(db.dialect())) {
    if (m.version <= applied) continue;
    Status st = db.Run([&](soci::session& sql) -> Status {
      Transaction tx(sql, db.dialect());
      if (db.is_postgres()) sql << "SELECT pg_advisory_xact_lock(7355608)";
      int already = 0;
      sql << "SELECT COUNT(*) FROM schema_migrations WHERE version = :v", soci::use(m.version), soci::into(already);
      if (already > 0) return Status::Ok();  // another process applied it meanwhile
      try {
        ExecScript(sql, db.dialect(), m.sql);
        // A script that rewrote a definition in sqlite_schema (writable_schema) bumps the schema
        // version, as the SQLite manual prescribes, so that every connection parses it again.
        if (db.dialect() == Dialect::kSqlite && m.sql.find("writable_schema") != std::string::npos) {
          int schema_version = 0;
          sql << "PRAGMA schema_version", soci::into(schema_version);
          sql << "PRAGMA schema_version = " + std::to_string(schema_version + 1);
        }
      } catch (const std::exception& e) {
        return Status::Internal(e.what());
      }
      const std::string now = NowTimestamp();
      sql << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :t)", soci::use(m.version),
          soci::use(m.name), soci::use(now);
      tx.Commit();
      return Status::Ok();
    });
    if (!st.ok()) {
      return Status::Internal(fmt::format("迁移 {} 失败:{}", m.name, st.message()));
    }
    if (on_applied) on_applied(m);
  }
  return Status::Ok();
}

Status CheckSchema(Database& db) {
  ASSIGN_OR_RETURN(const int applied, AppliedVersion(db));
  const int required = RequiredVersion(db.dialect());
  if (applied < required) {
    return Status::Conflict(
        "db.schema_older",
        fmt::format("数据库结构版本为 {},本程序需要 {}。请先运行:tuijin migrate --db <同一数据库> "
                    "(或 serve 时加 --migrate)", applied, required));
  }
  if (applied > required) {
    return Status::Conflict("db.schema_newer",
                            fmt::format("数据库结构版本 {} 比本程序支持的版本 {} 新:请使用更新版本的 tuijin", applied, required));
  }
  return Status::Ok();
}

}  // namespace tuijin::db
