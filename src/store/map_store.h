// The offline map's layers (项目作战地图): the district boundary, the roads and the units'
// areas, as checked GeoJSON FeatureCollections (domain/geojson.h), one per key.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "db/db.h"
#include "domain/geojson.h"

namespace tuijin::store {

// A layer without its GeoJSON.
struct MapLayer {
  int64_t id = 0;
  std::string key;   // "boundary", "roads" or "unit:ID"
  std::string kind;  // "boundary", "roads" or "unit"
  std::optional<int64_t> unit_id;
  std::optional<std::string> unit_name;
  std::string name;
  int64_t size_bytes = 0;
  int64_t feature_count = 0;
  double west = 0, south = 0, east = 0, north = 0;
  int64_t version = 0;
  std::string updated_at;
  std::optional<std::string> updated_by_name;
};

struct UnitArea {
  int64_t unit_id = 0;
  std::string unit_name;
  std::string geojson;  // a FeatureCollection
};

class MapStore {
 public:
  explicit MapStore(db::Database& db) : db_(db) {}

  // Every layer: boundary, roads, then the units' areas by unit order.
  StatusOr<std::vector<MapLayer>> List();
  // The GeoJSON of a layer; nullopt when there is none under `key`.
  StatusOr<std::optional<std::string>> GeoJson(const std::string& key);
  // Every unit's area, in unit order.
  StatusOr<std::vector<UnitArea>> UnitAreas();
  // Stores (or replaces) the layer under `key`; `unit_id` set for kind "unit" only.
  StatusOr<MapLayer> Put(const std::string& key, const std::string& kind, std::optional<int64_t> unit_id,
                         const std::string& name, const domain::GeoJsonLayer& layer, int64_t user_id);
  // NotFound "map.layer_not_found".
  Status Delete(const std::string& key);

 private:
  db::Database& db_;
};

}  // namespace tuijin::store
