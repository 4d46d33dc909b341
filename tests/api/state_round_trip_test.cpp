// The state document round trip keeps what functions do when invoked (behaviours) and the
// project's async status-log settings; POST /_emulator/reset goes back to the start-up state
// (?to=start, the default) or to nothing (?to=empty), with ?project_id= and ?kind=.
#include "invocation_harness.hpp"

#include <boost/test/unit_test.hpp>

using namespace emu;
using namespace emu::test;

namespace {

const std::string P = project;

std::string ctl(const std::string& path, const std::string& query = "") {
    return "/_emulator/" + path + (query.empty() ? "" : "?" + query);
}

/// GET /_emulator/state (of one project when given), parsed; must succeed.
json::value snapshot_of(const invocation_harness& h, const std::string& p = "") {
    auto a = h.call(http::verb::get, ctl("state", p.empty() ? "" : "project_id=" + p));
    BOOST_TEST_REQUIRE(a.status() == 200u, a.res.body());
    return a.body;
}

/// POST /_emulator/reset?query; must succeed.
json::value reset(const invocation_harness& h, const std::string& query = "") {
    auto a = h.call(http::verb::post, ctl("reset", query));
    BOOST_TEST_REQUIRE(a.status() == 200u, a.res.body());
    return a.body;
}

/// PUT /_emulator/state with `doc`; must succeed.
void put_state(const invocation_harness& h, const json::value& doc) {
    auto a = h.call(http::verb::put, ctl("state"), json::serialize(doc));
    BOOST_TEST_REQUIRE(a.status() == 200u, a.res.body());
}

/// Invokes demo and lets every retry happen; returns the finished record.
json::object run_demo(const invocation_harness& h) {
    std::string id = h.submit();
    h.advance_ms(3600 * 1000);
    return h.record(id);
}

/// GET …/async-status-log-detail of the project.
answer status_log_detail(const invocation_harness& h) {
    return h.call(http::verb::get, api_harness::functions() + "/async-status-log-detail");
}

/// A fixture: function "fixed" with a config and a behaviour that fails once.
std::string fixture() {
    return R"({"projects":[{"project_id":")" + P +
           R"(","functions":[{"func_name":"fixed","package":"default","runtime":"Python3.9",)"
           R"("handler":"index.handler","memory_size":128,"timeout":30,"code_type":"inline",)"
           R"("async_invoke_configs":[{"max_async_retry_attempts":3}]}],)"
           R"("behaviours":[{"function_urn":"default:fixed","script":[{"outcome":"fail"}]}],)"
           R"("async_status_log":true}]})";
}

/// A harness with the fixture loaded and remembered as the start-up state, as the
/// application does after --fixtures.
struct started_harness : invocation_harness {
    started_harness() {
        // Only the fixture at the start: "demo" of invocation_harness goes first.
        BOOST_TEST_REQUIRE(call(http::verb::delete_, functions() + "/demo").status() == 204u);
        auto err = control::load_fixture_text(state, fixture(), "fixture.json");
        BOOST_TEST_REQUIRE(!err.has_value(), err.value_or(""));
        control::remember_startup_state(state);
    }
};

bool has_function(const invocation_harness& h, const std::string& name, const std::string& p = P) {
    return h.call(http::verb::get, api_harness::functions(p) + "/" + name + "/config").status() ==
           200u;
}

} // namespace

BOOST_AUTO_TEST_SUITE(state_round_trip)

