// API tests of api/async_invoke_config_handlers: the four documented operations (seed
// "Configuring Asynchronous Execution Notification"; spec §1-4, §11) through router::handle.
#include "api_checks.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <ostream>
#include <string>
#include <vector>

namespace bdata = boost::unit_test::data;
using namespace emu;
using namespace emu::test;

namespace {

const std::string demo_urn = api_harness::urn("demo");
const std::string demo_unqualified =
    std::string("urn:fss:cn-north-4:") + project + ":function:default:demo";

answer put(const api_harness& h, const std::string& body,
           std::initializer_list<std::pair<std::string, std::string>> headers = {}) {
    return h.call(http::verb::put, api_harness::config(demo_urn), body, headers);
}

answer get(const api_harness& h,
           std::initializer_list<std::pair<std::string, std::string>> headers = {}) {
    return h.call(http::verb::get, api_harness::config(demo_urn), "", headers);
}

std::string list_target(const std::string& query = "", const std::string& urn = demo_urn) {
    return api_harness::functions() + "/" + urn + "/async-invoke-configs" +
           (query.empty() ? "" : "?" + query);
}

/// PUT ({}), GET, DELETE of the URN's config, or LIST of its configs.
answer by_verb(const api_harness& h, const std::string& verb, const std::string& urn) {
    if (verb == "PUT")
        return h.call(http::verb::put, api_harness::config(urn), "{}");
    if (verb == "GET")
        return h.call(http::verb::get, api_harness::config(urn));
    if (verb == "LIST")
        return h.call(http::verb::get, list_target("", urn));
    return h.call(http::verb::delete_, api_harness::config(urn));
}

/// A harness with function `demo` and a config of 100 s / 2 retries / OBS on failure.
struct configured {
    api_harness h;
    configured() {
        BOOST_TEST_REQUIRE(h.create("demo").status() == 200u);
        auto a = put(h, baseline_body());
        BOOST_TEST_REQUIRE(a.status() == 200u, a.res.body());
    }
    static std::string baseline_body() {
        return R"({"max_async_event_age_in_seconds":100,"max_async_retry_attempts":2,)"
               R"("destination_config":{"on_failure":{"destination":"OBS",)"
               R"("param":"{\"bucket\":\"my-bucket\"}"}}})";
    }
};

/// {"destination_config":{"<side>":{"destination":d,"param":param}}}
std::string destination_body(const std::string& side, const std::string& destination,
                             const std::string& param) {
    json::object target{{"destination", destination}, {"param", param}};
    json::object body{{"destination_config", json::object{{side, target}}}};
    return json::serialize(body);
}

/// {"a":{"b":VALUE}} for the dotted path "a.b".
std::string nested_body(const std::string& path, const std::string& value_json) {
    std::string open, close;
    std::string_view rest = path;
    while (true) {
        auto dot = rest.find('.');
        open += "{\"" + std::string(rest.substr(0, dot)) + "\":";
        close += "}";
        if (dot == std::string_view::npos)
            break;
        rest.remove_prefix(dot + 1);
    }
    return open + value_json + close;
}

// ---- tables -------------------------------------------------------------------------

/// An input and what it must produce (a message, a type name).
struct text_case {
    std::string input;
    std::string expected;
};
std::ostream& operator<<(std::ostream& os, const text_case& c) {
    return os << "'" << c.input << "'";
}

struct range_case {
    std::string field;
    std::int64_t value;
    bool accepted;
    std::string rule; ///< expected error_msg suffix when rejected
};
std::ostream& operator<<(std::ostream& os, const range_case& c) {
    return os << c.field << "=" << c.value;
}

std::vector<range_case> range_cases() {
    const std::string age = "max_async_event_age_in_seconds";
    const std::string retry = "max_async_retry_attempts";
    return {
        {age, 0, false, "must be an integer from 1 to 86400 seconds, got 0"},
        {age, 1, true, ""},
        {age, 86400, true, ""},
        {age, 86401, false, "must be an integer from 1 to 86400 seconds, got 86401"},
        {age, -9223372036854775807 - 1, false,
         "must be an integer from 1 to 86400 seconds, got -9223372036854775808"},
        {retry, -1, false, "must be an integer from 0 to 3, got -1"},
        {retry, 0, true, ""},
        {retry, 3, true, ""},
        {retry, 4, false, "must be an integer from 0 to 3, got 4"},
        {retry, 9223372036854775807, false,
         "must be an integer from 0 to 3, got 9223372036854775807"},
    };
}

struct type_case {
    std::string path;     ///< dotted JSON path of the field
    std::string value;    ///< JSON text put there
    std::string expected; ///< "an integer", "a boolean", ...
    std::string got;      ///< how the codec names the sent type
};
std::ostream& operator<<(std::ostream& os, const type_case& c) {
    return os << c.path << "=" << c.value;
}

