// Asynchronous invocations against the whole application on port 0 (the issue's list): a
// frozen project clock moved by PUT /_emulator/clock, behaviours set by PUT
// /_emulator/behaviours, results read from GET /_emulator/deliveries, /_emulator/invocations
// and the public async-invocations. No sleeps: advancing the clock runs everything due before
// it answers, and the one real-clock test waits on the server (wait_ms), bounded.
#include "support/running_app.hpp"

#include <boost/json/serialize.hpp>

#include <string>
#include <vector>

using namespace emu::test;

namespace {

const std::string p = project;

std::string unqualified(const std::string& name) {
    return "urn:fss:cn-north-4:" + p + ":function:default:" + name;
}

/// {"destination": d, "param": "<param as a JSON string>"}
std::string dest(const std::string& d, const std::string& param) {
    return R"({"destination":")" + d + R"(","param":)" + json::serialize(json::value(param)) + "}";
}
std::string obs(const std::string& bucket, const std::string& extra = "") {
    return dest("OBS", R"({"bucket":")" + bucket + R"(","prefix":"out/")" + extra + "}");
}
std::string smn(const std::string& topic) {
    return dest("SMN", R"({"topic_urn":"urn:smn:cn-north-4:)" + p + ":" + topic + R"("})");
}
std::string fg(const std::string& name) {
    return dest("FunctionGraph", R"({"func_urn":")" + unqualified(name) + R"(:latest"})");
}

/// An async-invoke-config body.
std::string config(int retries, int age, const std::string& on_success = "",
                   const std::string& on_failure = "") {
    std::string d;
    if (!on_success.empty())
        d += R"("on_success":)" + on_success;
    if (!on_failure.empty())
        d += (d.empty() ? "" : ",") + std::string(R"("on_failure":)") + on_failure;
    return R"({"max_async_retry_attempts":)" + std::to_string(retries) +
           R"(,"max_async_event_age_in_seconds":)" + std::to_string(age) +
           (d.empty() ? "" : R"(,"destination_config":{)" + d + "}") + "}";
}

/// PUT /_emulator/switches?project_id=…: true when accepted.
bool put_switches(client& c, const std::string& project, const std::string& switches) {
    return c.ctl(http::verb::put, "/_emulator/switches?project_id=" + project,
                 R"({"switches":)" + switches + "}")
               .result_int() == 200u;
}

/// A public GET.
response public_get(client& c, const std::string& target) {
    return c.api(http::verb::get, target);
}

const std::string fail_always = R"("otherwise":{"outcome":"fail","error_message":"boom"})";

/// The application with project A's clock frozen at 2021-03-04T00:00:00Z, and the calls of
/// these tests.
struct world {
    running_app app;
    client c{app};

    explicit world(const emu::options& opts = test_options()) : app(opts) {
        auto r = c.ctl(http::verb::put, "/_emulator/clock?project_id=" + p, R"({"mode":"frozen"})");
        BOOST_TEST_REQUIRE(r.result_int() == 200u, r.body());
    }

