// API tests of the behaviour switches (domain/behaviour; spec §13-14, D01-D26): for each
// switch wired into the API, the documented answer and the alternative, through
// router::handle. Switches are set per request with X-Emulator-Switches, or as a preset
// given to the harness.
#include "api_checks.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace bdata = boost::unit_test::data;
using namespace emu;
using namespace emu::test;

namespace {

const std::string p = project;
const std::string demo_urn = api_harness::urn("demo");
using header = std::pair<std::string, std::string>;

header switches(const std::string& assignments) {
    return {"X-Emulator-Switches", assignments};
}

answer put(const api_harness& h, const std::string& body, std::initializer_list<header> hs = {}) {
    return h.call(http::verb::put, api_harness::config(demo_urn), body, hs);
}

answer get(const api_harness& h, std::initializer_list<header> hs = {}) {
    return h.call(http::verb::get, api_harness::config(demo_urn), "", hs);
}

answer list(const api_harness& h, const std::string& query = "",
            std::initializer_list<header> hs = {}) {
    return h.call(http::verb::get,
                  api_harness::functions() + "/" + demo_urn + "/async-invoke-configs" +
                      (query.empty() ? "" : "?" + query),
                  "", hs);
}

/// A harness (with the given switches) holding function `demo`.
struct with_demo {
    api_harness h;
    explicit with_demo(domain::switches b = {}) : h(b) {
        BOOST_TEST_REQUIRE(h.create("demo").status() == 200u);
    }
};

/// The seed's example response of PUT and GET (D03).
const char* seed_example = R"({
  "func_urn" : "urn:fss:xxxxxxxxx:7aad83af3e8d42e99ac194xxxxxxxxxx:function:default:test:latest",
  "max_async_event_age_in_seconds" : 60,
  "max_async_retry_attempts" : 1,
  "destination_config" : {
    "on_success" : {
      "destination" : "FunctionGraph",
      "param" : "{\"func_urn\":\"urn:fss:{region}:5691ba790e2b46ceb38316xxxxxxxxxx:function:default:testPython:latest\"}"
    },
    "on_failure" : {
      "destination" : "FunctionGraph",
      "param" : "{\"func_urn\":\"urn:fss:{region}:5691ba790e2b46ceb38316xxxxxxxxxx:function:default:testPython:latest\"}"
    }
  },
  "created_time" : "2021-03-04T14:50:02+08:00",
  "last_modified" : "2021-03-04 14:50:02"
})";

struct time_case {
    std::string assignments;
    std::string created;
    std::string modified;
};
std::ostream& operator<<(std::ostream& os, const time_case& c) {
    return os << "'" << c.assignments << "'";
}

std::vector<time_case> time_cases() {
    return {
        {"", "2021-03-04T14:50:02+08:00", "2021-03-04 14:50:02"},
        {"time_style=doc-mixed,utc_offset_minutes=480", "2021-03-04T14:50:02+08:00",
         "2021-03-04 14:50:02"},
        {"time_style=rfc3339", "2021-03-04T14:50:02+08:00", "2021-03-04T14:50:02+08:00"},
        {"time_style=utc-z", "2021-03-04T06:50:02Z", "2021-03-04T06:50:02Z"},
        {"time_style=utc-z,utc_offset_minutes=330", "2021-03-04T06:50:02Z", "2021-03-04T06:50:02Z"},
        {"utc_offset_minutes=0", "2021-03-04T06:50:02+00:00", "2021-03-04 06:50:02"},
        {"utc_offset_minutes=-300", "2021-03-04T01:50:02-05:00", "2021-03-04 01:50:02"},
        {"utc_offset_minutes=330", "2021-03-04T12:20:02+05:30", "2021-03-04 12:20:02"},
        {"utc_offset_minutes=-420", "2021-03-03T23:50:02-07:00", "2021-03-03 23:50:02"},
        {"utc_offset_minutes=-30", "2021-03-04T06:20:02-00:30", "2021-03-04 06:20:02"},
        {"utc_offset_minutes=840", "2021-03-04T20:50:02+14:00", "2021-03-04 20:50:02"},
        {"utc_offset_minutes=-720", "2021-03-03T18:50:02-12:00", "2021-03-03 18:50:02"},
        {"time_style=rfc3339,utc_offset_minutes=-300", "2021-03-04T01:50:02-05:00",
         "2021-03-04T01:50:02-05:00"},
        {"time_style=rfc3339,utc_offset_minutes=0", "2021-03-04T06:50:02+00:00",
         "2021-03-04T06:50:02+00:00"},
    };
}

} // namespace

