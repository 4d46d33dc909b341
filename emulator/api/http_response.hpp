#pragma once
// Building responses: status, body, Content-Type, X-Request-Id and keep-alive in one place.
#include "api/http_types.hpp"

#include <string>

namespace emu::api {

/// A JSON response (Content-Type: application/json). Bytes of `body` that are not UTF-8
/// become U+FFFD, so that request bytes echoed in an answer never make it invalid JSON.
response make_json_response(http::status status, std::string body, const response_meta& meta);

/// A response without a body (204): no Content-Type.
response make_empty_response(http::status status, const response_meta& meta);

} // namespace emu::api
