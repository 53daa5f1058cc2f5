#include "domain/file_types.h"

#include <algorithm>

namespace tuijin::domain {
namespace {

std::string Extension(std::string_view name) {
  const auto dot = name.rfind('.');
  if (dot == std::string_view::npos) return {};
  std::string ext(name.substr(dot + 1));
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext;
}


}  // namespace

std::optional<FileType> DetectImageType(std::string_view head) {
  if (head.starts_with("\xFF\xD8\xFF")) return FileType{"image/jpeg", "image"};
  if (head.starts_with("\x89PNG\r\n\x1A\n")) return FileType{"image/png", "image"};
  return std::nullopt;
}

std::optional<FileType> DetectAttachmentType(std::string_view file_name, std::string_view head) {
  const std::string ext = Extension(file_name);
  if (head.starts_with("%PDF-")) {
    if (ext != "pdf") return std::nullopt;
    return FileType{"application/pdf", "pdf"};
  }
  if (auto image = DetectImageType(head)) {
    const bool jpeg = image->content_type == "image/jpeg";
    if (jpeg ? (ext != "jpg" && ext != "jpeg") : ext != "png") return std::nullopt;
    return image;
  }
  if (head.starts_with(std::string_view("PK\x03\x04", 4))) {
    if (ext == "docx") return FileType{"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "office"};
    if (ext == "xlsx") return FileType{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "office"};
    if (ext == "pptx") return FileType{"application/vnd.openxmlformats-officedocument.presentationml.presentation", "office"};
    return std::nullopt;
  }
  if (head.starts_with(std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))) {
    if (ext == "doc" || ext == "wps") return FileType{"application/msword", "office"};
    if (ext == "xls" || ext == "et") return FileType{"application/vnd.ms-excel", "office"};
    if (ext == "ppt" || ext == "dps") return FileType{"application/vnd.ms-powerpoint", "office"};
    return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace tuijin::domain
