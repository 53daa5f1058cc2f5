#include "store/unit_store.h"

#include <algorithm>
#include <functional>
#include <map>

#include "base/time.h"
#include "db/query.h"
#include "store/project_store.h"

namespace tuijin::store {
namespace {

constexpr const char* kColumns =
    "SELECT id, parent_id, name, kind, code, sort_order, enabled, created_at, updated_at FROM units";

struct UnitRow {
  Unit u;
  int enabled = 1;
  void Bind(soci::statement& st) {
    st.exchange(soci::into(u.id));
    st.exchange(soci::into(u.parent_id));
    st.exchange(soci::into(u.name));
    st.exchange(soci::into(u.kind));
    st.exchange(soci::into(u.code));
    st.exchange(soci::into(u.sort_order));
    st.exchange(soci::into(enabled));
    st.exchange(soci::into(u.created_at));
    st.exchange(soci::into(u.updated_at));
  }
  Unit Take() {
    u.enabled = enabled != 0;
    return u;
  }
};

std::vector<Unit> LoadAll(soci::session& sql) {
  db::Query q(kColumns);
  q.Append(" ORDER BY sort_order, id");
  UnitRow row;
  soci::statement st = q.Prepare(sql, [&](soci::statement& s) { row.Bind(s); });
  st.execute();
  std::vector<Unit> flat;
  while (st.fetch()) flat.push_back(row.Take());
  // Parents before children, depth first, so a client can build the tree in one pass.
  std::multimap<int64_t, const Unit*> children;
  for (const Unit& u : flat) children.emplace(u.parent_id.value_or(0), &u);
  std::vector<Unit> out;
  out.reserve(flat.size());
  std::function<void(int64_t)> walk = [&](int64_t parent) {
    auto [b, e] = children.equal_range(parent);
    for (auto it = b; it != e; ++it) {
      out.push_back(*it->second);
      walk(it->second->id);
    }
  };
  walk(0);
  return out;
}

std::optional<Unit> LoadOne(soci::session& sql, int64_t id) {
  db::Query q(kColumns);
  q.Where("id = " + q.Bind(id));
  UnitRow row;
  soci::statement st = q.Prepare(sql, [&](soci::statement& s) { row.Bind(s); });
  st.execute();
  if (!st.fetch()) return std::nullopt;
  return row.Take();
}

Status CheckSiblingName(soci::session& sql, const UnitInput& in, int64_t self_id) {
  int count = 0;
  const int64_t parent = in.parent_id.value_or(0);
  sql << "SELECT COUNT(*) FROM units WHERE COALESCE(parent_id, 0) = :p AND name = :n AND id <> :id",
      soci::use(parent), soci::use(in.name), soci::use(self_id), soci::into(count);
  if (count > 0) {
    return Status::Conflict("unit.duplicate_name", "同一上级单位下已有同名单位").WithField("name", "同一上级下已有同名单位");
  }
  return Status::Ok();
}

}  // namespace

StatusOr<std::vector<Unit>> UnitStore::List() {
  return db_.Run([&](soci::session& sql) -> StatusOr<std::vector<Unit>> { return LoadAll(sql); });
}

StatusOr<Unit> UnitStore::Get(int64_t id) {
  return db_.Run([&](soci::session& sql) -> StatusOr<Unit> {
    auto u = LoadOne(sql, id);
    if (!u) return Status::NotFound("unit.not_found", "单位不存在");
    return *u;
  });
}

StatusOr<Unit> UnitStore::Create(const UnitInput& in) {
  return db_.Run([&](soci::session& sql) -> StatusOr<Unit> {
    db::Transaction tx(sql, db_.dialect());
    if (in.parent_id && !LoadOne(sql, *in.parent_id)) {
      return Status::Invalid({{"parent_id", "上级单位不存在"}});
    }
    RETURN_IF_ERROR(CheckSiblingName(sql, in, 0));
    const std::string now = NowTimestamp();
    const int enabled = in.enabled ? 1 : 0;
    const int64_t id = db::InsertReturningId(
        sql,
        "INSERT INTO units (parent_id, name, kind, code, sort_order, enabled, created_at, updated_at) "
        "VALUES (:parent, :name, :kind, :code, :sort, :enabled, :now, :now2) RETURNING id",
        [&](soci::statement& st) {
          st.exchange(soci::use(in.parent_id, "parent"));
          st.exchange(soci::use(in.name, "name"));
          st.exchange(soci::use(in.kind, "kind"));
          st.exchange(soci::use(in.code, "code"));
          st.exchange(soci::use(in.sort_order, "sort"));
          st.exchange(soci::use(enabled, "enabled"));
          st.exchange(soci::use(now, "now"));
          st.exchange(soci::use(now, "now2"));
        });
    tx.Commit();
    return *LoadOne(sql, id);
  });
}

StatusOr<Unit> UnitStore::Update(int64_t id, const UnitInput& in) {
  return db_.Run([&](soci::session& sql) -> StatusOr<Unit> {
    db::Transaction tx(sql, db_.dialect());
    if (!LoadOne(sql, id)) return Status::NotFound("unit.not_found", "单位不存在");
    // Walk up from the new parent: meeting the unit itself means a cycle.
    for (std::optional<int64_t> p = in.parent_id; p;) {
      if (*p == id) return Status::Invalid({{"parent_id", "上级单位不能是本单位或其下级"}});
      auto parent = LoadOne(sql, *p);
      if (!parent) return Status::Invalid({{"parent_id", "上级单位不存在"}});
      p = parent->parent_id;
    }
    RETURN_IF_ERROR(CheckSiblingName(sql, in, id));
    const std::string now = NowTimestamp();
    const int enabled = in.enabled ? 1 : 0;
    sql << "UPDATE units SET parent_id = :parent, name = :name, kind = :kind, code = :code, "
           "sort_order = :sort, enabled = :enabled, updated_at = :now WHERE id = :id",
        soci::use(in.parent_id, "parent"), soci::use(in.name, "name"), soci::use(in.kind, "kind"),
        soci::use(in.code, "code"), soci::use(in.sort_order, "sort"), soci::use(enabled, "enabled"),
        soci::use(now, "now"), soci::use(id, "id");
    RefreshOwnerSearchIn(sql, db_.dialect(), id, in.name);
    tx.Commit();
    return *LoadOne(sql, id);
  });
}

Status UnitStore::Delete(int64_t id) {
  return db_.Run([&](soci::session& sql) -> Status {
    db::Transaction tx(sql, db_.dialect());
    if (!LoadOne(sql, id)) return Status::NotFound("unit.not_found", "单位不存在");
    int children = 0, users = 0;
    sql << "SELECT COUNT(*) FROM units WHERE parent_id = :id", soci::use(id), soci::into(children);
    sql << "SELECT COUNT(*) FROM users WHERE unit_id = :id", soci::use(id), soci::into(users);
    if (children > 0 || users > 0) {
      return Status::Conflict("unit.in_use",
                              "该单位下还有" + std::string(children > 0 ? "下级单位" : "用户") + ",不能删除,可改为停用");
    }
    sql << "DELETE FROM units WHERE id = :id", soci::use(id);
    tx.Commit();
    return Status::Ok();
  });
}

StatusOr<std::vector<int64_t>> UnitStore::Subtree(int64_t id) {
  ASSIGN_OR_RETURN(auto all, List());
  std::vector<int64_t> out{id};
  for (size_t i = 0; i < out.size(); ++i) {
    for (const Unit& u : all) {
      if (u.parent_id == out[i]) out.push_back(u.id);
    }
  }
  return out;
}

}  // namespace tuijin::store
