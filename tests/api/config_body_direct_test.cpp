// Unit tests of api::decode_config_input_direct, api::read_destination_param and
// api::is_json_object_text: the PUT body
// and a destination's param are read straight from their text. Where the direct reader gives
// a value it must be the value the DOM decoder gives; every body it does not take (all the
// errors among them) must be declined, so that the DOM decoder words the answer.
#include "api/json_codec.hpp"
#include "domain/switches.hpp"

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <limits>
#include <string>
#include <vector>

using namespace emu;

namespace {

/// decode_config_input through a DOM, as the handler decodes a declined body.
domain::result<domain::config_input> dom_decode(const std::string& body) {
    boost::system::error_code ec;
    auto v = boost::json::parse(body, ec);
    BOOST_REQUIRE_MESSAGE(!ec, "not JSON: " << body);
    return api::decode_config_input(v, domain::switches{}, body);
}

const std::string param = R"("{\"bucket\":\"results\",\"prefix\":\"ok/\",\"expires\":0}")";

/// Bodies as clients send them: the direct reader takes each.
const std::vector<std::string> taken = {
    R"({})",
    R"({"max_async_event_age_in_seconds":3600,"max_async_retry_attempts":2})",
    R"({"max_async_event_age_in_seconds":-5,"max_async_retry_attempts":9223372036854775807})",
    R"({"enable_async_status_log":true,"max_async_retry_attempts":0})",
    R"( { "enable_async_status_log" : false } )",
    R"({"destination_config":{}})",
    R"({"destination_config":{"on_success":{}}})",
    R"({"max_async_event_age_in_seconds":3600,"destination_config":{"on_success":{"destination":"OBS","param":)" +
        param + R"(}},"enable_async_status_log":true})",
    R"({"destination_config":{"on_failure":{"destination":"SMN","param":"{\"topic_urn\":\"urn:smn:x\"}"},"on_success":{"destination":"DIS","param":"not an object"}}})",
    R"({"destination_config":{"on_success":{"param":"{\"a\":null,\"b\":1.5,\"c\":[1],\"d\":{\"e\":1},\"f\":18446744073709551616}"}}})",
    R"({"destination_config":{"on_success":{"param":"[1,2]"}}})",
    R"({"destination_config":{"on_success":{"param":"{\"a\":1,\"a\":2}"}}})",
    R"({"log_group_id":"g","log_stream_id":"s","log_group_name":"gn","log_stream_name":"sn"})",
    R"({"log_group_name":"\u00e9\n\"quoted\" \\ and a long string that is longer than one word"})",
    "{\"destination_config\":{\"on_success\":{\"destination\":\"OBS\"}}}\n\t ",
};

/// Bodies the direct reader declines: errors, and shapes it leaves to the DOM decoder.
const std::vector<std::string> declined = {
    "",
    "   ",
    "[]",
    "1",
    "\"text\"",
    "null",
    "{",
    R"({"max_async_retry_attempts":1} x)",
    R"({"max_async_retry_attempts":1}{})",
    R"({"max_async_retry_attempts":1,})",
    R"({"max_async_retry_attempts":1,"max_async_retry_attempts":2})",
    R"({"destination_config":{},"destination_config":{}})",
    R"({"destination_config":{"on_success":{},"on_success":{}}})",
    R"({"destination_config":{"on_success":{"destination":"OBS","destination":"SMN"}}})",
    R"({"unknown":1})",
    R"({"destination_config":{"on_other":{}}})",
    R"({"destination_config":{"on_success":{"extra":1}}})",
    R"({"max_async_retry_attempts":"1"})",
    R"({"max_async_retry_attempts":1.0})",
    R"({"max_async_retry_attempts":1e2})",
    R"({"max_async_retry_attempts":-0.0})",
    R"({"max_async_retry_attempts":9223372036854775808})",
    R"({"max_async_retry_attempts":-9223372036854775809})",
    R"({"max_async_retry_attempts":null})",
    R"({"max_async_retry_attempts":true})",
    R"({"max_async_retry_attempts":[]})",
    R"({"max_async_retry_attempts":{}})",
    R"({"enable_async_status_log":1})",
    R"({"enable_async_status_log":"true"})",
    R"({"log_group_id":1})",
    R"({"log_group_id":null})",
    R"({"destination_config":null})",
    R"({"destination_config":[]})",
    R"({"destination_config":{"on_success":null}})",
    R"({"destination_config":{"on_success":"OBS"}})",
    R"({"destination_config":{"on_success":{"destination":1}}})",
    R"({"destination_config":{"on_success":{"param":{}}}})",
    R"({"destination_config":{"on_success":{"destination":["OBS"]}}})",
    R"({"max_async_retry_attempts":1 /* comment */})",
    "{\"log_group_id\":\"\xff\"}",
};

} // namespace

BOOST_AUTO_TEST_CASE(direct_reader_takes_the_bodies_clients_send_and_gives_the_dom_value) {
    for (const auto& body : taken) {
        BOOST_TEST_CONTEXT(body) {
            const auto direct = api::decode_config_input_direct(body);
            BOOST_TEST_REQUIRE(direct.has_value());
            const auto dom = dom_decode(body);
            BOOST_TEST_REQUIRE(dom.has_value());
            BOOST_TEST((*direct == *dom));
        }
    }
}

