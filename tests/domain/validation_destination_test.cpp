// Unit tests of domain/validation, build_config: destinations and their param rules (seed
// tables 4-5; spec §1.2, D06).
#include "domain/validation.hpp"

#include "config_test_support.hpp"
#include "support/domain_checks.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace bdata = boost::unit_test::data;
using namespace emu::domain;
using namespace emu::domain::test;

namespace {

// ---- destinations ----------------------------------------------------------------------

struct enum_case {
    std::string destination;
    bool allow_dis;
    bool ok;
};
std::ostream& operator<<(std::ostream& os, const enum_case& c) {
    return os << "'" << c.destination << "' allow_dis=" << c.allow_dis;
}

std::vector<enum_case> enum_cases() {
    return {{"OBS", false, true},
            {"SMN", false, true},
            {"FunctionGraph", false, true},
            {"DIS", false, false},
            {"OBS", true, true},
            {"SMN", true, true},
            {"FunctionGraph", true, true},
            {"DIS", true, true},
            {"obs", false, false},
            {"smn", true, false},
            {"functiongraph", false, false},
            {"dis", true, false},
            {"Kafka", true, false},
            {"", false, false},
            {" OBS", false, false}};
}

struct param_case {
    std::string label;
    std::string destination;
    fields_t fields;
    bool ok;
    errc code = errc::invalid_format;
    std::string key = {};                ///< the param key the error names
    std::vector<std::string> parts = {}; ///< further parts of the detail
};
std::ostream& operator<<(std::ostream& os, const param_case& c) {
    return os << c.label;
}

std::vector<param_case> param_cases() {
    using s = std::string;
    using i = std::int64_t;
    const s bucket_rule = "3-63 lower-case letters";
    return {
        // OBS: bucket
        {"OBS full", "OBS", valid_param("OBS"), true},
        {"OBS bucket only", "OBS", {{"bucket", s("abc")}}, true},
        {"OBS no bucket",
         "OBS",
         {{"prefix", s("p")}},
         false,
         errc::missing_field,
         "bucket",
         {"is required"}},
        {"OBS empty param", "OBS", {}, false, errc::missing_field, "bucket", {"is required"}},
        {"OBS bucket number",
         "OBS",
         {{"bucket", i{42}}},
         false,
         errc::invalid_type,
         "bucket",
         {"must be a string"}},
        {"OBS bucket null",
         "OBS",
         {{"bucket", std::monostate{}}},
         false,
         errc::invalid_type,
         "bucket",
         {"must be a string"}},
        {"OBS bucket 2 chars",
         "OBS",
         {{"bucket", s("ab")}},
         false,
         errc::invalid_format,
         "bucket",
         {bucket_rule}},
        {"OBS bucket 63 chars", "OBS", {{"bucket", s(63, 'b')}}, true},
        {"OBS bucket 64 chars",
         "OBS",
         {{"bucket", s(64, 'b')}},
         false,
         errc::invalid_format,
         "bucket",
         {bucket_rule}},
        {"OBS bucket upper case",
         "OBS",
         {{"bucket", s("MyBucket")}},
         false,
         errc::invalid_format,
         "bucket",
         {bucket_rule}},
        {"OBS bucket leading -",
         "OBS",
         {{"bucket", s("-abc")}},
         false,
         errc::invalid_format,
         "bucket",
         {"starting and ending with a letter or digit"}},
        {"OBS bucket trailing .",
         "OBS",
         {{"bucket", s("abc.")}},
         false,
         errc::invalid_format,
         "bucket",
         {"starting and ending with a letter or digit"}},
        {"OBS bucket underscore",
         "OBS",
         {{"bucket", s("my_bucket")}},
         false,
         errc::invalid_format,
         "bucket",
         {bucket_rule}},
        {"OBS bucket dots and dashes", "OBS", {{"bucket", s("my.bucket-1")}}, true},
        // OBS: prefix
        {"OBS prefix number",
         "OBS",
         {{"bucket", s("abc")}, {"prefix", i{5}}},
         false,
         errc::invalid_type,
         "prefix",
         {"must be a string"}},
        {"OBS prefix empty", "OBS", {{"bucket", s("abc")}, {"prefix", s("")}}, true},
        {"OBS prefix 1024", "OBS", {{"bucket", s("abc")}, {"prefix", s(1024, 'p')}}, true},
        {"OBS prefix 1025",
         "OBS",
         {{"bucket", s("abc")}, {"prefix", s(1025, 'p')}},
         false,
         errc::invalid_format,
         "prefix",
         {"at most 1024"}},
        // OBS: expires 0-365 days (seed table 5)
        {"OBS expires -1",
         "OBS",
         {{"bucket", s("abc")}, {"expires", i{-1}}},
         false,
         errc::value_out_of_range,
         "expires",
         {"from 0 to 365", "got -1"}},
        {"OBS expires 0", "OBS", {{"bucket", s("abc")}, {"expires", i{0}}}, true},
        {"OBS expires 365", "OBS", {{"bucket", s("abc")}, {"expires", i{365}}}, true},
        {"OBS expires 366",
         "OBS",
         {{"bucket", s("abc")}, {"expires", i{366}}},
         false,
         errc::value_out_of_range,
         "expires",
         {"from 0 to 365", "got 366"}},
        {"OBS expires string",
         "OBS",
         {{"bucket", s("abc")}, {"expires", s("30")}},
         false,
         errc::invalid_type,
         "expires",
         {"must be an integer"}},
        {"OBS expires double",
         "OBS",
         {{"bucket", s("abc")}, {"expires", 1.5}},
         false,
         errc::invalid_type,
         "expires",
         {"must be an integer"}},
        {"OBS expires bool",
         "OBS",
         {{"bucket", s("abc")}, {"expires", true}},
         false,
         errc::invalid_type,
         "expires",
         {"must be an integer"}},
        {"OBS expires object",
         "OBS",
         {{"bucket", s("abc")}, {"expires", param_other{}}},
         false,
         errc::invalid_type,
         "expires",
         {"must be an integer"}},
        // SMN
        {"SMN topic", "SMN", valid_param("SMN"), true},
        {"SMN no topic_urn", "SMN", {}, false, errc::missing_field, "topic_urn", {"is required"}},
        {"SMN topic_urn number",
         "SMN",
         {{"topic_urn", i{1}}},
         false,
         errc::invalid_type,
         "topic_urn",
         {"must be a string"}},
        {"SMN topic_urn 4 fields",
         "SMN",
         {{"topic_urn", s("urn:smn:cn-north-4:proj0001")}},
         false,
         errc::invalid_format,
         "topic_urn",
         {"urn:smn:<region>:<project_id>:<topic>"}},
        {"SMN topic_urn 6 fields",
         "SMN",
         {{"topic_urn", s("urn:smn:r:p:t:extra")}},
         false,
         errc::invalid_format,
         "topic_urn",
         {"SMN topic URN"}},
        {"SMN topic_urn wrong service",
         "SMN",
         {{"topic_urn", s("urn:fss:r:p:t")}},
         false,
         errc::invalid_format,
         "topic_urn",
         {"SMN topic URN"}},
        {"SMN topic_urn empty region",
         "SMN",
         {{"topic_urn", s("urn:smn::p:t")}},
         false,
         errc::invalid_format,
         "topic_urn",
         {"SMN topic URN"}},
        {"SMN topic_urn prefix only",
         "SMN",
         {{"topic_urn", s("urn:smn:")}},
         false,
         errc::invalid_format,
         "topic_urn",
         {"SMN topic URN"}},
        {"SMN topic_urn bad char",
         "SMN",
         {{"topic_urn", s("urn:smn:r:p:t!")}},
         false,
         errc::invalid_format,
         "topic_urn",
         {"SMN topic URN"}},
        // FunctionGraph
        {"FunctionGraph full urn", "FunctionGraph", valid_param("FunctionGraph"), true},
        {"FunctionGraph short urn", "FunctionGraph", {{"func_urn", s("default:target")}}, true},
        {"FunctionGraph no func_urn",
         "FunctionGraph",
         {},
         false,
         errc::missing_field,
         "func_urn",
         {"is required"}},
        {"FunctionGraph func_urn number",
         "FunctionGraph",
         {{"func_urn", i{7}}},
         false,
         errc::invalid_type,
         "func_urn",
         {"must be a string"}},
        {"FunctionGraph func_urn with space",
         "FunctionGraph",
         {{"func_urn", s("bad urn")}},
         false,
         errc::invalid_urn,
         "func_urn",
         {"space"}},
        {"FunctionGraph func_urn 5 fields",
         "FunctionGraph",
         {{"func_urn", s("a:b:c:d:e")}},
         false,
         errc::invalid_urn,
         "func_urn",
         {"5 colon-separated fields"}},
        {"FunctionGraph func_urn empty",
         "FunctionGraph",
         {{"func_urn", s("")}},
         false,
         errc::invalid_urn,
         "func_urn",
         {"empty"}},
        // DIS (allow_dis_destination=true in these cases)
        {"DIS stream", "DIS", valid_param("DIS"), true},
        {"DIS no stream_name",
         "DIS",
         {},
         false,
         errc::missing_field,
         "stream_name",
         {"is required"}},
        {"DIS stream_name number",
         "DIS",
         {{"stream_name", i{5}}},
         false,
         errc::invalid_type,
         "stream_name",
         {"must be a string"}},
        {"DIS stream_name empty",
         "DIS",
         {{"stream_name", s("")}},
         false,
         errc::invalid_format,
         "stream_name",
         {"1-64"}},
        {"DIS stream_name 64", "DIS", {{"stream_name", s(64, 's')}}, true},
        {"DIS stream_name 65",
         "DIS",
         {{"stream_name", s(65, 's')}},
         false,
         errc::invalid_format,
         "stream_name",
         {"1-64"}},
    };
}

} // namespace

