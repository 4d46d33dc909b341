// API tests of api/invocation_handlers (spec §5–9; D11, D12, D13, D17, D19, D24, D27) through
// router::handle, with the engine wired by invocation_harness. No sockets, no sleeps.
#include "invocation_harness.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

namespace bdata = boost::unit_test::data;
using namespace emu;
using namespace emu::test;

namespace {

const std::string demo_fn = std::string("urn:fss:cn-north-4:") + project + ":function:default:demo";
const std::string ghost_fn =
    std::string("urn:fss:cn-north-4:") + project + ":function:default:ghost";

/// Whether `id` looks like a lower-case RFC 4122 version-4 UUID.
bool is_uuid(const std::string& id) {
    if (id.size() != 36 || id[14] != '4')
        return false;
    for (std::size_t i = 0; i < id.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash != (id[i] == '-') ||
            (!dash && !((id[i] >= '0' && id[i] <= '9') || (id[i] >= 'a' && id[i] <= 'f'))))
            return false;
    }
    return true;
}

/// The documented item of one record: every field, as async-invocations answers it.
json::value item(const std::string& id, const std::string& status, const std::string& start,
                 const std::string& end, int code = 0, const std::string& message = "") {
    return json::object{{"request_id", id},   {"status", status},    {"error_message", message},
                        {"error_code", code}, {"start_time", start}, {"end_time", end}};
}

const std::string fail_always = R"("otherwise":{"outcome":"fail","error_message":"boom"})";

} // namespace

BOOST_AUTO_TEST_SUITE(invocation_handlers_test)

// ---- POST …/invocations-async (spec §5, D17) -------------------------------------------

BOOST_AUTO_TEST_CASE(invoke_answers_202_with_only_a_request_id) {
    invocation_harness h;
    auto a = h.invoke();
    BOOST_TEST(a.status() == 202u);
    BOOST_TEST(a.res[http::field::content_type] == "application/json");
    BOOST_TEST_REQUIRE(a.body.is_object());
    BOOST_TEST(a.body.as_object().size() == 1u);
    BOOST_TEST(is_uuid(std::string(a.body.at("request_id").as_string())), a.res.body());
    // Queued and already started on the project clock: the default succeeds after 100 ms.
    auto r = h.record(std::string(a.body.at("request_id").as_string()));
    BOOST_TEST(r.at("status").as_string() == "RUNNING");
    BOOST_TEST(r.at("payload").as_string() == R"({"k":"v"})");
}

BOOST_AUTO_TEST_CASE(d17_emit_camel_request_id_adds_request_id_in_camel_case) {
    invocation_harness h;
    auto a =
        h.invoke(R"({"k":"v"})", "demo", {{"X-Emulator-Switches", "emit_camel_request_id=true"}});
    BOOST_TEST(a.status() == 202u);
    BOOST_TEST(a.body.as_object().size() == 2u);
    BOOST_TEST(a.body.at("requestId") == a.body.at("request_id"));
    BOOST_TEST(a.res["X-Emulator-Switches"] == "emit_camel_request_id=true");
}

BOOST_AUTO_TEST_CASE(d17_the_body_is_the_event_untouched_and_empty_means_empty_object) {
    invocation_harness h;
    const std::string wrapped = R"({"body" : {"k" : "v"}})";
    BOOST_TEST(h.record(h.submit(wrapped)).at("payload").as_string() == wrapped);
    for (std::string empty : {"", " \r\n\t"})
        BOOST_TEST(h.record(h.submit(empty)).at("payload").as_string() == "{}");
}

BOOST_AUTO_TEST_CASE(invoke_accepts_any_qualifier) {
    invocation_harness h;
    BOOST_TEST_REQUIRE(h.call(http::verb::post,
                              api_harness::functions() + "/" + demo_fn + "/versions",
                              R"({"version":"v1"})")
                           .status() == 200u);
    BOOST_TEST_REQUIRE(h.call(http::verb::post,
                              api_harness::functions() + "/" + demo_fn + ":latest/aliases",
                              R"({"name":"prod","version":"v1"})")
                           .status() == 200u);
    for (std::string urn :
         {demo_fn + ":latest", demo_fn + ":v1", demo_fn + ":!prod", demo_fn, std::string("demo")}) {
        auto a = h.call(http::verb::post,
                        api_harness::functions() + "/" + urn + "/invocations-async", "{}");
        BOOST_TEST(a.status() == 202u, urn << ": " << a.res.body());
    }
    BOOST_TEST(h.engine.records(project).size() == 5u);
}