    void create(const std::string& name) {
        auto r = c.api(http::verb::post, functions_path(p), create_body(name));
        BOOST_TEST_REQUIRE(r.result_int() == 200u, r.body());
    }
    void configure(const std::string& name, const std::string& body) {
        auto r = c.api(http::verb::put, config_path(name, p), body);
        BOOST_TEST_REQUIRE(r.result_int() == 200u, r.body());
    }
    void behave(const std::string& name, const std::string& fields) {
        auto r = c.ctl(http::verb::put, "/_emulator/behaviours?project_id=" + p,
                       R"({"function_urn":")" + unqualified(name) + R"(:latest")" +
                           (fields.empty() ? "" : "," + fields) + "}");
        BOOST_TEST_REQUIRE(r.result_int() == 200u, r.body());
    }
    std::string invoke(const std::string& name, const std::string& event = R"({"n":1})") {
        auto r = c.api(http::verb::post,
                       functions_path(p) + "/" + urn(name, p) + "/invocations-async", event);
        BOOST_TEST_REQUIRE(r.result_int() == 202u, r.body());
        return str(body_of(r), "request_id");
    }
    /// PUT /_emulator/clock {"advance_ms": ms}; answers after everything due has run.
    void advance_ms(long long ms) {
        auto r = c.ctl(http::verb::put, "/_emulator/clock?project_id=" + p,
                       R"({"advance_ms":)" + std::to_string(ms) + "}");
        BOOST_TEST_REQUIRE(r.result_int() == 200u, r.body());
    }
    /// GET /_emulator/deliveries?project_id=p[&query]
    json::value deliveries(const std::string& query = "") {
        auto r = c.ctl(http::verb::get, "/_emulator/deliveries?project_id=" + p +
                                            (query.empty() ? "" : "&" + query));
        BOOST_TEST_REQUIRE(r.result_int() == 200u, r.body());
        return body_of(r);
    }
    /// GET /_emulator/invocations?project_id=p[&query]
    json::value invocations(const std::string& query = "") {
        auto r = c.ctl(http::verb::get, "/_emulator/invocations?project_id=" + p +
                                            (query.empty() ? "" : "&" + query));
        BOOST_TEST_REQUIRE(r.result_int() == 200u, r.body());
        return body_of(r);
    }
    json::object record(const std::string& id) {
        auto all = invocations("request_id=" + id);
        BOOST_TEST_REQUIRE(all.at("count") == 1, json::serialize(all));
        return all.at("invocations").at(0).as_object();
    }
    /// The public GET …/async-invocations item of `id` (with a window covering the test).
    json::object item(const std::string& name, const std::string& id) {
        auto r = c.api(http::verb::get, functions_path(p) + "/" + urn(name, p) +
                                            "/async-invocations?request_id=" + id +
                                            "&query_begin_time=2021-03-03T00:00:00");
        BOOST_TEST_REQUIRE(r.result_int() == 200u, r.body());
        auto v = body_of(r);
        BOOST_TEST_REQUIRE(v.at("count") == 1, r.body());
        return v.at("invocations").at(0).as_object();
    }
    std::string status(const std::string& name, const std::string& id) {
        return str(item(name, id), "status");
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(invocations_test)

BOOST_AUTO_TEST_CASE(success_delivers_on_success_once_as_an_obs_object_that_expires) {
    world w;
    w.create("f");
    w.configure("f", config(2, 600, obs("results", R"(,"expires":1)"), smn("failures")));
    auto id = w.invoke("f");
    BOOST_TEST(w.status("f", id) == "RUNNING");
    BOOST_TEST(w.deliveries().at("count") == 0);
    w.advance_ms(100); // the default behaviour: succeed after 100 ms, echoing the event
    BOOST_TEST(w.status("f", id) == "SUCCESS");
    auto d = w.deliveries();
    BOOST_TEST(d.at("count") == 1);
    BOOST_TEST(d.at("evicted") == 0);
    auto one = d.at("deliveries").at(0).as_object();
    one.erase("seq");
    BOOST_TEST(json::value(one) ==
               json::parse(R"({"destination":"OBS","on":"on_success","target":"results",
                   "outcome":"delivered","at":"2021-03-04T00:00:00.100000000Z",
                   "object_key":"out/)" +
                           id + R"(","expires_at":"2021-03-05T00:00:00.100000000Z",
                   "expired":false,"notification":{"timestamp":"2021-03-04T00:00:00.100Z",
                   "request_context":{"request_id":")" +
                           id + R"(","function_urn":")" + unqualified("f") +
                           R"(:latest","condition":"Success",
                   "approximate_invoke_count":1},"request_payload":{"n":1},
                   "response_context":{"status_code":200,"function_error":""},
                   "response_payload":{"n":1}}})"));
    w.advance_ms(24LL * 3600 * 1000 - 1);
    BOOST_TEST(w.deliveries().at("deliveries").at(0).at("expired") == false);
    w.advance_ms(1);
    BOOST_TEST(w.deliveries().at("deliveries").at(0).at("expired") == true);
    BOOST_TEST(w.deliveries().at("count") == 1); // once
}

BOOST_AUTO_TEST_CASE(failures_retry_with_doubling_delays_then_on_failure_once_to_smn) {
    world w;
    w.create("f");
    w.configure("f", config(2, 3600, obs("results"), smn("failures")));
    w.behave("f", fail_always);
    auto id = w.invoke("f", R"({"k":"v"})");
    w.advance_ms(100); // attempt 1 fails; retry 1 after 60 s (G: base·2^(n-1))
    BOOST_TEST(w.status("f", id) == "WAIT");
    w.advance_ms(59999);
    BOOST_TEST(w.record(id).at("attempts") == 1);
    w.advance_ms(1);
    BOOST_TEST(w.status("f", id) == "RUNNING");
    BOOST_TEST(w.record(id).at("attempts") == 2);
    w.advance_ms(100 + 119999); // attempt 2 fails at 60.2 s; retry 2 after 120 s
    BOOST_TEST(w.record(id).at("attempts") == 2);
    w.advance_ms(1);
    BOOST_TEST(w.record(id).at("attempts") == 3);
    BOOST_TEST(w.deliveries().at("count") == 0);
    w.advance_ms(100);
    BOOST_TEST(w.item("f", id) == json::parse(R"({"request_id":")" + id +
                                              R"(","status":"FAIL","error_message":"boom",
        "error_code":1,"start_time":"2021-03-04T00:00:00","end_time":"2021-03-04T00:03:00"})"));
    w.advance_ms(3600 * 1000);
    auto d = w.deliveries();
    BOOST_TEST_REQUIRE(d.at("count") == 1);
    auto& one = d.at("deliveries").at(0);
    BOOST_TEST(one.at("destination") == "SMN");
    BOOST_TEST(one.at("on") == "on_failure");
    BOOST_TEST(one.at("target").as_string() == "urn:smn:cn-north-4:" + p + ":failures");
    BOOST_TEST(!one.as_object().contains("object_key"));
    BOOST_TEST(one.at("notification") ==
               json::parse(R"({"timestamp":"2021-03-04T00:03:00.300Z","request_context":{
        "request_id":")" + id +
                           R"(","function_urn":")" + unqualified("f") +
                           R"(:latest","condition":"RetriesExhausted","approximate_invoke_count":3},
        "request_payload":{"k":"v"},"response_context":{"status_code":500,
        "function_error":"boom"},"response_payload":"boom"})"));
}

BOOST_AUTO_TEST_CASE(retry_base_is_a_switch) {
    world w;
    w.create("f");
    BOOST_TEST_REQUIRE(put_switches(w.c, p, R"({"async_retry_base_seconds":5})"));
    w.configure("f", config(2, 3600));
    w.behave("f", fail_always);
    auto id = w.invoke("f");
    w.advance_ms(100 + 5000 + 100 + 10000 + 100); // 5 s, then 10 s
    auto r = w.record(id);
    BOOST_TEST(r.at("status") == "FAIL");
    BOOST_TEST(r.at("attempts") == 3);
    BOOST_TEST(r.at("end_time") == "2021-03-04T00:00:15.300000000Z");
}

BOOST_AUTO_TEST_CASE(expiry_before_retries_run_out_discards_with_event_age_exceeded) {
    world w;
    w.create("f");
    w.configure("f", config(3, 100, "", smn("failures")));
    w.behave("f", fail_always);
    auto id = w.invoke("f");
    // Attempt 1 fails at 0.1 s, retry at 60.1 s (within 100 s); attempt 2 fails at 60.2 s and
    // the next would start at 180.2 s, past the event's age: discarded then.
    w.advance_ms(60200);
    BOOST_TEST(w.item("f", id) == json::parse(R"({"request_id":")" + id +
                                              R"(","status":"DISCARD","error_message":"boom",
        "error_code":1,"start_time":"2021-03-04T00:00:00","end_time":"2021-03-04T00:01:00"})"));
    w.advance_ms(3600 * 1000);
    BOOST_TEST(w.record(id).at("attempts") == 2);
    auto d = w.deliveries();
    BOOST_TEST_REQUIRE(d.at("count") == 1);
    auto& n = d.at("deliveries").at(0).at("notification");
    BOOST_TEST(d.at("deliveries").at(0).at("on") == "on_failure");
    BOOST_TEST(n.at("request_context").at("condition") == "EventAgeExceeded");
    BOOST_TEST(n.at("request_context").at("approximate_invoke_count") == 2);
    BOOST_TEST(n.at("response_context") ==
               json::parse(R"({"status_code":500,"function_error":"boom"})"));
}

