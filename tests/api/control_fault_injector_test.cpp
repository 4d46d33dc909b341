// Fault injection in process (control/fault_injector.cpp and the fault routes of
// control/journal_handlers.cpp through the pipeline): error (not applied) and malformed
// (applied, answer damaged), scoping, probability, listing, deleting, refused rules. What
// needs a socket (delay, reset, truncate) is in tests/http/fault_delivery_test.cpp.
#include "control_harness.hpp"

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>

#include <algorithm>
#include <ostream>
#include <vector>

using namespace emu::test;
namespace bdata = boost::unit_test::data;

namespace {

response add_fault(harness_client& c, const std::string& rule) {
    return c.ctl(http::verb::post, "/_emulator/faults", rule);
}

json::array faults_of(harness_client& c, const std::string& query = {}) {
    auto r = c.ctl(http::verb::get, "/_emulator/faults" + query);
    BOOST_TEST_REQUIRE(r.result_int() == 200u);
    return body_of(r).at("faults").as_array();
}

/// A fault body and the problem the control API must name.
struct bad_fault {
    std::string body;
    std::string detail;
};
std::ostream& operator<<(std::ostream& os, const bad_fault& b) {
    return os << b.body;
}

const std::string integer_status = "status must be an integer from 100 to 599";
const std::string integer_times = "times must be an integer from 1 to 1000000000";
const std::string integer_delay = "delay_ms must be an integer from 0 to 600000";
const std::string number_probability = "probability must be a number from 0 to 1";

const std::vector<bad_fault> bad_faults = {
    {R"({"action":"explode"})",
     "action must be one of error, delay, reset, truncate, malformed; got 'explode'"},
    {R"({"action":5})", "action must be a string"},
    {R"({"method":1})", "method must be a string"},
    {R"({"path":["*"]})", "path must be a string"},
    {R"({"project_id":null})", "project_id must be a string"},
    {R"({"status":99})", integer_status},
    {R"({"status":600})", integer_status},
    {R"({"status":"500"})", integer_status},
    {R"({"times":0})", integer_times},
    {R"({"times":1.5})", integer_times},
    {R"({"delay_ms":-1})", integer_delay},
    {R"({"delay_ms":600001})", integer_delay},
    {R"({"action":"delay"})", "a delay fault needs delay_ms"},
    {R"({"probability":1.5})", number_probability},
    {R"({"probability":-0.1})", number_probability},
    {R"({"probability":"0.5"})", number_probability},
    {R"({"error_code":5})", "error_code must be a string"},
    {R"({"error_msg":false})", "error_msg must be a string"},
    {R"({"paht":"*"})",
     "unknown field 'paht'; accepted: method, path, project_id, action, status, error_code, "
     "error_msg, delay_ms, times, probability"},
    {"[]", "the body must be a JSON object"},
};

/// Statuses of `n` list requests to project A.
std::vector<unsigned> hit_pattern(harness_client& c, int n) {
    std::vector<unsigned> out;
    for (int i = 0; i < n; ++i)
        out.push_back(c.api(http::verb::get, functions_path(project)).result_int());
    return out;
}

} // namespace

BOOST_AUTO_TEST_SUITE(control_fault_injector_test)

