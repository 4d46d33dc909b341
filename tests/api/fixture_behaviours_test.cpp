// Behaviours of asynchronous invocations set by a fixture file (the state document).
#include "invocation_harness.hpp"

#include <boost/test/unit_test.hpp>

using namespace emu;
using namespace emu::test;

BOOST_AUTO_TEST_SUITE(fixture_behaviours_test)

BOOST_AUTO_TEST_CASE(the_default_fixtures_worker_fails_twice_then_succeeds) {
    invocation_harness h;
    auto err =
        control::load_fixture_dir(h.state, std::string(FGS_SOURCE_DIR) + "/fixtures/default");
    BOOST_TEST_REQUIRE(!err.has_value(), err.value_or(""));
    const std::string worker = api_harness::functions() + "/jobs:worker";
    auto put = h.call(http::verb::put, worker + "/async-invoke-config",
                      R"({"max_async_retry_attempts":3})");
    BOOST_TEST_REQUIRE(put.status() == 200u, put.res.body());
    auto invoked = h.call(http::verb::post, worker + "/invocations-async", "{}");
    BOOST_TEST_REQUIRE(invoked.status() == 202u, invoked.res.body());
    std::string id(invoked.body.at("request_id").as_string());
    h.advance_ms(3600 * 1000);
    auto list =
        h.call(http::verb::get,
               "/_emulator/invocations?project_id=" + std::string(project) + "&request_id=" + id);
    BOOST_TEST_REQUIRE(list.status() == 200u, list.res.body());
    const auto& r = list.body.at("invocations").at(0);
    BOOST_TEST(r.at("status").as_string() == "SUCCESS");
    BOOST_TEST(r.at("attempts").as_int64() == 3);
    BOOST_TEST(r.at("result").as_string() == R"({"processed":true})");
}

BOOST_AUTO_TEST_CASE(a_bad_behaviour_names_the_file_and_entry) {
    invocation_harness h;
    auto err = control::load_fixture_text(
        h.state,
        R"({"projects":[{"project_id":")" + std::string(project) +
            R"(","behaviours":[{"function_urn":"demo","script":[{"outcome":"explode"}]}]}]})",
        "fx.json");
    BOOST_TEST_REQUIRE(err.has_value());
    BOOST_TEST(*err == "fx.json: projects[0].behaviours[0]: script[0].outcome must be succeed, "
                       "fail or timeout, got 'explode'");
}

BOOST_AUTO_TEST_SUITE_END()