BOOST_AUTO_TEST_CASE(retries_zero_fails_after_one_attempt) {
    world w;
    w.create("f");
    w.configure("f", config(0, 3600, obs("results"), smn("failures")));
    w.behave("f", R"("otherwise":{"outcome":"timeout","duration_ms":3000})");
    auto id = w.invoke("f");
    w.advance_ms(3000);
    auto r = w.record(id);
    BOOST_TEST(r.at("status") == "FAIL");
    BOOST_TEST(r.at("attempts") == 1);
    BOOST_TEST(r.at("error_message") == "function invocation timed out");
    w.advance_ms(3600 * 1000);
    BOOST_TEST(w.record(id).at("attempts") == 1);
    auto d = w.deliveries();
    BOOST_TEST_REQUIRE(d.at("count") == 1);
    BOOST_TEST(d.at("deliveries").at(0).at("destination") == "SMN");
    BOOST_TEST(d.at("deliveries")
                   .at(0)
                   .at("notification")
                   .at("request_context")
                   .at("approximate_invoke_count") == 1);
}

BOOST_AUTO_TEST_CASE(cancel_while_waiting_stops_the_invocation_without_a_delivery) {
    world w;
    w.create("f");
    w.configure("f", config(2, 3600, obs("results"), smn("failures")));
    w.behave("f", fail_always);
    auto id = w.invoke("f");
    w.advance_ms(100);
    BOOST_TEST(w.status("f", id) == "WAIT");
    auto active =
        public_get(w.c, functions_path(p) + "/" + urn("f", p) + "/active-async-invocations");
    BOOST_TEST(body_of(active).at("count") == 1);
    auto r = w.c.api(http::verb::post, functions_path(p) + "/" + urn("f", p) + "/cancel",
                     R"({"request_id":")" + id + "\"}");
    BOOST_TEST(r.result_int() == 200u);
    BOOST_TEST(r.body() == "null");
    BOOST_TEST(r[http::field::content_type] == "application/json");
    w.advance_ms(3600 * 1000);
    BOOST_TEST(w.item("f", id) == json::parse(R"({"request_id":")" + id + R"(","status":"FAIL",
        "error_message":"function invocation canceled","error_code":4208,
        "start_time":"2021-03-04T00:00:00","end_time":"2021-03-04T00:00:00"})"));
    BOOST_TEST(w.record(id).at("attempts") == 1);
    BOOST_TEST(w.deliveries().at("count") == 0);
    active = public_get(w.c, functions_path(p) + "/" + urn("f", p) + "/active-async-invocations");
    BOOST_TEST(body_of(active).at("count") == 0);
}

