// The control API's route table in process (control/routes.cpp through the pipeline): wrong
// methods and unknown paths answered as the gateway does, --admin off and --admin-token.
#include "control_harness.hpp"

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>

#include <ostream>
#include <vector>

using namespace emu::test;
namespace bdata = boost::unit_test::data;

namespace {

const std::string not_published =
    "The API does not exist or has not been published in the environment: ";

/// A control path called with a method it does not serve.
struct wrong_method {
    http::verb method;
    std::string path;
    std::string allowed;
};
std::ostream& operator<<(std::ostream& os, const wrong_method& w) {
    return os << w.method << ' ' << w.path;
}

const std::vector<wrong_method> wrong_methods = {
    {http::verb::put, "/_emulator/health", "GET"},
    {http::verb::post, "/_emulator/ready", "GET"},
    {http::verb::get, "/_emulator/reset", "POST"},
    {http::verb::delete_, "/_emulator/state", "GET, PUT"},
    {http::verb::get, "/_emulator/seed", "POST"},
    {http::verb::post, "/_emulator/journal", "GET, DELETE"},
    {http::verb::delete_, "/_emulator/journal/count", "GET"},
    {http::verb::put, "/_emulator/faults", "POST, GET, DELETE"},
    {http::verb::get, "/_emulator/faults/f1", "DELETE"},
    {http::verb::post, "/_emulator/switches", "GET, PUT, DELETE"},
    {http::verb::post, "/_emulator/clock", "GET, PUT, DELETE"},
};

} // namespace

BOOST_AUTO_TEST_SUITE(control_routes_test)

BOOST_DATA_TEST_CASE(wrong_method_is_the_gateway_404, bdata::make(wrong_methods), w) {
    control_harness s;
    harness_client c(s);
    auto r = c.ctl(w.method, w.path);
    check_error(r, 404, "APIGW.0101",
                not_published + std::string(http::to_string(w.method)) +
                    " is not supported here; allowed: " + w.allowed);
    BOOST_TEST(str(body_of(r), "request_id") == r["X-Request-Id"]);
}

BOOST_AUTO_TEST_CASE(wrong_method_follows_the_default_switch) {
    control_harness s;
    harness_client c(s);
    BOOST_TEST_REQUIRE(c.ctl(http::verb::put, "/_emulator/switches",
                             R"({"switches":{"method_not_allowed":"405-fss"}})")
                           .result_int() == 200u);
    auto r = c.ctl(http::verb::put, "/_emulator/health");
    check_error(r, 405, "FSS.0405", "Method not allowed: PUT is not supported here; allowed: GET");
    BOOST_TEST(r[http::field::allow] == "GET");
    BOOST_TEST(r["X-Emulator-Switches"] == "method_not_allowed=405-fss");
}

BOOST_AUTO_TEST_CASE(unknown_control_path_is_the_gateway_404) {
    control_harness s;
    harness_client c(s);
    check_error(c.ctl(http::verb::get, "/_emulator/nothing"), 404, "APIGW.0101",
                not_published + "no API at GET /_emulator/nothing");
    check_error(c.ctl(http::verb::get, "/_emulator"), 404, "APIGW.0101",
                not_published + "no API at GET /_emulator");
}

BOOST_AUTO_TEST_CASE(admin_off_hides_the_control_api) {
    auto opts = test_options();
    opts.admin = false;
    control_harness s(opts);
    harness_client c(s);
    auto r = c.ctl(http::verb::get, "/_emulator/health");
    check_error(r, 404, "APIGW.0101", not_published + "no API at GET /_emulator/health");
    check_error(c.ctl(http::verb::post, "/_emulator/reset"), 404, "APIGW.0101",
                not_published + "no API at POST /_emulator/reset");
    BOOST_TEST(c.api(http::verb::get, functions_path(project)).result_int() == 200u);
}

BOOST_AUTO_TEST_CASE(admin_token_guards_the_control_api_only) {
    auto opts = test_options();
    opts.admin_token = "secret";
    control_harness s(opts);
    harness_client c(s);
    const std::string why =
        "Control API token required: send the --admin-token value in X-Emulator-Token";
    check_error(c.ctl(http::verb::get, "/_emulator/health"), 401, "EMU.0401", why);
    check_error(c.ctl(http::verb::get, "/_emulator/health", {}, {{"X-Emulator-Token", "wrong"}}),
                401, "EMU.0401", why);
    check_error(c.ctl(http::verb::post, "/_emulator/reset"), 401, "EMU.0401", why);
    BOOST_TEST(c.ctl(http::verb::get, "/_emulator/health", {}, {{"X-Emulator-Token", "secret"}})
                   .result_int() == 200u);
    // The public API needs no admin token.
    BOOST_TEST(c.api(http::verb::post, functions_path(project), create_body("demo")).result_int() ==
               200u);
    auto state = c.ctl(http::verb::get, "/_emulator/state", {}, {{"X-Emulator-Token", "secret"}});
    BOOST_TEST(state.result_int() == 200u);
    BOOST_TEST(body_of(state).at("projects").as_array().size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
