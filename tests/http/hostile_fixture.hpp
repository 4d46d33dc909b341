#pragma once
// The running application (support/running_app.hpp) with a "witness": a function whose stored
// config every hostile-client test reads back at the end, on a fresh connection, to show that
// the hostile client harmed neither the other clients nor the state. Shared by
// hostile_*_test.cpp and consistency_test.cpp. Nothing here sleeps.
#include "support/running_app.hpp"

#include <chrono>
#include <string>

namespace emu::test::hostile {

using namespace std::chrono_literals;

/// Port 0, two I/O threads, a short read deadline (the slow-client tests wait for it).
inline options hostile_options() {
    auto opts = test_options();
    opts.server.read_timeout = 400ms;
    return opts;
}

/// The application, started, with function "witness" and its config stored.
struct guarded_app : running_app {
    std::string witness; ///< the witness's config as first read back

    explicit guarded_app(const options& opts = hostile_options()) : running_app(opts) {
        test_client c(port);
        BOOST_TEST_REQUIRE(
            c.request(http::verb::post, functions_path(), create_body("witness"), api_headers)
                .result_int() == 200u);
        BOOST_TEST_REQUIRE(
            c.request(http::verb::put, config_path("witness"),
                      R"({"max_async_event_age_in_seconds":777,"max_async_retry_attempts":3})",
                      api_headers)
                .result_int() == 200u);
        witness = c.request(http::verb::get, config_path("witness"), "", api_headers).body();
    }

    /// One well-behaved request on `c`: the witness's config, which must be unchanged.
    void check_witness(test_client& c) const {
        auto res = c.request(http::verb::get, config_path("witness"), "", api_headers);
        BOOST_TEST(res.result_int() == 200u);
        BOOST_TEST(res.body() == witness);
    }
    /// A new well-behaved connection is served and the state is intact.
    void check_served_and_intact() const {
        test_client c(port);
        check_witness(c);
    }
};

} // namespace emu::test::hostile