BOOST_AUTO_TEST_CASE(invoke_unknown_function_version_or_alias_is_404) {
    invocation_harness h;
    check_error(h.invoke("{}", "ghost"), 404, "FSS.1051",
                "Not found the function: function " + ghost_fn + " does not exist");
    auto v = h.call(http::verb::post,
                    api_harness::functions() + "/" + demo_fn + ":v9/invocations-async", "{}");
    check_error_has(v, 404, "FSS.1052", {"Not found the function version", "v9"});
    auto al = h.call(http::verb::post,
                     api_harness::functions() + "/" + demo_fn + ":!nope/invocations-async", "{}");
    check_error_has(al, 404, "FSS.1053", {"Not found the function alias", "nope"});
    auto bad =
        h.call(http::verb::post, api_harness::functions() + "/urn:fss:x/invocations-async", "{}");
    BOOST_TEST(bad.status() == 400u);
    BOOST_TEST(bad.code() == "FSS.1309");
    BOOST_TEST(h.engine.records(project).empty());
}

BOOST_AUTO_TEST_CASE(invoke_body_not_json_follows_d26) {
    invocation_harness h;
    check_error_has(h.invoke("{not json"), 406, "FSS.0406",
                    {"Not acceptable: the request body is not valid JSON"});
    auto a = h.invoke("{not json", "demo", {{"X-Emulator-Switches", "bad_json=400"}});
    check_error_has(a, 400, "FSS.0400", {"Invalid parameter: the request body is not valid JSON"});
    BOOST_TEST(h.engine.records(project).empty());
}

BOOST_DATA_TEST_CASE(invoke_body_must_be_an_object,
                     bdata::make({"[1,2]", "\"text\"", "null", "42", "true"}), body) {
    invocation_harness h;
    check_error(h.invoke(body), 400, "FSS.0400",
                "Invalid parameter: request body must be a JSON object (the event)");
    BOOST_TEST(h.engine.records(project).empty());
}

// ---- D13: "not found" per page -----------------------------------------------------------

BOOST_AUTO_TEST_CASE(d13_async_invocation_pages_answer_fss_0404) {
    invocation_harness h;
    const std::string msg = "can not find function: function " + ghost_fn + " does not exist";
    check_error(h.list("", "ghost"), 404, "FSS.0404", msg);
    check_error(h.active("", "ghost"), 404, "FSS.0404", msg);
    check_error(h.cancel(R"({"request_id":"x"})", "ghost"), 404, "FSS.0404", msg);
    auto uniform = h.list("", "ghost", {{"X-Emulator-Switches", "not_found_style=uniform-1051"}});
    check_error(uniform, 404, "FSS.1051",
                "Not found the function: function " + ghost_fn + " does not exist");
}

// ---- GET …/async-invocations (spec §6, D11, D12) -----------------------------------------

BOOST_AUTO_TEST_CASE(d12_items_have_every_field_and_unfinished_ones_an_empty_end_time) {
    invocation_harness h;
    h.behave(R"("otherwise":{"duration_ms":2500})");
    auto id = h.submit();
    auto running = h.list();
    BOOST_TEST(running.status() == 200u);
    BOOST_TEST(
        running.body ==
        (json::object{{"invocations", json::array{item(id, "RUNNING", "2021-03-04T06:50:02", "")}},
                      {"count", 1},
                      {"next_marker", 0}}));
    h.advance_ms(2500);
    BOOST_TEST(items_of(h.list())[0] ==
               item(id, "SUCCESS", "2021-03-04T06:50:02", "2021-03-04T06:50:04"));
}

BOOST_AUTO_TEST_CASE(failed_records_carry_error_code_1_and_the_message) {
    invocation_harness h;
    h.configure(R"({"max_async_retry_attempts":0})");
    h.behave(fail_always);
    auto id = h.submit();
    h.advance_ms(100);
    BOOST_TEST(items_of(h.list())[0] ==
               item(id, "FAIL", "2021-03-04T06:50:02", "2021-03-04T06:50:02", 1, "boom"));
}

