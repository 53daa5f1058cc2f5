#include "domain/geo.h"

#include <cmath>
#include <string>

namespace tuijin::domain {
namespace {

constexpr double kPi = 3.14159265358979323846;
// The Krasovsky 1940 ellipsoid, as the GCJ-02 algorithm uses it.
constexpr double kSemiMajor = 6378245.0;
constexpr double kEccentricitySquared = 0.00669342162296594323;

// The offset in metres-like units before scaling to degrees (x = lng − 105, y = lat − 35).
void Transform(double x, double y, double& lat, double& lng) {
  const double xy = x * y;
  const double abs_x = std::sqrt(std::fabs(x));
  const double x_pi = x * kPi, y_pi = y * kPi;
  const double d = 20.0 * std::sin(6.0 * x_pi) + 20.0 * std::sin(2.0 * x_pi);
  lat = d + 20.0 * std::sin(y_pi) + 40.0 * std::sin(y_pi / 3.0) + 160.0 * std::sin(y_pi / 12.0) +
        320.0 * std::sin(y_pi / 30.0);
  lng = d + 20.0 * std::sin(x_pi) + 40.0 * std::sin(x_pi / 3.0) + 150.0 * std::sin(x_pi / 12.0) +
        300.0 * std::sin(x_pi / 30.0);
  lat *= 2.0 / 3.0;
  lng *= 2.0 / 3.0;
  lat += -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * xy + 0.2 * abs_x;
  lng += 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * xy + 0.1 * abs_x;
}

// GCJ-02 − WGS-84 at a WGS-84 point, in degrees.
LngLat Delta(LngLat p) {
  double d_lat = 0, d_lng = 0;
  Transform(p.lng - 105.0, p.lat - 35.0, d_lat, d_lng);
  const double rad_lat = p.lat / 180.0 * kPi;
  double magic = std::sin(rad_lat);
  magic = 1 - kEccentricitySquared * magic * magic;
  const double sqrt_magic = std::sqrt(magic);
  d_lat = (d_lat * 180.0) / ((kSemiMajor * (1 - kEccentricitySquared)) / (magic * sqrt_magic) * kPi);
  d_lng = (d_lng * 180.0) / (kSemiMajor / sqrt_magic * std::cos(rad_lat) * kPi);
  return {d_lng, d_lat};
}

std::string Normalize(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == ' ' || c == '-' || c == '_') continue;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

}  // namespace

std::optional<Datum> ParseDatum(std::string_view text) {
  const std::string t = Normalize(text);
  if (t.empty() || t == "wgs84" || t == "cgcs2000" || t == "gps" || t == "天地图" || t == "2000国家大地坐标系") {
    return Datum::kWgs84;
  }
  if (t == "gcj02" || t == "火星坐标" || t == "国测局" || t == "国测局坐标" || t == "高德" || t == "腾讯") {
    return Datum::kGcj02;
  }
  return std::nullopt;
}

bool InGcjArea(LngLat p) { return p.lng >= 72.004 && p.lng <= 137.8347 && p.lat >= 0.8293 && p.lat <= 55.8271; }

LngLat WgsToGcj(LngLat wgs) {
  if (!InGcjArea(wgs)) return wgs;
  const LngLat d = Delta(wgs);
  return {wgs.lng + d.lng, wgs.lat + d.lat};
}

LngLat GcjToWgs(LngLat gcj) {
  if (!InGcjArea(gcj)) return gcj;
  // The shift changes slowly with position, so w ← w − (f(w) − gcj) converges by a factor
  // of about 1e-5 per step: three or four steps reach the threshold.
  LngLat w = gcj;
  for (int i = 0; i < 30; ++i) {
    const LngLat f = WgsToGcj(w);
    const double e_lng = f.lng - gcj.lng, e_lat = f.lat - gcj.lat;
    w.lng -= e_lng;
    w.lat -= e_lat;
    if (std::fabs(e_lng) < 1e-10 && std::fabs(e_lat) < 1e-10) break;
  }
  return w;
}

LngLat ToWgs84(LngLat p, Datum from) { return from == Datum::kGcj02 ? GcjToWgs(p) : p; }

double DistanceMetres(LngLat a, LngLat b) {
  constexpr double kEarthRadius = 6371008.8;
  const double p1 = a.lat * kPi / 180, p2 = b.lat * kPi / 180;
  const double dp = p2 - p1, dl = (b.lng - a.lng) * kPi / 180;
  const double h = std::sin(dp / 2) * std::sin(dp / 2) + std::cos(p1) * std::cos(p2) * std::sin(dl / 2) * std::sin(dl / 2);
  return 2 * kEarthRadius * std::asin(std::sqrt(h));
}

}  // namespace tuijin::domain
