// The request journal in process (control/journal_handlers.cpp and control/journal.cpp
// through the pipeline): what an entry holds, the filters, the count, clearing, the capacity
// bound, body cutting, and that control requests are not journaled.
#include "control_harness.hpp"

using namespace emu::test;

namespace {

/// Project A: a function, a good PUT and an out-of-range PUT; project B: a function and a GET
/// of an unset config (404).
void traffic(harness_client& c) {
    seed_function(c, project, "demo");
    BOOST_TEST_REQUIRE(
        c.api(http::verb::put, config_path("demo", project), config_body(600, 4)).result_int() ==
        400u);
    BOOST_TEST_REQUIRE(
        c.api(http::verb::post, functions_path(other_project), create_body("other")).result_int() ==
        200u);
    BOOST_TEST_REQUIRE(c.api(http::verb::get, config_path("other", other_project)).result_int() ==
                       404u);
}

std::int64_t count_of(harness_client& c, const std::string& query) {
    auto r = c.ctl(http::verb::get, "/_emulator/journal/count" + query);
    BOOST_TEST_REQUIRE(r.result_int() == 200u);
    return body_of(r).at("count").as_int64();
}

} // namespace

BOOST_AUTO_TEST_SUITE(control_journal_handlers_test)

BOOST_AUTO_TEST_CASE(an_entry_holds_request_answer_and_rule) {
    control_harness s;
    harness_client c(s);
    auto created = c.api(http::verb::post, functions_path(project), create_body("demo"));
    auto rejected =
        c.api(http::verb::put, config_path("demo", project) + "?x=1", config_body(600, 4));
    auto r = c.ctl(http::verb::get, "/_emulator/journal");
    BOOST_TEST(r.result_int() == 200u);
    auto j = body_of(r);
    BOOST_TEST(j.at("count") == 2);
    BOOST_TEST(j.at("returned") == 2);
    BOOST_TEST(j.at("capacity") == 1000);
    BOOST_TEST(j.at("size") == 2);
    BOOST_TEST(j.at("evicted") == 0);
    auto& entries = j.at("entries").as_array();
    BOOST_TEST_REQUIRE(entries.size() == 2u);

    auto& first = entries[0].as_object();
    BOOST_TEST(first.at("seq") == 1);
    BOOST_TEST(first.at("time") == "2021-03-04T00:00:00.000000000Z");
    BOOST_TEST(str(first, "request_id") == created["X-Request-Id"]);
    BOOST_TEST(first.at("method") == "POST");
    BOOST_TEST(str(first, "path") == functions_path(project));
    BOOST_TEST(str(first, "target") == functions_path(project));
    BOOST_TEST(str(first, "project_id") == project);
    BOOST_TEST(first.at("headers").at("X-Auth-Token") == "t");
    BOOST_TEST(first.at("headers").at("Content-Type") == "application/json");
    BOOST_TEST(str(first, "body") == create_body("demo"));
    BOOST_TEST(first.at("status") == 200);
    BOOST_TEST(str(first, "response_body") == created.body());
    BOOST_TEST(!first.contains("rule")); // 2xx: no rule

    auto& second = entries[1].as_object();
    BOOST_TEST(second.at("seq") == 2);
    BOOST_TEST(second.at("method") == "PUT");
    BOOST_TEST(str(second, "path") == config_path("demo", project));
    BOOST_TEST(str(second, "target") == config_path("demo", project) + "?x=1");
    BOOST_TEST(str(second, "body") == config_body(600, 4));
    BOOST_TEST(second.at("status") == 400);
    BOOST_TEST(str(second, "response_body") == rejected.body());
    BOOST_TEST(second.at("rule") ==
               "value_out_of_range: max_async_retry_attempts (switch retry_max=3)");
}