BOOST_AUTO_TEST_SUITE(discrepancy_switches_test)

// ---- D01 --------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(d01_event_age_min) {
    with_demo s;
    // documented (request table): 1-86400
    BOOST_TEST(put(s.h, R"({"max_async_event_age_in_seconds":1})").status() == 200u);
    BOOST_TEST(put(s.h, R"({"max_async_event_age_in_seconds":59})").status() == 200u);
    // event_age_min=60 (response tables): 60-86400
    auto before = snapshot(s.h, demo_urn);
    for (int v : {59, 1}) {
        check_error(put(s.h, "{\"max_async_event_age_in_seconds\":" + std::to_string(v) + "}",
                        {switches("event_age_min=60")}),
                    400, "FSS.0400",
                    "Invalid parameter: max_async_event_age_in_seconds must be an integer from 60 "
                    "to 86400 seconds, got " +
                        std::to_string(v));
        check_unchanged(s.h, demo_urn, before);
    }
    auto ok = put(s.h, R"({"max_async_event_age_in_seconds":60})", {switches("event_age_min=60")});
    BOOST_TEST(ok.status() == 200u);
    BOOST_TEST(ok.body.at("max_async_event_age_in_seconds").as_int64() == 60);
    BOOST_TEST(ok.res["X-Emulator-Switches"] == "event_age_min=60");
}

BOOST_AUTO_TEST_CASE(d01_event_age_output_floor) {
    with_demo s;
    const header floor = switches("event_age_output_floor=60");
    auto a = put(s.h, R"({"max_async_event_age_in_seconds":10})", {floor});
    BOOST_TEST(a.status() == 200u);
    BOOST_TEST(a.body.at("max_async_event_age_in_seconds").as_int64() == 60);
    BOOST_TEST(get(s.h, {floor}).body.at("max_async_event_age_in_seconds").as_int64() == 60);
    BOOST_TEST(list(s.h, "", {floor})
                   .body.at("async_invoke_configs")
                   .at(0)
                   .at("max_async_event_age_in_seconds")
                   .as_int64() == 60);
    // stored as given: without the floor the 10 shows
    BOOST_TEST(get(s.h).body.at("max_async_event_age_in_seconds").as_int64() == 10);
    // values above the floor are reported as they are
    auto b = put(s.h, R"({"max_async_event_age_in_seconds":61})", {floor});
    BOOST_TEST(b.body.at("max_async_event_age_in_seconds").as_int64() == 61);
}

// ---- D02 --------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(d02_retry_max) {
    with_demo s;
    BOOST_TEST_REQUIRE(put(s.h, R"({"max_async_retry_attempts":2})").status() == 200u);
    auto before = snapshot(s.h, demo_urn);
    check_error(
        put(s.h, R"({"max_async_retry_attempts":4})"), 400, "FSS.0400",
        "Invalid parameter: max_async_retry_attempts must be an integer from 0 to 3, got 4");
    check_error(
        put(s.h, R"({"max_async_retry_attempts":9})", {switches("retry_max=8")}), 400, "FSS.0400",
        "Invalid parameter: max_async_retry_attempts must be an integer from 0 to 8, got 9");
    check_unchanged(s.h, demo_urn, before);
    for (int v : {4, 8}) {
        auto a = put(s.h, "{\"max_async_retry_attempts\":" + std::to_string(v) + "}",
                     {switches("retry_max=8")});
        BOOST_TEST(a.status() == 200u);
        BOOST_TEST(a.body.at("max_async_retry_attempts").as_int64() == v);
    }
    // the stored 8 is reported whatever the switch says now
    BOOST_TEST(get(s.h).body.at("max_async_retry_attempts").as_int64() == 8);
}

