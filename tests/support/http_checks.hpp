#pragma once
// Checks of answers shared by the api tier (pipeline in process) and the http tier (sockets):
// JSON bodies, exact error answers, and the control-API calls the tests repeat. The calls
// take any client `c` with c.api(method, target, body[, headers]) for the public API and
// c.ctl(method, target, body[, headers]) for the control API, both returning a response:
// the socket client of running_app.hpp and the in-process one of tests/api do.
#include "support/common.hpp"
#include "support/message.hpp"

#include <boost/beast/http/write.hpp>
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <initializer_list>
#include <sstream>
#include <string>
#include <string_view>

namespace emu::test {

namespace json = boost::json;

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

/// The error answer has this status, a JSON body with this error_code and exactly this
/// error_msg.
inline void check_error(const response& r, unsigned status, const std::string& code,
                        const std::string& msg) {
    BOOST_TEST(r.result_int() == status, "body: " << r.body());
    BOOST_TEST(r[http::field::content_type] == "application/json");
    auto v = body_of(r);
    BOOST_TEST_REQUIRE(v.is_object(), r.body());
    BOOST_TEST(str(v, "error_code") == code);
    BOOST_TEST(str(v, "error_msg") == msg);
}

/// The error answer has this status, a JSON body with this error_code, and an error_msg that
/// is not empty and contains every part.
inline void check_error_has(const response& r, unsigned status, const std::string& code,
                            std::initializer_list<std::string_view> parts) {
    BOOST_TEST(r.result_int() == status, "body: " << r.body());
    BOOST_TEST(r[http::field::content_type] == "application/json");
    auto v = body_of(r);
    BOOST_TEST_REQUIRE(v.is_object(), r.body());
    BOOST_TEST(str(v, "error_code") == code);
    const auto msg = str(v, "error_msg");
    BOOST_TEST(!msg.empty());
    for (auto p : parts)
        BOOST_TEST(contains(msg, p), "error_msg '" << msg << "' lacks '" << p << "'");
}

/// 400 EMU.0400 "Invalid control request: `detail`".
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

/// Creates function `name` in `p` and sets its config; requires both to succeed.
template <class Client>
void seed_function(Client& c, const std::string& p, const std::string& name, int age = 600,
                   int retries = 2) {
    auto created = c.api(http::verb::post, functions_path(p), create_body(name));
    BOOST_TEST_REQUIRE(created.result_int() == 200u, created.body());
    auto put = c.api(http::verb::put, config_path(name, p), config_body(age, retries));
    BOOST_TEST_REQUIRE(put.result_int() == 200u, put.body());
}

/// The journal entries matching `query` (e.g. "?project_id=…").
template <class Client> json::array journal_entries(Client& c, const std::string& query = {}) {
    auto r = c.ctl(http::verb::get, "/_emulator/journal" + query);
    BOOST_TEST_REQUIRE(r.result_int() == 200u);
    return body_of(r).at("entries").as_array();
}

/// GET /_emulator/state[?project_id=…] as parsed JSON.
template <class Client> json::value state_of(Client& c, const std::string& p = {}) {
    auto r = c.ctl(http::verb::get, "/_emulator/state" + (p.empty() ? "" : "?project_id=" + p));
    BOOST_TEST_REQUIRE(r.result_int() == 200u);
    return body_of(r);
}

} // namespace emu::test
