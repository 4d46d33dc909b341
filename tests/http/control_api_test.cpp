// The control API through real sockets: health, readiness, routing (wrong methods, unknown
// paths), reset by project and kind, seeding and determinism, --admin off and --admin-token.
#include "control_fixture.hpp"

#include "control/version.hpp"

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>

#include <ostream>
#include <vector>

using namespace emu::test::control;
using emu::test::response;
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

/// What one project holds, observed through the control API only (not journaled).
struct holdings {
    std::size_t functions = 0, configs = 0, journal = 0, faults = 0;
    bool own_switches = false, own_clock = false;
    friend bool operator==(const holdings&, const holdings&) = default;
};
std::ostream& operator<<(std::ostream& os, const holdings& h) {
    return os << "{functions " << h.functions << ", configs " << h.configs << ", journal "
              << h.journal << ", faults " << h.faults << ", own_switches " << h.own_switches
              << ", own_clock " << h.own_clock << "}";
}

holdings observe(client& c, const std::string& project) {
    holdings h;
    auto functions = state_of(c, project).at("projects").at(0).at("functions").as_array();
    h.functions = functions.size();
    for (auto& f : functions)
        h.configs += f.at("async_invoke_configs").as_array().size();
    auto count = c.ctl(http::verb::get, "/_emulator/journal/count?project_id=" + project);
    h.journal = static_cast<std::size_t>(body_of(count).at("count").to_number<std::int64_t>());
    auto faults = c.ctl(http::verb::get, "/_emulator/faults?project_id=" + project);
    h.faults = body_of(faults).at("faults").as_array().size();
    auto sw = c.ctl(http::verb::get, "/_emulator/switches?project_id=" + project);
    h.own_switches = body_of(sw).at("own").as_bool();
    auto clock = c.ctl(http::verb::get, "/_emulator/clock?project_id=" + project);
    h.own_clock = body_of(clock).at("own").as_bool();
    return h;
}

/// Gives `project` one of everything: function + config (2 journal entries), a fault that
/// never fires, own switches, own clock.
void populate(client& c, const std::string& project) {
    seed_function(c, project, "demo");
    BOOST_TEST_REQUIRE(c.ctl(http::verb::post, "/_emulator/faults",
                             R"({"method":"PATCH","project_id":")" + project + R"("})")
                           .result_int() == 201u);
    BOOST_TEST_REQUIRE(c.ctl(http::verb::put, "/_emulator/switches?project_id=" + project,
                             R"({"switches":{"retry_max":8}})")
                           .result_int() == 200u);
    BOOST_TEST_REQUIRE(c.ctl(http::verb::put, "/_emulator/clock?project_id=" + project,
                             R"({"time":"2022-01-01T00:00:00Z"})")
                           .result_int() == 200u);
}

const holdings full{1, 1, 2, 1, true, true};
const holdings empty{0, 0, 0, 0, false, false};

/// What is left of `full` after resetting `kind`.
holdings after_reset(const std::string& kind) {
    holdings h = full;
    if (kind == "all")
        return empty;
    if (kind == "functions")
        h.functions = h.configs = 0;
    if (kind == "configs")
        h.configs = 0;
    if (kind == "journal")
        h.journal = 0;
    if (kind == "faults")
        h.faults = 0;
    if (kind == "switches")
        h.own_switches = false;
    if (kind == "clock")
        h.own_clock = false;
    return h;
}

const std::vector<std::string> kinds = {"all",    "functions", "configs", "journal",
                                        "faults", "switches",  "clock"};

} // namespace

BOOST_AUTO_TEST_SUITE(control_api)

BOOST_AUTO_TEST_CASE(health_and_ready) {
    running_app s;
    client c(s);
    auto health = c.ctl(http::verb::get, "/_emulator/health");
    BOOST_TEST(health.result_int() == 200u);
    BOOST_TEST(health[http::field::content_type] == "application/json");
    BOOST_TEST(!health["X-Request-Id"].empty());
    BOOST_TEST(body_of(health) ==
               json::parse(R"({"status":"ok","version":")" +
                           std::string(emu::control::emulator_version()) + R"("})"));
    auto ready = c.ctl(http::verb::get, "/_emulator/ready");
    BOOST_TEST(body_of(ready) ==
               json::parse(R"({"ready":true,"fixtures_loaded":0,"projects":0,"state_file":null})"));
    seed_function(c, project_a, "demo");
    ready = c.ctl(http::verb::get, "/_emulator/ready");
    BOOST_TEST(body_of(ready).at("projects").as_int64() == 1);
}