BOOST_AUTO_TEST_CASE(d02_retry_default) {
    with_demo s;
    BOOST_TEST(put(s.h, "{}").body.at("max_async_retry_attempts").as_int64() == 1);
    auto a = put(s.h, "{}", {switches("retry_default=3")});
    BOOST_TEST(a.status() == 200u);
    BOOST_TEST(a.body.at("max_async_retry_attempts").as_int64() == 3);
    BOOST_TEST(get(s.h).body.at("max_async_retry_attempts").as_int64() == 3);
    // a given value is kept
    BOOST_TEST(put(s.h, R"({"max_async_retry_attempts":0})", {switches("retry_default=3")})
                   .body.at("max_async_retry_attempts")
                   .as_int64() == 0);
    // and defaults answered for an unset config follow it too
    BOOST_TEST(s.h.call(http::verb::delete_, api_harness::config(demo_urn)).status() == 204u);
    BOOST_TEST(get(s.h, {switches("missing_config=defaults,retry_default=3")})
                   .body.at("max_async_retry_attempts")
                   .as_int64() == 3);
}

// ---- D03 --------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(d03_response_body_example_replays_the_seed_example) {
    with_demo s;
    const header example = switches("response_body=example");
    const json::value expected = json::parse(seed_example);
    auto a = put(s.h,
                 R"({"max_async_event_age_in_seconds":10,"max_async_retry_attempts":3,)"
                 R"("enable_async_status_log":true})",
                 {example});
    BOOST_TEST(a.status() == 200u);
    BOOST_TEST(a.res[http::field::content_type] == "application/json");
    BOOST_TEST(a.body == expected);
    BOOST_TEST(get(s.h, {example}).body == expected);
    auto l = list(s.h, "", {example});
    BOOST_TEST(l.body.at("count").as_int64() == 2);
    BOOST_TEST(l.body.at("async_invoke_configs").as_array().size() == 1u);
    BOOST_TEST(l.body.at("page_info") ==
               json::value({{"next_marker", 2}, {"previous_marker", 0}, {"current_count", 2}}));
    // documented (state): the request as stored
    auto state = get(s.h);
    BOOST_TEST(state.body.at("max_async_event_age_in_seconds").as_int64() == 10);
    BOOST_TEST(state.body.at("max_async_retry_attempts").as_int64() == 3);
    // errors are still real errors, and a rejected PUT stores nothing
    auto before = snapshot(s.h, demo_urn);
    check_error(
        put(s.h, R"({"max_async_retry_attempts":4})", {example}), 400, "FSS.0400",
        "Invalid parameter: max_async_retry_attempts must be an integer from 0 to 3, got 4");
    check_unchanged(s.h, demo_urn, before);
    check_error_has(s.h.call(http::verb::get, api_harness::config("nope"), "", {example}), 404,
                    "FSS.1051", {"nope"});
    BOOST_TEST(
        s.h.call(http::verb::delete_, api_harness::config(demo_urn), "", {example}).status() ==
        204u);
    check_error_has(get(s.h, {example}), 404, "FSS.0404", {"has no async invoke config"});
}

// ---- D04 --------------------------------------------------------------------------------

