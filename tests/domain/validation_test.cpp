// Unit tests of domain/validation, build_config: ranges, defaults, replace vs merge and
// timestamps (seed table 3; spec §1.2, §1.4, D01, D02, D07). Destinations are in
// validation_destination_test.cpp, build_function in validation_function_test.cpp.
#include "domain/validation.hpp"

#include "config_test_support.hpp"
#include "support/domain_checks.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <cstdint>
#include <limits>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace bdata = boost::unit_test::data;
using namespace emu::domain;
using namespace emu::domain::test;

namespace {

// ---- ranges ----------------------------------------------------------------------------

struct range_case {
    int bound; ///< event_age_min or retry_max
    std::int64_t value;
    bool ok;
};
std::ostream& operator<<(std::ostream& os, const range_case& c) {
    return os << "bound " << c.bound << ", value " << c.value << (c.ok ? " ok" : " rejected");
}

const std::int64_t i64_min = std::numeric_limits<std::int64_t>::min();
const std::int64_t i64_max = std::numeric_limits<std::int64_t>::max();

std::vector<range_case> event_age_cases() {
    return {{1, 0, false},      {1, 1, true},       {1, 86400, true}, {1, 86401, false},
            {1, 60, true},      {1, -1, false},     {60, 59, false},  {60, 60, true},
            {60, 86400, true},  {60, 86401, false}, {60, 1, false},   {1, i64_min, false},
            {1, i64_max, false}};
}

std::vector<range_case> retry_cases() {
    return {{3, -1, false}, {3, 0, true},   {3, 3, true},        {3, 4, false},
            {3, 8, false},  {8, -1, false}, {8, 0, true},        {8, 8, true},
            {8, 9, false},  {8, 4, true},   {3, i64_min, false}, {8, i64_max, false}};
}

} // namespace

BOOST_AUTO_TEST_SUITE(validation_test)

// ---- build_config: ranges and defaults -------------------------------------------------

BOOST_DATA_TEST_CASE(event_age_range_follows_event_age_min, bdata::make(event_age_cases()), c) {
    switches b;
    b.event_age_min = c.bound;
    config_input in;
    in.max_async_event_age_in_seconds = c.value;
    auto r = build(in, b);
    if (c.ok) {
        BOOST_TEST_REQUIRE(r.has_value());
        BOOST_TEST(r->max_async_event_age_in_seconds == c.value);
    } else {
        check_error(
            r, errc::value_out_of_range, "max_async_event_age_in_seconds",
            {"from " + std::to_string(c.bound) + " to 86400", "got " + std::to_string(c.value)});
    }
}

BOOST_DATA_TEST_CASE(retry_range_follows_retry_max, bdata::make(retry_cases()), c) {
    switches b;
    b.retry_max = c.bound;
    config_input in;
    in.max_async_retry_attempts = c.value;
    auto r = build(in, b);
    if (c.ok) {
        BOOST_TEST_REQUIRE(r.has_value());
        BOOST_TEST(r->max_async_retry_attempts == c.value);
    } else {
        check_error(r, errc::value_out_of_range, "max_async_retry_attempts",
                    {"from 0 to " + std::to_string(c.bound), "got " + std::to_string(c.value)});
    }
}

BOOST_DATA_TEST_CASE(omitted_fields_take_the_defaults, bdata::make({1, 3}), retry_default) {
    switches b;
    b.retry_default = retry_default;
    auto r = build(config_input{}, b, {}, at(1234));
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST(r->func_urn == self_urn);
    BOOST_TEST(r->max_async_event_age_in_seconds == 3600);
    BOOST_TEST(r->max_async_retry_attempts == retry_default);
    BOOST_TEST(r->destination_config.empty());
    BOOST_TEST(!r->enable_async_status_log.has_value());
    BOOST_TEST(!r->log_group_id.has_value());
    BOOST_TEST(secs(r->created_time) == 1234);
    BOOST_TEST(secs(r->last_modified) == 1234);
}

BOOST_DATA_TEST_CASE(default_config_follows_retry_default, bdata::make({1, 3}), retry_default) {
    switches b;
    b.retry_default = retry_default;
    auto c = default_config(b, self_urn);
    BOOST_TEST(c.func_urn == self_urn);
    BOOST_TEST(c.max_async_event_age_in_seconds == 3600);
    BOOST_TEST(c.max_async_retry_attempts == retry_default);
    BOOST_TEST(c.destination_config.empty());
    BOOST_TEST(!c.enable_async_status_log.has_value());
}

BOOST_AUTO_TEST_CASE(seed_example_request_is_accepted) {
    config_input in;
    in.max_async_event_age_in_seconds = 10;
    in.max_async_retry_attempts = 3;
    in.enable_async_status_log = true;
    auto r = build(in);
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST(r->max_async_event_age_in_seconds == 10);
    BOOST_TEST(r->max_async_retry_attempts == 3);
    BOOST_TEST((r->enable_async_status_log == std::optional<bool>(true)));
}

// ---- build_config: replace vs merge and timestamps -------------------------------------

namespace {
async_invoke_config existing_config() {
    async_invoke_config c;
    c.func_urn = self_urn;
    c.max_async_event_age_in_seconds = 100;
    c.max_async_retry_attempts = 2;
    c.destination_config.on_success = destination_target{"OBS", "{\"bucket\":\"abc\"}"};
    c.destination_config.on_failure =
        destination_target{"SMN", "{\"topic_urn\":\"urn:smn:r:p:t\"}"};
    c.enable_async_status_log = true;
    c.log_group_id = "g1";
    c.log_stream_name = "s1";
    c.created_time = at(100);
    c.last_modified = at(200);
    return c;
}
} // namespace

