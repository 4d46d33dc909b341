#pragma once
// The acceptor: on its own strand, hands each connection to a new http_session.
#include "server/net.hpp"

#include <memory>
#include <vector>

namespace emu::server {

class session_context;

/// Accepts connections and starts one http_session per connection, each on the
/// implicit strand of one I/O thread's io_context (net.hpp).
/// Connections beyond max_connections are accepted and closed at once.
class listener : public std::enable_shared_from_this<listener> {
public:
    /// Opens, binds and listens synchronously, so that connections queue in the kernel as soon
    /// as this returns. Throws boost::system::system_error (e.g. address in use).
    /// The acceptor runs on `ioc`; connections are spread over `pool` round-robin.
    listener(net::io_context& ioc, std::vector<net::io_context*> pool,
             const tcp::endpoint& endpoint, std::shared_ptr<session_context> context);

    /// Starts accepting. Call once.
    void run();
    /// Stops accepting (new connections are refused) and asks every session to close once
    /// idle. Thread-safe; idempotent.
    void stop();
    /// The bound address (the kernel's choice when the port was 0). Thread-safe.
    const tcp::endpoint& local_endpoint() const noexcept { return endpoint_; }

private:
    void do_accept();
    void on_accept(beast::error_code ec, stream_socket socket);
    void on_retry(beast::error_code ec);
    void on_stop();

    std::vector<net::io_context*> pool_;
    std::size_t next_ = 0;
    tcp::acceptor acceptor_; // its executor is the listener's strand
    net::steady_timer retry_timer_;
    std::shared_ptr<session_context> context_;
    tcp::endpoint endpoint_;
    bool stopped_ = false;
};

} // namespace emu::server
