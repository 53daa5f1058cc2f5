#include "store/dictionary_store.h"

#include <algorithm>
#include <iterator>

#include "base/time.h"
#include "db/query.h"

namespace tuijin::store {
namespace {

// How many projects use each item, whichever way they refer to it: one pass over the
// references, grouped, rather than a count per item.
constexpr const char* kSelectWithUsage =
    "SELECT d.id, d.dict, d.label, d.sort_order, d.enabled, COALESCE(u.n, 0) FROM dictionary_items d LEFT JOIN ("
    "SELECT item, COUNT(*) AS n FROM ("
    "SELECT category_id AS item FROM projects WHERE category_id IS NOT NULL "
    "UNION ALL SELECT industry_id FROM projects WHERE industry_id IS NOT NULL "
    "UNION ALL SELECT nature_id FROM projects WHERE nature_id IS NOT NULL "
    "UNION ALL SELECT item_id FROM project_tags "
    "UNION ALL SELECT source_id FROM project_funding) refs GROUP BY item) u ON u.item = d.id";
constexpr const char* kSelect = "SELECT d.id, d.dict, d.label, d.sort_order, d.enabled, 0 FROM dictionary_items d";

std::vector<DictionaryItem> Load(soci::session& sql, const std::string& dict, int64_t id, bool with_usage = true) {
  db::Query q(with_usage ? kSelectWithUsage : kSelect);
  if (!dict.empty()) q.Where("d.dict = " + q.Bind(dict));
  if (id) q.Where("d.id = " + q.Bind(id));
  q.Append(" ORDER BY d.dict, d.sort_order, d.id");
  DictionaryItem item;
  int enabled = 1;
  soci::statement st = q.Prepare(sql, [&](soci::statement& s) {
    s.exchange(soci::into(item.id));
    s.exchange(soci::into(item.dict));
    s.exchange(soci::into(item.label));
    s.exchange(soci::into(item.sort_order));
    s.exchange(soci::into(enabled));
    s.exchange(soci::into(item.usage));
  });
  st.execute();
  std::vector<DictionaryItem> out;
  while (st.fetch()) {
    item.enabled = enabled != 0;
    out.push_back(item);
  }
  return out;
}

Status CheckLabelFree(soci::session& sql, const std::string& dict, const std::string& label, int64_t self) {
  int n = 0;
  sql << "SELECT COUNT(*) FROM dictionary_items WHERE dict = :d AND label = :l AND id <> :id", soci::use(dict),
      soci::use(label), soci::use(self), soci::into(n);
  if (n > 0) return Status::Conflict("dictionary.duplicate", "已有同名的字典项").WithField("label", "已有同名的字典项");
  return Status::Ok();
}

}  // namespace

bool IsDictionary(std::string_view d) {
  return std::find(std::begin(kDictionaries), std::end(kDictionaries), d) != std::end(kDictionaries);
}

StatusOr<std::vector<DictionaryItem>> DictionaryStore::List(const std::string& dict, bool with_usage) {
  return db_.Run(
      [&](soci::session& sql) -> StatusOr<std::vector<DictionaryItem>> { return Load(sql, dict, 0, with_usage); });
}

StatusOr<DictionaryItem> DictionaryStore::Create(const std::string& dict, const DictionaryInput& in) {
  return db_.Run([&](soci::session& sql) -> StatusOr<DictionaryItem> {
    db::Transaction tx(sql, db_.dialect());
    RETURN_IF_ERROR(CheckLabelFree(sql, dict, in.label, 0));
    const std::string now = NowTimestamp();
    const int enabled = in.enabled ? 1 : 0;
    const int64_t id = db::InsertReturningId(
        sql,
        "INSERT INTO dictionary_items (dict, label, sort_order, enabled, created_at, updated_at) "
        "VALUES (:d, :l, :s, :e, :now, :now2) RETURNING id",
        [&](soci::statement& st) {
          st.exchange(soci::use(dict, "d"));
          st.exchange(soci::use(in.label, "l"));
          st.exchange(soci::use(in.sort_order, "s"));
          st.exchange(soci::use(enabled, "e"));
          st.exchange(soci::use(now, "now"));
          st.exchange(soci::use(now, "now2"));
        });
    tx.Commit();
    return Load(sql, dict, id).front();
  });
}

StatusOr<DictionaryItem> DictionaryStore::Update(const std::string& dict, int64_t id, const DictionaryInput& in) {
  return db_.Run([&](soci::session& sql) -> StatusOr<DictionaryItem> {
    db::Transaction tx(sql, db_.dialect());
    if (Load(sql, dict, id).empty()) return Status::NotFound("dictionary.not_found", "字典项不存在");
    RETURN_IF_ERROR(CheckLabelFree(sql, dict, in.label, id));
    const std::string now = NowTimestamp();
    const int enabled = in.enabled ? 1 : 0;
    sql << "UPDATE dictionary_items SET label = :l, sort_order = :s, enabled = :e, updated_at = :now WHERE id = :id",
        soci::use(in.label), soci::use(in.sort_order), soci::use(enabled), soci::use(now), soci::use(id);
    tx.Commit();
    return Load(sql, dict, id).front();
  });
}

Status DictionaryStore::Delete(const std::string& dict, int64_t id) {
  return db_.Run([&](soci::session& sql) -> Status {
    db::Transaction tx(sql, db_.dialect());
    auto found = Load(sql, dict, id);
    if (found.empty()) return Status::NotFound("dictionary.not_found", "字典项不存在");
    if (found.front().usage > 0) {
      return Status::Conflict("dictionary.in_use", "“" + found.front().label + "”正被 " +
                                                       std::to_string(found.front().usage) +
                                                       " 个项目使用,不能删除,可以停用");
    }
    sql << "DELETE FROM dictionary_items WHERE id = :id", soci::use(id);
    tx.Commit();
    return Status::Ok();
  });
}

}  // namespace tuijin::store
