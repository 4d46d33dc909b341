#pragma once
// Assertions of the api-tier tests (the error checks are in support/http_checks.hpp): "the
// stored config did not change", and raw requests for what api_harness::call cannot build
// (HTTP/1.0, odd headers).
#include "api_harness.hpp"
#include "support/http_checks.hpp"

#include <boost/test/unit_test.hpp>

#include <initializer_list>
#include <string>
#include <string_view>

namespace emu::test {

/// What GET async-invoke-config answers now (status and parsed body), to compare around a
/// request that must not change the stored config.
struct config_snapshot {
    unsigned status;
    json::value body;
};

inline config_snapshot snapshot(const api_harness& h, const std::string& urn) {
    auto a = h.call(http::verb::get, api_harness::config(urn));
    return {a.status(), a.body};
}

/// The stored config is what `before` saw.
inline void check_unchanged(const api_harness& h, const std::string& urn,
                            const config_snapshot& before) {
    auto now = snapshot(h, urn);
    BOOST_TEST(now.status == before.status, "config changed: " << now.body);
    BOOST_TEST(now.body == before.body);
}

/// Sends a hand-built request through pipeline::handle and parses the answer's body.
inline answer send(const api_harness& h, emu::request req) {
    req.prepare_payload();
    answer a{h.handle(req), {}};
    boost::system::error_code ec;
    a.body = json::parse(a.res.body(), ec);
    if (ec)
        a.body = nullptr;
    return a;
}

/// A request with the default credentials and Content-Type of api_harness::call.
inline emu::request make_request(http::verb method, const std::string& target,
                                 unsigned version = 11) {
    emu::request req{method, target, version};
    req.set("X-Auth-Token", "test-token");
    req.set(http::field::content_type, "application/json");
    return req;
}

} // namespace emu::test
