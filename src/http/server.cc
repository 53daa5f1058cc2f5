#include "http/server.h"

#include <sys/resource.h>

#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <spdlog/spdlog.h>
#include <thread>
#include <unordered_map>

#include "base/crypto.h"
#include "http/compression.h"

namespace tuijin::http {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

// Raises the open-file limit to its hard maximum: every connection is a descriptor.
void RaiseFileLimit() {
  rlimit rl{};
  if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
    rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);
  }
}

bool IsQuietDisconnect(const beast::error_code& ec) {
  return ec == bhttp::error::end_of_stream || ec == net::error::eof || ec == net::error::operation_aborted ||
         ec == beast::error::timeout || ec == net::error::connection_reset || ec == net::error::broken_pipe ||
         ec == bhttp::error::partial_message;
}

bool ValidRequestId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  }
  return true;
}

}  // namespace

struct Server::Impl {
  struct Connection {
    beast::tcp_stream* stream = nullptr;
    std::atomic<bool> idle{true};
  };

  Impl(ServerOptions o, Handler& h)
      : options(std::move(o)), handler(h), ioc(options.io_threads), workers(options.workers), acceptor(ioc),
        signals(ioc, SIGINT, SIGTERM), id_prefix(RandomHex(3)) {}

  ServerOptions options;
  Handler& handler;
  net::io_context ioc;
  net::thread_pool workers;
  tcp::acceptor acceptor;
  net::signal_set signals;
  std::string id_prefix;
  std::atomic<uint64_t> next_request{0};
  std::atomic<uint64_t> next_connection{0};
  std::atomic<bool> stopping{false};

  std::mutex mu;
  std::condition_variable cv;
  bool stop_requested = false;
  std::unordered_map<uint64_t, Connection*> connections;

  net::awaitable<void> AcceptLoop();
  net::awaitable<void> Serve(tcp::socket socket, uint64_t id);
  net::awaitable<bool> WriteResponse(beast::tcp_stream& stream, const Request& req, Response res, bool keep_alive,
                                     std::chrono::steady_clock::time_point start);
  net::awaitable<void> LingeringClose(beast::tcp_stream& stream);
  void BeginStop();
};

// After refusing a request whose body is still arriving: stop sending, then read and
// discard for a moment, so that the client reads our response instead of a reset.
net::awaitable<void> Server::Impl::LingeringClose(beast::tcp_stream& stream) {
  beast::error_code ec;
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  std::array<char, 64 * 1024> sink;
  size_t discarded = 0;
  stream.expires_after(std::chrono::seconds(2));
  while (!ec && discarded < 64 * 1024 * 1024) {
    discarded += co_await stream.async_read_some(net::buffer(sink), net::redirect_error(net::use_awaitable, ec));
  }
}

net::awaitable<void> Server::Impl::AcceptLoop() {
  for (;;) {
    beast::error_code ec;
    tcp::socket socket = co_await acceptor.async_accept(net::make_strand(ioc), net::redirect_error(net::use_awaitable, ec));
    if (stopping) co_return;
    if (ec) {
      if (ec == net::error::operation_aborted) co_return;
      spdlog::warn("accept failed: {}", ec.message());
      // Out of descriptors: pause instead of spinning.
      net::steady_timer t(co_await net::this_coro::executor, std::chrono::milliseconds(50));
      co_await t.async_wait(net::use_awaitable);
      continue;
    }
    size_t open = 0;
    {
      std::lock_guard lock(mu);
      open = connections.size();
    }
    if (open >= static_cast<size_t>(options.max_connections)) {
      spdlog::warn("connection limit {} reached, refusing {}", options.max_connections,
                   socket.remote_endpoint(ec).address().to_string());
      socket.close(ec);
      continue;
    }
    const uint64_t id = ++next_connection;
    auto ex = socket.get_executor();
    net::co_spawn(ex, Serve(std::move(socket), id), net::detached);
  }
}

