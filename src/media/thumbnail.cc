#include "media/thumbnail.h"

#include <gd.h>

#include <algorithm>
#include <memory>

namespace tuijin::media {
namespace {

int Be16(std::string_view b, size_t at) {
  return (static_cast<unsigned char>(b[at]) << 8) | static_cast<unsigned char>(b[at + 1]);
}
int64_t Be32(std::string_view b, size_t at) {
  return (static_cast<int64_t>(Be16(b, at)) << 16) | Be16(b, at + 2);
}

std::optional<PixelSize> JpegSize(std::string_view b) {
  if (b.size() < 4 || static_cast<unsigned char>(b[0]) != 0xFF || static_cast<unsigned char>(b[1]) != 0xD8) {
    return std::nullopt;
  }
  size_t at = 2;
  while (at + 4 <= b.size()) {
    if (static_cast<unsigned char>(b[at]) != 0xFF) return std::nullopt;
    const unsigned char marker = static_cast<unsigned char>(b[at + 1]);
    if (marker == 0xFF) {  // fill byte
      ++at;
      continue;
    }
    if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {  // no length
      at += 2;
      continue;
    }
    const int length = Be16(b, at + 2);
    if (length < 2) return std::nullopt;
    // Start of frame: every SOFn but DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
      if (at + 9 > b.size()) return std::nullopt;
      return PixelSize{Be16(b, at + 7), Be16(b, at + 5)};
    }
    at += 2 + static_cast<size_t>(length);
  }
  return std::nullopt;
}

std::optional<PixelSize> PngSize(std::string_view b) {
  // Signature (8), IHDR length (4), "IHDR" (4), width (4), height (4).
  if (b.size() < 24 || b.substr(0, 8) != std::string_view("\x89PNG\r\n\x1a\n", 8) || b.substr(12, 4) != "IHDR") {
    return std::nullopt;
  }
  const int64_t w = Be32(b, 16), h = Be32(b, 20);
  if (w <= 0 || h <= 0 || w > INT32_MAX || h > INT32_MAX) return std::nullopt;
  return PixelSize{static_cast<int>(w), static_cast<int>(h)};
}

struct ImageFree {
  void operator()(gdImage* im) const { gdImageDestroy(im); }
};
using ImagePtr = std::unique_ptr<gdImage, ImageFree>;

}  // namespace

std::optional<PixelSize> ImageSize(std::string_view bytes, std::string_view content_type) {
  if (content_type == "image/jpeg") return JpegSize(bytes);
  if (content_type == "image/png") return PngSize(bytes);
  return std::nullopt;
}

StatusOr<std::string> JpegThumbnail(std::string_view bytes, std::string_view content_type, int max_side) {
  const auto size = ImageSize(bytes, content_type);
  if (!size || size->width <= 0 || size->height <= 0) {
    return Status::InvalidArgument("photo.unreadable", "无法读取图片尺寸,文件可能已损坏");
  }
  if (static_cast<int64_t>(size->width) * size->height > kMaxPixels) {
    return Status::TooLarge("photo.too_many_pixels", "图片像素过大(超过 5000 万像素),请缩小后再上传");
  }
  void* data = const_cast<char*>(bytes.data());
  const int length = static_cast<int>(bytes.size());
  ImagePtr src(content_type == "image/png" ? gdImageCreateFromPngPtr(length, data)
                                           : gdImageCreateFromJpegPtr(length, data));
  if (!src) return Status::InvalidArgument("photo.unreadable", "图片无法解码,文件可能已损坏");
  const int sw = gdImageSX(src.get()), sh = gdImageSY(src.get());
  const double scale = std::min(1.0, static_cast<double>(max_side) / std::max(sw, sh));
  const int dw = std::max(1, static_cast<int>(sw * scale + 0.5)), dh = std::max(1, static_cast<int>(sh * scale + 0.5));
  ImagePtr dst(gdImageCreateTrueColor(dw, dh));
  if (!dst) return Status::Internal("无法生成缩略图");
  // A transparent PNG gets a white background rather than black.
  gdImageFilledRectangle(dst.get(), 0, 0, dw - 1, dh - 1, gdTrueColor(255, 255, 255));
  gdImageCopyResampled(dst.get(), src.get(), 0, 0, 0, 0, dw, dh, sw, sh);
  int out_size = 0;
  void* out = gdImageJpegPtr(dst.get(), &out_size, 80);
  if (!out) return Status::Internal("无法生成缩略图");
  std::string jpeg(static_cast<const char*>(out), static_cast<size_t>(out_size));
  gdFree(out);
  return jpeg;
}

}  // namespace tuijin::media
