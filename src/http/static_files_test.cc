#include "http/static_files.h"

#include <gtest/gtest.h>
#include <zlib.h>

namespace tuijin::http {
namespace {

const std::string kIndex = "<!doctype html><title>推进</title>";
const std::string kScript(4000, 'x');

std::vector<embed::EmbeddedFile> Files() {
  return {{"index.html", kIndex.data(), kIndex.size()}, {"assets/app-1a2b.js", kScript.data(), kScript.size()}};
}

Request Get(std::string path) {
  Request r;
  r.method = "GET";
  r.path = std::move(path);
  return r;
}

TEST(StaticFilesTest, HashedAssetsAreImmutableAndIndexIsNoCache) {
  auto files = Files();
  StaticFiles s(files);
  auto asset = s.Serve(Get("/assets/app-1a2b.js"));
  ASSERT_TRUE(asset);
  EXPECT_EQ(asset->HeaderValue("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(asset->Body().size(), kScript.size());

  auto route = s.Serve(Get("/projects/12"));
  ASSERT_TRUE(route);
  EXPECT_EQ(route->HeaderValue("cache-control"), "no-cache");
  EXPECT_EQ(route->Body(), kIndex);

  EXPECT_FALSE(s.Serve(Get("/assets/missing.js")));
}

TEST(StaticFilesTest, GzipWhenAcceptedAndNotModifiedOnEtag) {
  auto files = Files();
  StaticFiles s(files);
  Request req = Get("/assets/app-1a2b.js");
  req.headers.push_back({"accept-encoding", "gzip, deflate"});
  auto gz = s.Serve(req);
  ASSERT_TRUE(gz);
  EXPECT_EQ(gz->HeaderValue("content-encoding"), "gzip");
  EXPECT_LT(gz->Body().size(), kScript.size());

  // Round trip through zlib.
  std::string out(kScript.size(), '\0');
  z_stream zs{};
  inflateInit2(&zs, 15 + 16);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz->Body().data()));
  zs.avail_in = static_cast<uInt>(gz->Body().size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&zs, Z_FINISH), Z_STREAM_END);
  inflateEnd(&zs);
  EXPECT_EQ(out, kScript);

  Request again = Get("/assets/app-1a2b.js");
  again.headers.push_back({"if-none-match", std::string(*gz->HeaderValue("etag"))});
  EXPECT_EQ(s.Serve(again)->status, 304);
}

}  // namespace
}  // namespace tuijin::http
