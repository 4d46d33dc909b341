#pragma once
// The whole application on 127.0.0.1:0 with a manual clock, and helpers shared by the control
// API socket tests (control_api_*_test.cpp). Time moves only through the fixture's clock or
// PUT /_emulator/clock; nothing here sleeps.
#include "app/application.hpp"
#include "domain/clock.hpp"
#include "support/test_client.hpp"

#include <boost/beast/http/write.hpp>
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <memory>
#include <sstream>
#include <string>

namespace emu::test::control {

namespace json = boost::json;
namespace http = boost::beast::http;

inline const std::string project_a = "0123456789abcdef0123456789abcdef";
inline const std::string project_b = "fedcba9876543210fedcba9876543210";

/// What a well-behaved client of the public API sends.
inline const header_list api_headers = {{"X-Auth-Token", "t"},
                                        {"Content-Type", "application/json"}};

/// Options of a test application: port 0, two I/O threads, no seed.
inline options test_options() {
    options opts;
    opts.server.port = 0;
    opts.server.threads = 2;
    return opts;
}

/// An application started on port 0 whose real time is a manual clock standing at
/// 2021-03-04T00:00:00Z; stopped and joined on destruction.
struct running_app {
    domain::manual_clock clock{std::chrono::sys_days{std::chrono::year{2021} / 3 / 4}};
    std::unique_ptr<application> app;
    unsigned short port = 0;

    explicit running_app(const options& opts = test_options()) {
        std::string error;
        app = application::create(opts, error, &clock);
        BOOST_TEST_REQUIRE(app != nullptr, error);
        port = app->start();
    }
    ~running_app() {
        app->stop();
        app->wait();
    }
    running_app(const running_app&) = delete;
    running_app& operator=(const running_app&) = delete;
};

/// A test_client with shorthands: api() for the public API (credentials and Content-Type
/// sent), ctl() for the control API (nothing extra sent).
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

inline std::string functions(const std::string& project) {
    return "/v2/" + project + "/fgs/functions";
}
inline std::string urn(const std::string& project, const std::string& name) {
    return "urn:fss:cn-north-4:" + project + ":function:default:" + name + ":latest";
}
inline std::string config_path(const std::string& project, const std::string& name) {
    return functions(project) + "/" + urn(project, name) + "/async-invoke-config";
}
inline std::string create_body(const std::string& name) {
    return R"({"func_name":")" + name +
           R"(","package":"default","runtime":"Python3.9","handler":"index.handler",)"
           R"("memory_size":128,"timeout":30,"code_type":"inline"})";
}
inline std::string config_body(int age, int retries) {
    return R"({"max_async_event_age_in_seconds":)" + std::to_string(age) +
           R"(,"max_async_retry_attempts":)" + std::to_string(retries) + "}";
}

/// The body parsed as JSON (fails the test when it is not JSON).
inline json::value body_of(const response& r) {
    boost::system::error_code ec;
    auto v = json::parse(r.body(), ec);
    BOOST_TEST_REQUIRE(!ec, "not JSON: " << r.body());
    return v;
}

/// A string member of a JSON object, as std::string.
inline std::string str(const json::value& v, std::string_view key) {
    return std::string(v.as_object().at(key).as_string());
}

/// Asserts an error answer exactly: status, error_code and error_msg.
inline void check_error(const response& r, unsigned status, const std::string& code,
                        const std::string& msg) {
    BOOST_TEST(r.result_int() == status);
    auto v = body_of(r);
    BOOST_TEST(str(v, "error_code") == code);
    BOOST_TEST(str(v, "error_msg") == msg);
}

/// 400 EMU.0400 with `detail`.
inline void check_control_error(const response& r, const std::string& detail) {
    check_error(r, 400, "EMU.0400", "Invalid control request: " + detail);
}

/// The wire form of a request (for send_raw when the answer cannot be parsed normally).
inline std::string raw_request(http::verb method, const std::string& target,
                               const std::string& body, unsigned short port,
                               const header_list& headers = api_headers) {
    http::request<http::string_body> req{method, target, 11};
    req.set(http::field::host, "127.0.0.1:" + std::to_string(port));
    for (const auto& [name, value] : headers)
        req.insert(name, value);
    req.body() = body;
    req.prepare_payload();
    std::ostringstream out;
    out << req;
    return std::move(out).str();
}

/// Creates a function `name` in `project` and sets its config; requires both to succeed.
inline void seed_function(client& c, const std::string& project, const std::string& name,
                          int age = 600, int retries = 2) {
    BOOST_TEST_REQUIRE(
        c.api(http::verb::post, functions(project), create_body(name)).result_int() == 200u);
    BOOST_TEST_REQUIRE(c.api(http::verb::put, config_path(project, name), config_body(age, retries))
                           .result_int() == 200u);
}

/// The journal entries matching `query` (e.g. "?project_id=…").
inline json::array journal_entries(client& c, const std::string& query = {}) {
    auto r = c.ctl(http::verb::get, "/_emulator/journal" + query);
    BOOST_TEST_REQUIRE(r.result_int() == 200u);
    return body_of(r).at("entries").as_array();
}

/// GET /_emulator/state[?project_id=…] as parsed JSON.
inline json::value state_of(client& c, const std::string& project = {}) {
    auto r = c.ctl(http::verb::get,
                   "/_emulator/state" + (project.empty() ? "" : "?project_id=" + project));
    BOOST_TEST_REQUIRE(r.result_int() == 200u);
    return body_of(r);
}

} // namespace emu::test::control
