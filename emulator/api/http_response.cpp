#include "api/http_response.hpp"

#include <cstdint>
#include <cstring>
#include <string_view>

namespace emu::api {
namespace {

// The fields of a new response are inserted, not set: set() first looks for an earlier one
// to replace, and there is none (a few tree walks per answer).
response base(http::status status, const response_meta& meta) {
    response res{status, meta.version};
    res.insert(http::field::server, "fgs-emulator");
    res.insert("X-Request-Id", meta.request_id);
    if (meta.version != 11 || !meta.keep_alive) // HTTP/1.1 without Connection: keep-alive
        res.keep_alive(meta.keep_alive);
    return res;
}

/// Length of the valid UTF-8 sequence at s[i], or 0 when the bytes there are not one.
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
    auto at = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = at(i);
    if (c < 0x80)
        return 1;
    std::size_t n = c >= 0xC2 && c <= 0xDF   ? 2
                    : c >= 0xE0 && c <= 0xEF ? 3
                    : c >= 0xF0 && c <= 0xF4 ? 4
                                             : 0;
    if (n == 0 || i + n > s.size())
        return 0;
    // The second byte's range excludes overlong forms, surrogates and code points > U+10FFFF.
    const unsigned char lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;
    const unsigned char hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
    if (at(i + 1) < lo || at(i + 1) > hi)
        return 0;
    for (std::size_t k = 2; k < n; ++k)
        if (at(i + k) < 0x80 || at(i + k) > 0xBF)
            return 0;
    return n;
}

/// JSON text must be UTF-8 (RFC 8259 §8.1), but answers echo request bytes that need not be
/// (a URN in an error message, a request in the journal). Each byte that does not start a
/// valid sequence becomes U+FFFD. Bytes over 0x7F can only occur inside JSON strings, so this
/// never changes the syntax; valid bodies (nearly all) are returned untouched.
std::string valid_utf8(std::string body) {
    // ASCII runs, eight bytes at a time (answers are nearly all ASCII).
    std::size_t i = 0;
    for (std::uint64_t word; i + sizeof word <= body.size(); i += sizeof word) {
        std::memcpy(&word, body.data() + i, sizeof word);
        if (word & 0x8080808080808080u)
            break;
    }
    while (i < body.size()) {
        const auto n = utf8_sequence(body, i);
        if (n == 0)
            break;
        i += n;
    }
    if (i == body.size())
        return body;
    std::string out = body.substr(0, i);
    while (i < body.size()) {
        const auto n = utf8_sequence(body, i);
        if (n == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
        } else {
            out.append(body, i, n);
            i += n;
        }
    }
    return out;
}

} // namespace

response make_json_response(http::status status, std::string body, const response_meta& meta) {
    response res = base(status, meta);
    res.insert(http::field::content_type, "application/json");
    res.body() = valid_utf8(std::move(body));
    res.insert(http::field::content_length, std::to_string(res.body().size()));
    return res;
}

response make_empty_response(http::status status, const response_meta& meta) {
    response res = base(status, meta);
    res.prepare_payload();
    // RFC 9110 §8.6: a 204 carries no Content-Length (Beast's prepare_payload sets 0).
    if (status == http::status::no_content)
        res.erase(http::field::content_length);
    return res;
}

} // namespace emu::api