BOOST_AUTO_TEST_CASE(the_config_in_force_is_read_at_each_attempt) {
    world w;
    w.create("f");
    w.configure("f", config(1, 3600, "", smn("failures")));
    w.behave("f", fail_always);
    auto more = w.invoke("f");
    w.advance_ms(100);
    // Between attempts: more retries, another destination.
    w.configure("f", config(3, 3600, "", obs("later")));
    w.advance_ms(3600 * 1000); // retries at 60.1, 180.2, 420.3 s
    auto r = w.record(more);
    BOOST_TEST(r.at("status") == "FAIL");
    BOOST_TEST(r.at("attempts") == 4);
    BOOST_TEST(r.at("end_time") == "2021-03-04T00:07:00.400000000Z");
    auto d = w.deliveries();
    BOOST_TEST_REQUIRE(d.at("count") == 1);
    BOOST_TEST(d.at("deliveries").at(0).at("target") == "later");
    // A shorter event age set while an invocation waits discards it at its next attempt.
    auto aged = w.invoke("f");
    w.advance_ms(100);
    w.configure("f", config(3, 30, "", obs("later")));
    w.advance_ms(60000);
    r = w.record(aged);
    BOOST_TEST(r.at("status") == "DISCARD");
    BOOST_TEST(r.at("attempts") == 1);
    d = w.deliveries();
    BOOST_TEST_REQUIRE(d.at("count") == 2);
    BOOST_TEST(d.at("deliveries").at(1).at("notification").at("request_context").at("condition") ==
               "EventAgeExceeded");
}

