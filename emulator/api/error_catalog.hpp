#pragma once
// The single place that turns an error into HTTP: status, error_code and error_msg, read
// from the error table (api/error_table.hpp). Domain errors (domain::errc) and the API
// layer's own (api_errc) both end here; the body is always {"error_code","error_msg"} (plus
// "request_id" for gateway-dialect errors).
#include "api/error_table.hpp"
#include "domain/error.hpp"
#include "domain/switches.hpp"
#include "http/message.hpp"

#include <string>

namespace emu::api {

/// A resolved error: what goes on the wire.
struct error_entry {
    http::status status;
    std::string error_code;
    std::string error_msg;
    bool gateway = false; ///< gateway errors also carry request_id in the body
};

/// Maps a domain error; `page` picks per-page variants (D13, D16).
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
