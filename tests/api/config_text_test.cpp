// Unit tests of api::encode_config_text: the GET and PUT answers are written directly, and
// must be the bytes boost::json::serialize makes of encode_config, under every switch that
// shapes them and for strings that need escapes.
#include "api/json_codec.hpp"
#include "domain/switches.hpp"

#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <limits>
#include <string>
#include <vector>

using namespace emu;

namespace {

domain::async_invoke_config sample(std::string param) {
    domain::async_invoke_config c;
    c.func_urn = "urn:fss:cn-north-4:0123456789abcdef0123456789abcdef:function:default:f:latest";
    c.max_async_event_age_in_seconds = 30;
    c.max_async_retry_attempts = 0;
    c.destination_config.on_success = domain::destination_target{"OBS", std::move(param)};
    c.created_time = domain::time_point(std::chrono::seconds(1700000000));
    c.last_modified = domain::time_point(std::chrono::milliseconds(1700000123456));
    return c;
}

/// Every combination of the switches encode_config reads.
std::vector<domain::switches> switch_sets() {
    std::vector<domain::switches> out;
    for (auto style :
         {domain::time_style::doc_mixed, domain::time_style::rfc3339, domain::time_style::utc_z})
        for (auto field : {domain::status_log_field::always, domain::status_log_field::never,
                           domain::status_log_field::when_set})
            for (bool empty_dest : {false, true})
                for (int floor : {0, 60}) {
                    domain::switches b;
                    b.time_style = style;
                    b.emit_enable_async_status_log = field;
                    b.emit_empty_destination_config = empty_dest;
                    b.event_age_output_floor = floor;
                    b.utc_offset_minutes = floor == 0 ? 480 : -90;
                    out.push_back(b);
                }
    return out;
}

std::vector<domain::async_invoke_config> configs() {
    std::vector<domain::async_invoke_config> out;
    out.push_back(sample(R"({"bucket":"results","prefix":"ok/","expires":0})"));
    // Every control character, quote, backslash, slash, DEL and bytes over 0x7F.
    std::string odd;
    for (int c = 0; c < 0x20; ++c)
        odd += static_cast<char>(c);
    odd += "\"\\/\x7f\xc3\xa9\xff";
    auto c = sample(odd);
    c.func_urn += odd;
    c.destination_config.on_failure = domain::destination_target{"SMN" + odd, odd};
    c.enable_async_status_log = true;
    c.max_async_event_age_in_seconds = std::numeric_limits<std::int64_t>::max();
    c.max_async_retry_attempts = std::numeric_limits<std::int64_t>::min();
    out.push_back(c);
    c.destination_config.on_success.reset();
    c.enable_async_status_log = false;
    out.push_back(c);
    c.destination_config.on_failure.reset();
    c.enable_async_status_log.reset();
    out.push_back(c);
    return out;
}

} // namespace

BOOST_AUTO_TEST_CASE(config_text_is_the_serialised_config_object) {
    std::size_t compared = 0;
    for (const auto& b : switch_sets())
        for (const auto& c : configs()) {
            const auto expected = boost::json::serialize(api::encode_config(c, b));
            BOOST_TEST(api::encode_config_text(c, b) == expected);
            ++compared;
        }
    BOOST_TEST(compared == 3u * 3 * 2 * 2 * 4);
}

// The encoder skips eight bytes at a time while none needs escaping: a byte that does, at
// every offset of a word and next to bytes that look like it, is still escaped.
BOOST_AUTO_TEST_CASE(config_text_escapes_a_byte_at_every_offset_of_a_word) {
    const domain::switches b;
    std::size_t compared = 0;
    for (const char special :
         {'"', '\\', '\x00', '\x01', '\x1f', ' ', '!', '#', '[', ']', '\x7f', '\x80', '\xff'})
        for (std::size_t offset = 0; offset < 17; ++offset) {
            auto c = sample(std::string(offset, 'a') + special + std::string(17 - offset, '!'));
            c.func_urn = std::string(offset, '\x21') + special + "\x1f" + std::string(9, '"');
            const auto expected = boost::json::serialize(api::encode_config(c, b));
            BOOST_TEST(api::encode_config_text(c, b) == expected);
            ++compared;
        }
    BOOST_TEST(compared == 13u * 17);
}