net::awaitable<bool> Server::Impl::WriteResponse(beast::tcp_stream& stream, const Request& req, Response res,
                                                 bool keep_alive, std::chrono::steady_clock::time_point start) {
  keep_alive = keep_alive && !res.close && !stopping;
  const std::string_view body = res.Body();
  const bool head = req.method == "HEAD";
  bhttp::response<bhttp::span_body<const char>> out{static_cast<bhttp::status>(res.status), 11};
  for (const Header& h : res.headers) out.set(h.name, h.value);
  out.set("X-Request-Id", req.request_id);
  out.keep_alive(keep_alive);
  if (!head) out.body() = boost::span<const char>(body.data(), body.size());
  out.content_length(body.size());
  stream.expires_after(std::chrono::seconds(options.read_timeout_seconds));
  beast::error_code ec;
  bhttp::serializer<false, bhttp::span_body<const char>> sr{out};
  if (head) sr.split(true);
  if (head) {
    co_await bhttp::async_write_header(stream, sr, net::redirect_error(net::use_awaitable, ec));
  } else {
    co_await bhttp::async_write(stream, sr, net::redirect_error(net::use_awaitable, ec));
  }
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  spdlog::info("{} {} {} {} {}B {:.1f}ms {}", req.request_id, req.method, req.target.substr(0, 200), res.status,
               body.size(), ms, req.remote_address);
  co_return !ec && keep_alive;
}

