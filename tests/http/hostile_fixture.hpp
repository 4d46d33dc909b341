#pragma once
// The whole application (application::create, wired as main wires it) on 127.0.0.1:0 with a
// "witness": a function whose stored config every hostile-client test reads back at the end,
// on a fresh connection, to show that the hostile client harmed neither the other clients
// nor the state. Shared by hostile_*_test.cpp and consistency_test.cpp. Nothing here sleeps.
#include "app/application.hpp"
#include "domain/clock.hpp"
#include "support/test_client.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <memory>
#include <string>

namespace emu::test::hostile {

namespace json = boost::json;
namespace http = boost::beast::http;
using namespace std::chrono_literals;

inline const std::string project = "0123456789abcdef0123456789abcdef";
/// What a well-behaved client of the public API sends.
inline const header_list api_headers = {{"X-Auth-Token", "t"},
                                        {"Content-Type", "application/json"}};

inline std::string functions() {
    return "/v2/" + project + "/fgs/functions";
}
inline std::string urn(const std::string& name) {
    return "urn:fss:cn-north-4:" + project + ":function:default:" + name + ":latest";
}
inline std::string config(const std::string& name) {
    return functions() + "/" + urn(name) + "/async-invoke-config";
}
inline std::string create_body(const std::string& name) {
    return R"({"func_name":")" + name +
           R"(","package":"default","runtime":"Python3.9","handler":"index.handler",)"
           R"("memory_size":128,"timeout":30,"code_type":"inline"})";
}

/// Port 0, two I/O threads, a short read deadline (the slow-client tests wait for it).
inline options test_options() {
    options opts;
    opts.server.port = 0;
    opts.server.threads = 2;
    opts.server.read_timeout = 400ms;
    return opts;
}

/// Checks an error answer: status, JSON body with this error_code and a non-empty error_msg.
inline void check_error(const response& res, unsigned status, const std::string& code) {
    BOOST_TEST(res.result_int() == status);
    boost::system::error_code ec;
    auto body = json::parse(res.body(), ec);
    BOOST_TEST_REQUIRE(!ec, "not JSON: " << res.body());
    BOOST_TEST_REQUIRE(body.is_object(), res.body());
    BOOST_TEST(json::value_to<std::string>(body.at("error_code")) == code, res.body());
    BOOST_TEST(!json::value_to<std::string>(body.at("error_msg")).empty());
}

/// The error_msg of an error answer.
inline std::string error_msg(const response& res) {
    return json::value_to<std::string>(json::parse(res.body()).at("error_msg"));
}

/// The application, started, with function "witness" and its config stored.
struct guarded_app {
    domain::manual_clock clock{std::chrono::sys_days{std::chrono::year{2021} / 3 / 4}};
    std::unique_ptr<application> app;
    unsigned short port = 0;
    std::string witness; ///< the witness's config as first read back

    explicit guarded_app(const options& opts = test_options()) {
        std::string error;
        app = application::create(opts, error, &clock);
        BOOST_TEST_REQUIRE(app != nullptr, error);
        port = app->start();
        test_client c(port);
        BOOST_TEST_REQUIRE(
            c.request(http::verb::post, functions(), create_body("witness"), api_headers)
                .result_int() == 200u);
        BOOST_TEST_REQUIRE(
            c.request(http::verb::put, config("witness"),
                      R"({"max_async_event_age_in_seconds":777,"max_async_retry_attempts":3})",
                      api_headers)
                .result_int() == 200u);
        witness = c.request(http::verb::get, config("witness"), "", api_headers).body();
    }
    ~guarded_app() {
        app->stop();
        app->wait();
    }
    guarded_app(const guarded_app&) = delete;
    guarded_app& operator=(const guarded_app&) = delete;

    /// One well-behaved request on `c`: the witness's config, which must be unchanged.
    void check_witness(test_client& c) const {
        auto res = c.request(http::verb::get, config("witness"), "", api_headers);
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
