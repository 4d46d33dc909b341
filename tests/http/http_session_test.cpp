// Socket tests of emu::server::http_session with a fake application: keep-alive, size limits,
// deadlines, pipelining and reply actions.
#include "http/fake_app.hpp"

#include <boost/asio/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/test/unit_test.hpp>

#include <future>
#include <string>
#include <vector>

namespace {

namespace http = boost::beast::http;
using namespace std::chrono_literals;
using namespace emu::test::fake;
using emu::test::test_client;

} // namespace

BOOST_AUTO_TEST_SUITE(http_session_test)

BOOST_AUTO_TEST_CASE(keep_alive_serves_several_requests_on_one_connection) {
    fake_app app;
    running_server s(app);
    test_client client(s.port);
    for (int i = 0; i < 5; ++i) {
        const auto res = client.request(http::verb::post, "/r" + std::to_string(i), "b");
        BOOST_TEST(res.result_int() == 200);
        BOOST_TEST(res.body() == "POST /r" + std::to_string(i) + " b");
        BOOST_TEST(res[http::field::content_length] == std::to_string(res.body().size()));
        BOOST_TEST(res.keep_alive());
    }
    BOOST_TEST(app.handled == 5);
    BOOST_TEST(!client.is_closed());
}

BOOST_AUTO_TEST_CASE(http_1_0_without_keep_alive_closes_after_the_response) {
    fake_app app;
    running_server s(app);
    test_client client(s.port);
    http::request<http::string_body> req{http::verb::get, "/old", 10};
    const auto res = client.request(req);
    BOOST_TEST(res.body() == "GET /old ");
    BOOST_TEST(!res.keep_alive());
    BOOST_TEST(client.read_until_closed() == "");
}

BOOST_AUTO_TEST_CASE(client_end_of_stream_closes_the_connection) {
    fake_app app;
    running_server s(app);
    test_client client(s.port);
    BOOST_TEST(get_body(client, "/a") == "GET /a ");
    client.shutdown_send();
    BOOST_TEST(client.read_until_closed() == "");
}

BOOST_AUTO_TEST_CASE(content_length_over_max_body_is_rejected_with_413) {
    fake_app app;
    auto options = test_options();
    options.max_body = 1024;
    running_server s(app, options);

    test_client fits(s.port);
    BOOST_TEST(fits.request(http::verb::post, "/fits", std::string(1024, 'x')).result_int() == 200);

    test_client client(s.port);
    const auto res = client.request(http::verb::post, "/upload", std::string(2000, 'x'));
    BOOST_TEST(res.result_int() == 413);
    BOOST_TEST(res.body() == "rejected body_too_large");
    BOOST_TEST(!res.keep_alive());
    BOOST_TEST(client.read_until_closed() == "");
    BOOST_TEST(app.rejected() == std::vector<std::string>{"body_too_large /upload"});
    BOOST_TEST(app.handled == 1);
}

BOOST_AUTO_TEST_CASE(chunked_body_over_max_body_is_rejected_with_413) {
    fake_app app;
    auto options = test_options();
    options.max_body = 1024;
    running_server s(app, options);
    test_client client(s.port);
    client.send_raw("POST /chunked HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    "400\r\n" +
                    std::string(1024, 'a') + "\r\n" + "10\r\n" + std::string(16, 'b') +
                    "\r\n0\r\n\r\n");
    const auto res = client.read_response();
    BOOST_TEST(res.result_int() == 413);
    BOOST_TEST(client.read_until_closed() == "");
    BOOST_TEST(app.rejected() == std::vector<std::string>{"body_too_large /chunked"});
    BOOST_TEST(app.handled == 0);
}

BOOST_AUTO_TEST_CASE(huge_header_is_rejected_with_431) {
    fake_app app;
    auto options = test_options();
    options.max_target = 64;
    options.max_header = 256;
    running_server s(app, options);
    test_client client(s.port);
    const auto res = client.request(http::verb::get, "/h", {}, {{"X-Big", std::string(1000, 'b')}});
    BOOST_TEST(res.result_int() == 431);
    BOOST_TEST(res.body() == "rejected header_too_large");
    BOOST_TEST(client.read_until_closed() == "");

    test_client trickle(s.port); // request line parsed on its own first, then the fields
    trickle.send_raw("GET /h HTTP/1.1\r\n");
    trickle.send_raw("X-Big: " + std::string(1000, 'b') + "\r\n\r\n");
    BOOST_TEST(trickle.read_response().result_int() == 431);
    BOOST_TEST(trickle.read_until_closed() == "");
    BOOST_TEST(app.rejected() ==
               (std::vector<std::string>{"header_too_large ", "header_too_large "}));
}