std::vector<type_case> type_cases() {
    struct sample {
        std::string json, kind;
    };
    const std::vector<sample> all = {
        {"null", "null"},
        {"3.0", "a number with a fraction or exponent"},
        {"1.5", "a number with a fraction or exponent"},
        {"1e2", "a number with a fraction or exponent"},
        {"3", "an integer"},
        {"\"3\"", "a string"},
        {"true", "a boolean"},
        {"false", "a boolean"},
        {"[]", "an array"},
        {"[1]", "an array"},
        {"{}", "an object"},
    };
    struct field {
        std::string path, expected, own_kind;
    };
    const std::vector<field> fields = {
        {"max_async_event_age_in_seconds", "an integer", "an integer"},
        {"max_async_retry_attempts", "an integer", "an integer"},
        {"enable_async_status_log", "a boolean", "a boolean"},
        {"log_group_id", "a string", "a string"},
        {"log_stream_id", "a string", "a string"},
        {"log_group_name", "a string", "a string"},
        {"log_stream_name", "a string", "a string"},
        {"destination_config", "an object", "an object"},
        {"destination_config.on_success", "an object", "an object"},
        {"destination_config.on_failure", "an object", "an object"},
        {"destination_config.on_success.destination", "a string", "a string"},
        {"destination_config.on_failure.destination", "a string", "a string"},
        {"destination_config.on_success.param", "a string holding a JSON object", "a string"},
        {"destination_config.on_failure.param", "a string holding a JSON object", "a string"},
    };
    std::vector<type_case> out;
    for (auto& f : fields)
        for (auto& s : all)
            if (s.kind != f.own_kind)
                out.push_back({f.path, s.json, f.expected, s.kind});
    return out;
}

struct enum_case {
    std::string destination;
    std::string param;
    bool accepted;
};
std::ostream& operator<<(std::ostream& os, const enum_case& c) {
    return os << "'" << c.destination << "'";
}

std::vector<enum_case> enum_cases() {
    const std::string fg = R"({"func_urn":")" + api_harness::urn("target") + R"("})";
    return {
        {"OBS", R"({"bucket":"my-bucket","prefix":"async/","expires":30})", true},
        {"SMN", R"({"topic_urn":"urn:smn:cn-north-4:)" + std::string(project) + R"(:topic1"})",
         true},
        {"FunctionGraph", fg, true},
        {"DIS", R"({"stream_name":"stream-1"})", false},
        {"obs", R"({"bucket":"my-bucket"})", false},
        {"functiongraph", fg, false},
        {"Obs", R"({"bucket":"my-bucket"})", false},
        {"", R"({"bucket":"my-bucket"})", false},
        {" OBS", R"({"bucket":"my-bucket"})", false},
        {"LTS", R"({"bucket":"my-bucket"})", false},
    };
}

struct param_case {
    std::string destination;
    std::string param; ///< the text of the param string
    std::string code;  ///< empty: accepted
    std::string msg;   ///< expected error_msg
};
std::ostream& operator<<(std::ostream& os, const param_case& c) {
    return os << c.destination << " param " << c.param;
}

std::vector<param_case> param_cases() {
    const std::string p = "destination_config.on_failure.param";
    const std::string bad_param =
        "Invalid parameter: " + p + " must be a string holding a JSON object";
    const std::string bucket_rule = "Invalid parameter: " + p +
                                    ".bucket must be an OBS bucket name: 3-63 lower-case "
                                    "letters, digits, '-' or '.', starting and ending with a "
                                    "letter or digit";
    const std::string expires = "Invalid parameter: " + p +
                                ".expires must be an integer from 0 to 365 days (0 = never), got ";
    const std::string topic_rule =
        "Invalid parameter: " + p +
        ".topic_urn must be an SMN topic URN urn:smn:<region>:<project_id>:<topic>";
    const std::string topic = "urn:smn:cn-north-4:" + std::string(project) + ":topic1";
    return {
        // param must hold a JSON object
        {"OBS", "not json", "FSS.0400", bad_param},
        {"OBS", "", "FSS.0400", bad_param},
        {"OBS", "[]", "FSS.0400", bad_param},
        {"OBS", R"(["bucket"])", "FSS.0400", bad_param},
        {"OBS", R"("x")", "FSS.0400", bad_param},
        {"OBS", "42", "FSS.0400", bad_param},
        {"OBS", "null", "FSS.0400", bad_param},
        {"OBS", R"({"bucket":"my-bucket"} trailing)", "FSS.0400", bad_param},
        // OBS: bucket, prefix, expires
        {"OBS", "{}", "FSS.0400", "Invalid parameter: " + p + ".bucket is required inside param"},
        {"OBS", R"({"prefix":"a/"})", "FSS.0400",
         "Invalid parameter: " + p + ".bucket is required inside param"},
        {"OBS", R"({"bucket":1})", "FSS.0400",
         "Invalid parameter: " + p + ".bucket must be a string"},
        {"OBS", R"({"bucket":"My_Bucket"})", "FSS.0400", bucket_rule},
        {"OBS", R"({"bucket":"ab"})", "FSS.0400", bucket_rule},
        {"OBS", R"({"bucket":"-bucket"})", "FSS.0400", bucket_rule},
        {"OBS", R"({"bucket":"abc"})", "", ""},
        {"OBS", R"({"bucket":"my-bucket","prefix":7})", "FSS.0400",
         "Invalid parameter: " + p + ".prefix must be a string"},
        {"OBS", R"({"bucket":"my-bucket","expires":-1})", "FSS.0400", expires + "-1"},
        {"OBS", R"({"bucket":"my-bucket","expires":0})", "", ""},
        {"OBS", R"({"bucket":"my-bucket","expires":365})", "", ""},
        {"OBS", R"({"bucket":"my-bucket","expires":366})", "FSS.0400", expires + "366"},
        {"OBS", R"({"bucket":"my-bucket","expires":"7"})", "FSS.0400",
         "Invalid parameter: " + p + ".expires must be an integer"},
        {"OBS", R"({"bucket":"my-bucket","expires":7.0})", "FSS.0400",
         "Invalid parameter: " + p + ".expires must be an integer"},
        {"OBS", R"({"bucket":"my-bucket","expires":null})", "FSS.0400",
         "Invalid parameter: " + p + ".expires must be an integer"},
        {"OBS", R"({"bucket":"my-bucket","unknown_key":[1]})", "", ""},
        // SMN: topic_urn
        {"SMN", "{}", "FSS.0400",
         "Invalid parameter: " + p + ".topic_urn is required inside param"},
        {"SMN", R"({"topic_urn":"topic1"})", "FSS.0400", topic_rule},
        {"SMN", R"({"topic_urn":"urn:smn:cn-north-4:topic1"})", "FSS.0400", topic_rule},
        {"SMN", R"({"topic_urn":"urn:sns:cn-north-4:p:topic1"})", "FSS.0400", topic_rule},
        {"SMN", R"({"topic_urn":true})", "FSS.0400",
         "Invalid parameter: " + p + ".topic_urn must be a string"},
        {"SMN", R"({"topic_urn":")" + topic + R"("})", "", ""},
        // FunctionGraph: func_urn
        {"FunctionGraph", "{}", "FSS.0400",
         "Invalid parameter: " + p + ".func_urn is required inside param"},
        {"FunctionGraph", R"({"func_urn":"a:b:c:d:e"})", "FSS.1309",
         "Invalid function URN: " + p +
             ".func_urn: 5 colon-separated fields; accepted forms have 1, 2, 3, 4, 7 or 8"},
        {"FunctionGraph", R"({"func_urn":"1target"})", "FSS.1309",
         "Invalid function URN: " + p +
             ".func_urn: function name '1target' must be 1-60 letters, digits, '-' or '_', "
             "start with a letter and end with a letter or digit"},
        {"FunctionGraph", R"({"func_urn":""})", "FSS.1309",
         "Invalid function URN: " + p + ".func_urn: the URN is empty"},
        {"FunctionGraph", R"({"func_urn":5})", "FSS.0400",
         "Invalid parameter: " + p + ".func_urn must be a string"},
        {"FunctionGraph", R"({"func_urn":"target"})", "", ""},
        {"FunctionGraph", R"({"func_urn":")" + api_harness::urn("target") + R"("})", "", ""},
    };
}

} // namespace