BOOST_AUTO_TEST_SUITE(validation_destination_test)

// ---- build_config: destinations --------------------------------------------------------

BOOST_DATA_TEST_CASE(destination_enum, bdata::make(enum_cases()), c) {
    switches b;
    b.allow_dis_destination = c.allow_dis;
    auto r = build(with_on_failure(dest(c.destination, valid_param(c.destination))), b);
    if (c.ok) {
        BOOST_TEST_REQUIRE(r.has_value());
        BOOST_TEST_REQUIRE(r->destination_config.on_failure.has_value());
        BOOST_TEST(r->destination_config.on_failure->destination == c.destination);
        BOOST_TEST(!r->destination_config.on_success.has_value());
    } else {
        const std::string allowed =
            c.allow_dis ? "OBS, SMN, DIS, FunctionGraph" : "OBS, SMN, FunctionGraph";
        check_error(r, errc::invalid_enum, "destination_config.on_failure.destination",
                    {"must be one of " + allowed, "'" + c.destination + "'"});
        if (c.destination == "DIS")
            BOOST_TEST(contains(r.error().detail, "allow_dis_destination"));
    }
}

BOOST_DATA_TEST_CASE(param_rules_per_destination, bdata::make(param_cases()), c) {
    switches b;
    b.allow_dis_destination = true;
    auto r = build(with_on_failure(dest(c.destination, c.fields)), b);
    if (c.ok) {
        BOOST_TEST_REQUIRE(r.has_value(), (r ? std::string() : r.error().detail));
        BOOST_TEST_REQUIRE(r->destination_config.on_failure.has_value());
        BOOST_TEST(r->destination_config.on_failure->destination == c.destination);
        BOOST_TEST(r->destination_config.on_failure->param == "{...}");
    } else {
        check_error(r, c.code, "destination_config.on_failure.param." + c.key, c.parts);
    }
}

