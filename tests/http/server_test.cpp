// Socket tests of emu::server with a fake application: start, concurrency, the connection
// limit and graceful stop.
#include "http/fake_app.hpp"

#include <boost/system/system_error.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <future>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace http = boost::beast::http;
using namespace std::chrono_literals;
using namespace emu::test::fake;
using emu::test::test_client;

} // namespace

BOOST_AUTO_TEST_SUITE(server_test)

BOOST_AUTO_TEST_CASE(start_returns_the_bound_port) {
    fake_app app;
    running_server s(app);
    BOOST_TEST(s.port != 0);
    BOOST_TEST(s.srv.local_endpoint().port() == s.port);
    BOOST_TEST(s.srv.local_endpoint().address().to_string() == "127.0.0.1");
}

BOOST_AUTO_TEST_CASE(start_on_a_port_in_use_throws) {
    fake_app app;
    running_server first(app);
    auto options = test_options();
    options.port = first.port;
    emu::server::server second(options, app.handler());
    BOOST_CHECK_THROW(second.start(), boost::system::system_error);
}

BOOST_AUTO_TEST_CASE(a_kept_request_is_answered_later_while_the_thread_serves_others) {
    fake_app app;
    auto options = test_options();
    options.threads = 1;
    running_server s(app, options);
    test_client kept(s.port);
    kept.send_raw("GET /later HTTP/1.1\r\nHost: x\r\n\r\n");
    const auto bound = std::chrono::steady_clock::now() + 10s;
    while (app.kept() == 0) { // bounded: the session hands /later over, then is idle
        BOOST_TEST_REQUIRE((std::chrono::steady_clock::now() < bound));
        std::this_thread::yield();
    }
    // The one I/O thread answers another connection while /later is kept.
    test_client other(s.port);
    BOOST_TEST(other.request(http::verb::get, "/now").body() == "GET /now ");
    BOOST_TEST(app.kept() == 1u);
    BOOST_TEST(app.finish_later() == 1u); // from this thread: the sink posts to the session's
    auto later = kept.read_response();
    BOOST_TEST(later.result_int() == 200u);
    BOOST_TEST(later.body() == "later 1");
    // The connection goes on with its next request.
    BOOST_TEST(kept.request(http::verb::get, "/next").body() == "GET /next ");
}

BOOST_AUTO_TEST_CASE(concurrent_clients_are_all_served) {
    fake_app app;
    running_server s(app);
    std::vector<std::future<int>> workers;
    for (int t = 0; t < 8; ++t)
        workers.push_back(std::async(std::launch::async, [&s, t] {
            test_client client(s.port);
            int correct = 0;
            for (int i = 0; i < 50; ++i) {
                const auto target = "/t" + std::to_string(t) + "/" + std::to_string(i);
                const auto res = client.request(http::verb::put, target, "x");
                correct += res.result_int() == 200 && res.body() == "PUT " + target + " x";
            }
            return correct;
        }));
    for (auto& worker : workers) {
        BOOST_REQUIRE(worker.wait_for(60s) == std::future_status::ready);
        BOOST_TEST(worker.get() == 50);
    }
    BOOST_TEST(app.handled == 400);
}

BOOST_AUTO_TEST_CASE(connections_over_max_connections_are_closed) {
    fake_app app;
    auto options = test_options();
    options.max_connections = 2;
    running_server s(app, options);
    test_client first(s.port);
    test_client second(s.port);
    BOOST_TEST(get_body(first, "/1") == "GET /1 "); // both sessions exist from here on
    BOOST_TEST(get_body(second, "/2") == "GET /2 ");
    test_client third(s.port);
    BOOST_TEST(third.read_until_closed() == "");
    BOOST_TEST(get_body(first, "/1") == "GET /1 ");
    BOOST_TEST(get_body(second, "/2") == "GET /2 ");
    BOOST_TEST(s.srv.active_connections() == 2u);
}

BOOST_AUTO_TEST_CASE(stop_finishes_the_request_in_flight_and_refuses_new_connections) {
    fake_app app;
    std::promise<void> release;
    app.release = release.get_future().share();
    auto entered = app.entered.get_future();
    running_server s(app);

    test_client idle(s.port);
    BOOST_TEST(get_body(idle, "/idle") == "GET /idle ");
    auto in_flight = std::async(std::launch::async, [&s] {
        test_client client(s.port);
        auto res = client.request(http::verb::get, "/block");
        return std::make_pair(res, client.read_until_closed());
    });
    BOOST_REQUIRE(entered.wait_for(5s) == std::future_status::ready);

    auto stopping = std::async(std::launch::async, [&s] { s.srv.stop(); });
    BOOST_TEST(idle.read_until_closed() == ""); // the idle keep-alive connection is closed
    BOOST_CHECK_THROW(test_client{s.port}, boost::system::system_error); // acceptor closed
    BOOST_TEST((stopping.wait_for(0s) == std::future_status::timeout));  // waits for /block

    release.set_value();
    BOOST_REQUIRE(in_flight.wait_for(5s) == std::future_status::ready);
    const auto [res, rest] = in_flight.get();
    BOOST_TEST(res.result_int() == 200);
    BOOST_TEST(res.body() == "GET /block ");
    BOOST_TEST(rest == ""); // then the connection closes
    BOOST_REQUIRE(stopping.wait_for(5s) == std::future_status::ready);
    BOOST_TEST(s.srv.active_connections() == 0u);
}

BOOST_AUTO_TEST_CASE(stop_force_closes_connections_still_busy_after_the_grace) {
    fake_app app;
    auto options = test_options();
    options.shutdown_grace = 100ms;
    running_server s(app, options);
    auto entered = app.entered.get_future();
    test_client client(s.port);
    client.send_raw("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
    BOOST_REQUIRE(entered.wait_for(5s) == std::future_status::ready);
    auto stopping = std::async(std::launch::async, [&s] { s.srv.stop(); });
    BOOST_REQUIRE(stopping.wait_for(5s) == std::future_status::ready);
    BOOST_TEST(client.read_until_closed() == "");
    BOOST_TEST(app.handled == 1);
}

BOOST_AUTO_TEST_CASE(stop_from_a_server_thread_is_idempotent) {
    fake_app app;
    running_server s(app);
    app.on_stop_request = [&s] { s.srv.stop(); }; // as a signal_set handler on an I/O thread
    test_client client(s.port);
    BOOST_TEST(get_body(client, "/stop") == "GET /stop ");
    s.srv.wait();
    BOOST_TEST(client.read_until_closed() == "");
    s.srv.stop();
    s.srv.wait();
    BOOST_CHECK_THROW(test_client{s.port}, boost::system::system_error);
}

BOOST_AUTO_TEST_SUITE_END()
