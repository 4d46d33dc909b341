// Hostile request content, against the whole application: invalid UTF-8 and NUL bytes in JSON
// strings and in URNs, and deeply nested JSON. Each gets its documented answer
// (docs/reliability.md), nothing is stored, and the connection stays usable.
#include "http/hostile_fixture.hpp"

#include <string>

using namespace emu;
using namespace emu::test;
using namespace emu::test::hostile;
using emu::test::test_client;
using namespace std::string_literals;

namespace {

/// A create-function body with `name` spliced in verbatim (raw bytes, no escaping).
std::string create_raw(const std::string& name) {
    return R"({"func_name":")" + name +
           R"(","package":"default","runtime":"Python3.9","handler":"index.handler",)"
           R"("memory_size":128,"timeout":30,"code_type":"inline"})";
}

/// A PUT body whose on_success param is `param` verbatim.
std::string put_with_param(const std::string& param) {
    return R"({"destination_config":{"on_success":{"destination":"OBS","param":")" + param +
           R"("}}})";
}

/// The number of functions of the project.
std::int64_t function_count(test_client& c) {
    auto res = c.request(http::verb::get, functions_path(), "", api_headers);
    return json::parse(res.body()).at("count").as_int64();
}

} // namespace

BOOST_AUTO_TEST_SUITE(hostile_content_test)

// Boost.JSON validates UTF-8: a body with an invalid sequence is not JSON → the malformed-
// JSON answer, 406 FSS.0406 under the documented profile (D26).
BOOST_AUTO_TEST_CASE(invalid_utf8_in_json_strings_is_malformed_json) {
    guarded_app s;
    test_client c(s.port);
    for (const std::string& bad :
         {"\xff"s, "\xc3\x28"s, "\xc0\xaf"s, "\xed\xa0\x80"s, "\xf4\x90\x80\x80"s, "ok\xe2\x82"s}) {
        BOOST_TEST_CONTEXT("bytes of " << bad.size()) {
            auto created =
                c.request(http::verb::post, functions_path(), create_raw("f" + bad), api_headers);
            check_error_has(created, 406, "FSS.0406", {});
            BOOST_TEST(str(body_of(created), "error_msg").find("not valid JSON") !=
                       std::string::npos);
            auto put = c.request(http::verb::put, config_path("witness"), put_with_param(bad),
                                 api_headers);
            check_error_has(put, 406, "FSS.0406", {});
        }
    }
    BOOST_TEST(function_count(c) == 1); // only the witness
    s.check_witness(c);                 // same connection, still usable
    s.check_served_and_intact();
}

// A raw NUL byte inside a JSON string is a control character, which JSON forbids; the escape
// \u0000 is valid JSON, so the field's own rule must refuse it.
BOOST_AUTO_TEST_CASE(nul_in_json_strings_is_refused_by_the_field_rules) {
    guarded_app s;
    test_client c(s.port);
    auto raw = c.request(http::verb::post, functions_path(), create_raw("de\0mo"s), api_headers);
    check_error_has(raw, 406, "FSS.0406", {});

    auto escaped =
        c.request(http::verb::post, functions_path(), create_raw(R"(de\u0000mo)"), api_headers);
    check_error_has(escaped, 400, "FSS.0400", {});
    BOOST_TEST(str(body_of(escaped), "error_msg").find("func_name") != std::string::npos,
               str(body_of(escaped), "error_msg"));

    auto destination = c.request(
        http::verb::put, config_path("witness"),
        R"({"destination_config":{"on_success":{"destination":"OBS\u0000","param":"{}"}}})",
        api_headers);
    check_error_has(destination, 400, "FSS.0400", {});
    auto param = c.request(http::verb::put, config_path("witness"),
                           put_with_param(R"({\"bucket\":\"b\u0000\"})"), api_headers);
    BOOST_TEST(param.result_int() == 400u, param.body());
    BOOST_TEST(function_count(c) == 1);
    s.check_served_and_intact();
}