BOOST_AUTO_TEST_CASE(records_are_newest_first_and_only_of_the_function) {
    invocation_harness h;
    BOOST_TEST_REQUIRE(h.create("other").status() == 200u);
    std::vector<std::string> ids;
    for (int i = 0; i < 3; ++i) {
        ids.push_back(h.submit());
        h.submit("{}", "other");
        h.advance_ms(1000);
    }
    BOOST_TEST(ids_of(h.list()) == (std::vector<std::string>{ids[2], ids[1], ids[0]}),
               boost::test_tools::per_element());
    BOOST_TEST(h.list().body.at("count") == 3);
    BOOST_TEST(h.list("", "other").body.at("count") == 3);
}

BOOST_AUTO_TEST_CASE(filter_by_request_id_and_status) {
    invocation_harness h;
    h.behave(R"("script":[{"duration_ms":5000}])");
    auto slow = h.submit();   // attempt 1 of the script: 5 s
    auto slower = h.submit(); // attempt 1 again (scripts count attempts per invocation)
    h.behave("");
    auto quick = h.submit();
    h.advance_ms(100);
    BOOST_TEST(ids_of(h.list("request_id=" + slower)) == std::vector<std::string>{slower},
               boost::test_tools::per_element());
    BOOST_TEST(h.list("request_id=nope").body.at("count") == 0);
    BOOST_TEST(ids_of(h.list("status=SUCCESS")) == std::vector<std::string>{quick},
               boost::test_tools::per_element());
    BOOST_TEST(ids_of(h.list("status=RUNNING")) == (std::vector<std::string>{slower, slow}),
               boost::test_tools::per_element());
    BOOST_TEST(h.list("status=RUNNING&request_id=" + quick).body.at("count") == 0);
    BOOST_TEST(h.list("status=").body.at("count") == 3); // empty: absent
    check_error_has(h.list("request_id=" + std::string(65, 'a')), 400, "FSS.1001",
                    {"request_id must be at most 64 characters"});
}

BOOST_DATA_TEST_CASE(invalid_status_is_fss_1001,
                     bdata::make({"DONE", "success", "Wait", "SUCCESS,FAIL"}), status) {
    invocation_harness h;
    check_error(h.list("status=" + std::string(status)), 400, "FSS.1001",
                "Invalid query parameter: status must be one of WAIT, RUNNING, SUCCESS, FAIL, "
                "DISCARD, got '" +
                    std::string(status) + "'");
}

BOOST_AUTO_TEST_CASE(the_default_window_is_the_last_hour) {
    invocation_harness h;
    auto id = h.submit(); // starts at 06:50:02
    h.advance_ms(3600 * 1000);
    BOOST_TEST(ids_of(h.list()) == std::vector<std::string>{id}, boost::test_tools::per_element());
    h.advance_ms(1);
    BOOST_TEST(h.list().body.at("count") == 0);
    BOOST_TEST(h.list("query_begin_time=2021-03-04T06:50:02").body.at("count") == 1);
}

BOOST_DATA_TEST_CASE(
    query_times_with_and_without_z,
    bdata::make({"query_begin_time=2021-03-04T06:50:02", "query_begin_time=2021-03-04T06:50:02Z",
                 "query_end_time=2021-03-04T06:50:02", "query_end_time=2021-03-04T06:50:02Z",
                 "query_begin_time=2021-03-04T06:00:00&query_end_time=2021-03-04T07:00:00",
                 "query_begin_time=2021-03-04%2006:50:02"}),
    query) {
    invocation_harness h;
    h.submit();
    BOOST_TEST(h.list(query).body.at("count") == 1, query);
}

BOOST_DATA_TEST_CASE(
    query_times_outside_the_window_match_nothing,
    bdata::make({"query_begin_time=2021-03-04T06:50:03", "query_end_time=2021-03-04T06:50:01Z",
                 "query_begin_time=2021-03-04T07:00:00&query_end_time=2021-03-04T06:00:00"}),
    query) {
    invocation_harness h;
    h.submit();
    auto a = h.list(query);
    BOOST_TEST(a.status() == 200u);
    BOOST_TEST(a.body.at("count") == 0, query);
}

