// Photo thumbnails (进度照片): the pixel size read from a JPEG or PNG header without decoding
// it, and a small JPEG made with libgd. Decoding is refused above a pixel budget, so a small
// file declaring a huge image cannot exhaust memory.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"

namespace tuijin::media {

struct PixelSize {
  int width = 0;
  int height = 0;
};

// "image/jpeg" or "image/png"; nullopt when the header cannot be read.
std::optional<PixelSize> ImageSize(std::string_view bytes, std::string_view content_type);

inline constexpr int64_t kMaxPixels = 50'000'000;  // e.g. 8660 × 5773

// A JPEG no larger than `max_side` on its longer side (never enlarged).
StatusOr<std::string> JpegThumbnail(std::string_view bytes, std::string_view content_type, int max_side = 320);

}  // namespace tuijin::media
