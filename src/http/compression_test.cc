#include "http/compression.h"

#include <gtest/gtest.h>
#include <zlib.h>

namespace tuijin::http {
namespace {

std::string Gunzip(const std::string& gz) {
  z_stream zs{};
  inflateInit2(&zs, 15 + 16);
  std::string out(1 << 20, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data()));
  zs.avail_in = static_cast<uInt>(gz.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  inflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  inflateEnd(&zs);
  return out;
}

Request WithEncoding(std::string accept) {
  Request req;
  req.method = "GET";
  if (!accept.empty()) req.headers.push_back({"accept-encoding", std::move(accept)});
  return req;
}

std::string BigJson() {
  std::string body = "[";
  for (int i = 0; i < 200; ++i) body += R"({"id":)" + std::to_string(i) + R"(,"name":"云河区重点项目","colour":"green"},)";
  return body + "{}]";
}

TEST(CompressionTest, AcceptEncodingTokens) {
  EXPECT_TRUE(AcceptsGzip(WithEncoding("gzip")));
  EXPECT_TRUE(AcceptsGzip(WithEncoding("deflate, gzip;q=0.8, br")));
  EXPECT_TRUE(AcceptsGzip(WithEncoding("*")));
  EXPECT_FALSE(AcceptsGzip(WithEncoding("gzip;q=0")));
  EXPECT_FALSE(AcceptsGzip(WithEncoding("gzip; q=0.000")));
  EXPECT_FALSE(AcceptsGzip(WithEncoding("deflate, br")));
  EXPECT_FALSE(AcceptsGzip(WithEncoding("")));
  EXPECT_FALSE(AcceptsGzip(WithEncoding("xgzip")));
}

TEST(CompressionTest, LargeJsonIsCompressedWhenAccepted) {
  const std::string body = BigJson();
  Response res = Response::Json(200, body);
  CompressResponse(WithEncoding("gzip, deflate"), res);
  EXPECT_EQ(res.HeaderValue("content-encoding"), "gzip");
  EXPECT_EQ(res.HeaderValue("vary"), "Accept-Encoding");
  EXPECT_LT(res.body.size(), body.size() / 4);
  EXPECT_EQ(Gunzip(res.body), body);
}

TEST(CompressionTest, LeftAloneWhenSmallNotAcceptedOrNotText) {
  Response small = Response::Json(200, R"({"status":"ok"})");
  CompressResponse(WithEncoding("gzip"), small);
  EXPECT_FALSE(small.HeaderValue("content-encoding"));

  Response refused = Response::Json(200, BigJson());
  CompressResponse(WithEncoding("identity"), refused);
  EXPECT_FALSE(refused.HeaderValue("content-encoding"));
  EXPECT_EQ(refused.HeaderValue("vary"), "Accept-Encoding");  // a cache must keep both apart
  EXPECT_EQ(refused.body, BigJson());

  Response xlsx = Response::Download(std::string(5000, 'x'), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "台账.xlsx");
  CompressResponse(WithEncoding("gzip"), xlsx);
  EXPECT_FALSE(xlsx.HeaderValue("content-encoding"));
}

}  // namespace
}  // namespace tuijin::http
