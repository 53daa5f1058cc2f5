#include "store/saved_filter_store.h"

#include "base/time.h"
#include "db/query.h"

namespace tuijin::store {

StatusOr<std::vector<SavedFilter>> SavedFilterStore::List(int64_t user_id, const std::string& scope) {
  return db_.Run([&](soci::session& sql) -> StatusOr<std::vector<SavedFilter>> {
    db::Query q("SELECT id, name, query FROM saved_filters");
    q.Where("user_id = " + q.Bind(user_id)).Where("scope = " + q.Bind(scope));
    q.Append(" ORDER BY name");
    SavedFilter f;
    return q.FetchAll(sql, f, [&](soci::statement& s) {
      s.exchange(soci::into(f.id));
      s.exchange(soci::into(f.name));
      s.exchange(soci::into(f.query));
    });
  });
}

StatusOr<SavedFilter> SavedFilterStore::Save(int64_t user_id, const std::string& scope, const std::string& name,
                                                  const std::string& query) {
  return db_.Run([&](soci::session& sql) -> StatusOr<SavedFilter> {
    db::Transaction tx(sql, db_.dialect());
    // Saving under an existing name replaces it.
    sql << "DELETE FROM saved_filters WHERE user_id = :u AND scope = :s AND name = :n", soci::use(user_id),
        soci::use(scope), soci::use(name);
    const std::string now = NowTimestamp();
    const int64_t id = db::InsertReturningId(
        sql, "INSERT INTO saved_filters (user_id, scope, name, query, created_at) VALUES (:u, :s, :n, :q, :t) RETURNING id",
        [&](soci::statement& st) {
          st.exchange(soci::use(user_id, "u"));
          st.exchange(soci::use(scope, "s"));
          st.exchange(soci::use(name, "n"));
          st.exchange(soci::use(query, "q"));
          st.exchange(soci::use(now, "t"));
        });
    tx.Commit();
    return SavedFilter{id, name, query};
  });
}

Status SavedFilterStore::Delete(int64_t user_id, int64_t id) {
  return db_.Run([&](soci::session& sql) -> Status {
    soci::statement st = (sql.prepare << "DELETE FROM saved_filters WHERE id = :id AND user_id = :u", soci::use(id),
                          soci::use(user_id));
    st.execute(true);
    if (st.get_affected_rows() == 0) return Status::NotFound("saved_filter.not_found", "筛选条件不存在");
    return Status::Ok();
  });
}

}  // namespace tuijin::store
