// Which uploads are accepted, decided by content (magic bytes), not by name. Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tuijin::domain {

struct FileType {
  std::string content_type;
  std::string kind;  // "pdf", "image", "office"
};

// Attachments: PDF, JPEG/PNG images, and Office/WPS documents (OOXML zip or legacy OLE).
// The name's extension only picks between formats that share a container (a .docx and a
// .xlsx are both zip files); a name that contradicts the content is refused.
std::optional<FileType> DetectAttachmentType(std::string_view file_name, std::string_view head);

// Photos: JPEG or PNG only.
std::optional<FileType> DetectImageType(std::string_view head);

}  // namespace tuijin::domain