BOOST_AUTO_TEST_CASE(replace_mode_resets_omitted_fields) {
    switches b;
    b.put_mode = update_mode::replace;
    config_input in;
    in.max_async_retry_attempts = 0;
    auto r = build(in, b, existing_config(), at(300));
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST(r->max_async_event_age_in_seconds == 3600);
    BOOST_TEST(r->max_async_retry_attempts == 0);
    BOOST_TEST(r->destination_config.empty());
    BOOST_TEST(!r->enable_async_status_log.has_value());
    BOOST_TEST(!r->log_group_id.has_value());
    BOOST_TEST(!r->log_stream_name.has_value());
    BOOST_TEST(secs(r->created_time) == 100);
    BOOST_TEST(secs(r->last_modified) == 300);
}

BOOST_AUTO_TEST_CASE(merge_mode_keeps_omitted_fields) {
    switches b;
    b.put_mode = update_mode::merge;
    config_input in;
    in.max_async_retry_attempts = 0;
    const auto old = existing_config();
    auto r = build(in, b, old, at(300));
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST(r->max_async_event_age_in_seconds == 100);
    BOOST_TEST(r->max_async_retry_attempts == 0);
    BOOST_TEST((r->destination_config == old.destination_config));
    BOOST_TEST((r->enable_async_status_log == std::optional<bool>(true)));
    BOOST_TEST((r->log_group_id == std::optional<std::string>("g1")));
    BOOST_TEST((r->log_stream_name == std::optional<std::string>("s1")));
    BOOST_TEST(secs(r->created_time) == 100);
    BOOST_TEST(secs(r->last_modified) == 300);
}

BOOST_AUTO_TEST_CASE(merge_mode_replaces_only_the_given_destination) {
    switches b;
    b.put_mode = update_mode::merge;
    auto in = with_on_failure(dest("FunctionGraph", valid_param("FunctionGraph")));
    const auto old = existing_config();
    auto r = build(in, b, old);
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST((r->destination_config.on_success == old.destination_config.on_success));
    BOOST_TEST_REQUIRE(r->destination_config.on_failure.has_value());
    BOOST_TEST(r->destination_config.on_failure->destination == "FunctionGraph");
    BOOST_TEST(r->destination_config.on_failure->param == "{...}");
}

BOOST_AUTO_TEST_CASE(replace_mode_drops_the_destination_not_given) {
    switches b;
    b.put_mode = update_mode::replace;
    auto in = with_on_failure(dest("FunctionGraph", valid_param("FunctionGraph")));
    auto r = build(in, b, existing_config());
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST(!r->destination_config.on_success.has_value());
    BOOST_TEST_REQUIRE(r->destination_config.on_failure.has_value());
    BOOST_TEST(r->destination_config.on_failure->destination == "FunctionGraph");
}

BOOST_AUTO_TEST_CASE(merge_without_existing_config_uses_the_defaults) {
    switches b;
    b.put_mode = update_mode::merge;
    b.retry_default = 3;
    auto r = build(config_input{}, b, {}, at(50));
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST(r->max_async_event_age_in_seconds == 3600);
    BOOST_TEST(r->max_async_retry_attempts == 3);
    BOOST_TEST(secs(r->created_time) == 50);
}

BOOST_DATA_TEST_CASE(created_time_is_kept_and_last_modified_moves,
                     bdata::make({"replace", "merge"}), mode_name) {
    BOOST_TEST_CONTEXT("put_mode " << mode_name) {
        switches b;
        b.put_mode = std::string(mode_name) == "merge" ? update_mode::merge : update_mode::replace;
        manual_clock clock(at(1'600'000'000));
        config_input first;
        first.max_async_event_age_in_seconds = 60;
        auto created = build(first, b, {}, clock.now());
        BOOST_TEST_REQUIRE(created.has_value());
        BOOST_TEST(secs(created->created_time) == 1'600'000'000);
        BOOST_TEST(secs(created->last_modified) == 1'600'000'000);

        clock.advance(std::chrono::seconds(90));
        config_input second;
        second.max_async_retry_attempts = 2;
        auto updated = build(second, b, *created, clock.now());
        BOOST_TEST_REQUIRE(updated.has_value());
        BOOST_TEST(secs(updated->created_time) == 1'600'000'000);
        BOOST_TEST(secs(updated->last_modified) == 1'600'000'090);
    }
}

BOOST_AUTO_TEST_CASE(status_log_and_log_fields_are_stored) {
    config_input in;
    in.enable_async_status_log = false;
    in.log_group_id = "gid";
    in.log_stream_id = "sid";
    in.log_group_name = "gname";
    in.log_stream_name = "sname";
    auto r = build(in);
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST((r->enable_async_status_log == std::optional<bool>(false)));
    BOOST_TEST((r->log_group_id == std::optional<std::string>("gid")));
    BOOST_TEST((r->log_stream_id == std::optional<std::string>("sid")));
    BOOST_TEST((r->log_group_name == std::optional<std::string>("gname")));
    BOOST_TEST((r->log_stream_name == std::optional<std::string>("sname")));
}

BOOST_AUTO_TEST_SUITE_END()
