#pragma once
// Small helpers shared by every handler: error and JSON answers, body and URN decoding.
#include "api/error_catalog.hpp"
#include "api/request_context.hpp"
#include "domain/error.hpp"
#include "domain/function_urn.hpp"

#include <boost/json/value.hpp>

#include <optional>
#include <string>

namespace emu::api {

/// Error answer for a domain error; records the rule in ctx.rule.
response error_answer(request_context& ctx, const domain::error& e,
                      page_kind page = page_kind::lifecycle);

/// Error answer for an API-layer error; records the rule in ctx.rule.
response error_answer(request_context& ctx, api_errc e, const std::string& detail);

/// 200 (or `status`) with a serialised JSON body.
response json_answer(const request_context& ctx, const boost::json::value& body,
                     http::status status = http::status::ok);

/// 200 with a body given verbatim (documentation example replays).
response raw_json_answer(const request_context& ctx, std::string body);

/// Parses the body as JSON into `out`; on failure returns the error answer (D26). The value
/// lives in ctx.json's memory: declare `out` with it (`json::value body(ctx.json)`), or the
/// assignment copies the parsed tree into out's own memory.
std::optional<response> parse_json_body(request_context& ctx, boost::json::value& out);

/// Parses the {function_urn} path parameter (switch strict_urn_length, D09).
domain::result<domain::function_urn> path_urn(const request_context& ctx);

} // namespace emu::api
