// Control-API waits (GET /_emulator/invocations and /_emulator/deliveries with min_count and
// wait_ms) park the request instead of holding an I/O thread. Proved by ordering, not by
// timing: with one I/O thread, eight waits are parked and the server still answers; one
// invocation then releases all eight, each with what it waited for.
#include "control/service_state.hpp"
#include "support/running_app.hpp"

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

using namespace emu::test;

namespace {

const std::string p = project;

/// Blocks until the application has parked `n` waits (bounded: fails after 10 s).
void until_parked(running_app& app, std::size_t n) {
    const auto bound = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (app.app->state().waits.parked() < n) {
        BOOST_TEST_REQUIRE((std::chrono::steady_clock::now() < bound),
                           "only " << app.app->state().waits.parked() << " of " << n
                                   << " waits were parked");
        std::this_thread::yield();
    }
}

/// The bytes of a GET of `target` (sent without reading, so that the request stays parked).
std::string wait_request(const running_app& app, const std::string& target) {
    return raw_request(http::verb::get, target, "", app.port, {});
}

/// One I/O thread; project P's clock frozen; function f created.
struct one_thread_world {
    running_app app;
    client c{app};

    static emu::options options() {
        auto opts = test_options();
        opts.server.threads = 1;
        return opts;
    }
    one_thread_world() : app(options()) {
        auto r = c.ctl(http::verb::put, "/_emulator/clock?project_id=" + p, R"({"mode":"frozen"})");
        BOOST_TEST_REQUIRE(r.result_int() == 200u, r.body());
        r = c.api(http::verb::post, functions_path(p), create_body("f"));
        BOOST_TEST_REQUIRE(r.result_int() == 200u, r.body());
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(control_waits_test)

BOOST_AUTO_TEST_CASE(eight_parked_waits_hold_no_thread_and_one_invocation_releases_them) {
    one_thread_world w;
    const std::string target =
        "/_emulator/invocations?project_id=" + p + "&status=SUCCESS&min_count=1&wait_ms=30000";
    std::vector<std::unique_ptr<client>> waiters;
    for (int i = 0; i < 8; ++i) {
        waiters.push_back(std::make_unique<client>(w.app));
        waiters.back()->send_raw(wait_request(w.app, target));
    }
    until_parked(w.app, 8);

    // The only I/O thread is free: other requests are answered while the eight wait.
    auto health = w.c.ctl(http::verb::get, "/_emulator/health");
    BOOST_TEST(health.result_int() == 200u);
    BOOST_TEST(w.app.app->state().waits.parked() == 8u);

    // One invocation runs to SUCCESS when the frozen clock moves; that releases all eight,
    // each answered with the record it waited for (an answer at the 30 s deadline would
    // have count 0).
    auto r = w.c.api(http::verb::post, functions_path(p) + "/" + urn("f", p) + "/invocations-async",
                     R"({"n":1})");
    BOOST_TEST_REQUIRE(r.result_int() == 202u, r.body());
    const std::string id = str(body_of(r), "request_id");
    r = w.c.ctl(http::verb::put, "/_emulator/clock?project_id=" + p, R"({"advance_ms":100})");
    BOOST_TEST_REQUIRE(r.result_int() == 200u, r.body());
    for (auto& waiter : waiters) {
        auto a = waiter->read_response();
        BOOST_TEST(a.result_int() == 200u);
        auto body = body_of(a);
        BOOST_TEST(body.at("count") == 1);
        BOOST_TEST(body.at("invocations").at(0).at("request_id") == json::value(id));
        BOOST_TEST(body.at("invocations").at(0).at("status") == "SUCCESS");
    }
    BOOST_TEST(w.app.app->state().waits.parked() == 0u);
    // The connections stay usable (keep-alive): the next request is answered at once.
    auto again = waiters.front()->ctl(http::verb::get, target);
    BOOST_TEST(body_of(again).at("count") == 1);
}

BOOST_AUTO_TEST_CASE(a_delivery_wait_is_answered_by_the_delivery_it_waits_for) {
    one_thread_world w;
    auto r = w.c.api(http::verb::put, config_path("f", p),
                     R"({"max_async_retry_attempts":0,"max_async_event_age_in_seconds":3600,)"
                     R"("destination_config":{"on_success":{"destination":"OBS","param":)"
                     R"("{\"bucket\":\"results\",\"prefix\":\"out/\"}"}}})");
    BOOST_TEST_REQUIRE(r.result_int() == 200u, r.body());
    client waiter(w.app);
    waiter.send_raw(wait_request(w.app, "/_emulator/deliveries?project_id=" + p +
                                            "&destination=OBS&min_count=1&wait_ms=30000"));
    until_parked(w.app, 1);
    r = w.c.api(http::verb::post, functions_path(p) + "/" + urn("f", p) + "/invocations-async",
                R"({"n":1})");
    BOOST_TEST_REQUIRE(r.result_int() == 202u, r.body());
    w.c.ctl(http::verb::put, "/_emulator/clock?project_id=" + p, R"({"advance_ms":100})");
    auto a = waiter.read_response();
    BOOST_TEST(a.result_int() == 200u);
    BOOST_TEST(body_of(a).at("count") == 1);
    BOOST_TEST(body_of(a).at("deliveries").at(0).at("destination") == "OBS");
}

BOOST_AUTO_TEST_CASE(a_satisfied_wait_answers_at_once_and_zero_wait_never_parks) {
    one_thread_world w;
    // min_count 0 is satisfied by nothing; wait_ms 0 answers what there is.
    for (std::string q : {"&min_count=0&wait_ms=30000", "&min_count=5&wait_ms=0"}) {
        auto r = w.c.ctl(http::verb::get, "/_emulator/invocations?project_id=" + p + q);
        BOOST_TEST(r.result_int() == 200u);
        BOOST_TEST(body_of(r).at("count") == 0);
    }
    BOOST_TEST(w.app.app->state().waits.parked() == 0u);
}

BOOST_AUTO_TEST_CASE(stopping_answers_parked_waits_with_what_there_is) {
    auto w = std::make_unique<one_thread_world>();
    client waiter(w->app);
    waiter.send_raw(wait_request(w->app, "/_emulator/invocations?project_id=" + p +
                                             "&min_count=1&wait_ms=30000"));
    until_parked(w->app, 1);
    // Stop does not wait the 30 s out: the parked request is answered first.
    w->app.app->stop();
    auto a = waiter.read_response();
    BOOST_TEST(a.result_int() == 200u);
    BOOST_TEST(body_of(a).at("count") == 0);
    w.reset();
}

BOOST_AUTO_TEST_SUITE_END()
