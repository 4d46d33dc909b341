#pragma once
// The whole application (application::create, wired as main wires it) on 127.0.0.1:0 with a
// manual clock standing at 2021-03-04T00:00:00Z, and a test client with shorthands for the
// public and the control API. For the socket tests only: what needs no socket is tested in
// process at the api tier (tests/api/control_harness.hpp). Nothing here sleeps.
#include "app/application.hpp"
#include "domain/clock.hpp"
#include "support/http_checks.hpp"
#include "support/test_client.hpp"

#include <memory>
#include <string>

namespace emu::test {

/// 2021-03-04T00:00:00Z, where the manual clock of running_app starts.
domain::time_point app_start_time();

/// Options of a test application: port 0, two I/O threads, no seed.
options test_options();

/// An application started on port 0 whose real time is a manual clock standing at
/// app_start_time(); stopped and joined on destruction.
struct running_app {
    domain::manual_clock clock{app_start_time()};
    std::unique_ptr<application> app;
    unsigned short port = 0;

    explicit running_app(const options& opts = test_options());
    ~running_app();
    running_app(const running_app&) = delete;
    running_app& operator=(const running_app&) = delete;
};

/// A test_client of a running_app with shorthands: api() for the public API (api_headers
/// sent unless told otherwise), ctl() for the control API (nothing extra sent).
class client : public test_client {
public:
    explicit client(const running_app& s) : test_client(s.port) {}

    response api(http::verb method, const std::string& target, std::string body = {},
                 const header_list& headers = api_headers) {
        return request(method, target, std::move(body), headers);
    }
    response ctl(http::verb method, const std::string& target, std::string body = {},
                 const header_list& headers = {}) {
        return request(method, target, std::move(body), headers);
    }
};

} // namespace emu::test