BOOST_AUTO_TEST_CASE(rules_name_the_switch_that_chose_the_answer) {
    control_harness s;
    harness_client c(s);
    c.api(http::verb::get, functions_path(project), {}, {{"X-Auth-Token", "t"}});
    c.api(http::verb::get, functions_path(project) + "/nothing/config");
    c.api(http::verb::put, config_path("nothing", project), "{");
    auto entries = journal_entries(c);
    BOOST_TEST_REQUIRE(entries.size() == 3u);
    BOOST_TEST(entries[0].at("rule") == "bad_content_type (switch require_content_type=all)");
    BOOST_TEST(entries[1].at("rule") ==
               "function_not_found: function_urn (switch not_found_style=per-page)");
    BOOST_TEST(entries[2].at("rule") == "malformed_json (switch bad_json=406)");
}

BOOST_AUTO_TEST_CASE(filters_combine_and_count_agrees) {
    control_harness s;
    harness_client c(s);
    traffic(c);
    BOOST_TEST(count_of(c, "") == 5);
    BOOST_TEST(count_of(c, "?method=PUT") == 2);
    BOOST_TEST(count_of(c, "?method=put") == 0); // exact, case-sensitive
    BOOST_TEST(count_of(c, "?path=*/async-invoke-config") == 3);
    BOOST_TEST(count_of(c, "?path=/v2/" + other_project + "/*") == 2);
    BOOST_TEST(count_of(c, "?project_id=" + other_project) == 2);
    BOOST_TEST(count_of(c, "?status=400") == 1);
    BOOST_TEST(count_of(c, "?status=200&method=POST") == 2);
    BOOST_TEST(count_of(c, "?project_id=" + project + "&path=*/async-invoke-config") == 2);
    BOOST_TEST(count_of(c, "?status=404&project_id=" + project) == 0);
    auto b = journal_entries(c, "?project_id=" + other_project);
    BOOST_TEST_REQUIRE(b.size() == 2u);
    BOOST_TEST(b[0].at("method") == "POST");
    BOOST_TEST(b[1].at("status") == 404);
    BOOST_TEST(b[1].at("rule") ==
               "config_not_found: function_urn (switch missing_config=not_found)");
}

BOOST_AUTO_TEST_CASE(limit_returns_the_newest_matches_oldest_first) {
    control_harness s;
    harness_client c(s);
    traffic(c);
    auto r = body_of(c.ctl(http::verb::get, "/_emulator/journal?limit=2"));
    BOOST_TEST(r.at("count") == 5);
    BOOST_TEST(r.at("returned") == 2);
    BOOST_TEST_REQUIRE(r.at("entries").as_array().size() == 2u);
    BOOST_TEST(r.at("entries").at(0).at("seq") == 4);
    BOOST_TEST(r.at("entries").at(1).at("seq") == 5);
    r = body_of(c.ctl(http::verb::get, "/_emulator/journal?limit=0&method=PUT"));
    BOOST_TEST(r.at("count") == 2);
    BOOST_TEST(r.at("entries").as_array().empty());
    r = body_of(c.ctl(http::verb::get, "/_emulator/journal?limit=1&method=PUT"));
    BOOST_TEST(r.at("entries").at(0).at("status") == 400);
}

BOOST_AUTO_TEST_CASE(bad_status_or_limit_is_refused) {
    control_harness s;
    harness_client c(s);
    check_control_error(c.ctl(http::verb::get, "/_emulator/journal?status=abc"),
                        "status must be a non-negative integer, got 'abc'");
    check_control_error(c.ctl(http::verb::get, "/_emulator/journal?limit=-1"),
                        "limit must be a non-negative integer, got '-1'");
    check_control_error(c.ctl(http::verb::get, "/_emulator/journal?limit=5x"),
                        "limit must be a non-negative integer, got '5x'");
    check_control_error(c.ctl(http::verb::get, "/_emulator/journal/count?status="),
                        "status must be a non-negative integer, got ''");
}

