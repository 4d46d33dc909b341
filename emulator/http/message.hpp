#pragma once
// Beast message types used by the API layer (message headers only: no sockets here).
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <chrono>
#include <string>
#include <string_view>

namespace emu {
namespace http = boost::beast::http;
using request = http::request<http::string_body>;
using response = http::response<http::string_body>;

/// The first field called `name` (as find() does), found by a walk in arrival order: a
/// request has a handful of fields, and the walk compares a known name's enum or an unknown
/// name's length before any text, where find() compares names case-insensitively down a
/// tree. Measured: the lookups of every request cost a twentieth of a GET.
inline http::fields::const_iterator find_field(const http::fields& f, http::field name) {
    for (auto it = f.begin(); it != f.end(); ++it)
        if (it->name() == name)
            return it;
    return f.end();
}
/// The same for a name Beast does not know (X-Auth-Token, X-Sdk-Date, X-Emulator-…).
inline http::fields::const_iterator find_field(const http::fields& f, std::string_view name) {
    for (auto it = f.begin(); it != f.end(); ++it)
        if (it->name_string().size() == name.size() &&
            boost::beast::iequals(it->name_string(), name))
            return it;
    return f.end();
}
/// The value of the first field called `name`, empty when there is none (as operator[]).
template <class Name> std::string_view field_value(const http::fields& f, Name name) {
    auto it = find_field(f, name);
    return it == f.end() ? std::string_view{} : std::string_view(it->value());
}

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