BOOST_DATA_TEST_CASE(d04_emit_enable_async_status_log,
                     bdata::make(std::vector<std::string>{"always", "never", "when_set"}), mode) {
    with_demo s;
    const header sw = switches("emit_enable_async_status_log=" + mode);
    struct row {
        std::string body;
        std::optional<bool> sent;
    };
    for (const row& r : std::vector<row>{{R"({"enable_async_status_log":true})", true},
                                         {R"({"enable_async_status_log":false})", false},
                                         {"{}", std::nullopt}}) {
        BOOST_TEST_CONTEXT("body " << r.body) {
            std::optional<bool> expected; // nullopt: field absent
            if (mode == "always")
                expected = r.sent.value_or(false);
            else if (mode == "when_set")
                expected = r.sent;
            auto a = put(s.h, r.body, {sw});
            BOOST_TEST(a.status() == 200u);
            auto g = get(s.h, {sw});
            auto l = list(s.h, "", {sw}).body.at("async_invoke_configs").at(0);
            for (const json::value* v : {&a.body, &g.body, &l}) {
                auto* field = v->as_object().if_contains("enable_async_status_log");
                BOOST_TEST((field != nullptr) == expected.has_value(), *v);
                if (field && expected)
                    BOOST_TEST(field->as_bool() == *expected);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(d04_emit_empty_destination_config) {
    with_demo s;
    const header sw = switches("emit_empty_destination_config=true");
    BOOST_TEST(!put(s.h, "{}").body.as_object().contains("destination_config"));
    BOOST_TEST(put(s.h, "{}", {sw}).body.at("destination_config") == json::object{});
    BOOST_TEST(get(s.h, {sw}).body.at("destination_config") == json::object{});
    BOOST_TEST(list(s.h, "", {sw}).body.at("async_invoke_configs").at(0).at("destination_config") ==
               json::object{});
    BOOST_TEST(!get(s.h).body.as_object().contains("destination_config"));
    // a configured destination is emitted either way
    auto a = put(
        s.h,
        R"({"destination_config":{"on_success":{"destination":"OBS","param":"{\"bucket\":\"abc\"}"}}})",
        {sw});
    const json::value expected = {
        {"on_success", {{"destination", "OBS"}, {"param", R"({"bucket":"abc"})"}}}};
    BOOST_TEST(a.body.at("destination_config") == expected);
    BOOST_TEST(get(s.h).body.at("destination_config") == expected);
}

// ---- D05 --------------------------------------------------------------------------------

BOOST_DATA_TEST_CASE(d05_time_style_and_offset, bdata::make(time_cases()), c) {
    with_demo s;
    // (an empty assignment list sends no header at all)
    auto a = put(s.h, "{}", {switches(c.assignments)});
    BOOST_TEST(a.status() == 200u, a.res.body());
    BOOST_TEST(a.body.at("created_time") == json::value(c.created));
    BOOST_TEST(a.body.at("last_modified") == json::value(c.modified));
    // The instant is stored, not the text: the documented format comes back without the switch.
    auto g = get(s.h);
    BOOST_TEST(g.body.at("created_time") == "2021-03-04T14:50:02+08:00");
    BOOST_TEST(g.body.at("last_modified") == "2021-03-04 14:50:02");
    // A function's last_modified has the last_modified shape.
    auto f = s.h.call(http::verb::get, api_harness::functions() + "/demo/config", "",
                      {switches(c.assignments)});
    BOOST_TEST(f.body.at("last_modified") == json::value(c.modified));
}

BOOST_AUTO_TEST_CASE(d05_bad_offsets_are_rejected) {
    with_demo s;
    for (std::string v : {"841", "-721", "abc", "1.5", ""}) {
        BOOST_TEST_CONTEXT("utc_offset_minutes=" << v) {
            check_error_has(
                get(s.h, {switches("utc_offset_minutes=" + v)}), 400, "FSS.0400",
                {"X-Emulator-Switches: switch utc_offset_minutes does not accept '" + v + "'"});
        }
    }
    check_error_has(
        get(s.h, {switches("time_style=iso")}), 400, "FSS.0400",
        {"switch time_style does not accept 'iso'; accepted: doc-mixed, rfc3339, utc-z"});
}

// ---- D06 --------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(d06_allow_dis_destination) {
    with_demo s;
    const std::string dis = R"({"destination_config":{"on_failure":{"destination":"DIS",)"
                            R"("param":"{\"stream_name\":\"stream-1\"}"}}})";
    auto before = snapshot(s.h, demo_urn);
    check_error(put(s.h, dis), 400, "FSS.0400",
                "Invalid parameter: destination_config.on_failure.destination must be one of OBS, "
                "SMN, FunctionGraph, got 'DIS' (DIS is accepted with allow_dis_destination=true)");
    check_unchanged(s.h, demo_urn, before);
    const header sw = switches("allow_dis_destination=true");
    auto a = put(s.h, dis, {sw});
    BOOST_TEST(a.status() == 200u, a.res.body());
    BOOST_TEST(a.body.at("destination_config").at("on_failure").at("destination") == "DIS");
    // DIS has its own param rule: stream_name, 1-64 characters
    before = snapshot(s.h, demo_urn);
    const std::string p_path = "destination_config.on_failure.param.stream_name";
    for (auto [param, msg] : std::vector<std::pair<std::string, std::string>>{
             {"{}", p_path + " is required inside param"},
             {R"({"stream_name":""})", p_path + " must be 1-64 characters"},
             {R"({"stream_name":")" + std::string(65, 's') + R"("})",
              p_path + " must be 1-64 characters"},
             {R"({"stream_name":5})", p_path + " must be a string"}}) {
        BOOST_TEST_CONTEXT("param " << param) {
            json::object body{
                {"destination_config",
                 json::object{{"on_failure", {{"destination", "DIS"}, {"param", param}}}}}};
            check_error(put(s.h, json::serialize(body), {sw}), 400, "FSS.0400",
                        "Invalid parameter: " + msg);
        }
    }
    check_unchanged(s.h, demo_urn, before);
    // the stored DIS destination is still reported without the switch
    BOOST_TEST(get(s.h).body.at("destination_config").at("on_failure").at("destination") == "DIS");
}