net::awaitable<void> Server::Impl::Serve(tcp::socket socket, uint64_t id) {
  beast::tcp_stream stream(std::move(socket));
  Connection conn;
  conn.stream = &stream;
  {
    std::lock_guard lock(mu);
    connections.emplace(id, &conn);
  }
  beast::error_code ec;
  const std::string remote = stream.socket().remote_endpoint(ec).address().to_string();
  beast::flat_buffer buffer;

  for (;;) {
    if (stopping) break;
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
    // The real body limit depends on the route, known only after the header: until then
    // none, or Beast would reject a large Content-Length as a malformed header.
    parser.body_limit(boost::none);
    conn.idle = buffer.size() == 0;
    stream.expires_after(std::chrono::seconds(buffer.size() ? options.read_timeout_seconds : options.idle_timeout_seconds));
    co_await bhttp::async_read_header(stream, buffer, parser, net::redirect_error(net::use_awaitable, ec));
    conn.idle = false;
    const auto start = std::chrono::steady_clock::now();

    if (ec && IsQuietDisconnect(ec)) break;
    Request req;
    req.remote_address = remote;
    req.request_id = fmt::format("{}-{:06x}", id_prefix, ++next_request);
    if (ec) {
      req.method = "-";
      req.target = "-";
      const Status st = ec == bhttp::error::header_limit
                            ? Status::TooLarge("request.header_too_large", "请求头过大")
                            : Status::InvalidArgument("request.malformed", "请求格式错误");
      Response res = handler.Reject(req, st);
      if (ec == bhttp::error::header_limit) res.status = 431;
      res.close = true;
      co_await WriteResponse(stream, req, std::move(res), false, start);
      co_await LingeringClose(stream);
      break;
    }

    auto& hreq = parser.get();
    req.method = std::string(hreq.method_string());
    req.target = std::string(hreq.target());
    for (const auto& field : hreq) {
      std::string name(field.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      req.headers.push_back({std::move(name), std::string(field.value())});
    }
    if (auto rid = req.HeaderValue("x-request-id"); rid && ValidRequestId(*rid)) req.request_id = std::string(*rid);
    if (!ParseTarget(req.target, req.path, req.query)) {
      Response res = handler.Reject(req, Status::InvalidArgument("request.bad_target", "请求地址格式错误"));
      res.close = true;
      co_await WriteResponse(stream, req, std::move(res), false, start);
      break;
    }

    const size_t limit = handler.BodyLimit(req.method, req.path);
    const auto declared = parser.content_length();
    if (declared && *declared > limit) {
      // Refuse before reading the body, and close: the unread body is still on the wire.
      Response res = handler.Reject(req, Status::TooLarge("request.too_large", "请求内容过大"));
      res.close = true;
      co_await WriteResponse(stream, req, std::move(res), false, start);
      co_await LingeringClose(stream);
      break;
    }
    if (!parser.is_done()) {
      if (auto expect = req.HeaderValue("expect"); expect && beast::iequals(*expect, "100-continue")) {
        bhttp::response<bhttp::empty_body> cont{bhttp::status::continue_, 11};
        co_await bhttp::async_write(stream, cont, net::redirect_error(net::use_awaitable, ec));
        if (ec) break;
      }
      parser.body_limit(limit);
      stream.expires_after(std::chrono::seconds(options.read_timeout_seconds));
      co_await bhttp::async_read(stream, buffer, parser, net::redirect_error(net::use_awaitable, ec));
      if (ec == bhttp::error::body_limit) {
        Response res = handler.Reject(req, Status::TooLarge("request.too_large", "请求内容过大"));
        res.close = true;
        co_await WriteResponse(stream, req, std::move(res), false, start);
        co_await LingeringClose(stream);
        break;
      }
      if (ec) break;
    }
    const bool keep_alive = hreq.keep_alive();
    req.body = std::move(hreq.body());

    // An answer already in memory is given at once; anything else runs on the worker pool and
    // this coroutine resumes on its own strand.
    std::optional<Response> inline_res;
    try {
      inline_res = handler.HandleInline(req);
    } catch (const std::exception& e) {
      spdlog::error("{} unhandled exception: {}", req.request_id, e.what());
    }
    // (An if, not a ?: around co_await: GCC 12 mishandles the temporaries of the latter.)
    Response res;
    if (inline_res) {
      res = std::move(*inline_res);
      CompressResponse(req, res);  // small (cached dashboard answers): cheap enough here
    } else {
      res = co_await net::co_spawn(
          workers,
          [this, &req]() -> net::awaitable<Response> {
            try {
              Response handled = handler.Handle(req);
              CompressResponse(req, handled);
              co_return handled;
            } catch (const std::exception& e) {
              spdlog::error("{} unhandled exception: {}", req.request_id, e.what());
              co_return handler.Reject(req, Status::Internal("服务器内部错误"));
            }
          },
          net::use_awaitable);
    }

    if (!co_await WriteResponse(stream, req, std::move(res), keep_alive, start)) break;
  }

  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  {
    std::lock_guard lock(mu);
    connections.erase(id);
  }
  cv.notify_all();
}

void Server::Impl::BeginStop() {
  if (stopping.exchange(true)) return;
  spdlog::info("shutting down: no new connections, finishing in-flight requests");
  beast::error_code ec;
  acceptor.close(ec);
  signals.cancel(ec);
  std::lock_guard lock(mu);
  for (auto& [id, conn] : connections) {
    // Cancel on the connection's own strand, where it is safe to touch its stream.
    net::post(conn->stream->get_executor(), [this, id = id] {
      std::lock_guard inner(mu);
      auto it = connections.find(id);
      if (it != connections.end() && it->second->idle) it->second->stream->cancel();
    });
  }
  stop_requested = true;
  cv.notify_all();
}

Server::Server(ServerOptions options, Handler& handler) : impl_(std::make_unique<Impl>(std::move(options), handler)) {}

Server::~Server() = default;

Status Server::Listen() {
  RaiseFileLimit();
  beast::error_code ec;
  const auto address = net::ip::make_address(impl_->options.host, ec);
  if (ec) return Status::InvalidArgument("server.bad_address", "无效的监听地址 " + impl_->options.host);
  const tcp::endpoint endpoint(address, impl_->options.port);
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    return Status::Unavailable("server.listen_failed", fmt::format("无法监听 {}:{}:{}", impl_->options.host,
                                                                   impl_->options.port, ec.message()));
  }
  return Status::Ok();
}

uint16_t Server::port() const {
  beast::error_code ec;
  return impl_->acceptor.local_endpoint(ec).port();
}

void Server::Run() {
  Impl& s = *impl_;
  s.signals.async_wait([&s](const beast::error_code& ec, int) {
    if (!ec) s.BeginStop();
  });
  net::co_spawn(s.acceptor.get_executor(), s.AcceptLoop(), net::detached);
  std::vector<std::thread> threads;
  for (int i = 0; i < s.options.io_threads; ++i) threads.emplace_back([&s] { s.ioc.run(); });
  {
    std::unique_lock lock(s.mu);
    s.cv.wait(lock, [&s] { return s.stop_requested; });
    const bool drained = s.cv.wait_for(lock, std::chrono::seconds(s.options.shutdown_timeout_seconds),
                                       [&s] { return s.connections.empty(); });
    if (!drained) spdlog::warn("shutdown timeout: closing {} connections", s.connections.size());
  }
  s.ioc.stop();
  for (auto& t : threads) t.join();
  s.workers.join();
  spdlog::info("server stopped");
}

void Server::Stop() {
  net::post(impl_->ioc, [this] { impl_->BeginStop(); });
}

}  // namespace tuijin::http
