// The database: a SOCI connection pool on SQLite (embedded default) or PostgreSQL.
// Thread-safe: any thread may call Run(); each call leases one connection for its duration.
#pragma once

#include <soci/soci.h>

#include <atomic>
#include <memory>
#include <optional>
#include <string>

#include "base/status.h"

namespace tuijin::db {

enum class Dialect { kSqlite, kPostgres };

class Database {
 public:
  // Opens `pool_size` connections to `url`: a file path (SQLite; its directory is created)
  // or a postgresql:// URL. SQLite connections use WAL, foreign keys and a busy timeout.
  static StatusOr<std::unique_ptr<Database>> Open(const std::string& url, size_t pool_size);
  ~Database();

  Dialect dialect() const { return dialect_; }
  bool is_postgres() const { return dialect_ == Dialect::kPostgres; }
  size_t pool_size() const { return pool_size_; }

  // Calls fn(soci::session&) on a leased connection and returns its result. A database
  // exception becomes a Status (unique violation → Conflict, connection lost → Unavailable,
  // anything else → Internal). A PostgreSQL connection found broken when leased (the server
  // restarted while it sat in the pool) is reopened before fn runs; if that fails, fn does
  // not run and the result is Unavailable (HTTP 503) at once. One lost while fn runs gives
  // Unavailable too and is reopened for the next use.
  template <typename Fn>
  auto Run(Fn&& fn) -> decltype(fn(std::declval<soci::session&>()));

  // A trivial query: for /readyz.
  Status Ping();

 private:
  Database(Dialect dialect, std::string url, size_t pool_size);
  Status Connect(soci::session& sql);
  // Before a leased PostgreSQL connection is used: reads what the server sent while it was
  // idle (a shutdown notice, the end of the stream), which marks a dropped connection broken
  // without a round trip, and reopens a broken one. Unavailable when it cannot be reopened.
  Status EnsureConnected(soci::session& sql);
  // After an exception: true when the connection itself was lost (PostgreSQL restarted or
  // unreachable); it is then reopened if possible.
  bool RecoverConnection(soci::session& sql);

  Dialect dialect_;
  std::string url_;
  size_t pool_size_;
  std::unique_ptr<soci::connection_pool> pool_;
  std::atomic<bool> unreachable_{false};  // the last reconnect failed (logged once per outage)
};

// The Status for an exception thrown by SOCI or the database.
Status ErrorFromException(const std::exception& e);

// A write transaction. SQLite takes the write lock at BEGIN (BEGIN IMMEDIATE), so two
// writers queue on the busy timeout instead of failing on lock upgrade. Rolls back in the
// destructor unless Commit() was called.
class Transaction {
 public:
  Transaction(soci::session& sql, Dialect dialect);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void Commit();

 private:
  soci::session& sql_;
  bool done_ = false;
};

// A read-only snapshot: every statement until the destructor sees the same committed data
// (SQLite: a deferred transaction, which takes no write lock; PostgreSQL: REPEATABLE READ).
// For reads that span several statements, like an export's counts and rows.
class ReadSnapshot {
 public:
  ReadSnapshot(soci::session& sql, Dialect dialect);
  ~ReadSnapshot();
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

 private:
  soci::session& sql_;
};

// Reads the id of the row just inserted by `INSERT ... RETURNING id`.
int64_t InsertReturningId(soci::session& sql, const std::string& insert_sql_with_returning,
                          const std::function<void(soci::statement&)>& bind);

template <typename Fn>
auto Database::Run(Fn&& fn) -> decltype(fn(std::declval<soci::session&>())) {
  // The pooled session itself rather than a soci::session(pool) proxy: the proxy keeps the
  // backend pointer of lease time, which a reconnect replaces.
  struct Lease {
    soci::connection_pool& pool;
    size_t pos;
    ~Lease() { pool.give_back(pos); }
  } lease{*pool_, pool_->lease()};
  soci::session& sql = pool_->at(lease.pos);
  if (dialect_ == Dialect::kPostgres) {
    if (Status ready = EnsureConnected(sql); !ready.ok()) return ready;
  }
  try {
    return fn(sql);
  } catch (const std::exception& e) {
    if (RecoverConnection(sql)) {
      return Status::Unavailable("db.unavailable", "数据库暂时不可用,请稍后重试");
    }
    return ErrorFromException(e);
  }
}

}  // namespace tuijin::db

// NULL ↔ std::nullopt for SOCI 4.0 (which predates its own std::optional support).
namespace soci {
template <typename T>
struct type_conversion<std::optional<T>> {
  using base_type = typename type_conversion<T>::base_type;
  static void from_base(const base_type& in, indicator ind, std::optional<T>& out) {
    if (ind == i_null) {
      out.reset();
    } else {
      T value;
      type_conversion<T>::from_base(in, ind, value);
      out = std::move(value);
    }
  }
  static void to_base(const std::optional<T>& in, base_type& out, indicator& ind) {
    if (in) {
      type_conversion<T>::to_base(*in, out, ind);
    } else {
      ind = i_null;
    }
  }
};
}  // namespace soci