// ---- D07 --------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(d07_log_fields_accepted_never_echoed) {
    with_demo s;
    const std::string body = R"({"max_async_retry_attempts":2,"log_group_id":"g-1",)"
                             R"("log_stream_id":"s-1","log_group_name":"group",)"
                             R"("log_stream_name":"stream"})";
    for (std::string sw : {"unknown_fields=ignore", "unknown_fields=reject"}) {
        BOOST_TEST_CONTEXT(sw) {
            auto a = put(s.h, body, {switches(sw)});
            BOOST_TEST(a.status() == 200u, a.res.body());
            auto g = get(s.h);
            for (const json::value* v : {&a.body, &g.body}) {
                json::object o = v->as_object();
                for (auto key :
                     {"log_group_id", "log_stream_id", "log_group_name", "log_stream_name"})
                    BOOST_TEST(!o.contains(key), key << " echoed in " << o);
                BOOST_TEST(o.size() == 6u, o); // func_urn, age, retries, 2 times, status log
            }
            auto l = list(s.h).body.at("async_invoke_configs").at(0).as_object();
            BOOST_TEST(!l.contains("log_group_id"));
        }
    }
}

// ---- D08, D09, D10 ------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(d08_require_content_type) {
    with_demo s;
    BOOST_TEST_REQUIRE(put(s.h, "{}").status() == 200u);
    const header no_ct{"Content-Type", ""};
    check_error(get(s.h, {no_ct}), 400, "FSS.0400",
                "Invalid parameter: header Content-Type must be application/json on GET requests, "
                "got none (switch require_content_type=all)");
    BOOST_TEST(get(s.h, {no_ct, switches("require_content_type=body")}).status() == 200u);
    BOOST_TEST(get(s.h, {no_ct, switches("require_content_type=off")}).status() == 200u);
    auto before = snapshot(s.h, demo_urn);
    check_error_has(put(s.h, R"({"max_async_retry_attempts":0})",
                        {no_ct, switches("require_content_type=body")}),
                    400, "FSS.0400",
                    {"on PUT requests, got none (switch require_content_type=body)"});
    check_unchanged(s.h, demo_urn, before);
    BOOST_TEST(put(s.h, "{}", {no_ct, switches("require_content_type=off")}).status() == 200u);
}

