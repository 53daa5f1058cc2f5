#include "http/compression.h"

#include <zlib.h>

#include <cctype>

namespace tuijin::http {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

}  // namespace

std::string Gzip(std::string_view data, int level) {
  z_stream zs{};
  if (deflateInit2(&zs, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return {};
  std::string out(deflateBound(&zs, data.size()) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return rc == Z_STREAM_END ? out : std::string();
}

bool AcceptsGzip(const Request& req) {
  auto header = req.HeaderValue("accept-encoding");
  if (!header) return false;
  std::string_view rest = *header;
  while (!rest.empty()) {
    const size_t comma = rest.find(',');
    std::string_view item = Trim(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    const size_t semi = item.find(';');
    const std::string_view coding = Trim(item.substr(0, semi));
    if (!IEquals(coding, "gzip") && coding != "*") continue;
    if (semi == std::string_view::npos) return true;
    std::string_view param = Trim(item.substr(semi + 1));
    if (param.starts_with("q=") || param.starts_with("Q=")) {
      param.remove_prefix(2);
      // q=0, q=0.0, q=0.000: refused; anything else accepts.
      bool zero = !param.empty() && param[0] == '0';
      for (size_t i = 1; zero && i < param.size(); ++i) zero = param[i] == '.' || param[i] == '0';
      if (zero) return false;
    }
    return true;
  }
  return false;
}

bool Compressible(std::string_view content_type) {
  return content_type.starts_with("text/") || content_type.starts_with("application/json") ||
         content_type.starts_with("application/geo+json") || content_type.starts_with("image/svg");
}

void CompressResponse(const Request& req, Response& res) {
  if (!res.static_body.empty() || res.HeaderValue("content-encoding")) return;
  const auto type = res.HeaderValue("content-type");
  if (!type || !Compressible(*type)) return;
  if (res.body.size() <= kMinCompressBytes) return;
  if (!res.HeaderValue("vary")) res.SetHeader("vary", "Accept-Encoding");
  if (!AcceptsGzip(req) || req.method == "HEAD") return;
  std::string gz = Gzip(res.body, 1);
  if (gz.empty() || gz.size() >= res.body.size()) return;
  res.body = std::move(gz);
  res.SetHeader("content-encoding", "gzip");
}

}  // namespace tuijin::http