BOOST_AUTO_TEST_SUITE(async_invoke_config_handlers_test)

// ---- happy paths --------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(put_answers_and_stores_the_documented_request) {
    api_harness h;
    BOOST_TEST_REQUIRE(h.create("demo").status() == 200u);
    auto a = put(h, R"({"max_async_event_age_in_seconds":10,"max_async_retry_attempts":3,)"
                    R"("enable_async_status_log":true})");
    BOOST_TEST(a.status() == 200u);
    BOOST_TEST(a.res[http::field::content_type] == "application/json");
    const json::value expected = {{"func_urn", demo_urn},
                                  {"max_async_event_age_in_seconds", 10},
                                  {"max_async_retry_attempts", 3},
                                  {"created_time", "2021-03-04T14:50:02+08:00"},
                                  {"last_modified", "2021-03-04 14:50:02"},
                                  {"enable_async_status_log", true}};
    BOOST_TEST(a.body == expected);
    auto g = get(h);
    BOOST_TEST(g.status() == 200u);
    BOOST_TEST(g.body == expected);
}

BOOST_AUTO_TEST_CASE(put_with_both_destinations_echoes_params_verbatim) {
    api_harness h;
    BOOST_TEST_REQUIRE(h.create("demo").status() == 200u);
    const std::string fg_param = R"({"func_urn":")" + api_harness::urn("target") + R"("})";
    const std::string obs_param = R"({ "bucket" : "my-bucket", "prefix":"a/", "expires":0 })";
    json::object body{
        {"max_async_event_age_in_seconds", 86400},
        {"max_async_retry_attempts", 0},
        {"enable_async_status_log", false},
        {"destination_config",
         json::object{{"on_success", {{"destination", "FunctionGraph"}, {"param", fg_param}}},
                      {"on_failure", {{"destination", "OBS"}, {"param", obs_param}}}}}};
    auto a = put(h, json::serialize(body));
    BOOST_TEST(a.status() == 200u, a.res.body());
    json::value expected = {
        {"func_urn", demo_urn},
        {"max_async_event_age_in_seconds", 86400},
        {"max_async_retry_attempts", 0},
        {"destination_config",
         {{"on_success", {{"destination", "FunctionGraph"}, {"param", fg_param}}},
          {"on_failure", {{"destination", "OBS"}, {"param", obs_param}}}}},
        {"created_time", "2021-03-04T14:50:02+08:00"},
        {"last_modified", "2021-03-04 14:50:02"},
        {"enable_async_status_log", false}};
    BOOST_TEST(a.body == expected);
    BOOST_TEST(get(h).body == expected);
}

BOOST_AUTO_TEST_CASE(put_of_an_empty_object_stores_the_defaults) {
    api_harness h;
    BOOST_TEST_REQUIRE(h.create("demo").status() == 200u);
    auto a = put(h, "{}");
    BOOST_TEST(a.status() == 200u);
    const json::value expected = {{"func_urn", demo_urn},
                                  {"max_async_event_age_in_seconds", 3600},
                                  {"max_async_retry_attempts", 1},
                                  {"created_time", "2021-03-04T14:50:02+08:00"},
                                  {"last_modified", "2021-03-04 14:50:02"},
                                  {"enable_async_status_log", false}};
    BOOST_TEST(a.body == expected);
    // A destination object naming nothing means "no destination".
    auto b = put(h, R"({"destination_config":{"on_success":{},"on_failure":{}}})");
    BOOST_TEST(b.status() == 200u);
    BOOST_TEST(b.body == expected);
}