BOOST_AUTO_TEST_CASE(error_fault_answers_twice_and_does_not_apply) {
    control_harness s;
    harness_client c(s);
    seed_function(c, project, "demo", 600, 2);
    auto stored = c.api(http::verb::get, config_path("demo", project));
    auto added = add_fault(c, R"({"method":"PUT","path":"*/async-invoke-config","action":"error",
                                 "status":500,"times":2})");
    BOOST_TEST(added.result_int() == 201u);
    BOOST_TEST(body_of(added) == json::parse(R"({"id":"f1","action":"error","hits":0,
        "method":"PUT","path":"*/async-invoke-config","project_id":null,"status":500,
        "error_code":"FSS.0500","error_msg":"Internal server error: injected fault",
        "times":2,"probability":null})"));
    const std::string update = config_body(300, 3);
    for (int i = 0; i < 2; ++i) {
        auto r = c.api(http::verb::put, config_path("demo", project), update);
        check_error(r, 500, "FSS.0500", "Internal server error: injected fault");
        BOOST_TEST(!r["X-Request-Id"].empty());
    }
    // Neither faulted PUT reached the store.
    BOOST_TEST(c.api(http::verb::get, config_path("demo", project)).body() == stored.body());
    auto third = c.api(http::verb::put, config_path("demo", project), update);
    BOOST_TEST(third.result_int() == 200u);
    BOOST_TEST(body_of(third).at("max_async_retry_attempts") == 3);
    auto failed = journal_entries(c, "?status=500");
    BOOST_TEST_REQUIRE(failed.size() == 2u);
    for (auto& e : failed) {
        BOOST_TEST(e.at("rule") == "fault f1 (error)");
        BOOST_TEST(e.at("method") == "PUT");
        BOOST_TEST(str(e, "body") == update);
        BOOST_TEST(
            e.at("response_body") ==
            R"({"error_code":"FSS.0500","error_msg":"Internal server error: injected fault"})");
    }
    auto listed = faults_of(c);
    BOOST_TEST_REQUIRE(listed.size() == 1u);
    BOOST_TEST(listed[0].at("hits") == 2);
    BOOST_TEST(listed[0].at("times") == 0);
}

BOOST_AUTO_TEST_CASE(error_fault_with_its_own_status_and_body) {
    control_harness s;
    harness_client c(s);
    add_fault(c, R"({"status":503,"error_code":"FSS.0503","error_msg":"busy","times":1})");
    check_error(c.api(http::verb::post, functions_path(project), create_body("demo")), 503,
                "FSS.0503", "busy");
    BOOST_TEST(c.api(http::verb::get, functions_path(project) + "/demo/config").result_int() ==
               404u);
}

BOOST_AUTO_TEST_CASE(malformed_damages_the_body_and_applies) {
    control_harness s;
    harness_client c(s);
    seed_function(c, project, "demo");
    add_fault(c, R"({"action":"malformed","method":"PUT","times":1})");
    auto r = c.api(http::verb::put, config_path("demo", project), config_body(100, 0));
    BOOST_TEST(r.result_int() == 200u);
    boost::system::error_code ec;
    json::parse(r.body(), ec);
    BOOST_TEST(ec.failed());
    BOOST_TEST(r.body().ends_with("<<injected malformed body"));
    auto stored = body_of(c.api(http::verb::get, config_path("demo", project)));
    BOOST_TEST(stored.at("max_async_event_age_in_seconds") == 100);
    BOOST_TEST(journal_entries(c, "?method=PUT&limit=1").at(0).at("rule") ==
               "fault f1 (malformed)");
}

BOOST_AUTO_TEST_CASE(a_project_fault_leaves_other_projects_alone) {
    control_harness s;
    harness_client c(s);
    add_fault(c, R"({"project_id":")" + project + R"("})");
    check_error(c.api(http::verb::post, functions_path(project), create_body("demo")), 500,
                "FSS.0500", "Internal server error: injected fault");
    BOOST_TEST(
        c.api(http::verb::post, functions_path(other_project), create_body("demo")).result_int() ==
        200u);
    BOOST_TEST(c.api(http::verb::get, "/nothing").result_int() == 404u); // no project
    BOOST_TEST(faults_of(c, "?project_id=" + project).size() == 1u);
    BOOST_TEST(faults_of(c, "?project_id=" + other_project).empty());
    BOOST_TEST(faults_of(c).at(0).at("hits") == 1);
}

