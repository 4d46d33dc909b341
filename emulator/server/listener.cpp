#include "server/listener.hpp"

#include "server/http_session.hpp"
#include "server/session_context.hpp"

#include <chrono>
#include <iostream>

namespace emu::server {
namespace {

// Accept failures such as EMFILE repeat at once; pausing keeps them from spinning a thread.
constexpr std::chrono::milliseconds accept_retry_delay{100};

} // namespace

listener::listener(net::io_context& ioc, std::vector<net::io_context*> pool,
                   const tcp::endpoint& endpoint, std::shared_ptr<session_context> context)
    : pool_(std::move(pool)), acceptor_(net::make_strand(ioc)),
      retry_timer_(acceptor_.get_executor()), context_(std::move(context)) {
    // Throwing overloads: a server that cannot listen is fatal (style §3).
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(net::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(net::socket_base::max_listen_connections);
    endpoint_ = acceptor_.local_endpoint();
}

void listener::run() {
    net::dispatch(acceptor_.get_executor(),
                  beast::bind_front_handler(&listener::do_accept, shared_from_this()));
}

void listener::stop() {
    net::dispatch(acceptor_.get_executor(),
                  beast::bind_front_handler(&listener::on_stop, shared_from_this()));
}

void listener::do_accept() {
    // Round-robin over the I/O threads' contexts; the connection runs on the one thread of its
    // context (its implicit strand, net.hpp).
    net::io_context& ioc = *pool_[next_++ % pool_.size()];
    acceptor_.async_accept(ioc.get_executor(),
                           beast::bind_front_handler(&listener::on_accept, shared_from_this()));
}

void listener::on_accept(beast::error_code ec, stream_socket socket) {
    if (stopped_) // includes a connection accepted just before stop: it closes with `socket`
        return;
    if (ec) {
        std::cerr << "emu::server: accept: " << ec.message() << '\n';
        retry_timer_.expires_after(accept_retry_delay);
        retry_timer_.async_wait(beast::bind_front_handler(&listener::on_retry, shared_from_this()));
        return;
    }
    auto session = std::make_shared<http_session>(std::move(socket), context_);
    if (context_->add(session)) // otherwise over max_connections: dropping it closes the socket
        session->run();
    do_accept();
}

void listener::on_retry(beast::error_code ec) {
    if (ec || stopped_)
        return;
    do_accept();
}

void listener::on_stop() {
    if (stopped_)
        return;
    stopped_ = true;
    beast::error_code ec;
    acceptor_.close(ec); // the pending accept completes with operation_aborted
    retry_timer_.cancel();
    context_->shutdown_all(); // after the close, so that no session can be added later
}

} // namespace emu::server