BOOST_AUTO_TEST_CASE(delete_answers_204_without_body_and_removes_the_config) {
    configured c;
    auto d = c.h.call(http::verb::delete_, api_harness::config(demo_urn));
    BOOST_TEST(d.status() == 204u);
    BOOST_TEST(d.res.body().empty());
    BOOST_TEST((d.res.find(http::field::content_type) == d.res.end()));
    BOOST_TEST(!d.res["X-Request-Id"].empty());
    check_error(get(c.h), 404, "FSS.0404",
                "The specified resource was not found: function " + demo_urn +
                    " has no async invoke config");
    check_error(c.h.call(http::verb::delete_, api_harness::config(demo_urn)), 404, "FSS.0404",
                "The specified resource was not found: function " + demo_urn +
                    " has no async invoke config");
    auto list = c.h.call(http::verb::get, list_target());
    BOOST_TEST(list.body.at("count").as_int64() == 0);
}

BOOST_AUTO_TEST_CASE(list_answers_the_config_with_page_info) {
    configured c;
    auto config = get(c.h);
    auto a = c.h.call(http::verb::get, list_target());
    BOOST_TEST(a.status() == 200u);
    BOOST_TEST(a.res[http::field::content_type] == "application/json");
    json::value expected = {
        {"async_invoke_configs", json::array{config.body}},
        {"count", 1},
        {"page_info", {{"next_marker", 1}, {"previous_marker", 0}, {"current_count", 1}}}};
    BOOST_TEST(a.body == expected);
}

BOOST_AUTO_TEST_CASE(list_of_a_function_without_config_is_empty) {
    api_harness h;
    BOOST_TEST_REQUIRE(h.create("demo").status() == 200u);
    auto a = h.call(http::verb::get, list_target());
    BOOST_TEST(a.status() == 200u);
    json::value expected = {
        {"async_invoke_configs", json::array{}},
        {"count", 0},
        {"page_info", {{"next_marker", 0}, {"previous_marker", 0}, {"current_count", 0}}}};
    BOOST_TEST(a.body == expected);
}

// ---- field boundaries and types -----------------------------------------------------

BOOST_DATA_TEST_CASE(integer_field_boundaries, bdata::make(range_cases()), c) {
    configured s;
    auto before = snapshot(s.h, demo_urn);
    auto a = put(s.h, "{\"" + c.field + "\":" + std::to_string(c.value) + "}");
    if (c.accepted) {
        BOOST_TEST(a.status() == 200u, a.res.body());
        BOOST_TEST(a.body.at(c.field).as_int64() == c.value);
        BOOST_TEST(get(s.h).body.at(c.field).as_int64() == c.value);
    } else {
        check_error(a, 400, "FSS.0400", "Invalid parameter: " + c.field + " " + c.rule);
        check_unchanged(s.h, demo_urn, before);
    }
}

BOOST_DATA_TEST_CASE(wrong_json_types_are_rejected_naming_the_field, bdata::make(type_cases()), c) {
    configured s;
    auto before = snapshot(s.h, demo_urn);
    auto a = put(s.h, nested_body(c.path, c.value));
    check_error(a, 400, "FSS.0400",
                "Invalid parameter: " + c.path + " must be " + c.expected + ", got " + c.got);
    check_unchanged(s.h, demo_urn, before);
}

BOOST_AUTO_TEST_CASE(integer_above_int64_is_out_of_range_not_a_type_error) {
    configured s;
    auto before = snapshot(s.h, demo_urn);
    // 2^64-1 parses as an unsigned integer; it is outside every documented range.
    auto a = put(s.h, R"({"max_async_retry_attempts":18446744073709551615})");
    check_error_has(a, 400, "FSS.0400",
                    {"Invalid parameter: max_async_retry_attempts must be an integer from 0 to 3"});
    check_unchanged(s.h, demo_urn, before);
}

// Integers beyond 64 bits (Boost.JSON hands them over as uint64 or double) are named as sent,
// digits cut to a readable length, with the field's range: never a clamped value, never "a
// number with a fraction".
BOOST_AUTO_TEST_CASE(integers_beyond_64_bits_are_named_as_sent) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {R"({"max_async_retry_attempts":1000000000000000000000000000000})",
         "max_async_retry_attempts must be an integer from 0 to 3, got "
         "1000000000000000000000000000000"},
        {R"({"max_async_retry_attempts":9223372036854775808})",
         "max_async_retry_attempts must be an integer from 0 to 3, got "
         "9223372036854775808"},
        {R"({"max_async_event_age_in_seconds":-9223372036854775809})",
         "max_async_event_age_in_seconds must be an integer from 1 to 86400 "
         "seconds, got -9223372036854775809"},
        {R"({"max_async_retry_attempts":)" + std::string(100, '7') + "}",
         "max_async_retry_attempts must be an integer from 0 to 3, got " + std::string(40, '7') +
             "... (100 digits)"},
        {R"({"max_async_retry_attempts":1,"max_async_retry_attempts":)"
         R"(18446744073709551616})",
         "max_async_retry_attempts must be an integer from 0 to 3, got "
         "18446744073709551616"},
        {R"({"max_async_retry_attempts":1e30})",
         "max_async_retry_attempts must be an integer, got a number with a "
         "fraction or exponent"}};
    configured s;
    auto before = snapshot(s.h, demo_urn);
    for (auto& [body, message] : cases) {
        BOOST_TEST_CONTEXT(body) {
            check_error(put(s.h, body), 400, "FSS.0400", "Invalid parameter: " + message);
            check_unchanged(s.h, demo_urn, before);
        }
    }
}