BOOST_DATA_TEST_CASE(invalid_query_times_are_fss_1001,
                     bdata::make({"2021-03-04", "yesterday", "2021-13-04T00:00:00",
                                  "2021-03-04T06:50:02%2B08:00", "2021-03-04T24:00:00",
                                  "2021-03-04T06:50:02.5Z"}),
                     value) {
    invocation_harness h;
    for (std::string name : {"query_begin_time", "query_end_time"}) {
        auto a = h.list(name + "=" + value);
        BOOST_TEST(a.status() == 400u, name << "=" << value);
        BOOST_TEST(a.code() == "FSS.1001");
        BOOST_TEST(contains(a.message(), name + " must be YYYY-MM-DDTHH:MM:SS (UTC)"), a.message());
    }
}

BOOST_AUTO_TEST_CASE(marker_and_limit_page_through_newest_first) {
    invocation_harness h;
    std::vector<std::string> ids;
    for (int i = 0; i < 5; ++i) {
        ids.insert(ids.begin(), h.submit());
        h.advance_ms(1000);
    }
    auto p1 = h.list("limit=2");
    BOOST_TEST(ids_of(p1) == (std::vector<std::string>{ids[0], ids[1]}),
               boost::test_tools::per_element());
    BOOST_TEST(p1.body.at("count") == 5);
    BOOST_TEST(p1.body.at("next_marker") == 2);
    auto p2 = h.list("limit=2&marker=2");
    BOOST_TEST(ids_of(p2) == (std::vector<std::string>{ids[2], ids[3]}),
               boost::test_tools::per_element());
    BOOST_TEST(p2.body.at("next_marker") == 4);
    auto p3 = h.list("limit=2&marker=4");
    BOOST_TEST(ids_of(p3) == std::vector<std::string>{ids[4]}, boost::test_tools::per_element());
    BOOST_TEST(p3.body.at("next_marker") == 0);
    auto past = h.list("marker=9");
    BOOST_TEST(items_of(past).empty());
    BOOST_TEST(past.body.at("count") == 5);
    BOOST_TEST(past.body.at("next_marker") == 0);
    BOOST_TEST(items_of(h.list("limit=0")).size() == 5u); // 0: the default
}

BOOST_AUTO_TEST_CASE(d11_next_marker_as_a_string) {
    invocation_harness h;
    h.switches(R"({"async_next_marker_string":true})");
    for (int i = 0; i < 3; ++i)
        h.submit();
    BOOST_TEST(h.list("limit=2").body.at("next_marker") == "2");
    BOOST_TEST(h.list("limit=2&marker=2").body.at("next_marker") == "0");
    BOOST_TEST(h.list("limit=2").body.at("count") == 3); // count stays a number
}

BOOST_AUTO_TEST_CASE(limit_defaults_to_100_and_stops_at_500) {
    invocation_harness h;
    for (int i = 0; i < 501; ++i)
        h.submit("{}");
    BOOST_TEST(items_of(h.list()).size() == 100u);
    BOOST_TEST(h.list().body.at("next_marker") == 100);
    BOOST_TEST(items_of(h.list("limit=500")).size() == 500u);
    auto over = h.list("limit=100000");
    BOOST_TEST(items_of(over).size() == 500u);
    BOOST_TEST(over.body.at("next_marker") == 500);
    BOOST_TEST(over.body.at("count") == 501);
}

BOOST_DATA_TEST_CASE(bad_marker_or_limit_is_fss_1001,
                     bdata::make({"limit=-1", "limit=abc", "limit=1.5", "marker=-1", "marker=x"}),
                     query) {
    invocation_harness h;
    auto a = h.list(query);
    BOOST_TEST(a.status() == 400u, query);
    BOOST_TEST(a.code() == "FSS.1001");
    BOOST_TEST(contains(a.message(), "Invalid query parameter: "), a.message());
}

