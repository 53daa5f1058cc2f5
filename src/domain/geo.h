// Coordinates on the map (项目作战地图). Projects are stored in WGS-84 (CGCS2000 differs from
// it by centimetres, well under what a project's location means); many Chinese map apps give
// GCJ-02 (国测局坐标, "火星坐标"), which is WGS-84 shifted by an obfuscating function of up to
// several hundred metres. Pure functions, no I/O.
#pragma once

#include <optional>
#include <string_view>

namespace tuijin::domain {

struct LngLat {
  double lng = 0;
  double lat = 0;
};

enum class Datum { kWgs84, kGcj02 };

// "wgs84" (also "cgcs2000", "WGS-84", "CGCS2000", "GPS", "天地图") or "gcj02" ("GCJ-02",
// "火星坐标", "国测局", "高德", "腾讯"); case and spaces ignored. nullopt when unknown.
std::optional<Datum> ParseDatum(std::string_view text);

// Whether GCJ-02 shifts this point (the rough box the algorithm treats as China; outside it
// both datums agree).
bool InGcjArea(LngLat p);

// WGS-84 → GCJ-02 (the published forward algorithm).
LngLat WgsToGcj(LngLat wgs);

// GCJ-02 → WGS-84: the inverse of WgsToGcj by fixed-point iteration, to within 1e-9 degrees
// (about 0.1 mm) of a point that WgsToGcj maps onto `gcj`.
LngLat GcjToWgs(LngLat gcj);

// `p` in `from` as WGS-84.
LngLat ToWgs84(LngLat p, Datum from);

// Distance on a sphere of the Earth's mean radius, in metres (for tests and tolerances).
double DistanceMetres(LngLat a, LngLat b);

}  // namespace tuijin::domain