// ---- destinations -------------------------------------------------------------------

BOOST_DATA_TEST_CASE(destination_enum_documented, bdata::make(enum_cases()), c) {
    configured s;
    auto before = snapshot(s.h, demo_urn);
    auto a = put(s.h, destination_body("on_success", c.destination, c.param));
    if (c.accepted) {
        BOOST_TEST(a.status() == 200u, a.res.body());
        const json::value target = {{"destination", c.destination}, {"param", c.param}};
        BOOST_TEST(a.body.at("destination_config") == json::value({{"on_success", target}}));
        BOOST_TEST(get(s.h).body.at("destination_config").at("on_success") == target);
    } else {
        check_error(a, 400, "FSS.0400",
                    "Invalid parameter: destination_config.on_success.destination must be one "
                    "of OBS, SMN, FunctionGraph, got '" +
                        c.destination + "'" +
                        (c.destination == "DIS"
                             ? " (DIS is accepted with allow_dis_destination=true)"
                             : ""));
        check_unchanged(s.h, demo_urn, before);
    }
}

BOOST_AUTO_TEST_CASE(dis_destination_accepted_with_switch_header) {
    configured s;
    const std::string dis = R"({"stream_name":"stream-1"})";
    auto a = put(s.h, destination_body("on_failure", "DIS", dis),
                 {{"X-Emulator-Switches", "allow_dis_destination=true"}});
    BOOST_TEST(a.status() == 200u, a.res.body());
    BOOST_TEST(a.body.at("destination_config") ==
               json::value({{"on_failure", {{"destination", "DIS"}, {"param", dis}}}}));
    BOOST_TEST(a.res["X-Emulator-Switches"] == "allow_dis_destination=true");
    // Under the switch the enum message lists DIS; lower case is still rejected.
    auto before = snapshot(s.h, demo_urn);
    auto b = put(s.h, destination_body("on_failure", "dis", dis),
                 {{"X-Emulator-Switches", "allow_dis_destination=true"}});
    check_error(b, 400, "FSS.0400",
                "Invalid parameter: destination_config.on_failure.destination must be one of "
                "OBS, SMN, DIS, FunctionGraph, got 'dis'");
    check_unchanged(s.h, demo_urn, before);
}

BOOST_DATA_TEST_CASE(destination_param_rules, bdata::make(param_cases()), c) {
    configured s;
    auto before = snapshot(s.h, demo_urn);
    auto a = put(s.h, destination_body("on_failure", c.destination, c.param));
    if (c.code.empty()) {
        BOOST_TEST(a.status() == 200u, a.res.body());
        BOOST_TEST(a.body.at("destination_config").at("on_failure").at("param") ==
                   json::value(c.param));
    } else {
        check_error(a, 400, c.code, c.msg);
        check_unchanged(s.h, demo_urn, before);
    }
}

BOOST_AUTO_TEST_CASE(destination_and_param_need_each_other) {
    configured s;
    auto before = snapshot(s.h, demo_urn);
    check_error(put(s.h, R"({"destination_config":{"on_success":{"destination":"OBS"}}})"), 400,
                "FSS.0400",
                "Invalid parameter: destination_config.on_success.param is required for "
                "destination OBS");
    check_error(
        put(s.h, R"({"destination_config":{"on_success":{"param":"{\"bucket\":\"abc\"}"}}})"), 400,
        "FSS.0400",
        "Invalid parameter: destination_config.on_success.destination is required when param "
        "is given");
    check_unchanged(s.h, demo_urn, before);
}

// ---- unknown fields, body shape -------------------------------------------------------

BOOST_AUTO_TEST_CASE(unknown_fields_are_ignored_by_default) {
    api_harness h;
    BOOST_TEST_REQUIRE(h.create("demo").status() == 200u);
    auto a = put(h, R"({"max_async_retry_attempts":2,"foo":1,"destination_config":{"bar":[],)"
                    R"("on_success":{"destination":"OBS","param":"{\"bucket\":\"abc\"}",)"
                    R"("baz":null}}})");
    BOOST_TEST(a.status() == 200u, a.res.body());
    BOOST_TEST(!a.body.as_object().contains("foo"));
    BOOST_TEST(
        a.body.at("destination_config") ==
        json::value({{"on_success", {{"destination", "OBS"}, {"param", R"({"bucket":"abc"})"}}}}));
}