BOOST_AUTO_TEST_CASE(d27_require_status_log_for_query) {
    invocation_harness h;
    h.submit();
    BOOST_TEST(h.list().body.at("count") == 1); // default: records are listed regardless
    h.switches(R"({"require_status_log_for_query":true})");
    auto hidden = h.list();
    BOOST_TEST(hidden.status() == 200u);
    BOOST_TEST(hidden.body.at("count") == 0);
    BOOST_TEST(h.active().body.at("count") == 0);
    h.configure(R"({"enable_async_status_log":false})");
    BOOST_TEST(h.list().body.at("count") == 0);
    h.configure(R"({"enable_async_status_log":true})");
    BOOST_TEST(h.list().body.at("count") == 1);
    BOOST_TEST(h.active().body.at("count") == 1);
}

// ---- GET …/active-async-invocations (spec §7) --------------------------------------------

BOOST_AUTO_TEST_CASE(active_lists_only_waiting_and_running_records) {
    invocation_harness h;
    h.configure(R"({"max_async_retry_attempts":1})");
    h.behave(R"("script":[{"outcome":"fail"}])");
    auto waiting = h.submit(); // fails at +100 ms, retry after 60 s
    h.behave(R"("otherwise":{"duration_ms":10000})");
    auto running = h.submit();
    h.behave("");
    auto done = h.submit();
    h.advance_ms(100);
    BOOST_TEST(h.record(waiting).at("status").as_string() == "WAIT");
    BOOST_TEST(h.record(done).at("status").as_string() == "SUCCESS");
    auto a = h.active();
    BOOST_TEST(a.status() == 200u);
    BOOST_TEST(ids_of(a) == (std::vector<std::string>{running, waiting}),
               boost::test_tools::per_element());
    BOOST_TEST(a.body.at("count") == 2);
    BOOST_TEST(a.body.at("next_marker") == 0);
    BOOST_TEST(ids_of(h.active("status=WAIT")) == std::vector<std::string>{waiting},
               boost::test_tools::per_element());
    BOOST_TEST(h.active("status=SUCCESS").body.at("count") == 0);
    BOOST_TEST(ids_of(h.active("requests=" + done + "," + waiting)) ==
                   std::vector<std::string>{waiting},
               boost::test_tools::per_element());
    BOOST_TEST(ids_of(h.active("limit=1&marker=1")) == std::vector<std::string>{waiting},
               boost::test_tools::per_element());
    check_error_has(h.active("status=NOPE"), 400, "FSS.1001", {"status must be one of"});
}

BOOST_AUTO_TEST_CASE(active_requests_takes_at_most_ten_ids) {
    invocation_harness h;
    auto id = h.submit();
    std::string ten = id;
    for (int i = 1; i < 10; ++i)
        ten += ",x" + std::to_string(i);
    BOOST_TEST(ids_of(h.active("requests=" + ten)) == std::vector<std::string>{id},
               boost::test_tools::per_element());
    check_error(h.active("requests=" + ten + ",y"), 400, "FSS.1001",
                "Invalid query parameter: requests takes at most 10 request ids (640 characters)");
    check_error(h.active("requests=" + std::string(641, 'a')), 400, "FSS.1001",
                "Invalid query parameter: requests takes at most 10 request ids (640 characters)");
}

// ---- POST …/cancel (spec §8, D19) --------------------------------------------------------

BOOST_AUTO_TEST_CASE(d19_cancel_answers_literal_null_and_fails_the_record_with_4208) {
    invocation_harness h;
    h.configure(R"({"destination_config":{"on_failure":{"destination":"SMN","param":)"
                R"("{\"topic_urn\":\"urn:smn:cn-north-4:p:failures\"}"}}})");
    h.behave(R"("otherwise":{"duration_ms":5000})");
    auto id = h.submit();
    h.advance_ms(1000);
    auto a = h.cancel(R"({"request_id":")" + id + R"(","type":"force"})");
    BOOST_TEST(a.status() == 200u);
    BOOST_TEST(a.res.body() == "null");
    BOOST_TEST(a.res[http::field::content_type] == "application/json");
    h.advance_ms(10000);
    BOOST_TEST(items_of(h.list())[0] == item(id, "FAIL", "2021-03-04T06:50:02",
                                             "2021-03-04T06:50:03", 4208,
                                             "function invocation canceled"));
    BOOST_TEST(h.deliveries().empty()); // G: no notification for a canceled invocation
    BOOST_TEST(h.active().body.at("count") == 0);
}

