// The demo district's map (项目作战地图, offline mode): an invented boundary of 云河区 around
// kCentreLng/kCentreLat, the areas of its nine 街道 (inner ring), its 乡镇 and the 经济开发区
// (outer ring), and a few main roads, as GeoJSON; and where a demo project of a unit lies, so
// that projects fall inside their unit's area. Nothing here is real geography.
#pragma once

#include <ostream>
#include <string_view>

#include "base/status.h"
#include "domain/geo.h"
#include "store/map_store.h"
#include "store/unit_store.h"
#include "store/user_store.h"

namespace tuijin::demo {

// Where a project led by `lead_unit` lies, from two uniform numbers in [0, 1): inside the
// unit's area when it has one, anywhere in the district otherwise.
domain::LngLat DemoPlace(std::string_view lead_unit, double u1, double u2);

// The layers as GeoJSON FeatureCollections.
std::string DemoBoundaryGeoJson();
std::string DemoRoadsGeoJson();
// The area of a unit by name; empty when it has none.
std::string DemoUnitAreaGeoJson(std::string_view unit);

// Stores the boundary, the roads and every unit's area, unless the map has layers already.
Status LoadMapLayers(store::UnitStore& units, store::UserStore& users, store::MapStore& maps, std::ostream& log);

}  // namespace tuijin::demo