BOOST_DATA_TEST_CASE(unknown_fields_rejected_with_switch,
                     bdata::make(std::vector<std::string>{"foo", "destination_config.bar",
                                                          "destination_config.on_success.baz",
                                                          "destination_config.on_failure.baz"}),
                     path) {
    configured s;
    auto before = snapshot(s.h, demo_urn);
    std::string body;
    if (path == "foo")
        body = R"({"max_async_retry_attempts":2,"foo":1})";
    else if (path == "destination_config.bar")
        body = R"({"destination_config":{"bar":1}})";
    else
        body = nested_body(path.substr(0, path.rfind('.')),
                           R"({"destination":"OBS","param":"{\"bucket\":\"abc\"}","baz":1})");
    auto a = put(s.h, body, {{"X-Emulator-Switches", "unknown_fields=reject"}});
    check_error(a, 400, "FSS.0400",
                "Invalid parameter: unknown field " + path + " (switch unknown_fields=reject)");
    check_unchanged(s.h, demo_urn, before);
    // Unknown keys inside param are the target service's business: never rejected.
    auto b = put(s.h,
                 R"({"destination_config":{"on_success":{"destination":"OBS",)"
                 R"("param":"{\"bucket\":\"abc\",\"extra\":1}"}}})",
                 {{"X-Emulator-Switches", "unknown_fields=reject"}});
    BOOST_TEST(b.status() == 200u, b.res.body());
}

BOOST_DATA_TEST_CASE(body_that_is_not_json,
                     bdata::make(std::vector<std::string>{
                         "{", "{\"max_async_retry_attempts\":", "not json", "{'a':1}", "{} x",
                         "[1,]", "{\"a\":1,}"}),
                     body) {
    configured s;
    auto before = snapshot(s.h, demo_urn);
    check_error_has(put(s.h, body), 406, "FSS.0406",
                    {"Not acceptable: the request body is not valid JSON ("});
    check_error_has(put(s.h, body, {{"X-Emulator-Switches", "bad_json=400"}}), 400, "FSS.0400",
                    {"Invalid parameter: the request body is not valid JSON ("});
    check_unchanged(s.h, demo_urn, before);
}

BOOST_DATA_TEST_CASE(empty_body, bdata::make(std::vector<std::string>{"", " ", "\r\n\t "}), body) {
    configured s;
    auto before = snapshot(s.h, demo_urn);
    check_error(put(s.h, body), 406, "FSS.0406", "Not acceptable: the request body is empty");
    check_error(put(s.h, body, {{"X-Emulator-Switches", "bad_json=400"}}), 400, "FSS.0400",
                "Invalid parameter: the request body is empty");
    check_unchanged(s.h, demo_urn, before);
}

BOOST_DATA_TEST_CASE(body_that_is_json_but_not_an_object,
                     bdata::make(std::vector<text_case>{
                         {"[]", "an array"},
                         {"[{}]", "an array"},
                         {"\"x\"", "a string"},
                         {"1", "an integer"},
                         {"1.5", "a number with a fraction or exponent"},
                         {"true", "a boolean"},
                         {"null", "null"}}),
                     c) {
    configured s;
    auto before = snapshot(s.h, demo_urn);
    check_error(put(s.h, c.input), 400, "FSS.0400",
                "Invalid parameter: request body must be a JSON object, got " + c.expected);
    check_unchanged(s.h, demo_urn, before);
}

// ---- replace vs merge, timestamps -----------------------------------------------------

BOOST_AUTO_TEST_CASE(put_replaces_by_default) {
    configured s;
    auto a = put(s.h, R"({"max_async_retry_attempts":0})");
    BOOST_TEST(a.status() == 200u);
    const json::value expected = {{"func_urn", demo_urn},
                                  {"max_async_event_age_in_seconds", 3600},
                                  {"max_async_retry_attempts", 0},
                                  {"created_time", "2021-03-04T14:50:02+08:00"},
                                  {"last_modified", "2021-03-04 14:50:02"},
                                  {"enable_async_status_log", false}};
    BOOST_TEST(a.body == expected);
    BOOST_TEST(get(s.h).body == expected);
}

BOOST_AUTO_TEST_CASE(put_mode_merge_keeps_omitted_fields) {
    configured s;
    const std::string merge = "put_mode=merge";
    auto a = put(s.h, R"({"max_async_retry_attempts":0,"enable_async_status_log":true})",
                 {{"X-Emulator-Switches", merge}});
    BOOST_TEST(a.status() == 200u);
    const json::value obs = {{"destination", "OBS"}, {"param", R"({"bucket":"my-bucket"})"}};
    BOOST_TEST(a.body.at("max_async_event_age_in_seconds").as_int64() == 100);
    BOOST_TEST(a.body.at("max_async_retry_attempts").as_int64() == 0);
    BOOST_TEST(a.body.at("enable_async_status_log").as_bool() == true);
    BOOST_TEST(a.body.at("destination_config") == json::value({{"on_failure", obs}}));
    // A given destination_config replaces only the sides it names.
    const std::string smn_param =
        R"({"topic_urn":"urn:smn:cn-north-4:)" + std::string(project) + R"(:t1"})";
    auto b = put(s.h, destination_body("on_success", "SMN", smn_param),
                 {{"X-Emulator-Switches", merge}});
    BOOST_TEST(b.status() == 200u);
    BOOST_TEST(b.body.at("destination_config") ==
               json::value({{"on_success", {{"destination", "SMN"}, {"param", smn_param}}},
                            {"on_failure", obs}}));
    BOOST_TEST(b.body.at("max_async_retry_attempts").as_int64() == 0);
    BOOST_TEST(b.body.at("enable_async_status_log").as_bool() == true);
    // The next PUT without the switch replaces again.
    auto r = put(s.h, "{}");
    BOOST_TEST(r.body.at("max_async_event_age_in_seconds").as_int64() == 3600);
    BOOST_TEST(!r.body.as_object().contains("destination_config"));
}