// URNs arrive percent-encoded in the path; %00 and bytes that are not UTF-8 decode to
// characters no URN part allows → 400 FSS.1309 naming the URN, never a lookup.
BOOST_AUTO_TEST_CASE(nul_and_invalid_utf8_in_urns_are_invalid_urns) {
    guarded_app s;
    test_client c(s.port);
    for (const std::string& urn_text :
         {"witness%00"s, "wit%00ness"s, "witness%FF"s, "witness%C3%28"s,
          "urn:fss:cn-north-4:" + project + ":function:default:witness%00:latest",
          "urn:fss:cn-north-4:" + project + ":function:default:witness:latest%00"}) {
        BOOST_TEST_CONTEXT(urn_text) {
            auto res = c.request(http::verb::get,
                                 functions_path() + "/" + urn_text + "/async-invoke-config", "",
                                 api_headers);
            check_error_has(res, 400, "FSS.1309", {});
            auto del =
                c.request(http::verb::delete_, functions_path() + "/" + urn_text, "", api_headers);
            check_error_has(del, 400, "FSS.1309", {});
        }
    }
    // Raw bytes over 0x7f in the target, not percent-encoded: Beast accepts them as
    // obs-text, and the URN rules refuse them like their encoded forms.
    c.send_raw("GET " + functions_path() +
               "/witness\xff/async-invoke-config HTTP/1.1\r\n"
               "Host: x\r\nX-Auth-Token: t\r\nContent-Type: application/json\r\n\r\n");
    check_error_has(c.read_response(), 400, "FSS.1309", {});
    s.check_witness(c);
    s.check_served_and_intact();
}

// Boost.JSON's parser is not recursive; the body parser bounds the depth at 64 (the control
// API's at Boost's default of 32), so no nesting can exhaust the stack or the memory.
BOOST_AUTO_TEST_CASE(deeply_nested_json_is_refused_at_a_bounded_depth) {
    guarded_app s;
    test_client c(s.port);
    auto nested = [](std::size_t depth) {
        // {"x": [[...[]...]]} — unknown fields are ignored, so only the depth can fail it
        return R"({"max_async_event_age_in_seconds":555,"x":)" + std::string(depth - 1, '[') +
               std::string(depth - 1, ']') + "}";
    };
    auto deepest = c.request(http::verb::put, config_path("witness"), nested(64), api_headers);
    BOOST_TEST(deepest.result_int() == 200u, deepest.body());
    for (std::size_t depth : {65u, 1000u, 1000000u}) {
        BOOST_TEST_CONTEXT("depth " << depth) {
            auto res =
                c.request(http::verb::put, config_path("witness"), nested(depth), api_headers);
            check_error_has(res, 406, "FSS.0406", {});
            BOOST_TEST(str(body_of(res), "error_msg").find("not valid JSON") != std::string::npos);
        }
    }
    auto objects = c.request(http::verb::post, functions_path(),
                             std::string(300000, '{') + std::string(300000, '}'), api_headers);
    check_error_has(objects, 406, "FSS.0406", {});
    auto control =
        c.request(http::verb::put, "/_emulator/state",
                  R"({"projects":)" + std::string(100000, '[') + std::string(100000, ']') + "}");
    check_error_has(control, 400, "EMU.0400", {});
    // The nested JSON inside a destination's param string is bounded too.
    std::string param = std::string(40, '[') + std::string(40, ']');
    auto inner =
        c.request(http::verb::put, config_path("witness"), put_with_param(param), api_headers);
    BOOST_TEST(inner.result_int() == 400u, inner.body());
    // Restore the witness (the depth-64 PUT above was accepted and stored).
    BOOST_TEST_REQUIRE(
        c.request(http::verb::put, config_path("witness"),
                  R"({"max_async_event_age_in_seconds":777,"max_async_retry_attempts":3})",
                  api_headers)
            .result_int() == 200u);
    s.check_served_and_intact();
}

BOOST_AUTO_TEST_SUITE_END()
