// File contents on disk, named by their SHA-256 under <data_dir>/blobs/ab/cdef…: identical
// files are stored once, names never come from users (no path traversal), and nothing
// here is served directly by the web server.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace tuijin::store {

class BlobStore {
 public:
  explicit BlobStore(std::string data_dir) : root_(std::move(data_dir) + "/blobs") {}

  // Writes the bytes (atomically: temp file, fsync, rename) and returns their SHA-256.
  StatusOr<std::string> Put(std::string_view bytes);
  StatusOr<std::string> Read(const std::string& sha256) const;

 private:
  std::string PathFor(const std::string& sha256) const;
  std::string root_;
};

}  // namespace tuijin::store