BOOST_AUTO_TEST_CASE(created_time_survives_updates_last_modified_moves) {
    configured s; // first PUT at 2021-03-04T06:50:02Z
    using namespace std::chrono;
    s.h.clock.advance(hours(1) + minutes(30) + seconds(5));
    auto a = put(s.h, R"({"max_async_retry_attempts":3})");
    BOOST_TEST(a.body.at("created_time") == "2021-03-04T14:50:02+08:00");
    BOOST_TEST(a.body.at("last_modified") == "2021-03-04 16:20:07");
    auto g = get(s.h);
    BOOST_TEST(g.body.at("created_time") == "2021-03-04T14:50:02+08:00");
    BOOST_TEST(g.body.at("last_modified") == "2021-03-04 16:20:07");
    // A rejected PUT moves nothing.
    s.h.clock.advance(hours(10));
    check_error_has(put(s.h, R"({"max_async_retry_attempts":4})"), 400, "FSS.0400",
                    {"max_async_retry_attempts"});
    BOOST_TEST(get(s.h).body == g.body);
    // After DELETE the next PUT creates anew (10 h later: past midnight in +08:00).
    BOOST_TEST(s.h.call(http::verb::delete_, api_harness::config(demo_urn)).status() == 204u);
    auto n = put(s.h, "{}");
    BOOST_TEST(n.body.at("created_time") == "2021-03-05T02:20:07+08:00");
    BOOST_TEST(n.body.at("last_modified") == "2021-03-05 02:20:07");
}

// ---- not found ------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(unset_config_is_404_and_defaults_with_switch) {
    api_harness h;
    BOOST_TEST_REQUIRE(h.create("demo").status() == 200u);
    const std::string msg = "The specified resource was not found: function " + demo_urn +
                            " has no async invoke config";
    check_error(get(h), 404, "FSS.0404", msg);
    check_error(h.call(http::verb::delete_, api_harness::config(demo_urn)), 404, "FSS.0404", msg);

    auto g = get(h, {{"X-Emulator-Switches", "missing_config=defaults"}});
    BOOST_TEST(g.status() == 200u);
    BOOST_TEST(g.body.at("func_urn") == json::value(demo_urn));
    BOOST_TEST(g.body.at("max_async_event_age_in_seconds").as_int64() == 3600);
    BOOST_TEST(g.body.at("max_async_retry_attempts").as_int64() == 1);
    BOOST_TEST(!g.body.as_object().contains("destination_config"));
    auto g3 = get(h, {{"X-Emulator-Switches", "missing_config=defaults,retry_default=3"}});
    BOOST_TEST(g3.body.at("max_async_retry_attempts").as_int64() == 3);
    auto d = h.call(http::verb::delete_, api_harness::config(demo_urn), "",
                    {{"X-Emulator-Switches", "missing_config=defaults"}});
    BOOST_TEST(d.status() == 204u);
    BOOST_TEST(d.res.body().empty());
    // Answering the defaults stores nothing.
    check_error(get(h), 404, "FSS.0404", msg);
}

BOOST_DATA_TEST_CASE(unknown_function_is_404_fss_1051,
                     bdata::make(std::vector<std::string>{"PUT", "GET", "DELETE", "LIST"}), verb) {
    api_harness h;
    BOOST_TEST_REQUIRE(h.create("demo").status() == 200u);
    const std::string urn = api_harness::urn("nope");
    answer a = by_verb(h, verb, urn);
    check_error(a, 404, "FSS.1051",
                "Not found the function: function urn:fss:cn-north-4:" + std::string(project) +
                    ":function:default:nope does not exist");
    // and nothing was created by the PUT
    check_error_has(h.call(http::verb::get, api_harness::config(urn)), 404, "FSS.1051", {"nope"});
}

BOOST_DATA_TEST_CASE(version_and_alias_qualifiers_are_404,
                     bdata::make(std::vector<std::string>{"PUT", "GET", "DELETE"}), verb) {
    configured s;
    auto before = snapshot(s.h, demo_urn);
    check_error(by_verb(s.h, verb, api_harness::urn("demo", project, "v1")), 404, "FSS.1052",
                "Not found the function version: version 'v1' of function " + demo_unqualified +
                    " does not exist");
    check_error(by_verb(s.h, verb, api_harness::urn("demo", project, "20210304-145002")), 404,
                "FSS.1052",
                "Not found the function version: version '20210304-145002' of function " +
                    demo_unqualified + " does not exist");
    check_error(by_verb(s.h, verb, api_harness::urn("demo", project, "!a1")), 404, "FSS.1053",
                "Not found the function alias: alias 'a1' of function " + demo_unqualified +
                    " does not exist");
    check_unchanged(s.h, demo_urn, before);
}

// ---- list paging --------------------------------------------------------------------

BOOST_DATA_TEST_CASE(list_limit_values_that_page_normally,
                     bdata::make(std::vector<std::string>{
                         "", "limit=", "limit=0", "limit=1", "limit=10", "limit=64", "limit=100",
                         "limit=101", "limit=99999999999999999999", "marker=0&limit=5", "marker="}),
                     query) {
    configured s;
    auto a = s.h.call(http::verb::get, list_target(query));
    BOOST_TEST(a.status() == 200u, a.res.body());
    BOOST_TEST(a.body.at("async_invoke_configs").as_array().size() == 1u);
    BOOST_TEST(a.body.at("count").as_int64() == 1);
    BOOST_TEST(a.body.at("page_info") ==
               json::value({{"next_marker", 1}, {"previous_marker", 0}, {"current_count", 1}}));
}

