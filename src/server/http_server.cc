// The HTTP side of pgraph serve: Boost.Beast over Asio. Connections are read
// and written on a few I/O threads; questions are answered on a pool of
// query threads and pictures on a render thread of their own (libgvc is
// serialised anyway), so neither waits behind the other.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "partnergraph/server.h"

#include "server/api.h"
#include "server/database_holder.h"

namespace partnergraph {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

constexpr int kIoThreads = 2;

// What every session shares.
struct ServerContext {
  server::Api* api = nullptr;
  asio::thread_pool* query_pool = nullptr;
  asio::thread_pool* render_pool = nullptr;
  uint16_t port = 0;
  std::chrono::milliseconds header_timeout{10000};
  std::chrono::milliseconds request_timeout{30000};
};

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

// DNS rebinding: a page of evil.example whose name now points at 127.0.0.1
// sends Host: evil.example; only our own names with our port get through.
bool IsOurHost(std::string_view host, uint16_t port) {
  const std::string suffix = ":" + std::to_string(port);
  if (!host.ends_with(suffix)) return false;
  host.remove_suffix(suffix.size());
  return EqualsIgnoringCase(host, "localhost") || host == "127.0.0.1" || host == "[::1]";
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, const ServerContext& context)
      : stream_(std::move(socket)), context_(context), timer_(stream_.get_executor()) {}

  void Start() {
    asio::dispatch(stream_.get_executor(),
                   beast::bind_front_handler(&Session::ReadRequest, shared_from_this()));
  }

 private:
  void ReadRequest() {
    parser_.emplace();
    parser_->header_limit(kMaxHeaderBytes);
    // The body is never read (see OnHeader): no limit needed to decide on
    // the method first and the body after.
    parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
    // A client that never finishes its headers is dropped (slowloris).
    stream_.expires_after(context_.header_timeout);
    http::async_read_header(stream_, buffer_, *parser_,
                            beast::bind_front_handler(&Session::OnHeader, shared_from_this()));
  }

  void OnHeader(beast::error_code ec, size_t /*bytes*/) {
    if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
        ec == asio::error::operation_aborted || ec == asio::error::connection_reset ||
        ec == asio::error::eof) {
      return Close();
    }
    if (ec == http::error::header_limit) {
      return Send(PlainReply(431, "Request header fields too large\n"), false, false);
    }
    if (ec) return Send(PlainReply(400, "Bad request\n"), false, false);
    const auto& request = parser_->get();
    const bool head = request.method() == http::verb::head;
    if (request.method() != http::verb::get && !head) {
      server::Reply reply = PlainReply(405, "Only GET and HEAD\n");
      reply.headers.emplace_back("Allow", "GET, HEAD");
      return Send(std::move(reply), false, false);
    }
    // No request bodies: the body is never read, so the connection closes.
    if (!parser_->is_done() || parser_->content_length().value_or(0) > 0 || parser_->chunked()) {
      return Send(PlainReply(413, "No request bodies\n"), false, false);
    }
    if (request.target().size() > kMaxTargetBytes) {
      return Send(PlainReply(414, "URI too long\n"), false, false);
    }
    const auto host = request.find(http::field::host);
    if (host == request.end() ||
        !IsOurHost(std::string_view(host->value().data(), host->value().size()), context_.port)) {
      return Send(PlainReply(421, "Misdirected request: use http://127.0.0.1:" +
                                      std::to_string(context_.port) + "/\n"),
                  head, false);
    }
    const bool keep_alive = request.keep_alive();
    std::string target(request.target().data(), request.target().size());
    if (!target.starts_with("/api/")) {
      return Send(context_.api->Get(target), head, keep_alive);
    }
    // The answer comes from a worker; the timer answers 503 if it is late.
    stream_.expires_never();
    auto answered = std::make_shared<bool>(false);
    timer_.expires_after(context_.request_timeout);
    timer_.async_wait(asio::bind_executor(
        stream_.get_executor(), [self = shared_from_this(), answered, head](beast::error_code e) {
          if (e || *answered) return;
          *answered = true;
          self->Send(ErrorText(503, "the request took too long"), head, false);
        }));
    asio::thread_pool& pool =
        server::Api::Renders(target) ? *context_.render_pool : *context_.query_pool;
    asio::post(pool, [self = shared_from_this(), answered, head, keep_alive,
                      target = std::move(target)]() {
      server::Reply reply = self->context_.api->Get(target);
      asio::post(self->stream_.get_executor(),
                 [self, answered, head, keep_alive, reply = std::move(reply)]() mutable {
                   if (*answered) return;
                   *answered = true;
                   self->timer_.cancel();
                   self->Send(std::move(reply), head, keep_alive);
                 });
    });
  }

  static server::Reply PlainReply(unsigned status, std::string text) {
    return {status, "text/plain; charset=utf-8", std::move(text), {}};
  }
  static server::Reply ErrorText(unsigned status, const std::string& message) {
    server::Reply reply = server::ErrorReply(Status::IOError(message));
    reply.status = status;
    return reply;
  }

  void Send(server::Reply reply, bool head, bool keep_alive) {
    auto response = std::make_shared<http::response<http::string_body>>();
    response->version(11);
    response->result(reply.status);
    response->set(http::field::content_type, reply.content_type);
    response->set("Content-Security-Policy", kContentSecurityPolicy);
    response->set("X-Content-Type-Options", "nosniff");
    response->set("X-Frame-Options", "DENY");
    response->set("Referrer-Policy", "no-referrer");
    response->set(http::field::cache_control, "no-store");
    for (const auto& [name, value] : reply.headers) response->set(name, value);
    response->body() = std::move(reply.body);
    response->keep_alive(keep_alive);
    response->prepare_payload();
    // HEAD: the headers of GET (Content-Length included), no body.
    if (head) response->body().clear();
    response_ = response;
    stream_.expires_after(context_.request_timeout);
    http::async_write(stream_, *response,
                      [self = shared_from_this(), keep_alive](beast::error_code ec, size_t) {
                        self->response_.reset();
                        if (ec || !keep_alive) return self->Close();
                        self->ReadRequest();
                      });
  }

  void Close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.socket().close(ignored);
  }

  beast::tcp_stream stream_;
  const ServerContext& context_;
  asio::steady_timer timer_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::empty_body>> parser_;
  std::shared_ptr<http::response<http::string_body>> response_;
};

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(asio::io_context& io, tcp::acceptor& acceptor, const ServerContext& context)
      : io_(io), acceptor_(acceptor), context_(context) {}

  void Accept() {
    acceptor_.async_accept(asio::make_strand(io_),
                           beast::bind_front_handler(&Listener::OnAccept, shared_from_this()));
  }

 private:
  void OnAccept(beast::error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted || !acceptor_.is_open()) return;
    if (!ec) std::make_shared<Session>(std::move(socket), context_)->Start();
    Accept();
  }

  asio::io_context& io_;
  tcp::acceptor& acceptor_;
  const ServerContext& context_;
};

}  // namespace