BOOST_AUTO_TEST_CASE(a_function_destination_invokes_the_target_asynchronously) {
    world w;
    w.create("a");
    w.create("b");
    w.configure("a", config(0, 3600, fg("b")));
    w.configure("b", config(0, 3600, obs("chain")));
    auto id = w.invoke("a", R"({"x":1})");
    w.advance_ms(100);
    auto d = w.deliveries("destination=FunctionGraph");
    BOOST_TEST_REQUIRE(d.at("count") == 1);
    auto& hop = d.at("deliveries").at(0);
    BOOST_TEST(hop.at("target").as_string() == unqualified("b") + ":latest");
    BOOST_TEST(hop.at("outcome") == "delivered");
    auto chained = str(hop, "chained_request_id");
    auto r = w.record(chained);
    BOOST_TEST(r.at("function_urn").as_string() == unqualified("b") + ":latest");
    BOOST_TEST(r.at("status") == "RUNNING");
    // The target's event is the notification the source produced.
    BOOST_TEST(json::parse(r.at("payload").as_string()) == hop.at("notification"));
    w.advance_ms(100);
    auto out = w.deliveries("destination=OBS");
    BOOST_TEST_REQUIRE(out.at("count") == 1);
    auto& n = out.at("deliveries").at(0).at("notification");
    BOOST_TEST(n.at("request_context").at("request_id").as_string() == chained);
    BOOST_TEST(n.at("request_payload").at("request_context").at("request_id").as_string() == id);
    BOOST_TEST(n.at("request_payload").at("request_payload") == json::parse(R"({"x":1})"));
    BOOST_TEST(w.status("b", chained) == "SUCCESS");
}

BOOST_AUTO_TEST_CASE(a_chain_that_loops_is_stopped_and_reported) {
    world w;
    for (auto n : {"a", "b", "self"})
        w.create(n);
    w.configure("a", config(0, 3600, fg("b")));
    w.configure("b", config(0, 3600, fg("a")));
    w.configure("self", config(0, 3600, "", fg("self")));
    w.behave("self", fail_always);
    w.invoke("a");
    w.invoke("self");
    w.advance_ms(3600 * 1000);
    BOOST_TEST(w.invocations().at("count") == 3); // a, b, self: nothing else ran
    auto d = w.deliveries().at("deliveries").as_array();
    BOOST_TEST_REQUIRE(d.size() == 3u);
    std::vector<std::string> outcomes;
    for (auto& x : d)
        outcomes.push_back(str(x, "outcome"));
    // At 0.1 s a delivers to b (before self: same instant, invoked first); at 0.2 s b's
    // delivery back to a closes the loop.
    const std::vector<std::string> expected = {
        "delivered", "loop stopped: " + unqualified("self") + " -> " + unqualified("self"),
        "loop stopped: " + unqualified("a") + " -> " + unqualified("b") + " -> " +
            unqualified("a")};
    BOOST_TEST(outcomes == expected, boost::test_tools::per_element());
    BOOST_TEST(d[0].as_object().contains("chained_request_id"));
    BOOST_TEST(!d[1].as_object().contains("chained_request_id"));
    BOOST_TEST(d[1].at("on") == "on_failure");
    BOOST_TEST(d[2].at("at") == "2021-03-04T00:00:00.200000000Z");
}

BOOST_AUTO_TEST_CASE(a_missing_target_function_is_reported_not_delivered) {
    world w;
    w.create("a");
    w.configure("a", config(0, 3600, fg("ghost")));
    w.invoke("a");
    w.advance_ms(100);
    auto d = w.deliveries();
    BOOST_TEST_REQUIRE(d.at("count") == 1);
    BOOST_TEST(d.at("deliveries").at(0).at("outcome").as_string() ==
               "not delivered: function " + unqualified("ghost") + " does not exist");
    BOOST_TEST(w.invocations().at("count") == 1);
}

BOOST_AUTO_TEST_CASE(advancing_runs_everything_due_in_time_order) {
    world w;
    w.create("slow");
    w.create("quick");
    for (auto n : {"slow", "quick"})
        w.configure(n, config(0, 3600, smn(n)));
    w.behave("slow", R"("otherwise":{"duration_ms":3000})");
    w.behave("quick", R"("otherwise":{"duration_ms":1000})");
    w.invoke("slow");
    w.invoke("quick");
    w.advance_ms(5000);
    auto d = w.deliveries().at("deliveries").as_array();
    BOOST_TEST_REQUIRE(d.size() == 2u);
    BOOST_TEST(d[0].at("target").as_string() == "urn:smn:cn-north-4:" + p + ":quick");
    BOOST_TEST(d[0].at("at") == "2021-03-04T00:00:01.000000000Z");
    BOOST_TEST(d[1].at("at") == "2021-03-04T00:00:03.000000000Z");
    BOOST_TEST(d[0].at("seq").as_int64() < d[1].at("seq").as_int64());
}

