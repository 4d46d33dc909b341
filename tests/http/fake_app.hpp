#pragma once
// A fake application and an RAII server for the transport tests (server_test.cpp,
// http_session_test.cpp): no application code, only what the transport needs to be driven.
#include "server/server.hpp"
#include "support/test_client.hpp"

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <functional>
#include <future>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

namespace emu::test::fake {

using namespace std::chrono_literals;
using emu::server::reply;
using emu::server::reply_action;
using emu::server::transport_error;

/// Per transport_error, in enum order: its name...
constexpr const char* error_names[] = {"body_too_large", "header_too_large", "target_too_long"};
/// ...and the status the fake answers it with.
constexpr http::status error_statuses[] = {http::status::payload_too_large,
                                           http::status::request_header_fields_too_large,
                                           http::status::uri_too_long};

/// The enumerator's name.
inline std::string name_of(transport_error why) {
    return error_names[static_cast<int>(why)];
}

/// The fake application. Answers "<method> <target> <body>" (no prepare_payload: the session
/// must do it); /delay, /slow, /reset, /truncate, /block, /stop, /throw and /later ask for special
/// replies. Thread-safe like a real handler.
struct fake_app {
    std::atomic<int> handled{0};           ///< requests passed to handle
    std::promise<void> entered;            ///< set when /block or /slow starts
    std::shared_future<void> release;      ///< /block returns when this is ready
    std::function<void()> on_stop_request; ///< called by /stop

    /// The callbacks to give the server; they refer to this object.
    emu::server::request_handler handler() {
        return {[this](emu::server::request&& req, const emu::server::deferral& later) {
                    return handle(std::move(req), later);
                },
                [this](transport_error why, const emu::server::request_header& header) {
                    return reject(why, header);
                }};
    }

    /// Answers every kept /later request with 200 "later <n>" (n: its place, from 1), from
    /// this thread; returns how many there were.
    std::size_t finish_later() {
        std::vector<emu::server::reply_sink> sinks;
        {
            std::lock_guard lock(mutex_);
            sinks.swap(later_);
        }
        for (std::size_t i = 0; i < sinks.size(); ++i) {
            reply r;
            r.message = {http::status::ok, 11};
            r.message.body() = "later " + std::to_string(i + 1);
            sinks[i](std::move(r));
        }
        return sinks.size();
    }

    /// How many /later requests are kept.
    std::size_t kept() {
        std::lock_guard lock(mutex_);
        return later_.size();
    }

    /// "<error name> <target>" for each reject call, in order.
    std::vector<std::string> rejected() {
        std::lock_guard lock(mutex_);
        return rejected_;
    }

private:
    std::optional<reply> handle(emu::server::request&& req, const emu::server::deferral& later) {
        ++handled;
        const std::string target(req.target());
        if (target == "/later") { // kept: finish_later() answers it
            std::lock_guard lock(mutex_);
            later_.push_back(later());
            return std::nullopt;
        }
        reply r;
        r.message = {http::status::ok, req.version()};
        r.message.keep_alive(req.keep_alive());
        r.message.body() = std::string(req.method_string()) + ' ' + target + ' ' + req.body();
        if (target == "/delay")
            r.delay = 50ms;
        if (target == "/slow") {
            r.delay = 1h; // only a forced close ends it
            entered.set_value();
        }
        if (target == "/reset")
            r.action = reply_action::reset;
        if (target == "/truncate") {
            r.message.body() = std::string(1000, 't');
            r.action = reply_action::truncate;
        }
        if (target == "/block") {
            entered.set_value();
            if (release.wait_for(10s) != std::future_status::ready) // never hang the run
                throw std::runtime_error("/block was never released");
        }
        if (target == "/stop")
            on_stop_request();
        if (target == "/throw")
            throw std::runtime_error("fake handler failure");
        return r;
    }

    reply reject(transport_error why, const emu::server::request_header& header) {
        {
            std::lock_guard lock(mutex_);
            rejected_.push_back(name_of(why) + ' ' + std::string(header.target()));
        }
        reply r;
        r.message = {error_statuses[static_cast<int>(why)], 11};
        r.message.body() = "rejected " + name_of(why);
        return r;
    }

    std::mutex mutex_;
    std::vector<std::string> rejected_;
    std::vector<emu::server::reply_sink> later_;
};

/// 127.0.0.1, port 0, two I/O threads, default limits.
inline emu::server::server_options test_options() {
    emu::server::server_options options;
    options.host = "127.0.0.1";
    options.port = 0;
    options.threads = 2;
    return options;
}

/// RAII: started on 127.0.0.1:0 (bind happens in start(), so no readiness wait), stopped in
/// the destructor. `app` must outlive it.
struct running_server {
    running_server(fake_app& app, emu::server::server_options options = test_options())
        : srv(std::move(options), app.handler()), port(srv.start()) {}
    ~running_server() { srv.stop(); }

    emu::server::server srv;
    unsigned short port;
};

/// GETs target and returns the body, checking for 200.
inline std::string get_body(test_client& client, const std::string& target) {
    const auto res = client.request(http::verb::get, target);
    BOOST_TEST(res.result_int() == 200);
    return res.body();
}

} // namespace emu::test::fake