Status Serve(const ServeOptions& options, std::ostream& log) {
  beast::error_code ec;
  const asio::ip::address address = asio::ip::make_address(options.bind, ec);
  if (ec) {
    return Status::InvalidArgument("--bind: not an IP address: " + options.bind +
                                   " (e.g. 127.0.0.1 or ::1)");
  }
  if (!address.is_loopback()) {
    log << "pgraph serve: warning: listening on " << options.bind
        << ", which is not a loopback address: other machines may reach the server, and the "
           "database is readable by anyone who can.\n";
  }
  Result<std::unique_ptr<server::DatabaseHolder>> databases =
      server::DatabaseHolder::Open(options.db_path);
  if (!databases) return databases.error();
  server::Api api(**databases, options.style_folder);

  asio::io_context io(kIoThreads);
  tcp::acceptor acceptor(io);
  const tcp::endpoint endpoint(address, options.port);
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return Status::IOError("cannot listen on " + options.bind + " port " +
                           std::to_string(options.port) + ": " + ec.message());
  }
  asio::thread_pool query_pool(static_cast<size_t>(std::max(1, options.query_threads)));
  asio::thread_pool render_pool(1);
  ServerContext context;
  context.api = &api;
  context.query_pool = &query_pool;
  context.render_pool = &render_pool;
  context.port = acceptor.local_endpoint().port();
  context.header_timeout = std::chrono::milliseconds(options.header_timeout_ms);
  context.request_timeout = std::chrono::milliseconds(options.request_timeout_ms);

  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](beast::error_code, int) {
    beast::error_code ignored;
    acceptor.close(ignored);
    io.stop();
  });
  std::make_shared<Listener>(io, acceptor, context)->Accept();

  const std::string host = address.is_v6() ? "[" + address.to_string() + "]" : address.to_string();
  const std::string url = "http://" + host + ":" + std::to_string(context.port) + "/";
  if (options.on_listening) options.on_listening(url);

  std::vector<std::thread> threads;
  threads.reserve(kIoThreads - 1);
  for (int i = 1; i < kIoThreads; ++i) threads.emplace_back([&io] { io.run(); });
  io.run();
  for (std::thread& thread : threads) thread.join();
  // Requests in progress finish (a render cannot be interrupted); their
  // replies go nowhere, since the I/O has stopped.
  query_pool.join();
  render_pool.join();
  return Status::Ok();
}

}  // namespace partnergraph