BOOST_AUTO_TEST_CASE(a_script_of_outcomes_per_attempt_and_deleting_behaviours) {
    world w;
    w.create("f");
    w.configure("f", config(2, 3600, obs("results")));
    w.behave("f", R"("script":[{"outcome":"fail"},{"outcome":"fail"},)"
                  R"({"outcome":"succeed","result":"{\"done\":true}"}])");
    auto id = w.invoke("f");
    w.advance_ms(3600 * 1000);
    auto r = w.record(id);
    BOOST_TEST(r.at("status") == "SUCCESS");
    BOOST_TEST(r.at("attempts") == 3);
    auto d = w.deliveries();
    auto& n = d.at("deliveries").at(0).at("notification");
    BOOST_TEST(n.at("response_payload") == json::parse(R"({"done":true})"));
    BOOST_TEST(n.at("request_context").at("approximate_invoke_count") == 3);
    w.behave("f", fail_always);
    auto r2 = w.c.ctl(http::verb::delete_, "/_emulator/behaviours?project_id=" + p);
    BOOST_TEST(r2.result_int() == 204u);
    auto again = w.invoke("f");
    w.advance_ms(100);
    BOOST_TEST(w.record(again).at("status") == "SUCCESS");
}

BOOST_AUTO_TEST_CASE(behaviour_requests_are_checked) {
    world w;
    auto put = [&](const std::string& body) {
        return w.c.ctl(http::verb::put, "/_emulator/behaviours?project_id=" + p, body);
    };
    check_control_error(put(R"({"script":[]})"),
                        "function_urn is required (any URN form; a qualifier selects a version "
                        "or alias)");
    check_control_error(put(R"({"function_urn":"f","otherwise":{"outcome":"explode"}})"),
                        "otherwise.outcome must be succeed, fail or timeout, got 'explode'");
    check_control_error(put(R"({"function_urn":"f","script":[{"duration_ms":-1}]})"),
                        "script[0].duration_ms must be an integer from 0 to 43200000 (12 h)");
    check_control_error(put(R"({"function_urn":"f","retries":1})"),
                        "unknown field 'retries'; accepted: function_urn, script, otherwise");
    check_control_error(
        w.c.ctl(http::verb::put, "/_emulator/behaviours", R"({"function_urn":"f"})"),
        "project_id is required (?project_id=…)");
    check_control_error(
        w.c.ctl(http::verb::get, "/_emulator/deliveries?project_id=" + p + "&wait_ms=30001"),
        "wait_ms must be an integer from 0 to 30000");
}

BOOST_AUTO_TEST_CASE(reset_kind_invocations_forgets_records_and_deliveries) {
    world w;
    w.create("f");
    w.configure("f", config(0, 3600, obs("results")));
    w.invoke("f");
    w.advance_ms(100);
    BOOST_TEST(w.deliveries().at("count") == 1);
    auto r = w.c.ctl(http::verb::post, "/_emulator/reset?project_id=" + p + "&kind=invocations");
    BOOST_TEST(r.result_int() == 200u);
    BOOST_TEST(body_of(r) ==
               json::parse(R"({"reset":"invocations","project_id":")" + p + R"(","to":"start"})"));
    BOOST_TEST(w.invocations() == json::parse(R"({"count":0,"evicted":0,"invocations":[]})"));
    BOOST_TEST(w.deliveries() == json::parse(R"({"count":0,"evicted":0,"deliveries":[]})"));
    // Functions, configs and the frozen clock stay.
    auto id = w.invoke("f");
    w.advance_ms(100);
    BOOST_TEST(w.record(id).at("start_time") == "2021-03-04T00:00:00.100000000Z");
    BOOST_TEST(w.deliveries().at("count") == 1);
}

