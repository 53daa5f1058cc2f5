#include "http/static_files.h"

#include "base/crypto.h"
#include "http/compression.h"

namespace tuijin::http {
namespace {

std::string ContentType(std::string_view path) {
  auto ends = [&](std::string_view ext) { return path.ends_with(ext); };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js") || ends(".mjs")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".json")) return "application/json; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  if (ends(".jpg") || ends(".jpeg")) return "image/jpeg";
  if (ends(".ico")) return "image/x-icon";
  if (ends(".woff2")) return "font/woff2";
  if (ends(".woff")) return "font/woff";
  if (ends(".ttf")) return "font/ttf";
  if (ends(".txt")) return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

}  // namespace

StaticFiles::StaticFiles(std::span<const embed::EmbeddedFile> files) {
  for (const auto& f : files) {
    File file;
    file.data = f.Contents();
    file.content_type = ContentType(f.Path());
    file.etag = "\"" + Sha256Hex(file.data).substr(0, 32) + "\"";
    file.immutable = f.Path().starts_with("assets/");
    if (Compressible(file.content_type) && file.data.size() > 1024) {
      std::string gz = Gzip(file.data);
      if (!gz.empty() && gz.size() < file.data.size()) file.gzip = std::move(gz);
    }
    files_.emplace("/" + std::string(f.Path()), std::move(file));
  }
}

Response StaticFiles::Build(const Request& req, const File& f) const {
  Response r;
  r.SetHeader("content-type", f.content_type);
  r.SetHeader("etag", f.etag);
  r.SetHeader("cache-control", f.immutable ? "public, max-age=31536000, immutable" : "no-cache");
  if (!f.gzip.empty()) r.SetHeader("vary", "Accept-Encoding");
  if (auto inm = req.HeaderValue("if-none-match"); inm && *inm == f.etag) {
    r.status = 304;
    return r;
  }
  if (!f.gzip.empty() && AcceptsGzip(req)) {
    r.SetHeader("content-encoding", "gzip");
    r.static_body = f.gzip;
  } else {
    r.static_body = f.data;
  }
  return r;
}

std::optional<Response> StaticFiles::Serve(const Request& req) const {
  if (req.method != "GET" && req.method != "HEAD") return std::nullopt;
  if (auto it = files_.find(req.path); it != files_.end() && req.path != "/index.html") return Build(req, it->second);
  // A client route ("/projects/12") gets the app; a missing file ("/assets/x.js") gets 404.
  const auto slash = req.path.rfind('/');
  if (req.path.find('.', slash) != std::string::npos && req.path != "/index.html") return std::nullopt;
  auto index = files_.find("/index.html");
  if (index == files_.end()) return std::nullopt;
  return Build(req, index->second);
}

}  // namespace tuijin::http
