// Attachments of projects (metadata; contents in BlobStore) and saved list filters.
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

struct SavedFilter {
  int64_t id = 0;
  std::string name;
  std::string query;
};

class AttachmentStore {
 public:
  explicit AttachmentStore(db::Database& db) : db_(db) {}

  StatusOr<std::vector<Attachment>> List(int64_t project_id);
  StatusOr<Attachment> Get(int64_t id);
  StatusOr<Attachment> Add(int64_t project_id, const std::string& file_name, const std::string& content_type,
                           int64_t size, const std::string& sha256, int64_t user_id);
  Status Delete(int64_t id);

  // Saved filters belong to one user and one list ("projects").
  StatusOr<std::vector<SavedFilter>> Filters(int64_t user_id, const std::string& scope);
  StatusOr<SavedFilter> SaveFilter(int64_t user_id, const std::string& scope, const std::string& name,
                                   const std::string& query);
  // NotFound unless the filter is the user's.
  Status DeleteFilter(int64_t user_id, int64_t id);

 private:
  db::Database& db_;
};

}  // namespace tuijin::store
