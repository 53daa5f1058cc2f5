// A small builder for statements with optional filters: values are bound by name, never
// spliced into the SQL text. Used by the stores only.
//
//   db::Query q("SELECT u.id, u.name FROM units u");
//   if (kind) q.Where("u.kind = " + q.Bind(*kind));
//   q.Append(" ORDER BY u.sort_order");
//   soci::statement st = q.Prepare(sql, [&](soci::statement& s) { s.exchange(soci::into(id)); });
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <variant>
#include <vector>

namespace tuijin::db {

class Query {
 public:
  explicit Query(std::string base = {}) : sql_(std::move(base)) {}

  // Stores a value and returns its placeholder (":p1", ":p2", …). Each call is a new
  // placeholder, even for an equal value.
  std::string Bind(std::string value);
  std::string Bind(int64_t value);
  // Placeholders for every value, comma-separated, for "x IN (…)". Not for an empty list.
  std::string BindList(const std::vector<int64_t>& values);
  std::string BindList(const std::vector<std::string>& values);
  // A LIKE pattern for "contains `text`", bound; wildcards typed by users are taken
  // literally. Use with ESCAPE '\\'.
  std::string BindContains(std::string_view text);

  // Adds a condition; conditions are joined with AND into one WHERE clause, written at
  // the first Append() after them or by Text().
  Query& Where(std::string condition);
  Query& Append(std::string_view text);

  const std::string& Text();

  // Prepares the statement with every bound value; `intos` adds the output columns.
  // The Query must outlive the statement (it owns the bound values).
  soci::statement Prepare(soci::session& sql, const std::function<void(soci::statement&)>& intos = {});

  // Runs the query and returns a copy of `row` after each fetch: `intos` binds the output
  // columns into `row`'s members.
  template <typename Row>
  std::vector<Row> FetchAll(soci::session& sql, Row& row, const std::function<void(soci::statement&)>& intos) {
    soci::statement st = Prepare(sql, intos);
    st.execute();
    std::vector<Row> out;
    while (st.fetch()) out.push_back(row);
    return out;
  }

 private:
  void FlushWhere();

  std::string sql_;
  std::vector<std::string> pending_where_;
  bool where_written_ = false;
  std::deque<std::string> strings_;
  std::deque<int64_t> ints_;
  struct Slot {
    std::string name;
    bool is_string;
    size_t index;
  };
  std::vector<Slot> slots_;
};

}  // namespace tuijin::db
