#include "api/http_response.hpp"

namespace emu::api {
namespace {

response base(http::status status, const response_meta& meta) {
    response res{status, meta.version};
    res.set(http::field::server, "fgs-emulator");
    res.set("X-Request-Id", meta.request_id);
    res.keep_alive(meta.keep_alive);
    return res;
}

} // namespace

response make_json_response(http::status status, std::string body, const response_meta& meta) {
    response res = base(status, meta);
    res.set(http::field::content_type, "application/json");
    res.body() = std::move(body);
    res.prepare_payload();
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