BOOST_AUTO_TEST_CASE(list_end_marker_offset_vs_zero) {
    configured s;
    struct row {
        std::string query;
        std::int64_t items, next_offset, previous;
    };
    for (const row& r : std::vector<row>{{"", 1, 1, 0},
                                         {"marker=1", 0, 1, 1},
                                         {"marker=5", 0, 5, 5},
                                         {"marker=5&limit=3", 0, 5, 5},
                                         {"marker=123456789012", 0, 123456789012, 123456789012}}) {
        BOOST_TEST_CONTEXT("query '" << r.query << "'") {
            auto off = s.h.call(http::verb::get, list_target(r.query));
            BOOST_TEST(off.status() == 200u);
            BOOST_TEST(off.body.at("count").as_int64() == 1);
            BOOST_TEST(off.body.at("async_invoke_configs").as_array().size() ==
                       static_cast<std::size_t>(r.items));
            BOOST_TEST(off.body.at("page_info") == json::value({{"next_marker", r.next_offset},
                                                                {"previous_marker", r.previous},
                                                                {"current_count", r.items}}));
            auto zero = s.h.call(http::verb::get, list_target(r.query), "",
                                 {{"X-Emulator-Switches", "list_end_marker=zero"}});
            BOOST_TEST(zero.status() == 200u);
            BOOST_TEST(zero.body.at("count").as_int64() == 1);
            BOOST_TEST(zero.body.at("page_info") == json::value({{"next_marker", 0},
                                                                 {"previous_marker", r.previous},
                                                                 {"current_count", r.items}}));
        }
    }
}

BOOST_DATA_TEST_CASE(list_bad_query_parameters,
                     bdata::make(std::vector<text_case>{
                         {"limit=-1", "limit must not be negative, got '-1'"},
                         {"limit=-100", "limit must not be negative, got '-100'"},
                         {"limit=abc", "limit must be an integer, got 'abc'"},
                         {"limit=1.5", "limit must be an integer, got '1.5'"},
                         {"limit=%2B5", "limit must be an integer, got '+5'"},
                         {"limit=" + std::string(65, '1'),
                          "limit must be at most 64 characters long"},
                         {"marker=abc", "marker must be a non-negative integer offset of at most "
                                        "64 characters, got 'abc'"},
                         {"marker=-1", "marker must be a non-negative integer offset of at most "
                                       "64 characters, got '-1'"},
                         {"marker=" + std::string(65, '1'),
                          "marker must be a non-negative integer offset of at most 64 characters, "
                          "got '" +
                              std::string(64, '1') + "...'"}}),
                     c) {
    configured s;
    check_error(s.h.call(http::verb::get, list_target(c.input)), 400, "FSS.1001",
                "Invalid query parameter: " + c.expected);
}

BOOST_AUTO_TEST_CASE(list_accepts_any_urn_form_of_the_function) {
    configured s;
    auto expected = s.h.call(http::verb::get, list_target()).body;
    for (const std::string& urn :
         {std::string("demo"), std::string("default:demo"), demo_unqualified,
          api_harness::urn("demo", project, "v1"), api_harness::urn("demo", project, "!a1")}) {
        BOOST_TEST_CONTEXT("urn " << urn) {
            auto a = s.h.call(http::verb::get, list_target("", urn));
            BOOST_TEST(a.status() == 200u, a.res.body());
            BOOST_TEST(a.body == expected);
        }
    }
}

// ---- answers served again (api/config_answer_cache) ------------------------------------

BOOST_AUTO_TEST_CASE(get_served_again_is_the_same_answer_until_something_changes) {
    configured s;
    const auto first = get(s.h);
    BOOST_TEST_REQUIRE(first.status() == 200u);
    BOOST_TEST(get(s.h).res.body() == first.res.body()); // byte for byte
    // Other switches (this request's): the answer follows them, and back.
    const auto rfc = get(s.h, {{"X-Emulator-Switches", "time_style=utc-z"}});
    BOOST_TEST(rfc.body.at("last_modified") == "2021-03-04T06:50:02Z");
    BOOST_TEST(get(s.h).res.body() == first.res.body());
    // A write of any kind names a new state of the store.
    s.h.clock.advance(std::chrono::seconds(7));
    BOOST_TEST_REQUIRE(put(s.h, R"({"max_async_retry_attempts":3})").status() == 200u);
    const auto after_put = get(s.h);
    BOOST_TEST(after_put.body.at("max_async_retry_attempts").as_int64() == 3);
    BOOST_TEST(after_put.body.at("last_modified") == "2021-03-04 14:50:09");
    BOOST_TEST(
        s.h.call(http::verb::delete_, api_harness::functions() + "/" + demo_unqualified).status() ==
        204u);
    BOOST_TEST(get(s.h).status() == 404u);
}

BOOST_AUTO_TEST_CASE(get_answers_of_two_emulators_in_one_thread_stay_apart) {
    // The same project, function and URN in two stores, on one thread: one kept answer must
    // never stand for the other store's.
    configured a, b;
    BOOST_TEST_REQUIRE(put(b.h, R"({"max_async_retry_attempts":0})").status() == 200u);
    for (int round = 0; round < 3; ++round) {
        BOOST_TEST(get(a.h).body.at("max_async_retry_attempts").as_int64() == 2);
        BOOST_TEST(get(b.h).body.at("max_async_retry_attempts").as_int64() == 0);
    }
}

BOOST_AUTO_TEST_SUITE_END()