BOOST_AUTO_TEST_CASE(records_and_deliveries_are_capped_oldest_first) {
    auto opts = test_options();
    opts.max_invocation_records = 2;
    opts.max_deliveries = 2;
    world w(opts);
    w.create("f");
    w.configure("f", config(0, 3600, obs("results")));
    std::vector<std::string> ids;
    for (int i = 0; i < 3; ++i) {
        ids.push_back(w.invoke("f"));
        w.advance_ms(100);
    }
    auto recs = w.invocations();
    BOOST_TEST(recs.at("count") == 2);
    BOOST_TEST(recs.at("evicted") == 1);
    BOOST_TEST(recs.at("invocations").at(0).at("request_id").as_string() == ids[1]);
    auto d = w.deliveries();
    BOOST_TEST(d.at("count") == 2);
    BOOST_TEST(d.at("evicted") == 1);
    BOOST_TEST(d.at("deliveries").at(0).at("object_key").as_string() == "out/" + ids[1]);
    // Unfinished records are kept over the cap while they run, and go once they finish.
    w.behave("f", R"("otherwise":{"duration_ms":1000})");
    for (int i = 0; i < 3; ++i)
        ids.push_back(w.invoke("f"));
    BOOST_TEST(w.invocations().at("count") == 3);
    w.advance_ms(1000);
    recs = w.invocations();
    BOOST_TEST(recs.at("count") == 2);
    BOOST_TEST(recs.at("evicted") == 4);
    BOOST_TEST(recs.at("invocations").at(1).at("request_id").as_string() == ids[5]);
    d = w.deliveries();
    BOOST_TEST(d.at("count") == 2);
    BOOST_TEST(d.at("evicted") == 4);
    auto list = public_get(w.c, functions_path(p) + "/" + urn("f", p) + "/async-invocations");
    BOOST_TEST(body_of(list).at("count") == 2);
}

BOOST_AUTO_TEST_CASE(with_the_real_clock_work_runs_on_the_servers_timers) {
    std::string error;
    auto app = emu::application::create(test_options(), error); // wall clock, nothing frozen
    BOOST_TEST_REQUIRE(app != nullptr, error);
    struct stopper {
        emu::application& a;
        ~stopper() {
            a.stop();
            a.wait();
        }
    } stop{*app};
    emu::test::test_client c(app->start(), "127.0.0.1", std::chrono::milliseconds(15000));
    BOOST_TEST_REQUIRE(c.request(http::verb::post, functions_path(p), create_body("f"), api_headers)
                           .result_int() == 200u);
    BOOST_TEST_REQUIRE(c.request(http::verb::put, config_path("f", p),
                                 config(0, 3600, obs("results")), api_headers)
                           .result_int() == 200u);
    BOOST_TEST_REQUIRE(c.request(http::verb::put, "/_emulator/behaviours?project_id=" + p,
                                 R"({"function_urn":"f","otherwise":{"duration_ms":50}})")
                           .result_int() == 200u);
    auto accepted =
        c.request(http::verb::post, functions_path(p) + "/" + urn("f", p) + "/invocations-async",
                  "{}", api_headers);
    BOOST_TEST_REQUIRE(accepted.result_int() == 202u);
    auto id = str(body_of(accepted), "request_id");
    // A bounded wait on the server (not a sleep in the test): answers as soon as it holds.
    auto d = body_of(c.request(http::verb::get, "/_emulator/deliveries?project_id=" + p +
                                                    "&min_count=1&wait_ms=5000"));
    BOOST_TEST_REQUIRE(d.at("count") == 1);
    BOOST_TEST(d.at("deliveries").at(0).at("object_key").as_string() == "out/" + id);
    BOOST_TEST(d.at("deliveries").at(0).at("outcome") == "delivered");
    auto r = body_of(c.request(http::verb::get, "/_emulator/invocations?project_id=" + p +
                                                    "&status=SUCCESS&min_count=1&wait_ms=5000"));
    BOOST_TEST(r.at("count") == 1);
    // A wait that cannot be met answers with what there is once wait_ms has passed.
    auto more = body_of(c.request(http::verb::get, "/_emulator/deliveries?project_id=" + p +
                                                       "&min_count=2&wait_ms=100"));
    BOOST_TEST(more.at("count") == 1);
}

BOOST_AUTO_TEST_SUITE_END()
