#include "store/task_ledger_store.h"

#include "base/time.h"
#include "db/query.h"

namespace tuijin::store {
namespace {

std::vector<TaskLedger> Query(soci::session& sql, std::optional<int64_t> id, std::optional<int64_t> year,
                              const std::string& today) {
  db::Query q("SELECT l.id, l.name, l.year, l.issuing_office, l.description, l.created_at, "
              "(SELECT COUNT(*) FROM supervision_items i WHERE i.task_ledger_id = l.id AND i.status <> 'cancelled'), "
              "(SELECT COUNT(*) FROM supervision_items i WHERE i.task_ledger_id = l.id AND i.status = 'done'), ");
  q.Append("(SELECT COUNT(*) FROM supervision_items i WHERE i.task_ledger_id = l.id AND i.status NOT IN "
           "('done','cancelled') AND i.deadline < " + q.Bind(today) + "), "
           "(SELECT COALESCE(MAX(i.task_seq), 0) FROM supervision_items i WHERE i.task_ledger_id = l.id) "
           "FROM task_ledgers l");
  if (id) q.Where("l.id = " + q.Bind(*id));
  if (year) q.Where("l.year = " + q.Bind(*year));
  q.Append(" ORDER BY l.year DESC, l.id DESC");
  TaskLedger l;
  return q.FetchAll(sql, l, [&](soci::statement& s) {
    s.exchange(soci::into(l.id));
    s.exchange(soci::into(l.name));
    s.exchange(soci::into(l.year));
    s.exchange(soci::into(l.issuing_office));
    s.exchange(soci::into(l.description));
    s.exchange(soci::into(l.created_at));
    s.exchange(soci::into(l.task_count));
    s.exchange(soci::into(l.done));
    s.exchange(soci::into(l.overdue));
    s.exchange(soci::into(l.max_seq));
  });
}

}  // namespace

StatusOr<std::vector<TaskLedger>> TaskLedgerStore::List(std::optional<int64_t> year, const std::string& today) {
  return db_.Run([&](soci::session& sql) -> StatusOr<std::vector<TaskLedger>> {
    return Query(sql, std::nullopt, year, today);
  });
}

StatusOr<TaskLedger> TaskLedgerStore::Get(int64_t id, const std::string& today) {
  return db_.Run([&](soci::session& sql) -> StatusOr<TaskLedger> {
    auto rows = Query(sql, id, std::nullopt, today);
    if (rows.empty()) return Status::NotFound("task_ledger.not_found", "工作任务台账不存在");
    return rows.front();
  });
}

StatusOr<TaskLedger> TaskLedgerStore::Create(const TaskLedger& l, int64_t user_id, const std::string& today) {
  return db_.Run([&](soci::session& sql) -> StatusOr<TaskLedger> {
    db::Transaction tx(sql, db_.dialect());
    const std::string now = NowTimestamp();
    const int64_t id = db::InsertReturningId(
        sql,
        "INSERT INTO task_ledgers (name, year, issuing_office, description, created_at, created_by, updated_at) "
        "VALUES (:n, :y, :o, :d, :c, :u, :t) RETURNING id",
        [&](soci::statement& s) {
          s.exchange(soci::use(l.name));
          s.exchange(soci::use(l.year));
          s.exchange(soci::use(l.issuing_office));
          s.exchange(soci::use(l.description));
          s.exchange(soci::use(now));
          s.exchange(soci::use(user_id));
          s.exchange(soci::use(now));
        });
    tx.Commit();
    return Query(sql, id, std::nullopt, today).front();
  });
}

StatusOr<TaskLedger> TaskLedgerStore::Update(int64_t id, const TaskLedger& l, const std::string& today) {
  return db_.Run([&](soci::session& sql) -> StatusOr<TaskLedger> {
    db::Transaction tx(sql, db_.dialect());
    const std::string now = NowTimestamp();
    soci::statement st = (sql.prepare << "UPDATE task_ledgers SET name = :n, year = :y, issuing_office = :o, "
                                         "description = :d, updated_at = :t WHERE id = :id",
                          soci::use(l.name), soci::use(l.year), soci::use(l.issuing_office), soci::use(l.description),
                          soci::use(now), soci::use(id));
    st.execute(true);
    if (st.get_affected_rows() == 0) return Status::NotFound("task_ledger.not_found", "工作任务台账不存在");
    tx.Commit();
    return Query(sql, id, std::nullopt, today).front();
  });
}

}  // namespace tuijin::store