BOOST_AUTO_TEST_CASE(behaviours_and_status_logs_survive_export_reset_import) {
    invocation_harness h;
    h.configure(R"({"max_async_retry_attempts":3})");
    h.behave(R"("script":[{"outcome":"fail","error_message":"boom","duration_ms":250},)"
             R"({"outcome":"timeout"}],"otherwise":{"outcome":"succeed","result":"done"})");
    auto enabled = h.call(http::verb::post, api_harness::functions() + "/enable-async-status-logs");
    BOOST_TEST_REQUIRE(enabled.status() == 200u, enabled.res.body());
    auto detail = status_log_detail(h);
    BOOST_TEST_REQUIRE(detail.status() == 200u, detail.res.body());
    auto before = run_demo(h);
    BOOST_TEST(before.at("attempts").as_int64() == 3);
    BOOST_TEST(before.at("result").as_string() == "done");

    auto snapshot = snapshot_of(h);
    reset(h, "to=empty");
    BOOST_TEST(status_log_detail(h).status() == 404u); // gone with the reset
    put_state(h, snapshot);

    BOOST_TEST(snapshot_of(h) == snapshot);
    auto again = status_log_detail(h);
    BOOST_TEST(again.status() == 200u, again.res.body());
    BOOST_TEST(again.body == detail.body); // the same group and stream ids
    auto after = run_demo(h);
    BOOST_TEST(after.at("attempts").as_int64() == 3);
    BOOST_TEST(after.at("result").as_string() == "done");
}

BOOST_AUTO_TEST_CASE(the_snapshot_carries_every_outcome_field) {
    invocation_harness h;
    h.behave(R"("script":[{"outcome":"fail","error_message":"boom","duration_ms":250}])");
    auto doc = snapshot_of(h, P);
    const auto& p = doc.at("projects").at(0).as_object();
    BOOST_TEST_REQUIRE(p.contains("behaviours"), json::serialize(p));
    BOOST_TEST(p.at("behaviours") ==
               json::parse(R"([{"function_urn":")" + api_harness::urn("demo") +
                           R"(","script":[{"outcome":"fail",)"
                           R"("error_message":"boom","duration_ms":250}],)"
                           R"("otherwise":{"outcome":"succeed",)"
                           R"("error_message":"","duration_ms":100}}])"));
    BOOST_TEST(!p.contains("async_status_log")); // not enabled: not written
}

BOOST_AUTO_TEST_CASE(importing_a_project_replaces_its_behaviours_and_status_log) {
    invocation_harness h;
    auto empty = snapshot_of(h, P);
    h.behave(R"("otherwise":{"outcome":"fail"})");
    BOOST_TEST(
        h.call(http::verb::post, api_harness::functions() + "/enable-async-status-logs").status() ==
        200u);
    put_state(h, empty);
    BOOST_TEST(status_log_detail(h).status() == 404u);
    BOOST_TEST(run_demo(h).at("status").as_string() == "SUCCESS");
}

BOOST_AUTO_TEST_CASE(a_bad_status_log_entry_is_named) {
    invocation_harness h;
    auto a =
        h.call(http::verb::put, ctl("state"),
               R"({"projects":[{"project_id":")" + P +
                   R"(","async_status_log":{"group_id":"g","group_name":"n","stream_id":""}}]})");
    BOOST_TEST(a.status() == 400u);
    BOOST_TEST(a.message() == "Invalid control request: state: projects[0].async_status_log."
                              "stream_id is required (a non-empty string)");
}

BOOST_AUTO_TEST_CASE(reset_goes_back_to_the_fixtures_by_default) {
    started_harness h;
    auto start = snapshot_of(h);
    auto detail = status_log_detail(h);
    BOOST_TEST_REQUIRE(detail.status() == 200u, detail.res.body());
    BOOST_TEST_REQUIRE(h.call(http::verb::delete_, api_harness::functions() + "/fixed").status() ==
                       204u);
    h.create("extra");
    auto out = reset(h);
    BOOST_TEST(out == json::parse(R"({"reset":"all","project_id":null,"to":"start"})"));
    BOOST_TEST(snapshot_of(h) == start);
    BOOST_TEST(has_function(h, "fixed"));
    BOOST_TEST(!has_function(h, "extra"));
    BOOST_TEST(status_log_detail(h).body == detail.body);
    std::string id = h.submit("{}", "fixed");
    h.advance_ms(3600 * 1000);
    BOOST_TEST(h.record(id).at("attempts").as_int64() == 2); // the fixture's behaviour is back
}

