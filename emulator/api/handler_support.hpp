#pragma once
// Small helpers shared by every handler: error and JSON answers, body and URN decoding.
#include "api/error_catalog.hpp"
#include "api/http_response.hpp"
#include "api/request_context.hpp"
#include "domain/error.hpp"
#include "domain/function_urn.hpp"

#include <boost/json/value.hpp>

#include <optional>
#include <string>

namespace emu::api {

/// Error answer for a domain error, with the rule that fired.
answer error_answer(const request_context& ctx, const domain::error& e,
                    page_kind page = page_kind::lifecycle);

/// Error answer for an API-layer error, with the rule that fired.
answer error_answer(const request_context& ctx, api_errc e, const std::string& detail);

/// 200 (or `status`) with a serialised JSON body.
response json_answer(const request_context& ctx, const boost::json::value& body,
                     http::status status = http::status::ok);

/// 200 with a body given verbatim (documentation example replays).
response raw_json_answer(const request_context& ctx, std::string body);

/// Parses the body as JSON into `out`; on failure returns the error answer (D26). The value
/// lives in ctx.json's memory: declare `out` with it (`json::value body(ctx.json)`), or the
/// assignment copies the parsed tree into out's own memory.
std::optional<answer> parse_json_body(request_context& ctx, boost::json::value& out);

/// Parses the {function_urn} path parameter (switch strict_urn_length, D09).
domain::result<domain::function_urn> path_urn(const request_context& ctx);

/// The path's {function_urn} and the JSON body decoded by `decode(body)` (a json_codec
/// decode_*_input): true with both set, or false with `err` holding the answer of the first
/// failure, in that order (URN, JSON syntax, body fields).
template <class Input, class Decode>
bool decode_urn_and_body(request_context& ctx, Decode&& decode, domain::function_urn& urn,
                         Input& in, std::optional<answer>& err) {
    auto parsed = path_urn(ctx);
    if (!parsed) {
        err = error_answer(ctx, parsed.error());
        return false;
    }
    boost::json::value body(ctx.json); // parse_json_body fills it in place
    if ((err = parse_json_body(ctx, body)))
        return false;
    auto input = decode(body);
    if (!input) {
        err = error_answer(ctx, input.error());
        return false;
    }
    urn = std::move(*parsed);
    in = std::move(*input);
    return true;
}

} // namespace emu::api
