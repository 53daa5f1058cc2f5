#include "db/db.h"

#include <fmt/format.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>

#include <poll.h>

#include <filesystem>
#include <mutex>
#include <string_view>

namespace tuijin::db {

namespace {

// SOCI's PostgreSQL backend adds its own options to the connection string, which breaks a
// postgresql:// URI: turn the URI into key='value' pairs with libpq's own parser.
StatusOr<std::string> KeyValueConninfo(const std::string& url) {
  char* err = nullptr;
  PQconninfoOption* opts = PQconninfoParse(url.c_str(), &err);
  if (!opts) {
    std::string message = err ? err : "无法解析";
    PQfreemem(err);
    return Status::InvalidArgument("db.bad_url", "PostgreSQL 连接串无效:" + message);
  }
  std::string out;
  bool has_timeout = false;
  for (PQconninfoOption* o = opts; o->keyword; ++o) {
    if (!o->val || !*o->val) continue;
    if (std::string_view(o->keyword) == "connect_timeout") has_timeout = true;
    std::string value;
    for (const char* c = o->val; *c; ++c) {
      if (*c == '\\' || *c == '\'') value += '\\';
      value += *c;
    }
    out += fmt::format("{}{}='{}'", out.empty() ? "" : " ", o->keyword, value);
  }
  PQconninfoFree(opts);
  // An unreachable server (not one that refuses) would otherwise hold every request that
  // reconnects for the operating system's TCP timeout, minutes: a few seconds, then 503.
  if (!has_timeout) out += " connect_timeout='3'";
  return out;
}

}  // namespace

StatusOr<std::unique_ptr<Database>> Database::Open(const std::string& url, size_t pool_size) {
  const bool pg = url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
  if (!pg) {
    const std::filesystem::path dir = std::filesystem::path(url).parent_path();
    std::error_code ec;
    if (!dir.empty()) std::filesystem::create_directories(dir, ec);
    if (ec) return Status::Unavailable("db.open_failed", fmt::format("无法创建数据库目录 {}:{}", dir.string(), ec.message()));
  }
  std::string target = url;
  if (pg) {
    ASSIGN_OR_RETURN(target, KeyValueConninfo(url));
  }
  std::unique_ptr<Database> db(new Database(pg ? Dialect::kPostgres : Dialect::kSqlite, target, pool_size));
  for (size_t i = 0; i < pool_size; ++i) RETURN_IF_ERROR(db->Connect(db->pool_->at(i)));
  return db;
}

Database::Database(Dialect dialect, std::string url, size_t pool_size)
    : dialect_(dialect), url_(std::move(url)), pool_size_(pool_size),
      pool_(std::make_unique<soci::connection_pool>(pool_size)) {
  if (dialect_ == Dialect::kSqlite) {
    // A pooled connection is used by one thread at a time, so SQLite's per-call mutexes (a
    // lock and unlock around every column read, an eighth of a large read's time) are not
    // needed: multi-thread mode. Only possible before SQLite initializes, hence once, first.
    static std::once_flag once;
    std::call_once(once, [] { sqlite_api::sqlite3_config(SQLITE_CONFIG_MULTITHREAD); });
  }
}

Database::~Database() = default;

Status Database::Connect(soci::session& sql) {
  try {
    if (dialect_ == Dialect::kPostgres) {
      sql.open(soci::postgresql, url_);
      sql << "SET TIME ZONE 'Asia/Shanghai'";
    } else {
      sql.open(soci::sqlite3, fmt::format("db=\"{}\" timeout=30", url_));
      sql << "PRAGMA journal_mode=WAL";
      sql << "PRAGMA foreign_keys=ON";
      sql << "PRAGMA busy_timeout=30000";
      // NORMAL in WAL mode: a process crash (kill -9) loses nothing committed; only an OS
      // crash may lose the last transactions. See README "数据安全".
      sql << "PRAGMA synchronous=NORMAL";
      // Statement journals and temporary b-trees in memory: every INSERT that may abort
      // (foreign keys, unique indexes) keeps a statement journal, which otherwise spills to
      // a temporary file past 64 KiB and turned a 10,000-row import into a stream of writes.
      sql << "PRAGMA temp_store=MEMORY";
      sql << "PRAGMA cache_size=-16384";
      // Pages read through a shared mapping instead of a read() each: every connection's page
      // cache misses on a library larger than the cache (10,000 projects with three years of
      // reports is ~90 MB) otherwise become system calls (a third of a missing-reports list).
      sql << "PRAGMA mmap_size=268435456";
    }
  } catch (const std::exception& e) {
    return Status::Unavailable("db.open_failed", fmt::format("无法连接数据库:{}", e.what()));
  }
  return Status::Ok();
}

Status Database::EnsureConnected(soci::session& sql) {
  auto* backend = static_cast<soci::postgresql_session_backend*>(sql.get_backend());
  if (backend && backend->conn_ && PQstatus(backend->conn_) == CONNECTION_OK) {
    // An idle connection is sent nothing (no LISTEN here): anything readable on its socket is
    // the server ending it (the FATAL notice of a shutdown, the end of the stream). One poll,
    // no round trip.
    pollfd p{PQsocket(backend->conn_), POLLIN, 0};
    if (p.fd >= 0 && poll(&p, 1, 0) == 0) return Status::Ok();
  }
  try {
    sql.reconnect();
    sql << "SET TIME ZONE 'Asia/Shanghai'";
    if (unreachable_.exchange(false)) spdlog::warn("database reachable again");
    spdlog::info("database connection re-established");
    return Status::Ok();
  } catch (const std::exception& e) {
    // Once per outage, not once per request refused during it.
    if (!unreachable_.exchange(true)) spdlog::warn("database unreachable: {}", e.what());
    return Status::Unavailable("db.unavailable", "数据库暂时不可用,请稍后重试");
  }
}

bool Database::RecoverConnection(soci::session& sql) {
  if (dialect_ != Dialect::kPostgres) return false;
  auto* backend = static_cast<soci::postgresql_session_backend*>(sql.get_backend());
  if (backend && backend->conn_ && PQstatus(backend->conn_) == CONNECTION_OK) return false;
  try {
    sql.reconnect();
    sql << "SET TIME ZONE 'Asia/Shanghai'";
    spdlog::warn("database connection re-established");
  } catch (const std::exception& e) {
    spdlog::warn("database reconnect failed: {}", e.what());
  }
  return true;
}

Status Database::Ping() {
  return Run([](soci::session& sql) -> Status {
    int one = 0;
    sql << "SELECT 1", soci::into(one);
    if (one != 1) return Status::Unavailable("db.unavailable", "数据库未就绪");
    return Status::Ok();
  });
}

Status ErrorFromException(const std::exception& e) {
  const std::string what = e.what();
  if (auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e)) {
    const std::string state = pg->sqlstate();
    if (state == "23505") return Status::Conflict("db.duplicate", "记录已存在(唯一性冲突)");
    if (state == "23503") return Status::Conflict("db.referenced", "记录被引用或引用的记录不存在");
    if (state.rfind("08", 0) == 0 || state == "57P01" || state == "57P03") {
      return Status::Unavailable("db.unavailable", "数据库暂时不可用,请稍后重试");
    }
  }
  if (dynamic_cast<const soci::sqlite3_soci_error*>(&e)) {
    if (what.find("UNIQUE constraint failed") != std::string::npos) {
      return Status::Conflict("db.duplicate", "记录已存在(唯一性冲突)");
    }
    if (what.find("FOREIGN KEY constraint failed") != std::string::npos) {
      return Status::Conflict("db.referenced", "记录被引用或引用的记录不存在");
    }
    if (what.find("database is locked") != std::string::npos) {
      return Status::Unavailable("db.busy", "数据库繁忙,请稍后重试");
    }
  }
  if (what.find("connection") != std::string::npos && what.find("PostgreSQL") != std::string::npos) {
    return Status::Unavailable("db.unavailable", "数据库暂时不可用,请稍后重试");
  }
  spdlog::error("database error: {}", what);
  return Status::Internal("数据库错误");
}

