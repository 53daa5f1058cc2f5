// The web UI, embedded in the binary. Hashed files under assets/ are cached as immutable;
// index.html is served with no-cache, also for every client-side route.
// Text files are gzip-compressed once at startup and sent compressed when accepted.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <unordered_map>

#include "base/embedded.h"
#include "http/compression.h"
#include "http/request.h"

namespace tuijin::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::span<const embed::EmbeddedFile> files);

  // The response for a GET or HEAD of req.path: the file, or index.html for a path that
  // names no file and has no extension (a client route). nullopt when there is neither.
  std::optional<Response> Serve(const Request& req) const;

  bool empty() const { return files_.empty(); }

 private:
  struct File {
    std::string_view data;
    std::string gzip;  // empty when not worth compressing
    std::string etag;
    std::string content_type;
    bool immutable;
  };
  Response Build(const Request& req, const File& f) const;

  std::unordered_map<std::string, File> files_;
};

}  // namespace tuijin::http
