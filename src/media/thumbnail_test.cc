#include "media/thumbnail.h"

#include <gd.h>
#include <gtest/gtest.h>

#include <string>

namespace tuijin::media {
namespace {

// An image of w × h in the given format, drawn with libgd.
std::string Encode(int w, int h, bool png) {
  gdImagePtr im = gdImageCreateTrueColor(w, h);
  gdImageFilledRectangle(im, 0, 0, w / 2, h - 1, gdTrueColor(200, 30, 30));
  int size = 0;
  void* data = png ? gdImagePngPtr(im, &size) : gdImageJpegPtr(im, &size, 90);
  std::string out(static_cast<const char*>(data), static_cast<size_t>(size));
  gdFree(data);
  gdImageDestroy(im);
  return out;
}

PixelSize Decoded(const std::string& jpeg) {
  gdImagePtr im = gdImageCreateFromJpegPtr(static_cast<int>(jpeg.size()), const_cast<char*>(jpeg.data()));
  EXPECT_NE(im, nullptr);
  if (!im) return {};
  PixelSize s{gdImageSX(im), gdImageSY(im)};
  gdImageDestroy(im);
  return s;
}

TEST(ThumbnailTest, SizesAreReadFromTheHeaders) {
  auto png = ImageSize(Encode(640, 480, true), "image/png");
  ASSERT_TRUE(png);
  EXPECT_EQ(png->width, 640);
  EXPECT_EQ(png->height, 480);
  auto jpeg = ImageSize(Encode(1200, 900, false), "image/jpeg");
  ASSERT_TRUE(jpeg);
  EXPECT_EQ(jpeg->width, 1200);
  EXPECT_EQ(jpeg->height, 900);
  EXPECT_FALSE(ImageSize("not an image", "image/png"));
  EXPECT_FALSE(ImageSize(Encode(10, 10, true), "image/jpeg"));
}

TEST(ThumbnailTest, TheLongerSideBecomesTheLimitAndSmallImagesAreNotEnlarged) {
  auto wide = JpegThumbnail(Encode(1600, 800, false), "image/jpeg", 320);
  ASSERT_TRUE(wide.ok()) << wide.status().ToString();
  const PixelSize w = Decoded(*wide);
  EXPECT_EQ(w.width, 320);
  EXPECT_EQ(w.height, 160);
  auto tall = JpegThumbnail(Encode(600, 1200, true), "image/png", 320);
  ASSERT_TRUE(tall.ok());
  EXPECT_EQ(Decoded(*tall).height, 320);
  EXPECT_EQ(Decoded(*tall).width, 160);
  auto small = JpegThumbnail(Encode(100, 80, true), "image/png", 320);
  ASSERT_TRUE(small.ok());
  EXPECT_EQ(Decoded(*small).width, 100);
}

TEST(ThumbnailTest, AHugeDeclaredSizeIsRefusedBeforeDecoding) {
  std::string png = Encode(16, 16, true);
  // Rewrite IHDR's width and height to 100,000 × 100,000.
  const char big[] = {0x00, 0x01, static_cast<char>(0x86), static_cast<char>(0xA0)};
  png.replace(16, 4, big, 4);
  png.replace(20, 4, big, 4);
  auto thumb = JpegThumbnail(png, "image/png");
  ASSERT_FALSE(thumb.ok());
  EXPECT_EQ(thumb.status().error_code(), "photo.too_many_pixels");
}

TEST(ThumbnailTest, ATruncatedImageIsAnErrorNotACrash) {
  const std::string jpeg = Encode(400, 300, false);
  auto cut = JpegThumbnail(jpeg.substr(0, 40), "image/jpeg");
  ASSERT_FALSE(cut.ok());
  EXPECT_EQ(cut.status().error_code(), "photo.unreadable");
}

}  // namespace
}  // namespace tuijin::media