ReadSnapshot::ReadSnapshot(soci::session& sql, Dialect dialect) : sql_(sql) {
  sql_ << (dialect == Dialect::kSqlite ? "BEGIN DEFERRED" : "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
}

ReadSnapshot::~ReadSnapshot() {
  try {
    sql_ << "COMMIT";  // nothing was written: only ends the snapshot
  } catch (const std::exception& e) {
    spdlog::warn("ending a read snapshot failed: {}", e.what());
  }
}

Transaction::Transaction(soci::session& sql, Dialect dialect) : sql_(sql) {
  sql_ << (dialect == Dialect::kSqlite ? "BEGIN IMMEDIATE" : "BEGIN");
}

Transaction::~Transaction() {
  if (done_) return;
  try {
    sql_ << "ROLLBACK";
  } catch (const std::exception& e) {
    spdlog::warn("rollback failed: {}", e.what());
  }
}

void Transaction::Commit() {
  sql_ << "COMMIT";
  done_ = true;
}

int64_t InsertReturningId(soci::session& sql, const std::string& insert_sql_with_returning,
                          const std::function<void(soci::statement&)>& bind) {
  int64_t id = 0;
  soci::statement st(sql);
  bind(st);
  st.exchange(soci::into(id));
  st.alloc();
  st.prepare(insert_sql_with_returning);
  st.define_and_bind();
  st.execute(true);
  return id;
}

}  // namespace tuijin::db
