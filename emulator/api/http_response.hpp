#pragma once
// Building responses: status, body, Content-Type, X-Request-Id and keep-alive in one place.
#include "http/message.hpp"

#include <functional>
#include <string>
#include <utility>

namespace emu::api {

/// What a handler answers: the response and, for a non-2xx, the rule that shaped it (the
/// error's name, its field, and the switch that chose the answer where one did), which the
/// journal shows. A plain response converts to an answer without a rule.
struct answer {
    response res;
    std::string rule;
    /// The handler keeps the request and answers later through the sink it took from
    /// request_context::defer (control-API waits); `res` is then unused.
    bool deferred = false;

    answer() = default;
    answer(response r) : res(std::move(r)) {} // NOLINT(google-explicit-constructor)
    answer(response r, std::string why) : res(std::move(r)), rule(std::move(why)) {}

    /// The answer of a handler that answers later.
    static answer later() {
        answer a;
        a.deferred = true;
        return a;
    }
};

/// Delivers a deferred answer: callable once, from any thread.
using answer_sink = std::function<void(answer)>;

/// A JSON response (Content-Type: application/json). Bytes of `body` that are not UTF-8
/// become U+FFFD, so that request bytes echoed in an answer never make it invalid JSON.
response make_json_response(http::status status, std::string body, const response_meta& meta);

/// A response without a body (204): no Content-Type.
response make_empty_response(http::status status, const response_meta& meta);

} // namespace emu::api
