#include "store/map_store.h"

#include "base/time.h"
#include "db/query.h"

namespace tuijin::store {
namespace {

constexpr const char* kColumns =
    "SELECT l.id, l.layer_key, l.kind, l.unit_id, u.name, l.name, l.size_bytes, l.feature_count, l.west, l.south, "
    "l.east, l.north, l.version, l.updated_at, w.display_name FROM map_layers l "
    "LEFT JOIN units u ON u.id = l.unit_id LEFT JOIN users w ON w.id = l.updated_by";

std::vector<MapLayer> Fetch(soci::session& sql, db::Query& q) {
  MapLayer l;
  return q.FetchAll(sql, l, [&](soci::statement& s) {
    s.exchange(soci::into(l.id));
    s.exchange(soci::into(l.key));
    s.exchange(soci::into(l.kind));
    s.exchange(soci::into(l.unit_id));
    s.exchange(soci::into(l.unit_name));
    s.exchange(soci::into(l.name));
    s.exchange(soci::into(l.size_bytes));
    s.exchange(soci::into(l.feature_count));
    s.exchange(soci::into(l.west));
    s.exchange(soci::into(l.south));
    s.exchange(soci::into(l.east));
    s.exchange(soci::into(l.north));
    s.exchange(soci::into(l.version));
    s.exchange(soci::into(l.updated_at));
    s.exchange(soci::into(l.updated_by_name));
  });
}

}  // namespace

StatusOr<std::vector<MapLayer>> MapStore::List() {
  return db_.Run([&](soci::session& sql) -> StatusOr<std::vector<MapLayer>> {
    db::Query q(kColumns);
    q.Append(
        " ORDER BY CASE l.kind WHEN 'boundary' THEN 0 WHEN 'roads' THEN 1 ELSE 2 END, u.sort_order, u.id");
    return Fetch(sql, q);
  });
}

StatusOr<std::optional<std::string>> MapStore::GeoJson(const std::string& key) {
  return db_.Run([&](soci::session& sql) -> StatusOr<std::optional<std::string>> {
    std::optional<std::string> text;
    sql << "SELECT geojson FROM map_layers WHERE layer_key = :k", soci::use(key), soci::into(text);
    return text;
  });
}

StatusOr<std::vector<UnitArea>> MapStore::UnitAreas() {
  return db_.Run([&](soci::session& sql) -> StatusOr<std::vector<UnitArea>> {
    db::Query q("SELECT l.unit_id, u.name, l.geojson FROM map_layers l JOIN units u ON u.id = l.unit_id");
    q.Where("l.kind = 'unit'");
    q.Append(" ORDER BY u.sort_order, u.id");
    UnitArea a;
    return q.FetchAll(sql, a, [&](soci::statement& s) {
      s.exchange(soci::into(a.unit_id));
      s.exchange(soci::into(a.unit_name));
      s.exchange(soci::into(a.geojson));
    });
  });
}

StatusOr<MapLayer> MapStore::Put(const std::string& key, const std::string& kind, std::optional<int64_t> unit_id,
                                 const std::string& name, const domain::GeoJsonLayer& layer, int64_t user_id) {
  return db_.Run([&](soci::session& sql) -> StatusOr<MapLayer> {
    db::Transaction tx(sql, db_.dialect());
    const std::string now = NowTimestamp();
    const int64_t size = static_cast<int64_t>(layer.feature_collection.size());
    const int64_t count = static_cast<int64_t>(layer.feature_count);
    sql << "INSERT INTO map_layers (layer_key, kind, unit_id, name, geojson, size_bytes, feature_count, west, south, "
           "east, north, version, updated_at, updated_by) "
           "VALUES (:k, :kind, :u, :n, :g, :s, :c, :w, :so, :e, :no, 1, :t, :by) "
           "ON CONFLICT (layer_key) DO UPDATE SET name = excluded.name, geojson = excluded.geojson, "
           "size_bytes = excluded.size_bytes, feature_count = excluded.feature_count, west = excluded.west, "
           "south = excluded.south, east = excluded.east, north = excluded.north, "
           "version = map_layers.version + 1, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        soci::use(key), soci::use(kind), soci::use(unit_id), soci::use(name), soci::use(layer.feature_collection),
        soci::use(size), soci::use(count), soci::use(layer.west), soci::use(layer.south), soci::use(layer.east),
        soci::use(layer.north), soci::use(now), soci::use(user_id);
    db::Query q(kColumns);
    q.Where("l.layer_key = " + q.Bind(key));
    auto rows = Fetch(sql, q);
    tx.Commit();
    if (rows.empty()) return Status::Internal("图层保存后读取失败");
    return rows.front();
  });
}

Status MapStore::Delete(const std::string& key) {
  return db_.Run([&](soci::session& sql) -> Status {
    soci::statement st = (sql.prepare << "DELETE FROM map_layers WHERE layer_key = :k", soci::use(key));
    st.execute(true);
    if (st.get_affected_rows() == 0) return Status::NotFound("map.layer_not_found", "该图层不存在");
    return Status::Ok();
  });
}

}  // namespace tuijin::store
