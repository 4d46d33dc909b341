#include "server/server.hpp"

#include "server/listener.hpp"
#include "server/net.hpp"
#include "server/session_context.hpp"

#include <atomic>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace emu::server {

struct server::impl {
    impl(server_options options, request_handler handler)
        : options(std::move(options)),
          context(std::make_shared<session_context>(
              session_limits{this->options.max_body, this->options.max_header,
                             this->options.max_target, this->options.read_timeout},
              std::move(handler), this->options.max_connections, [this] { stop_all(); })),
          iocs(make_contexts(std::max(1u, this->options.threads))), grace(*iocs.front()) {}

    // One single-threaded io_context per I/O thread (concurrency hint 1: no scheduler
    // locking); each keeps running, even without connections, until stop_all().
    static std::vector<std::unique_ptr<net::io_context>> make_contexts(unsigned n) {
        std::vector<std::unique_ptr<net::io_context>> v;
        for (unsigned i = 0; i < n; ++i)
            v.push_back(std::make_unique<net::io_context>(1));
        return v;
    }

    void stop_all() {
        for (auto& ioc : iocs)
            ioc->stop();
    }

    bool on_io_thread() const {
        for (auto& ioc : iocs)
            if (ioc->get_executor().running_in_this_thread())
                return true;
        return false;
    }

    // On an I/O thread: stop accepting, ask sessions to close, arm the grace deadline. The
    // io_context stops when the last session has gone (session_context's on_drained).
    void begin_shutdown() {
        listener->stop();
        grace.expires_after(options.shutdown_grace);
        grace.async_wait([this](beast::error_code ec) {
            if (!ec)
                context->close_all();
        });
    }

    const server_options options;
    const std::shared_ptr<session_context> context;
    tcp::endpoint endpoint;
    std::atomic<bool> stopping{false};
    std::mutex threads_mutex; // start() and the joiners
    std::vector<std::thread> threads;
    // Destruction order matters. The io_context goes after the I/O objects below (their
    // strands need its services) and before the state above (handlers it still holds may
    // release sessions, which reach the context).
    std::vector<std::unique_ptr<net::io_context>> iocs;
    std::vector<net::executor_work_guard<net::io_context::executor_type>> guards;
    net::steady_timer grace;
    std::shared_ptr<emu::server::listener> listener; // set by start() before the threads exist
};

server::server(server_options options, request_handler handler)
    : impl_(std::make_unique<impl>(std::move(options), std::move(handler))) {}

server::~server() {
    stop();
}

unsigned short server::start() {
    auto& s = *impl_;
    std::lock_guard lock(s.threads_mutex);
    if (s.listener || s.stopping)
        throw std::logic_error("emu::server::server::start called twice or after stop");
    tcp::resolver resolver(*s.iocs.front());
    const auto results = resolver.resolve(s.options.host, std::to_string(s.options.port),
                                          tcp::resolver::passive | tcp::resolver::numeric_service);
    std::vector<net::io_context*> pool;
    for (auto& ioc : s.iocs) {
        pool.push_back(ioc.get());
        s.guards.push_back(net::make_work_guard(*ioc));
    }
    s.listener = std::make_shared<emu::server::listener>(*s.iocs.front(), std::move(pool),
                                                         results.begin()->endpoint(), s.context);
    s.endpoint = s.listener->local_endpoint();
    s.listener->run();
    for (auto& ioc : s.iocs)
        s.threads.emplace_back([ioc = ioc.get()] { ioc->run(); });
    return s.endpoint.port();
}

void server::stop() {
    auto& s = *impl_;
    // The first call starts the shutdown on an I/O thread (if the server never started, no
    // thread runs it and the io_context simply destroys it).
    if (!s.stopping.exchange(true))
        net::post(*s.iocs.front(), [&s] { s.begin_shutdown(); });
    if (!s.on_io_thread())
        wait();
}

void server::wait() {
    auto& s = *impl_;
    std::lock_guard lock(s.threads_mutex);
    for (auto& thread : s.threads)
        thread.join();
    s.threads.clear();
}

tcp::endpoint server::local_endpoint() const {
    return impl_->endpoint;
}

std::size_t server::active_connections() const {
    return impl_->context->size();
}

} // namespace emu::server