BOOST_AUTO_TEST_CASE(d09_strict_urn_length) {
    with_demo s;
    BOOST_TEST_REQUIRE(put(s.h, R"({"max_async_retry_attempts":2})").status() == 200u);
    // The region is not compared, so a long region still names `demo`.
    auto urn_of_length = [](std::size_t n) {
        std::string base = "urn:fss::" + p + ":function:default:demo:latest";
        return "urn:fss:" + std::string(n - base.size(), 'r') + ":" + p +
               ":function:default:demo:latest";
    };
    const std::string ok = urn_of_length(269), too_long = urn_of_length(270);
    BOOST_TEST_REQUIRE(ok.size() == 269u);
    const header strict = switches("strict_urn_length=true");
    BOOST_TEST(s.h.call(http::verb::get, api_harness::config(too_long)).status() == 200u);
    BOOST_TEST(s.h.call(http::verb::get, api_harness::config(ok), "", {strict}).status() == 200u);
    for (auto verb : {http::verb::get, http::verb::put, http::verb::delete_}) {
        BOOST_TEST_CONTEXT(http::to_string(verb)) {
            check_error(s.h.call(verb, api_harness::config(too_long), "{}", {strict}), 400,
                        "FSS.1309",
                        "Invalid function URN: 270 characters, at most 269 allowed (switch "
                        "strict_urn_length)");
        }
    }
    BOOST_TEST(get(s.h).body.at("max_async_retry_attempts").as_int64() == 2);
}

BOOST_AUTO_TEST_CASE(d10_list_end_marker) {
    with_demo s;
    BOOST_TEST_REQUIRE(put(s.h, "{}").status() == 200u);
    BOOST_TEST(list(s.h).body.at("page_info") ==
               json::value({{"next_marker", 1}, {"previous_marker", 0}, {"current_count", 1}}));
    BOOST_TEST(list(s.h, "", {switches("list_end_marker=zero")}).body.at("page_info") ==
               json::value({{"next_marker", 0}, {"previous_marker", 0}, {"current_count", 1}}));
    // past the end as well
    BOOST_TEST(list(s.h, "marker=3").body.at("page_info").at("next_marker").as_int64() == 3);
    BOOST_TEST(list(s.h, "marker=3", {switches("list_end_marker=zero")})
                   .body.at("page_info")
                   .at("next_marker")
                   .as_int64() == 0);
}

// ---- D13, D14, D15 ------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(d13_not_found_style) {
    with_demo s;
    const std::string nope = api_harness::urn("nope");
    const std::string detail =
        "function urn:fss:cn-north-4:" + p + ":function:default:nope does not exist";
    const std::vector<std::string> targets = {
        api_harness::config(nope), api_harness::functions() + "/" + nope + "/config",
        api_harness::functions() + "/" + nope + "/async-invoke-configs"};
    for (auto& target : targets) {
        BOOST_TEST_CONTEXT(target) {
            check_error(s.h.call(http::verb::get, target), 404, "FSS.1051",
                        "Not found the function: " + detail);
            check_error(
                s.h.call(http::verb::get, target, "", {switches("not_found_style=per-page")}), 404,
                "FSS.1051", "Not found the function: " + detail);
            check_error(
                s.h.call(http::verb::get, target, "", {switches("not_found_style=uniform-1051")}),
                404, "FSS.1051", "Not found the function: " + detail);
            check_error(
                s.h.call(http::verb::get, target, "", {switches("not_found_style=uniform-0404")}),
                404, "FSS.0404", "can not find function: " + detail);
        }
    }
    check_error(s.h.call(http::verb::delete_, api_harness::functions() + "/" + nope, "",
                         {switches("not_found_style=uniform-0404")}),
                404, "FSS.0404", "can not find function: " + detail);
    // only "function not found" changes: a missing version keeps FSS.1052
    check_error_has(s.h.call(http::verb::get,
                             api_harness::config(api_harness::urn("demo", p, "v1")), "",
                             {switches("not_found_style=uniform-0404")}),
                    404, "FSS.1052", {"version 'v1'"});
}