BOOST_DATA_TEST_CASE(wrong_method_is_the_gateway_404, bdata::make(wrong_methods), w) {
    running_app s;
    client c(s);
    auto r = c.ctl(w.method, w.path);
    check_error(r, 404, "APIGW.0101",
                not_published + std::string(http::to_string(w.method)) +
                    " is not supported here; allowed: " + w.allowed);
    BOOST_TEST(str(body_of(r), "request_id") == r["X-Request-Id"]);
}

BOOST_AUTO_TEST_CASE(wrong_method_follows_the_default_switch) {
    running_app s;
    client c(s);
    BOOST_TEST_REQUIRE(c.ctl(http::verb::put, "/_emulator/switches",
                             R"({"switches":{"method_not_allowed":"405-fss"}})")
                           .result_int() == 200u);
    auto r = c.ctl(http::verb::put, "/_emulator/health");
    check_error(r, 405, "FSS.0405", "Method not allowed: PUT is not supported here; allowed: GET");
    BOOST_TEST(r[http::field::allow] == "GET");
    BOOST_TEST(r["X-Emulator-Switches"] == "method_not_allowed=405-fss");
}

BOOST_AUTO_TEST_CASE(unknown_control_path_is_the_gateway_404) {
    running_app s;
    client c(s);
    check_error(c.ctl(http::verb::get, "/_emulator/nothing"), 404, "APIGW.0101",
                not_published + "no API at GET /_emulator/nothing");
    check_error(c.ctl(http::verb::get, "/_emulator"), 404, "APIGW.0101",
                not_published + "no API at GET /_emulator");
}

BOOST_AUTO_TEST_CASE(reset_all_empties_everything) {
    running_app s;
    client c(s);
    populate(c, project_a);
    populate(c, project_b);
    BOOST_TEST_REQUIRE(
        c.ctl(http::verb::put, "/_emulator/clock", R"({"time":"2020-01-01T00:00:00Z"})")
            .result_int() == 200u);
    auto r = c.ctl(http::verb::post, "/_emulator/reset");
    BOOST_TEST(r.result_int() == 200u);
    BOOST_TEST(body_of(r) == json::parse(R"({"reset":"all","project_id":null,"to":"start"})"));
    BOOST_TEST(observe(c, project_a) == empty);
    BOOST_TEST(observe(c, project_b) == empty);
    auto clock = body_of(c.ctl(http::verb::get, "/_emulator/clock"));
    BOOST_TEST(str(clock, "mode") == "real");
    BOOST_TEST(str(clock, "now") == "2021-03-04T00:00:00.000000000Z");
    BOOST_TEST(state_of(c).at("projects").as_array().empty());
}

BOOST_DATA_TEST_CASE(reset_of_one_kind_in_one_project, bdata::make(kinds), kind) {
    running_app s;
    client c(s);
    populate(c, project_a);
    populate(c, project_b);
    auto r = c.ctl(http::verb::post, "/_emulator/reset?project_id=" + project_a + "&kind=" + kind);
    BOOST_TEST(r.result_int() == 200u);
    BOOST_TEST(body_of(r) == json::value(json::object{
                                 {"reset", kind}, {"project_id", project_a}, {"to", "start"}}));
    BOOST_TEST(observe(c, project_a) == after_reset(kind));
    BOOST_TEST(observe(c, project_b) == full);
}

BOOST_DATA_TEST_CASE(reset_of_one_kind_everywhere, bdata::make(kinds), kind) {
    running_app s;
    client c(s);
    populate(c, project_a);
    populate(c, project_b);
    auto r = c.ctl(http::verb::post, "/_emulator/reset?kind=" + kind);
    BOOST_TEST(r.result_int() == 200u);
    BOOST_TEST(body_of(r) == json::value(json::object{
                                 {"reset", kind}, {"project_id", nullptr}, {"to", "start"}}));
    BOOST_TEST(observe(c, project_a) == after_reset(kind));
    BOOST_TEST(observe(c, project_b) == after_reset(kind));
}

BOOST_AUTO_TEST_CASE(reset_restores_the_startup_switches) {
    auto opts = test_options();
    opts.profile = "observed";
    running_app s(opts);
    client c(s);
    BOOST_TEST_REQUIRE(
        c.ctl(http::verb::put, "/_emulator/switches", R"({"profile":"documented"})").result_int() ==
        200u);
    BOOST_TEST(c.ctl(http::verb::post, "/_emulator/reset?kind=switches").result_int() == 200u);
    auto sw = body_of(c.ctl(http::verb::get, "/_emulator/switches"));
    BOOST_TEST(str(sw.at("switches"), "require_content_type") == "body");
}

BOOST_AUTO_TEST_CASE(reset_with_a_bad_kind_lists_the_kinds) {
    running_app s;
    client c(s);
    populate(c, project_a);
    check_control_error(c.ctl(http::verb::post, "/_emulator/reset?kind=everything"),
                        "kind must be one of all, functions, configs, journal, faults, "
                        "switches, clock, invocations; got 'everything'");
    BOOST_TEST(observe(c, project_a) == full);
}

