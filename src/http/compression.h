// gzip for responses: the one place that decides whether and how a response is compressed.
// Embedded files are compressed once at startup (static_files.h); other answers of a
// compressible type (JSON, GeoJSON, text) past kMinCompressBytes are compressed as they are
// sent, when the client accepts gzip.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "http/request.h"

namespace tuijin::http {

constexpr size_t kMinCompressBytes = 1024;

// gzip (RFC 1952) of `data` at zlib level `level` (1 fastest … 9 smallest; -1 zlib's default).
// Empty on failure.
std::string Gzip(std::string_view data, int level = -1);

// Whether the request's Accept-Encoding allows gzip (not "gzip;q=0").
bool AcceptsGzip(const Request& req);

// Whether responses of this content type are worth compressing.
bool Compressible(std::string_view content_type);

// Compresses `res` in place when the client accepts gzip and the body is compressible,
// larger than kMinCompressBytes and not encoded yet; adds Vary: Accept-Encoding to every
// compressible answer. A fast level: these bodies are made per request.
void CompressResponse(const Request& req, Response& res);

}  // namespace tuijin::http