BOOST_AUTO_TEST_CASE(huge_target_is_rejected_with_414) {
    fake_app app;
    auto options = test_options();
    options.max_target = 64;
    options.max_header = 256;
    running_server s(app, options);
    const std::string at_limit = "/" + std::string(63, 'a');

    test_client fits(s.port);
    BOOST_TEST(get_body(fits, at_limit) == "GET " + at_limit + " ");

    test_client over(s.port); // within header_limit: caught by the target check
    BOOST_TEST(over.request(http::verb::get, at_limit + "a").result_int() == 414);
    BOOST_TEST(over.read_until_closed() == "");

    test_client huge(s.port); // beyond header_limit: decided from the raw bytes
    const auto res = huge.request(http::verb::get, "/" + std::string(1000, 'a'));
    BOOST_TEST(res.result_int() == 414);
    BOOST_TEST(res.body() == "rejected target_too_long");
    BOOST_TEST(huge.read_until_closed() == "");
    BOOST_TEST(app.rejected() ==
               (std::vector<std::string>{"target_too_long " + at_limit + "a", "target_too_long "}));
}

BOOST_AUTO_TEST_CASE(read_deadline_closes_a_stalled_connection) {
    fake_app app;
    auto options = test_options();
    options.read_timeout = 200ms;
    running_server s(app, options);
    test_client stalled(s.port);
    stalled.send_raw("GET /stalled HTTP/1.1\r\nHost: x\r\n"); // and never the blank line
    test_client other(s.port);
    BOOST_TEST(get_body(other, "/other") == "GET /other ");
    BOOST_TEST(stalled.read_until_closed() == ""); // waits on the socket, deadline 5 s
    BOOST_TEST(app.handled == 1);
}

BOOST_AUTO_TEST_CASE(pipelined_requests_are_answered_in_order) {
    fake_app app;
    running_server s(app);
    test_client client(s.port);
    client.send_raw("POST /first HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
                    "GET /second HTTP/1.1\r\nHost: x\r\n\r\n");
    BOOST_TEST(client.read_response().body() == "POST /first abc");
    BOOST_TEST(client.read_response().body() == "GET /second ");
    BOOST_TEST(get_body(client, "/third") == "GET /third ");
}

BOOST_AUTO_TEST_CASE(malformed_request_closes_the_connection) {
    fake_app app;
    running_server s(app);
    test_client client(s.port);
    client.send_raw("G(T / HTTP/1.1\r\nHost: x\r\n\r\n");
    BOOST_TEST(client.read_until_closed() == "");
    BOOST_TEST(app.handled == 0);
}

BOOST_AUTO_TEST_CASE(delayed_reply_arrives) {
    fake_app app;
    running_server s(app);
    test_client client(s.port);
    BOOST_TEST(get_body(client, "/delay") == "GET /delay ");
    BOOST_TEST(get_body(client, "/after") == "GET /after ");
}

BOOST_AUTO_TEST_CASE(reset_reply_closes_without_answer) {
    fake_app app;
    running_server s(app);
    test_client client(s.port);
    client.send_raw("GET /reset HTTP/1.1\r\nHost: x\r\n\r\n");
    const auto res = client.try_read_response();
    BOOST_REQUIRE(res.has_error());
    BOOST_TEST(res.error() == boost::system::error_code(boost::asio::error::connection_reset));
    BOOST_TEST(app.handled == 1);
}

BOOST_AUTO_TEST_CASE(truncate_reply_sends_the_header_and_half_the_body) {
    fake_app app;
    running_server s(app);
    test_client raw(s.port);
    raw.send_raw("GET /truncate HTTP/1.1\r\nHost: x\r\n\r\n");
    const auto bytes = raw.read_until_closed();
    const auto header_end = bytes.find("\r\n\r\n");
    BOOST_REQUIRE(header_end != std::string::npos);
    BOOST_TEST(bytes.starts_with("HTTP/1.1 200 OK\r\n"));
    BOOST_TEST(bytes.find("Content-Length: 1000\r\n") < header_end);
    BOOST_TEST(bytes.substr(header_end + 4) == std::string(500, 't'));

    test_client parsed(s.port);
    parsed.send_raw("GET /truncate HTTP/1.1\r\nHost: x\r\n\r\n");
    const auto res = parsed.try_read_response();
    BOOST_REQUIRE(res.has_error());
    BOOST_TEST(res.error() == boost::system::error_code(http::error::partial_message));
}

BOOST_AUTO_TEST_CASE(throwing_handler_costs_only_its_connection) {
    fake_app app;
    running_server s(app);
    test_client client(s.port);
    client.send_raw("GET /throw HTTP/1.1\r\nHost: x\r\n\r\n");
    BOOST_TEST(client.read_until_closed() == "");
    test_client next(s.port);
    BOOST_TEST(get_body(next, "/fine") == "GET /fine ");
}

BOOST_AUTO_TEST_SUITE_END()
