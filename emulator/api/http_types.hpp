#pragma once
// Beast message types used by the API layer (message headers only: no sockets here).
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <string>

namespace emu::api {
namespace http = boost::beast::http;
using request = http::request<http::string_body>;
using response = http::response<http::string_body>;

/// What every response copies from its request.
struct response_meta {
    unsigned version = 11;
    bool keep_alive = true;
    std::string request_id;
};
} // namespace emu::api
