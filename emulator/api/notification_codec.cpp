#include "api/notification_codec.hpp"

#include "api/time_format.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace emu::api {
namespace json = boost::json;

namespace {

/// A payload that is JSON is embedded as JSON, anything else as a string.
json::value embedded(const std::string& text) {
    boost::system::error_code ec;
    json::value v = json::parse(text, ec);
    return ec ? json::value(text) : v;
}

} // namespace

std::string encode_notification(const domain::notification& n, const domain::switches& b) {
    json::object o;
    std::string stamp = format_exact(n.timestamp).substr(0, 23) + "Z";
    // Emulation: D24 — the user guide's example reads 2020-08-20T12:00:00.000Z+08:00.
    if (b.notification_timestamp_quirk) {
        int offset = b.utc_offset_minutes, abs = offset < 0 ? -offset : offset;
        stamp += offset < 0 ? '-' : '+';
        stamp += std::to_string(100 + abs / 60).substr(1) + ":" +
                 std::to_string(100 + abs % 60).substr(1);
    }
    o["timestamp"] = stamp;
    o["request_context"] = {{"request_id", n.request_id},
                            {"function_urn", n.function_urn},
                            {"condition", n.condition},
                            {"approximate_invoke_count", n.approximate_invoke_count}};
    o["request_payload"] = embedded(n.request_payload);
    json::object response;
    // Emulation: D24 — status_code in the example, statusCode in the parameter table.
    response[b.notification_camel_status ? "statusCode" : "status_code"] = n.status_code;
    response["function_error"] = n.function_error;
    o["response_context"] = std::move(response);
    o["response_payload"] = embedded(n.response_payload);
    return json::serialize(o);
}

} // namespace emu::api