BOOST_AUTO_TEST_CASE(d14_auth_error_dialect) {
    with_demo s;
    const header no_token{"X-Auth-Token", ""};
    auto gw = get(s.h, {no_token});
    check_error(gw, 401, "APIGW.0301",
                "Incorrect IAM authentication information: x-auth-token not found");
    BOOST_TEST(gw.body.at("request_id") == json::value(std::string(gw.res["X-Request-Id"])));
    auto a = get(s.h, {no_token, switches("auth_error_dialect=fss-401")});
    check_error(a, 401, "FSS.0401", "invalid token: x-auth-token not found");
    BOOST_TEST(!a.body.as_object().contains("request_id"));
    auto b = get(s.h, {no_token, switches("auth_error_dialect=fss-403")});
    check_error(b, 403, "FSS.0403", "invalid token: x-auth-token not found");
    BOOST_TEST(!b.body.as_object().contains("request_id"));
    BOOST_TEST(b.res["X-Emulator-Switches"] == "auth_error_dialect=fss-403");
}

BOOST_AUTO_TEST_CASE(d15_gateway_prefix) {
    with_demo s;
    const std::string unknown = "/v2/" + p + "/fgs/unknown";
    BOOST_TEST(s.h.call(http::verb::get, unknown).code() == "APIGW.0101");
    BOOST_TEST(s.h.call(http::verb::get, unknown, "", {switches("gateway_prefix=APIG")}).code() ==
               "APIG.0101");
    auto auth = get(s.h, {{"X-Auth-Token", ""}, switches("gateway_prefix=APIG")});
    check_error(auth, 401, "APIG.0301",
                "Incorrect IAM authentication information: x-auth-token not found");
    // FSS codes never change
    check_error_has(s.h.call(http::verb::get, api_harness::config("nope"), "",
                             {switches("gateway_prefix=APIG")}),
                    404, "FSS.1051", {"nope"});
}

// ---- D26 ----------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(d26_method_not_allowed) {
    with_demo s;
    const std::string target = api_harness::config(demo_urn);
    auto a = s.h.call(http::verb::post, target, "{}");
    check_error(a, 404, "APIGW.0101",
                "The API does not exist or has not been published in the environment: POST is not "
                "supported here; allowed: PUT, GET, DELETE");
    BOOST_TEST((a.res.find(http::field::allow) == a.res.end()));
    auto b = s.h.call(http::verb::post, target, "{}", {switches("method_not_allowed=405-fss")});
    check_error(b, 405, "FSS.0405",
                "Method not allowed: POST is not supported here; allowed: PUT, GET, DELETE");
    BOOST_TEST(b.res[http::field::allow] == "PUT, GET, DELETE");
}

BOOST_AUTO_TEST_CASE(d26_bad_json) {
    with_demo s;
    BOOST_TEST_REQUIRE(put(s.h, R"({"max_async_retry_attempts":2})").status() == 200u);
    auto before = snapshot(s.h, demo_urn);
    check_error_has(put(s.h, "{nope"), 406, "FSS.0406",
                    {"Not acceptable: the request body is not valid JSON"});
    check_error_has(put(s.h, "{nope", {switches("bad_json=406")}), 406, "FSS.0406",
                    {"Not acceptable: the request body is not valid JSON"});
    check_error_has(put(s.h, "{nope", {switches("bad_json=400")}), 400, "FSS.0400",
                    {"Invalid parameter: the request body is not valid JSON"});
    // the same rule for POST functions
    check_error_has(s.h.call(http::verb::post, api_harness::functions(), "{nope"), 406, "FSS.0406",
                    {"Not acceptable: the request body is not valid JSON"});
    check_error_has(
        s.h.call(http::verb::post, api_harness::functions(), "{nope", {switches("bad_json=400")}),
        400, "FSS.0400", {"Invalid parameter: the request body is not valid JSON"});
    // JSON that is not an object is a 400 either way
    check_error(put(s.h, "[]"), 400, "FSS.0400",
                "Invalid parameter: request body must be a JSON object, got an array");
    check_unchanged(s.h, demo_urn, before);
}

