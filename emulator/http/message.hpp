#pragma once
// Beast message types used by the API layer (message headers only: no sockets here).
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <chrono>
#include <string>

namespace emu {
namespace http = boost::beast::http;
using request = http::request<http::string_body>;
using response = http::response<http::string_body>;

/// How an answer leaves (fault injection can ask for more than sending it).
enum class delivery {
    send,     ///< write the response
    reset,    ///< close the connection without answering
    truncate, ///< write the header and half the body, then close
};

/// An answer and how to deliver it.
struct outcome {
    response res;
    std::chrono::milliseconds delay{0};
    delivery how = delivery::send;
};

/// What every response copies from its request.
struct response_meta {
    unsigned version = 11;
    bool keep_alive = true;
    std::string request_id;
};
} // namespace emu
