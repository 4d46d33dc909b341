#pragma once
// The one seam between transport and application: the server hands every parsed request
// to `handle` and every request it could not read in full to `reject`; both return what to
// send. The server knows nothing else about the application (main wires the router in).
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <chrono>
#include <functional>

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

/// The application callbacks. Both are called on the connection's thread (its implicit
/// strand, net.hpp) and may run concurrently for different connections, so they must be
/// thread-safe.
struct request_handler {
    std::function<reply(request&&)> handle;
    std::function<reply(transport_error, const request_header&)> reject;
};

} // namespace emu::server
