#pragma once
// Invariants every fuzz target asserts on the responses it gets. A broken invariant prints
// what broke and aborts, which libFuzzer (and the replay test) reports as a crash.
#include "http/message.hpp"

#include <boost/beast/http/write.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>

namespace emu::fuzz {

namespace json = boost::json;
namespace http = boost::beast::http;

/// Aborts with `what` unless `ok`.
inline void check(bool ok, std::string_view what, std::string_view detail = {}) {
    if (ok)
        return;
    std::cerr << "fuzz invariant broken: " << what;
    if (!detail.empty())
        std::cerr << " [" << detail << "]";
    std::cerr << '\n';
    std::abort();
}

/// The input as text (any bytes).
inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

/// Checks one response of the emulator, as the session would send it:
/// - the status is a real HTTP status (100–599) and 204 has no body;
/// - no header name or value holds CR, LF or NUL (no response splitting);
/// - it serialises;
/// - unless `body_may_be_damaged` (a fault rule is active), a JSON body parses, and an error
///   status carries string error_code and error_msg.
inline void check_response(emu::response res, bool body_may_be_damaged = false) {
    const unsigned status = res.result_int();
    check(status >= 100 && status <= 599, "status is not 100-599", std::to_string(status));
    if (status == 204)
        check(res.body().empty(), "204 with a body", res.body());
    for (const auto& field : res) {
        for (std::string_view part : {field.name_string(), field.value()})
            check(part.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos,
                  "CR, LF or NUL in a response header", part);
    }
    if (status != 204 && status != 304)
        res.prepare_payload();
    std::ostringstream wire;
    wire << res;
    check(!wire.str().empty(), "the response does not serialise");
    if (body_may_be_damaged || res.body().empty())
        return;
    const bool is_json = res[http::field::content_type].starts_with("application/json");
    check(is_json || status < 400, "an error answer that is not JSON", res.body());
    if (!is_json)
        return;
    boost::system::error_code ec;
    json::value body = json::parse(res.body(), ec);
    check(!ec, "a JSON answer that does not parse", res.body());
    if (status >= 400) {
        const auto* o = body.if_object();
        check(o != nullptr, "an error body that is not an object", res.body());
        const auto* code = o->if_contains("error_code");
        const auto* msg = o->if_contains("error_msg");
        check(code && code->is_string() && !code->get_string().empty(),
              "an error body without error_code", res.body());
        check(msg && msg->is_string(), "an error body without error_msg", res.body());
    }
}

} // namespace emu::fuzz
