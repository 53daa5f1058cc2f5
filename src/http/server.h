// The HTTP/1.1 server (Boost.Beast on Asio coroutines). Sockets are served by a few I/O
// threads; each request is handed to a worker pool, so a slow database call never stalls
// other connections. Only this file's .cc includes Beast.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "http/request.h"

namespace tuijin::http {

// What the server serves. Implementations must be thread-safe: Handle() runs on many
// worker threads at once.
class Handler {
 public:
  virtual ~Handler() = default;
  // The largest request body accepted for this method and path; beyond it, 413.
  virtual size_t BodyLimit(std::string_view method, std::string_view path) const = 0;
  virtual Response Handle(Request& request) = 0;
  // A response that can be given at once on the I/O thread, without the worker pool: only for
  // answers already in memory (no database, no waiting). nullopt sends the request to Handle().
  virtual std::optional<Response> HandleInline(Request& /*request*/) { return std::nullopt; }
  // The response for a request the server refused before handling it (too large, malformed).
  virtual Response Reject(const Request& request, const Status& status) = 0;
};

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0 picks a free port
  int io_threads = 2;
  int workers = 16;
  int max_connections = 4096;
  size_t max_header_bytes = 16 * 1024;
  int read_timeout_seconds = 30;     // to read one request once it has started
  int idle_timeout_seconds = 60;     // to wait for the next request on a kept-alive connection
  int shutdown_timeout_seconds = 30; // to let in-flight requests finish on SIGTERM
};

class Server {
 public:
  Server(ServerOptions options, Handler& handler);
  ~Server();

  // Binds and listens. Fails (Unavailable) when the address is taken or invalid.
  Status Listen();
  // The bound port (after Listen).
  uint16_t port() const;
  // Serves until SIGINT/SIGTERM or Stop(): then stops accepting, closes idle connections,
  // lets in-flight requests finish (up to shutdown_timeout_seconds) and returns.
  void Run();
  // Thread-safe; Run() returns after draining.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tuijin::http