// ---- presets ------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(observed_preset) {
    auto observed = domain::preset("observed");
    BOOST_TEST_REQUIRE(observed.has_value());
    with_demo s(*observed);
    const header no_ct{"Content-Type", ""};
    // empty destination_config is emitted
    auto a = put(s.h, "{}");
    BOOST_TEST(a.status() == 200u);
    BOOST_TEST(a.body.at("destination_config") == json::object{});
    BOOST_TEST(a.res["X-Emulator-Switches"] ==
               "emit_empty_destination_config=true,allow_dis_destination=true,"
               "require_content_type=body,list_end_marker=zero,bad_json=400,"
               "version_name_style=v-prefixed,delete_aliased_version=cascade,"
               "alias_rule_types=sdk,async_next_marker_string=true");
    // DIS accepted
    auto dis = put(s.h, R"({"destination_config":{"on_success":{"destination":"DIS",)"
                        R"("param":"{\"stream_name\":\"s\"}"}}})");
    BOOST_TEST(dis.status() == 200u, dis.res.body());
    // GET and DELETE without Content-Type; PUT still needs it
    BOOST_TEST(get(s.h, {no_ct}).status() == 200u);
    auto before = snapshot(s.h, demo_urn);
    check_error_has(put(s.h, "{}", {no_ct}), 400, "FSS.0400",
                    {"got none (switch require_content_type=body)"});
    // bad JSON is a 400
    check_error_has(put(s.h, "{"), 400, "FSS.0400",
                    {"Invalid parameter: the request body is not valid JSON"});
    // the rest is documented: request ranges, gateway auth errors
    check_error_has(put(s.h, R"({"max_async_retry_attempts":4})"), 400, "FSS.0400",
                    {"from 0 to 3, got 4"});
    check_unchanged(s.h, demo_urn, before);
    // list ends with next_marker 0
    BOOST_TEST(list(s.h).body.at("page_info") ==
               json::value({{"next_marker", 0}, {"previous_marker", 0}, {"current_count", 1}}));
    check_error(get(s.h, {{"X-Auth-Token", ""}}), 401, "APIGW.0301",
                "Incorrect IAM authentication information: x-auth-token not found");
    // a header switch back to documented values clears the response header
    auto back = get(s.h, {switches("emit_empty_destination_config=false,allow_dis_destination="
                                   "false,require_content_type=all,list_end_marker=offset,"
                                   "bad_json=406,version_name_style=plain,"
                                   "delete_aliased_version=refuse,alias_rule_types=documented,"
                                   "async_next_marker_string=false")});
    BOOST_TEST((back.res.find("X-Emulator-Switches") == back.res.end()));
}

BOOST_AUTO_TEST_CASE(documented_and_example_presets) {
    auto documented = domain::preset("documented");
    BOOST_TEST_REQUIRE(documented.has_value());
    BOOST_TEST((*documented == domain::switches{}));
    with_demo d(*documented);
    auto a = put(d.h, "{}");
    BOOST_TEST((a.res.find("X-Emulator-Switches") == a.res.end()));
    BOOST_TEST(!a.body.as_object().contains("destination_config"));

    auto example = domain::preset("example");
    BOOST_TEST_REQUIRE(example.has_value());
    with_demo e(*example);
    auto b = put(e.h, "{}");
    BOOST_TEST(b.body == json::parse(seed_example));
    BOOST_TEST(b.res["X-Emulator-Switches"] ==
               "response_body=example,emit_enable_async_status_log=never,"
               "alias_not_found_status=401,publish_answer_version=latest,"
               "notification_timestamp_quirk=true");
    // the state behind it: enable_async_status_log never emitted
    auto state = get(e.h, {switches("response_body=state")});
    BOOST_TEST(!state.body.as_object().contains("enable_async_status_log"));
    BOOST_TEST(!domain::preset("nope").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
