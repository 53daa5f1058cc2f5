#include "domain/geo.h"

#include <gtest/gtest.h>

namespace tuijin::domain {
namespace {

// Published pairs (wgs lat, wgs lng, gcj lat, gcj lng) that other implementations of the
// algorithm are tested against.
struct Pair {
  const char* place;
  LngLat wgs, gcj;
};
const Pair kPairs[] = {
    {"上海", {121.5272106, 31.1774276}, {121.531541859215, 31.17530398364597}},
    {"深圳", {113.912316, 22.543847}, {113.9171764808363, 22.540796131694766}},
    {"北京", {116.377817, 39.911954}, {116.38404722455657, 39.91334545536069}},
};

TEST(GeoTest, ForwardMatchesKnownPairs) {
  for (const Pair& p : kPairs) {
    const LngLat g = WgsToGcj(p.wgs);
    EXPECT_LT(DistanceMetres(g, p.gcj), 0.05) << p.place;
  }
}

TEST(GeoTest, InverseIsWithinAMetreOfKnownPairs) {
  for (const Pair& p : kPairs) {
    const LngLat w = GcjToWgs(p.gcj);
    EXPECT_LT(DistanceMetres(w, p.wgs), 0.05) << p.place;
    // The naive one-step inverse is off by metres; the iteration is not.
    EXPECT_NEAR(w.lng, p.wgs.lng, 1e-6) << p.place;
    EXPECT_NEAR(w.lat, p.wgs.lat, 1e-6) << p.place;
  }
}

TEST(GeoTest, InverseRoundTripsAcrossChina) {
  for (double lng = 75; lng <= 134; lng += 3.7) {
    for (double lat = 18; lat <= 53; lat += 2.9) {
      const LngLat wgs{lng, lat};
      const LngLat back = GcjToWgs(WgsToGcj(wgs));
      EXPECT_LT(DistanceMetres(back, wgs), 0.001) << lng << "," << lat;
    }
  }
}

TEST(GeoTest, ShiftIsHundredsOfMetresInChinaAndNoneOutside) {
  const LngLat zhengzhou{113.71, 34.72};
  const double shift = DistanceMetres(zhengzhou, WgsToGcj(zhengzhou));
  EXPECT_GT(shift, 200);
  EXPECT_LT(shift, 900);
  const LngLat paris{2.3522, 48.8566};
  EXPECT_DOUBLE_EQ(WgsToGcj(paris).lng, paris.lng);
  EXPECT_DOUBLE_EQ(GcjToWgs(paris).lat, paris.lat);
  EXPECT_EQ(ToWgs84(zhengzhou, Datum::kWgs84).lng, zhengzhou.lng);
}

TEST(GeoTest, DatumNames) {
  EXPECT_EQ(ParseDatum("wgs84"), Datum::kWgs84);
  EXPECT_EQ(ParseDatum("WGS-84"), Datum::kWgs84);
  EXPECT_EQ(ParseDatum("CGCS2000"), Datum::kWgs84);
  EXPECT_EQ(ParseDatum(""), Datum::kWgs84);
  EXPECT_EQ(ParseDatum("gcj02"), Datum::kGcj02);
  EXPECT_EQ(ParseDatum("GCJ-02"), Datum::kGcj02);
  EXPECT_EQ(ParseDatum("火星坐标"), Datum::kGcj02);
  EXPECT_EQ(ParseDatum("bd09"), std::nullopt);
}

TEST(GeoTest, DistanceOfOneDegreeOfLatitude) {
  EXPECT_NEAR(DistanceMetres({113, 34}, {113, 35}), 111195, 10);
}

}  // namespace
}  // namespace tuijin::domain