BOOST_AUTO_TEST_CASE(delete_clears_one_project_or_all) {
    control_harness s;
    harness_client c(s);
    traffic(c);
    auto r = c.ctl(http::verb::delete_, "/_emulator/journal?project_id=" + project);
    BOOST_TEST(r.result_int() == 204u);
    BOOST_TEST(r.body().empty());
    BOOST_TEST(count_of(c, "?project_id=" + project) == 0);
    BOOST_TEST(count_of(c, "?project_id=" + other_project) == 2);
    BOOST_TEST(c.ctl(http::verb::delete_, "/_emulator/journal").result_int() == 204u);
    BOOST_TEST(count_of(c, "") == 0);
    // Sequence numbers keep counting after a clear.
    c.api(http::verb::get, functions_path(project));
    BOOST_TEST(journal_entries(c).at(0).at("seq") == 6);
}

BOOST_AUTO_TEST_CASE(capacity_drops_the_oldest_and_counts_them) {
    auto opts = test_options();
    opts.journal_size = 3;
    control_harness s(opts);
    harness_client c(s);
    for (int i = 0; i < 5; ++i)
        c.api(http::verb::get, functions_path(project) + "?maxitems=" + std::to_string(i + 1));
    auto j = body_of(c.ctl(http::verb::get, "/_emulator/journal"));
    BOOST_TEST(j.at("capacity") == 3);
    BOOST_TEST(j.at("size") == 3);
    BOOST_TEST(j.at("evicted") == 2);
    BOOST_TEST(j.at("count") == 3);
    auto& entries = j.at("entries").as_array();
    BOOST_TEST_REQUIRE(entries.size() == 3u);
    for (std::size_t i = 0; i < 3; ++i) {
        BOOST_TEST(entries[i].at("seq") == i + 3);
        BOOST_TEST(str(entries[i], "target") ==
                   functions_path(project) + "?maxitems=" + std::to_string(i + 3));
    }
}

BOOST_AUTO_TEST_CASE(journal_size_zero_keeps_nothing) {
    auto opts = test_options();
    opts.journal_size = 0;
    control_harness s(opts);
    harness_client c(s);
    c.api(http::verb::get, functions_path(project));
    auto j = body_of(c.ctl(http::verb::get, "/_emulator/journal"));
    BOOST_TEST(j.at("capacity") == 0);
    BOOST_TEST(j.at("size") == 0);
    BOOST_TEST(j.at("count") == 0);
    BOOST_TEST(j.at("entries").as_array().empty());
}

BOOST_AUTO_TEST_CASE(bodies_are_cut_at_64_kib) {
    control_harness s;
    harness_client c(s);
    std::string big = R"({"description":")" + std::string(70 * 1024, 'x') + R"("})";
    c.api(http::verb::put, config_path("demo", project), big);
    auto entries = journal_entries(c);
    BOOST_TEST_REQUIRE(entries.size() == 1u);
    BOOST_TEST(str(entries[0], "body") == big.substr(0, 64 * 1024) + "…[truncated]");
}

BOOST_AUTO_TEST_CASE(control_requests_are_not_journaled) {
    control_harness s;
    harness_client c(s);
    c.ctl(http::verb::get, "/_emulator/health");
    c.ctl(http::verb::put, "/_emulator/health");        // wrong method
    c.ctl(http::verb::get, "/_emulator/nothing");       // unknown control path
    c.ctl(http::verb::post, "/_emulator/reset?kind=x"); // bad request
    c.ctl(http::verb::put, "/_emulator/clock", R"({"advance_seconds":1})");
    c.ctl(http::verb::get, "/_emulator/journal");
    BOOST_TEST(count_of(c, "") == 0);
    // Public requests are, whatever their outcome, unknown paths included.
    c.api(http::verb::get, "/v2/" + project + "/fgs/nothing");
    c.api(http::verb::get, "/nothing");
    auto entries = journal_entries(c);
    BOOST_TEST_REQUIRE(entries.size() == 2u);
    BOOST_TEST(entries[0].at("rule") == "route_not_found");
    BOOST_TEST(str(entries[0], "project_id") == project);
    BOOST_TEST(entries[1].at("project_id") == "");
    // The entry's time is the clock of the request's project.
    BOOST_TEST(entries[0].at("time") == "2021-03-04T00:00:01.000000000Z");
}

BOOST_AUTO_TEST_SUITE_END()