BOOST_AUTO_TEST_CASE(cancel_while_waiting_for_a_retry_stops_the_retries) {
    invocation_harness h;
    h.configure(R"({"max_async_retry_attempts":3})");
    h.behave(fail_always);
    auto id = h.submit();
    h.advance_ms(100);
    BOOST_TEST(h.record(id).at("status").as_string() == "WAIT");
    BOOST_TEST(h.cancel(R"({"request_id":")" + id + R"(","type":"recursive"})").status() == 200u);
    h.advance_ms(3600 * 1000);
    auto r = h.record(id);
    BOOST_TEST(r.at("status").as_string() == "FAIL");
    BOOST_TEST(r.at("attempts") == 1);
    BOOST_TEST(r.at("error_code") == 4208);
}

BOOST_AUTO_TEST_CASE(cancel_of_an_unknown_or_finished_request_is_invalid_request_id) {
    invocation_harness h;
    auto id = h.submit();
    h.advance_ms(100);
    for (std::string unknown : {id, std::string("no-such-id")})
        check_error(h.cancel_id(unknown), 400, "FSS.0400",
                    "Invalid parameter: Invalid RequestId: no waiting or running invocation '" +
                        unknown + "'");
    h.behave(R"("otherwise":{"duration_ms":5000})");
    auto running = h.submit();
    BOOST_TEST(h.cancel_id(running).status() == 200u);
    check_error_has(h.cancel_id(running), 400, "FSS.0400", {"Invalid RequestId"});
}

BOOST_AUTO_TEST_CASE(cancel_of_another_functions_request_is_invalid_request_id) {
    invocation_harness h;
    BOOST_TEST_REQUIRE(h.create("other").status() == 200u);
    h.behave(R"("otherwise":{"duration_ms":5000})", "other");
    auto id = h.submit("{}", "other");
    check_error_has(h.cancel_id(id, "demo"), 400, "FSS.0400", {"Invalid RequestId"});
    BOOST_TEST(h.record(id).at("status").as_string() == "RUNNING");
    BOOST_TEST(h.cancel_id(id, "other").status() == 200u);
}

BOOST_DATA_TEST_CASE(cancel_needs_a_request_id_string,
                     bdata::make({"{}", R"({"request_id":42})", R"({"request_id":""})",
                                  R"({"request_id":null})", R"({"type":"force"})", "[]"}),
                     body) {
    invocation_harness h;
    check_error(h.cancel(body), 400, "FSS.0400",
                "Invalid parameter: Invalid RequestId: request_id is required (a string)");
}

BOOST_DATA_TEST_CASE(cancel_type_must_be_force_or_recursive,
                     bdata::make({R"("kill")", "1", "null", R"("FORCE")"}), type) {
    invocation_harness h;
    h.behave(R"("otherwise":{"duration_ms":5000})");
    auto id = h.submit();
    check_error(h.cancel(R"({"request_id":")" + id + R"(","type":)" + type + "}"), 400, "FSS.0400",
                "Invalid parameter: type must be force or recursive");
    BOOST_TEST(h.record(id).at("status").as_string() == "RUNNING");
}

BOOST_AUTO_TEST_CASE(cancel_body_not_json_follows_d26) {
    invocation_harness h;
    check_error(h.cancel(""), 406, "FSS.0406", "Not acceptable: the request body is empty");
    check_error_has(h.cancel("{"), 406, "FSS.0406", {"not valid JSON"});
}

// ---- Project-level status logs (spec §9) --------------------------------------------------

