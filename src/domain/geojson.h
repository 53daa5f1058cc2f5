// GeoJSON (RFC 7946) layers for the offline map: the district boundary, roads and the units'
// areas, uploaded by an administrator. Checked here before they are stored, so that the map
// page never receives something it cannot draw. Pure: no I/O.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/status.h"

namespace tuijin::domain {

// Which geometries a layer may hold.
enum GeometryKinds : unsigned {
  kPoints = 1u << 0,    // Point, MultiPoint
  kLines = 1u << 1,     // LineString, MultiLineString
  kPolygons = 1u << 2,  // Polygon, MultiPolygon
  kAnyGeometry = kPoints | kLines | kPolygons,
};

struct GeoJsonLayer {
  std::string feature_collection;  // the input as a FeatureCollection, compactly serialized
  size_t feature_count = 0;
  // Bounding box of every position (lng/lat degrees).
  double west = 180, south = 90, east = -180, north = -90;
};

constexpr size_t kMaxGeoJsonBytes = 5 * 1024 * 1024;

// Checks `text` as a FeatureCollection, a Feature or a bare geometry (GeometryCollection
// included) whose geometries are of `allowed` kinds, and returns it as a FeatureCollection.
// Errors: TooLarge "map.layer_too_large" past kMaxGeoJsonBytes; Unprocessable
// "map.invalid_geojson" with a message naming where and what is wrong (not JSON, an unknown
// type, a missing member, a position that is not two or three numbers, a longitude outside
// −180..180 or latitude outside −90..90, a ring that is not closed, …).
StatusOr<GeoJsonLayer> CheckGeoJson(std::string_view text, unsigned allowed = kAnyGeometry);

}  // namespace tuijin::domain
