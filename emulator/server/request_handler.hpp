#pragma once
// The one seam between transport and application: the server hands every parsed request
// to `handle` and every request it could not read in full to `reject`; both return what to
// send — `handle` may instead keep the request and answer later through a sink. The server
// knows nothing else about the application (the application wires its pipeline in).
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <chrono>
#include <functional>
#include <optional>

namespace emu::server {

using request = boost::beast::http::request<boost::beast::http::string_body>;
using response = boost::beast::http::response<boost::beast::http::string_body>;
using request_header = boost::beast::http::request_header<>;

/// Why a request could not be read in full. The application chooses the answer.
enum class transport_error {
    body_too_large,   ///< body exceeds the configured limit (413)
    header_too_large, ///< header section exceeds its limit (431)
    target_too_long,  ///< request-target exceeds its limit (414)
};

/// What the session does with a reply (fault injection can ask for more than "send").
enum class reply_action {
    send,     ///< write the response
    reset,    ///< close the connection abruptly without answering
    truncate, ///< write the header and half the body, then close
};

/// A response plus how to deliver it.
struct reply {
    response message;
    std::chrono::milliseconds delay{0}; ///< wait this long (on a timer) before acting
    reply_action action = reply_action::send;
};

/// Delivers the reply of a request answered later. Callable once, from any thread: the
/// reply is sent on the connection's own thread (dropped if the connection is gone).
using reply_sink = std::function<void(reply)>;

/// Makes the sink of the request being handled (the session it came from).
using deferral = std::function<reply_sink()>;

/// The application callbacks. Both are called on the connection's thread (its implicit
/// strand, net.hpp) and may run concurrently for different connections, so they must be
/// thread-safe.
struct request_handler {
    /// A reply now, or nullopt after taking a sink from the deferral to answer later (the
    /// connection then waits, reading nothing, with no deadline).
    std::function<std::optional<reply>(request&&, const deferral&)> handle;
    std::function<reply(transport_error, const request_header&)> reject;
};

} // namespace emu::server
