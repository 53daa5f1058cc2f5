// Attachments of projects: their metadata; the contents are in BlobStore.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "db/db.h"

namespace tuijin::store {

struct Attachment {
  int64_t id = 0;
  int64_t project_id = 0;
  std::string file_name;
  std::string content_type;
  int64_t size = 0;
  std::string sha256;
  std::optional<std::string> uploaded_by_name;
  std::string uploaded_at;
};

class AttachmentStore {
 public:
  explicit AttachmentStore(db::Database& db) : db_(db) {}

  StatusOr<std::vector<Attachment>> List(int64_t project_id);
  StatusOr<Attachment> Get(int64_t id);
  StatusOr<Attachment> Add(int64_t project_id, const std::string& file_name, const std::string& content_type,
                           int64_t size, const std::string& sha256, int64_t user_id);
  Status Delete(int64_t id);

 private:
  db::Database& db_;
};

}  // namespace tuijin::store