BOOST_AUTO_TEST_CASE(direct_reader_declines_errors_and_odd_shapes) {
    for (const auto& body : declined)
        BOOST_TEST_CONTEXT(body) {
            BOOST_TEST(!api::decode_config_input_direct(body));
        }
}

BOOST_AUTO_TEST_CASE(direct_reader_fills_every_field) {
    const auto in = api::decode_config_input_direct(taken[7]);
    BOOST_TEST_REQUIRE(in.has_value());
    BOOST_TEST((in->max_async_event_age_in_seconds == 3600));
    BOOST_TEST(!in->max_async_retry_attempts);
    BOOST_TEST((in->enable_async_status_log == true));
    BOOST_TEST(in->has_destination_config);
    BOOST_TEST_REQUIRE(in->on_success.has_value());
    BOOST_TEST(!in->on_failure);
    BOOST_TEST((in->on_success->destination == "OBS"));
    BOOST_TEST((in->on_success->param == R"({"bucket":"results","prefix":"ok/","expires":0})"));
    BOOST_TEST(in->on_success->param_is_json_object);
    const std::map<std::string, domain::param_value> fields = {
        {"bucket", std::string("results")}, {"prefix", std::string("ok/")}, {"expires", 0L}};
    BOOST_TEST((in->on_success->param_fields == fields));
}

BOOST_AUTO_TEST_CASE(destination_param_is_read_as_the_dom_reads_it) {
    using fields = std::map<std::string, domain::param_value>;
    const auto big = std::numeric_limits<std::int64_t>::max();
    const std::vector<std::pair<std::string, std::optional<fields>>> cases = {
        {R"({})", fields{}},
        {R"({"a":null,"b":true,"c":-3,"d":2.5,"e":"x\"y"})", fields{{"a", std::monostate{}},
                                                                    {"b", true},
                                                                    {"c", -3L},
                                                                    {"d", 2.5},
                                                                    {"e", std::string("x\"y")}}},
        {R"( {"f":18446744073709551615} )", fields{{"f", big}}},
        {R"({"g":-0})", fields{{"g", 0L}}},
        // Arrays and objects as values go through the DOM: param_other.
        {R"({"h":[1],"i":{"j":2},"k":1})",
         fields{{"h", domain::param_other{}}, {"i", domain::param_other{}}, {"k", 1L}}},
        // A repeated key goes through the DOM too, which keeps one of them.
        {R"({"a":1,"a":2})", std::nullopt},
        // Not a JSON object: nothing.
        {R"([1])", std::nullopt},
        {R"("text")", std::nullopt},
        {R"(7)", std::nullopt},
        {R"(null)", std::nullopt},
        {R"()", std::nullopt},
        {R"({"a":1)", std::nullopt},
        {R"({"a":1} x)", std::nullopt},
        {R"({"a":1}{})", std::nullopt},
        // Deeper than 16 levels: not read at all.
        {R"({"a":[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]})", std::nullopt},
    };
    for (const auto& [text, expected] : cases) {
        BOOST_TEST_CONTEXT(text) {
            const auto got = api::read_destination_param(text);
            if (text == R"({"a":1,"a":2})") {
                // Whatever the DOM makes of it, one key with one of the two values.
                BOOST_TEST_REQUIRE(got.has_value());
                BOOST_TEST(got->size() == 1u);
                continue;
            }
            BOOST_TEST(got.has_value() == expected.has_value());
            if (got && expected)
                BOOST_TEST((*got == *expected));
        }
    }
}

// The event of an invocation is checked without a DOM: exactly the texts that parse (as a
// request body is parsed, depth 64) to an object pass.
BOOST_AUTO_TEST_CASE(json_object_text_is_what_parses_to_an_object) {
    const std::string deep_ok = std::string(63, '[') + std::string(63, ']');
    const std::vector<std::string> texts = {
        "{}",
        R"( {"k":"v","n":[1,2.5,-3,18446744073709551616,null,true,{"x":{}}]} )",
        "{\"a\":" + deep_ok + "}",
        "{\"a\":" + std::string(64, '[') + std::string(64, ']') + "}",
        "[]",
        "1",
        "\"text\"",
        "null",
        "",
        "{",
        "{} {}",
        "{} x",
        "{\"a\":1,}",
        "{/*c*/}",
        "{\"s\":\"\xff\"}",
    };
    for (const auto& text : texts) {
        BOOST_TEST_CONTEXT(text) {
            boost::json::parse_options opt;
            opt.max_depth = 64;
            boost::system::error_code ec;
            const auto v = boost::json::parse(text, ec, {}, opt);
            BOOST_TEST(api::is_json_object_text(text) == (!ec && v.is_object()));
        }
    }
    BOOST_TEST(api::is_json_object_text(texts[2]));
    BOOST_TEST(!api::is_json_object_text(texts[3])); // 65 levels
}