BOOST_AUTO_TEST_CASE(on_success_errors_name_the_on_success_path) {
    config_input in;
    in.has_destination_config = true;
    in.on_success = dest("OBS", {{"bucket", std::string("abc")}, {"expires", std::int64_t{400}}});
    check_error(build(in), errc::value_out_of_range, "destination_config.on_success.param.expires",
                {"from 0 to 365", "got 400"});
}

BOOST_AUTO_TEST_CASE(both_destinations_are_stored) {
    config_input in;
    in.has_destination_config = true;
    in.on_success = dest("SMN", valid_param("SMN"));
    in.on_failure = dest("OBS", valid_param("OBS"));
    auto r = build(in);
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST_REQUIRE(r->destination_config.on_success.has_value());
    BOOST_TEST_REQUIRE(r->destination_config.on_failure.has_value());
    BOOST_TEST(r->destination_config.on_success->destination == "SMN");
    BOOST_TEST(r->destination_config.on_failure->destination == "OBS");
}

BOOST_AUTO_TEST_CASE(param_that_is_not_a_json_object_is_rejected) {
    destination_input d;
    d.destination = "OBS";
    d.param = "[1,2]";
    d.param_is_json_object = false;
    check_error(build(with_on_failure(d)), errc::invalid_format,
                "destination_config.on_failure.param", {"JSON object"});
}

BOOST_AUTO_TEST_CASE(destination_without_param_is_rejected) {
    destination_input d;
    d.destination = "SMN";
    check_error(build(with_on_failure(d)), errc::missing_field,
                "destination_config.on_failure.param", {"is required", "SMN"});
}

BOOST_AUTO_TEST_CASE(param_without_destination_is_rejected) {
    destination_input d;
    d.param = "{\"bucket\":\"abc\"}";
    d.param_fields = fields_t{{"bucket", std::string("abc")}};
    d.param_is_json_object = true;
    check_error(build(with_on_failure(d)), errc::missing_field,
                "destination_config.on_failure.destination", {"is required", "param"});
}

BOOST_AUTO_TEST_CASE(empty_destination_entry_configures_nothing) {
    auto r = build(with_on_failure(destination_input{}));
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST(r->destination_config.empty());
}

BOOST_AUTO_TEST_CASE(first_error_wins_and_nothing_is_built) {
    config_input in;
    in.max_async_event_age_in_seconds = 0;
    in.max_async_retry_attempts = 99;
    auto r = build(in);
    BOOST_TEST_REQUIRE(r.has_error());
    BOOST_TEST(r.error().field == "max_async_event_age_in_seconds");
}

BOOST_AUTO_TEST_SUITE_END()