BOOST_AUTO_TEST_CASE(probability_zero_never_fires_and_one_always_fires) {
    control_harness s;
    harness_client c(s);
    add_fault(c, R"({"probability":0})");
    BOOST_TEST(hit_pattern(c, 20) == std::vector<unsigned>(20, 200u),
               boost::test_tools::per_element());
    BOOST_TEST(c.ctl(http::verb::delete_, "/_emulator/faults").result_int() == 204u);
    auto added = add_fault(c, R"({"probability":1.0})");
    BOOST_TEST(body_of(added).at("probability") == 1.0);
    BOOST_TEST(hit_pattern(c, 20) == std::vector<unsigned>(20, 500u),
               boost::test_tools::per_element());
    BOOST_TEST(faults_of(c).at(0).at("hits") == 20);
    BOOST_TEST(faults_of(c).at(0).at("times") == nullptr);
}

BOOST_AUTO_TEST_CASE(seeded_probability_is_reproducible) {
    auto run = [](bool seed_by_flag) {
        auto opts = test_options();
        if (seed_by_flag)
            opts.seed = 7;
        control_harness s(opts);
        harness_client c(s);
        if (!seed_by_flag)
            BOOST_TEST_REQUIRE(
                c.ctl(http::verb::post, "/_emulator/seed", R"({"seed":7})").result_int() == 200u);
        add_fault(c, R"({"probability":0.5})");
        return hit_pattern(c, 40);
    };
    auto first = run(false);
    BOOST_TEST(first == run(false), boost::test_tools::per_element());
    BOOST_TEST(first == run(true), boost::test_tools::per_element());
    auto hits = std::count(first.begin(), first.end(), 500u);
    BOOST_TEST(hits > 0);
    BOOST_TEST(hits < 40);
}

BOOST_AUTO_TEST_CASE(list_delete_and_clear) {
    control_harness s;
    harness_client c(s);
    add_fault(c, R"({"method":"PATCH","times":3})");
    add_fault(c, R"({"method":"PATCH","project_id":")" + project + R"("})");
    add_fault(c, R"({"method":"PATCH","project_id":")" + other_project + R"("})");
    auto listed = faults_of(c);
    BOOST_TEST_REQUIRE(listed.size() == 3u);
    BOOST_TEST(listed[0].at("id") == "f1");
    BOOST_TEST(listed[0].at("times") == 3);
    BOOST_TEST(listed[0].at("hits") == 0);
    BOOST_TEST(listed[2].at("id") == "f3");
    auto r = c.ctl(http::verb::delete_, "/_emulator/faults/f1");
    BOOST_TEST(r.result_int() == 204u);
    BOOST_TEST(r.body().empty());
    check_error(c.ctl(http::verb::delete_, "/_emulator/faults/f1"), 404, "EMU.0404",
                "Not found: no fault rule with id 'f1'");
    check_error(c.ctl(http::verb::delete_, "/_emulator/faults/nope"), 404, "EMU.0404",
                "Not found: no fault rule with id 'nope'");
    BOOST_TEST(c.ctl(http::verb::delete_, "/_emulator/faults?project_id=" + project).result_int() ==
               204u);
    listed = faults_of(c);
    BOOST_TEST_REQUIRE(listed.size() == 1u);
    BOOST_TEST(listed[0].at("id") == "f3");
    BOOST_TEST(c.ctl(http::verb::delete_, "/_emulator/faults").result_int() == 204u);
    BOOST_TEST(faults_of(c).empty());
    // Ids are never reused.
    BOOST_TEST(body_of(add_fault(c, "{}")).at("id") == "f4");
}

BOOST_DATA_TEST_CASE(bad_fault_fields_are_named, bdata::make(bad_faults), bad) {
    control_harness s;
    harness_client c(s);
    check_control_error(add_fault(c, bad.body), bad.detail);
    BOOST_TEST(faults_of(c).empty());
}

BOOST_AUTO_TEST_CASE(fault_body_that_is_not_json) {
    control_harness s;
    harness_client c(s);
    auto r = add_fault(c, "{action");
    BOOST_TEST(r.result_int() == 400u);
    BOOST_TEST(str(body_of(r), "error_msg")
                   .starts_with("Invalid control request: the body is not valid JSON ("));
    BOOST_TEST(faults_of(c).empty());
}

BOOST_AUTO_TEST_SUITE_END()