BOOST_AUTO_TEST_CASE(status_log_detail_is_404_until_enabled_then_stable) {
    invocation_harness h;
    const std::string detail = api_harness::functions() + "/async-status-log-detail";
    check_error(h.call(http::verb::get, detail), 404, "FSS.0404",
                "The specified resource was not found: async status logs are not enabled for "
                "project " +
                    std::string(project) + " (POST …/enable-async-status-logs)");
    for (int i = 0; i < 2; ++i) { // idempotent
        auto a = h.call(http::verb::post, api_harness::functions() + "/enable-async-status-logs");
        BOOST_TEST(a.status() == 200u);
        BOOST_TEST(a.res.body() == "\"ok\"");
        BOOST_TEST(a.res[http::field::content_type] == "application/json");
    }
    auto first = h.call(http::verb::get, detail);
    BOOST_TEST(first.status() == 200u);
    const auto& o = first.body.as_object();
    BOOST_TEST(o.size() == 4u);
    BOOST_TEST(o.at("group_name").as_string() == "functiongraph-async-" + std::string(project));
    BOOST_TEST(o.at("stream_name").as_string() == "async-status-" + std::string(project));
    BOOST_TEST(is_uuid(std::string(o.at("group_id").as_string())));
    BOOST_TEST(is_uuid(std::string(o.at("stream_id").as_string())));
    h.call(http::verb::post, api_harness::functions() + "/enable-async-status-logs");
    BOOST_TEST(h.call(http::verb::get, detail).body == first.body);
    BOOST_TEST(
        h.call(http::verb::get, api_harness::functions(other_project) + "/async-status-log-detail")
            .status() == 404u);
}

// ---- D24: the notification a destination receives ----------------------------------------

BOOST_AUTO_TEST_CASE(d24_success_notification_as_the_user_guide_example) {
    invocation_harness h;
    h.configure(R"({"destination_config":{"on_success":{"destination":"OBS","param":)"
                R"("{\"bucket\":\"results\",\"prefix\":\"ok/\"}"}}})");
    auto id = h.submit(R"({"k":"v"})");
    h.advance_ms(100);
    auto d = h.deliveries();
    BOOST_TEST_REQUIRE(d.size() == 1u);
    BOOST_TEST(d[0].at("object_key").as_string() == "ok/" + id);
    BOOST_TEST(d[0].at("notification") ==
               (json::object{{"timestamp", "2021-03-04T06:50:02.100Z"},
                             {"request_context",
                              {{"request_id", id},
                               {"function_urn", demo_fn + ":latest"},
                               {"condition", "Success"},
                               {"approximate_invoke_count", 1}}},
                             {"request_payload", {{"k", "v"}}},
                             {"response_context", {{"status_code", 200}, {"function_error", ""}}},
                             {"response_payload", {{"k", "v"}}}}));
}

BOOST_AUTO_TEST_CASE(d24_camel_status_and_timestamp_quirk) {
    invocation_harness h;
    h.configure(R"({"max_async_retry_attempts":1,"destination_config":{"on_failure":)"
                R"({"destination":"SMN","param":"{\"topic_urn\":\"urn:smn:cn-north-4:p:t\"}"}}})");
    h.behave(fail_always);
    h.switches(R"({"notification_camel_status":true,"notification_timestamp_quirk":true})");
    auto id = h.submit("{}");
    h.advance_ms(60200);
    auto d = h.deliveries();
    BOOST_TEST_REQUIRE(d.size() == 1u);
    const auto& n = d[0].at("notification");
    BOOST_TEST(n.at("timestamp") == "2021-03-04T06:51:02.200Z+08:00");
    BOOST_TEST(n.at("response_context") ==
               (json::object{{"statusCode", 500}, {"function_error", "boom"}}));
    BOOST_TEST(n.at("request_context").at("condition") == "RetriesExhausted");
    BOOST_TEST(n.at("request_context").at("approximate_invoke_count") == 2);
    BOOST_TEST(n.at("response_payload") == "boom");
}

BOOST_AUTO_TEST_CASE(d06_dis_destination_is_recorded_with_its_stream) {
    invocation_harness h;
    h.switches(R"({"allow_dis_destination":true})");
    h.configure(R"({"destination_config":{"on_success":{"destination":"DIS","param":)"
                R"("{\"stream_name\":\"events\"}"}}})");
    h.submit();
    h.advance_ms(100);
    auto d = h.deliveries();
    BOOST_TEST_REQUIRE(d.size() == 1u);
    BOOST_TEST(d[0].at("destination") == "DIS");
    BOOST_TEST(d[0].at("target") == "events");
    BOOST_TEST(d[0].at("outcome") == "delivered");
    BOOST_TEST(!d[0].as_object().contains("object_key"));
}

BOOST_AUTO_TEST_SUITE_END()