BOOST_AUTO_TEST_CASE(seed_accepts_a_non_negative_integer) {
    running_app s;
    client c(s);
    auto r = c.ctl(http::verb::post, "/_emulator/seed", R"({"seed":7})");
    BOOST_TEST(r.result_int() == 200u);
    BOOST_TEST(body_of(r) == json::parse(R"({"seed":7})"));
    const std::string rule = "seed must be a non-negative integer, e.g. {\"seed\": 42}";
    for (const char* bad : {R"({"seed":-1})", R"({"seed":"7"})", R"({"seed":1.5})", "{}", ""})
        BOOST_TEST_CONTEXT(bad) {
            check_control_error(c.ctl(http::verb::post, "/_emulator/seed", bad), rule);
        }
    auto not_json = c.ctl(http::verb::post, "/_emulator/seed", "{seed");
    BOOST_TEST(not_json.result_int() == 400u);
    BOOST_TEST(str(body_of(not_json), "error_msg")
                   .starts_with("Invalid control request: the body is not valid JSON ("));
    check_control_error(c.ctl(http::verb::post, "/_emulator/seed", "[7]"),
                        "the body must be a JSON object");
}

BOOST_AUTO_TEST_CASE(seed_and_frozen_clock_give_byte_identical_answers) {
    struct transcript {
        std::vector<std::string> bodies, request_ids;
    };
    auto run = [] {
        running_app s;
        s.clock.advance(std::chrono::hours(1000)); // the frozen clock must win over real time
        client c(s);
        transcript t;
        auto record = [&](const response& r) {
            t.bodies.push_back(r.body());
            t.request_ids.push_back(std::string(r["X-Request-Id"]));
        };
        BOOST_TEST_REQUIRE(
            c.ctl(http::verb::post, "/_emulator/seed", R"({"seed":7})").result_int() == 200u);
        record(c.ctl(http::verb::put, "/_emulator/clock", R"({"time":"2021-03-04T06:50:02Z"})"));
        record(c.api(http::verb::post, functions(project_a), create_body("demo")));
        record(c.api(http::verb::put, config_path(project_a, "demo"), config_body(600, 2)));
        record(c.api(http::verb::get, config_path(project_a, "demo")));
        record(c.api(http::verb::put, config_path(project_a, "demo"), config_body(600, 9)));
        return t;
    };
    auto first = run();
    auto second = run();
    BOOST_TEST(first.bodies == second.bodies, boost::test_tools::per_element());
    BOOST_TEST(first.request_ids == second.request_ids, boost::test_tools::per_element());
    BOOST_TEST(json::parse(first.bodies[1]).at("func_id").as_string().size() == 36u);
    BOOST_TEST(str(json::parse(first.bodies[2]), "created_time") == "2021-03-04T14:50:02+08:00");
}

BOOST_AUTO_TEST_CASE(admin_off_hides_the_control_api) {
    auto opts = test_options();
    opts.admin = false;
    running_app s(opts);
    client c(s);
    auto r = c.ctl(http::verb::get, "/_emulator/health");
    check_error(r, 404, "APIGW.0101", not_published + "no API at GET /_emulator/health");
    check_error(c.ctl(http::verb::post, "/_emulator/reset"), 404, "APIGW.0101",
                not_published + "no API at POST /_emulator/reset");
    BOOST_TEST(c.api(http::verb::get, functions(project_a)).result_int() == 200u);
}

BOOST_AUTO_TEST_CASE(admin_token_guards_the_control_api_only) {
    auto opts = test_options();
    opts.admin_token = "secret";
    running_app s(opts);
    client c(s);
    const std::string why =
        "Control API token required: send the --admin-token value in X-Emulator-Token";
    check_error(c.ctl(http::verb::get, "/_emulator/health"), 401, "EMU.0401", why);
    check_error(c.ctl(http::verb::get, "/_emulator/health", {}, {{"X-Emulator-Token", "wrong"}}),
                401, "EMU.0401", why);
    check_error(c.ctl(http::verb::post, "/_emulator/reset"), 401, "EMU.0401", why);
    BOOST_TEST(c.ctl(http::verb::get, "/_emulator/health", {}, {{"X-Emulator-Token", "secret"}})
                   .result_int() == 200u);
    // The public API needs no admin token.
    BOOST_TEST(c.api(http::verb::post, functions(project_a), create_body("demo")).result_int() ==
               200u);
    auto state = c.ctl(http::verb::get, "/_emulator/state", {}, {{"X-Emulator-Token", "secret"}});
    BOOST_TEST(state.result_int() == 200u);
    BOOST_TEST(body_of(state).at("projects").as_array().size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
