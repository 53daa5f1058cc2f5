#include "domain/geojson.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace tuijin::domain {
namespace {

const char* kSquare = R"({"type":"Polygon","coordinates":[[[113.6,34.6],[113.8,34.6],[113.8,34.8],[113.6,34.8],[113.6,34.6]]]})";

std::string Message(const StatusOr<GeoJsonLayer>& r) { return r.ok() ? std::string() : r.status().message(); }

TEST(GeoJsonTest, AcceptsAFeatureCollectionAndMeasuresIt) {
  const std::string text = std::string(R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"云河区"},"geometry":)") +
                           kSquare + R"(},{"type":"Feature","properties":null,"geometry":{"type":"LineString","coordinates":[[113.65,34.7],[113.75,34.71,80]]}}]})";
  auto r = CheckGeoJson(text);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->feature_count, 2u);
  EXPECT_DOUBLE_EQ(r->west, 113.6);
  EXPECT_DOUBLE_EQ(r->east, 113.8);
  EXPECT_DOUBLE_EQ(r->south, 34.6);
  EXPECT_DOUBLE_EQ(r->north, 34.8);
  auto back = boost::json::parse(r->feature_collection).as_object();
  EXPECT_EQ(back["features"].as_array().size(), 2u);
  EXPECT_EQ(back["features"].as_array()[0].as_object()["properties"].as_object()["name"], "云河区");
}

TEST(GeoJsonTest, WrapsAFeatureOrABareGeometry) {
  auto bare = CheckGeoJson(kSquare, kPolygons);
  ASSERT_TRUE(bare.ok()) << bare.status().ToString();
  auto fc = boost::json::parse(bare->feature_collection).as_object();
  EXPECT_EQ(fc["type"], "FeatureCollection");
  EXPECT_EQ(fc["features"].as_array()[0].as_object()["geometry"].as_object()["type"], "Polygon");
  auto feature = CheckGeoJson(std::string(R"({"type":"Feature","properties":{},"geometry":)") + kSquare + "}");
  ASSERT_TRUE(feature.ok());
  EXPECT_EQ(feature->feature_count, 1u);
}

TEST(GeoJsonTest, NamesWhatIsWrongAndWhere) {
  struct Case {
    const char* text;
    const char* says;
  };
  const Case cases[] = {
      {"{\"type\": \"FeatureCollection\", \"features\": [", "不是有效的 JSON"},
      {"[1,2]", "应为对象"},
      {R"({"features":[]})", "缺少 type"},
      {R"({"type":"FeatureCollection"})", "features 数组"},
      {R"({"type":"FeatureCollection","features":[]})", "没有任何要素"},
      {R"({"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Circle","coordinates":[1,2]}}]})",
       "features[0].geometry.type: 未知的几何类型 \"Circle\""},
      {R"({"type":"FeatureCollection","features":[{"type":"Feature"}]})", "features[0]: Feature 缺少 geometry"},
      {R"({"type":"Point","coordinates":[200,30]})", "经度 200 超出 -180 到 180"},
      {R"({"type":"Point","coordinates":[113,95]})", "纬度 95 超出 -90 到 90"},
      {R"({"type":"LineString","coordinates":[[113,34],["113",34.1]]})", ".coordinates[1][0]: 坐标应为数字"},
      {R"({"type":"LineString","coordinates":[[113,34]]})", "线至少要 2 个坐标"},
      {R"({"type":"Polygon","coordinates":[[[113,34],[114,34],[114,35],[113,35]]]})", "未闭合"},
      {R"({"type":"Polygon","coordinates":[[[113,34],[114,34],[113,34]]]})", "至少要 4 个坐标"},
      {R"({"type":"MultiPolygon","coordinates":[]})", "不能为空数组"},
      {R"({"type":"Point","coordinates":[113]})", "[经度, 纬度]"},
  };
  for (const Case& c : cases) {
    auto r = CheckGeoJson(c.text);
    ASSERT_FALSE(r.ok()) << c.text;
    EXPECT_EQ(r.status().code(), StatusCode::kUnprocessable) << c.text;
    EXPECT_EQ(r.status().error_code(), "map.invalid_geojson");
    EXPECT_NE(Message(r).find(c.says), std::string::npos) << c.text << " → " << Message(r);
  }
}

TEST(GeoJsonTest, KeepsToTheLayersGeometryKinds) {
  auto r = CheckGeoJson(R"({"type":"LineString","coordinates":[[113,34],[113.1,34.1]]})", kPolygons);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(Message(r).find("本图层不接受 LineString(应为面)"), std::string::npos) << Message(r);
}

TEST(GeoJsonTest, RefusesMoreThanFiveMegabytes) {
  std::string big = R"({"type":"MultiPoint","coordinates":[)";
  while (big.size() <= kMaxGeoJsonBytes) big += "[113.123456,34.123456],";
  big += "[113,34]]}";
  auto r = CheckGeoJson(big);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kTooLarge);
  EXPECT_NE(Message(r).find("超过 5 MB"), std::string::npos);
}

}  // namespace
}  // namespace tuijin::domain
