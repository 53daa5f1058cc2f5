-- The offline map's layers (项目作战地图): GeoJSON uploaded by an administrator, checked before
-- it is stored (domain/geojson.h) and kept as a FeatureCollection. One row per layer key:
-- 'boundary' (the district), 'roads', or 'unit:ID' (a unit's area, shaded on the map by its
-- investment or ranking; removed with the unit).

CREATE TABLE map_layers (
  id             INTEGER PRIMARY KEY,
  layer_key      TEXT    NOT NULL UNIQUE,
  kind           TEXT    NOT NULL CHECK (kind IN ('boundary','roads','unit')),
  unit_id        INTEGER REFERENCES units(id) ON DELETE CASCADE,
  name           TEXT    NOT NULL,
  geojson        TEXT    NOT NULL,
  size_bytes     INTEGER NOT NULL,
  feature_count  INTEGER NOT NULL,
  west           REAL NOT NULL,
  south          REAL NOT NULL,
  east           REAL NOT NULL,
  north          REAL NOT NULL,
  version        INTEGER NOT NULL DEFAULT 1,
  updated_at     TEXT    NOT NULL,
  updated_by     INTEGER REFERENCES users(id),
  CHECK ((kind = 'unit') = (unit_id IS NOT NULL))
);
