#pragma once
// The control-API tests of the api tier: the application's state and pipeline in process,
// configured from emu::options as application::create configures them, with a client whose
// api() / ctl() match the socket client of support/running_app.hpp. Only what needs a
// socket (delays, resets, truncation on the wire, transport limits, waits) stays in
// tests/http.
#include "api_harness.hpp"
#include "app/application.hpp"
#include "app/options.hpp"
#include "gateway/auth.hpp"
#include "support/http_checks.hpp"
#include "support/running_app.hpp"

#include <string>
#include <utility>

namespace emu::test {

/// The service configuration application::create builds from `opts`. Requires valid options.
inline control::service_config config_of(const options& opts) {
    std::string error;
    auto config = service_config_of(opts, error);
    BOOST_TEST_REQUIRE(config.has_value(), error);
    return *config;
}

/// The application without its server: api_harness built from `opts`, its manual clock at
/// app_start_time() like running_app's, ids and fault probabilities seeded by opts.seed,
/// the credentials and tokens of opts loaded.
struct control_harness : api_harness {
    explicit control_harness(const options& opts = test_options()) : api_harness(config_of(opts)) {
        clock.set(app_start_time());
        if (opts.seed) {
            ids.seed(*opts.seed);
            state.faults.seed(*opts.seed);
        }
        for (auto& c : opts.credentials) {
            auto parsed = gateway::parse_credential(c);
            BOOST_TEST_REQUIRE(parsed.has_value(), "--credential " << c);
            credentials.add(*parsed);
        }
        for (auto& t : opts.tokens) {
            auto parsed = gateway::parse_auth_token(t);
            BOOST_TEST_REQUIRE(parsed.has_value(), "--auth-token " << t);
            credentials.add(*parsed);
        }
    }
};

/// Requests to a control_harness through its pipeline, shaped like the socket client's:
/// api() sends api_headers unless told otherwise, ctl() sends nothing extra. Thread-safe as
/// the pipeline is; one client per thread keeps the tests alike.
class harness_client {
public:
    explicit harness_client(const control_harness& h) : h_(h) {}

    response api(http::verb method, const std::string& target, std::string body = {},
                 const header_list& headers = api_headers) const {
        return send(method, target, std::move(body), headers);
    }
    response ctl(http::verb method, const std::string& target, std::string body = {},
                 const header_list& headers = {}) const {
        return send(method, target, std::move(body), headers);
    }

private:
    response send(http::verb method, const std::string& target, std::string body,
                  const header_list& headers) const {
        emu::request req{method, target, 11};
        req.set(http::field::host, "127.0.0.1");
        for (const auto& [name, value] : headers)
            req.insert(name, value);
        req.body() = std::move(body);
        req.prepare_payload();
        auto res = h_.handle(req);
        BOOST_TEST_REQUIRE(res.result_int() != 0u, "deferred: " << target);
        return res;
    }

    const control_harness& h_;
};

} // namespace emu::test
