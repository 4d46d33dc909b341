#pragma once
// The HTTP server: owns the io_context and its threads; everything else is behind a pimpl so
// that users of this header do not compile Beast.
#include "server/request_handler.hpp"

#include <boost/asio/ip/tcp.hpp>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <thread>

namespace emu::server {

/// Listening address, threads and the limits applied to every connection.
struct server_options {
    std::string host = "127.0.0.1"; ///< address or name to bind (first resolved address)
    unsigned short port = 8000;     ///< 0: the kernel picks one (see server::start)
    unsigned threads = std::max(1u, std::thread::hardware_concurrency()); ///< I/O threads
    std::size_t max_body = 6 * 1024 * 1024; ///< larger bodies → reject(body_too_large)
    std::size_t max_header = 16 * 1024; ///< header fields, request line excluded → header_too_large
    std::size_t max_target = 8 * 1024;              ///< request-target → reject(target_too_long)
    std::chrono::milliseconds read_timeout{30'000}; ///< per request and per idle wait
    std::size_t max_connections = 10000;            ///< more are accepted and closed at once
    std::chrono::milliseconds shutdown_grace{10'000}; ///< stop() force-closes after this
};

/// An HTTP/1.1 server that hands every request to a request_handler (on the connection's
/// implicit strand, concurrently across connections). Transport failures close the connection and
/// are never turned into HTTP; only oversized requests are answered, through `reject`. Lifecycle:
/// construct, start() once, stop() (or destroy). Not restartable.
class server {
public:
    /// Stores the options and the application callbacks; opens nothing yet.
    server(server_options options, request_handler handler);
    /// Calls stop(). Must not run on one of the server's own threads.
    ~server();
    server(const server&) = delete;
    server& operator=(const server&) = delete;

    /// Resolves the host, binds and listens synchronously (connections queue in the kernel from
    /// here on, so no readiness wait is needed), then starts the I/O threads. Returns the bound
    /// port. Throws boost::system::system_error if the address cannot be bound (fatal), and
    /// std::logic_error if called twice.
    unsigned short start();
    /// Graceful stop: stops accepting (new connections are refused), closes idle connections,
    /// lets a request being handled get its full response (then closes), force-closes what is
    /// still open after shutdown_grace, and joins the threads. Thread-safe and idempotent; when
    /// called on one of the server's own threads (e.g. a handler) it only starts the stop and
    /// returns, and wait() does the joining.
    void stop();
    /// Blocks until the server has stopped and its threads are joined; returns at once if it
    /// was never started. Thread-safe.
    void wait();
    /// The bound address; meaningful after start(). Thread-safe.
    boost::asio::ip::tcp::endpoint local_endpoint() const;
    /// Number of open connections. Thread-safe.
    std::size_t active_connections() const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace emu::server
