#pragma once
// The single place that turns an error into HTTP: status, error_code and error_msg.
// Domain errors (domain::errc) and the API layer's own (api_errc) both end here; the body
// is always {"error_code","error_msg"} (plus "request_id" for gateway-dialect errors).
#include "domain/error.hpp"
#include "domain/switches.hpp"
#include "http/message.hpp"

#include <string>

namespace emu::api {

/// Errors found before or around the domain: routing, transport, decoding, auth.
enum class api_errc {
    route_not_found,      ///< no API at this path (404 gateway)
    method_not_allowed,   ///< known path, other method (D26)
    malformed_json,       ///< body is not JSON (D26)
    body_not_object,      ///< body is JSON but not an object
    body_too_large,       ///< over --max-body
    header_too_large,     ///< header section over its limit
    target_too_long,      ///< request-target over its limit
    auth_failed,          ///< neither X-Auth-Token nor a signature (D14)
    bad_content_type,     ///< Content-Type missing or not JSON (D08)
    invalid_switch,       ///< bad X-Emulator-Switches header
    control_bad_request,  ///< control API: bad body or query (400 EMU.0400)
    control_unauthorized, ///< control API: --admin-token missing or wrong (401 EMU.0401)
    control_not_found,    ///< control API: unknown fault id etc. (404 EMU.0404)
    internal,             ///< a bug (500)
};

/// Which documentation page family answers, for D13's per-page "not found" codes.
enum class page_kind { lifecycle, async_invocation };

/// A resolved error: what goes on the wire.
struct error_entry {
    http::status status;
    std::string error_code;
    std::string error_msg;
    bool gateway = false; ///< gateway errors also carry request_id in the body
};

/// Maps a domain error (switches D13 for not-found codes).
error_entry describe(const domain::error& e, const domain::switches& b,
                     page_kind page = page_kind::lifecycle);

/// Maps an API-layer error; `detail` is appended to the documented message.
error_entry describe(api_errc e, const std::string& detail, const domain::switches& b);

/// The rule that fired, for the journal: the error's name, its field, and the switch that
/// chose the answer where one did (e.g. "malformed_json (switch bad_json=406)").
std::string rule_of(const domain::error& e, const domain::switches& b);
std::string rule_of(api_errc e, const domain::switches& b);

/// The error response for an entry (JSON body, X-Request-Id, keep-alive from meta).
response make_error_response(const error_entry& e, const response_meta& meta);

} // namespace emu::api