BOOST_AUTO_TEST_CASE(reset_to_empty_removes_the_fixtures_too) {
    started_harness h;
    auto out = reset(h, "to=empty");
    BOOST_TEST(out.at("to") == "empty");
    BOOST_TEST(!has_function(h, "fixed"));
    BOOST_TEST(status_log_detail(h).status() == 404u);
    BOOST_TEST(snapshot_of(h, P).at("projects").at(0).at("functions").as_array().empty());
}

BOOST_AUTO_TEST_CASE(reset_to_start_of_one_project_leaves_the_others) {
    started_harness h;
    h.create("mine", other_project);
    h.create("demo");
    BOOST_TEST_REQUIRE(h.call(http::verb::delete_, api_harness::functions() + "/fixed").status() ==
                       204u);
    reset(h, "project_id=" + P);
    BOOST_TEST(has_function(h, "fixed"));
    BOOST_TEST(!has_function(h, "demo"));
    BOOST_TEST(has_function(h, "mine", other_project));
    reset(h, "project_id=" + std::string(other_project));
    BOOST_TEST(!has_function(h, "mine", other_project));
    BOOST_TEST(has_function(h, "fixed"));
}

BOOST_AUTO_TEST_CASE(reset_to_start_by_kind) {
    started_harness h;
    auto start = snapshot_of(h, P);
    h.create("demo");
    // configs: the fixture's config comes back, the functions stay as they are.
    const std::string fixed_config = api_harness::config(api_harness::urn("fixed"));
    BOOST_TEST_REQUIRE(
        h.call(http::verb::put, fixed_config, R"({"max_async_retry_attempts":0})").status() ==
        200u);
    reset(h, "kind=configs");
    auto config = h.call(http::verb::get, fixed_config);
    BOOST_TEST(config.body.at("max_async_retry_attempts") == 3);
    BOOST_TEST(has_function(h, "demo"));
    // invocations: records go, the fixture's behaviour and status log come back.
    std::string id = h.submit("{}", "fixed");
    h.behave(R"("otherwise":{"outcome":"fail"})", "fixed");
    reset(h, "kind=invocations&project_id=" + P);
    BOOST_TEST(h.call(http::verb::get, ctl("invocations", "project_id=" + P + "&request_id=" + id))
                   .body.at("count") == 0);
    BOOST_TEST(status_log_detail(h).status() == 200u);
    id = h.submit("{}", "fixed");
    h.advance_ms(3600 * 1000);
    BOOST_TEST(h.record(id).at("attempts").as_int64() == 2);
    // functions: back to the fixture's, with its config.
    reset(h, "kind=functions");
    BOOST_TEST(!has_function(h, "demo"));
    BOOST_TEST(snapshot_of(h, P).at("projects").at(0).at("functions") ==
               start.at("projects").at(0).at("functions"));
}

BOOST_AUTO_TEST_CASE(a_bad_to_is_named) {
    invocation_harness h;
    auto a = h.call(http::verb::post, ctl("reset", "to=nothing"));
    BOOST_TEST(a.status() == 400u);
    BOOST_TEST(a.message() == "Invalid control request: to must be start (the state right after "
                              "start-up: fixtures or the state file) or empty; got 'nothing'");
}

BOOST_AUTO_TEST_CASE(without_a_start_up_state_reset_empties) {
    invocation_harness h; // nothing remembered, as an emulator started without fixtures
    reset(h);
    BOOST_TEST(!has_function(h, "demo"));
}

BOOST_AUTO_TEST_CASE(a_fixture_syntax_error_names_line_and_column) {
    invocation_harness h;
    auto err = control::load_fixture_text(
        h.state, "{\"projects\": [\n  {\"project_id\": \"p\",,}\n]}", "broken.json");
    BOOST_TEST_REQUIRE(err.has_value());
    BOOST_TEST(*err == "broken.json: not valid JSON at line 2, column 22 (syntax error)");
    err = control::load_fixture_text(h.state, "{\"projects\": [", "short.json");
    BOOST_TEST_REQUIRE(err.has_value());
    BOOST_TEST(*err == "short.json: not valid JSON at line 1, column 15 (incomplete JSON)");
}

BOOST_AUTO_TEST_SUITE_END()
