// Hostile clients at the transport level, against the whole application: oversized body,
// header and target; a client that trickles one byte at a time; a client that never reads;
// more connections than allowed; garbage pipelined after a valid request. Each gets its
// documented answer (docs/reliability.md) or a clean close, while a well-behaved client on
// another connection is served and the stored state stays intact. The server-level versions
// with a fake handler are in http_session_test.cpp / server_test.cpp.
#include "http/hostile_fixture.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>

#include <optional>
#include <vector>

using namespace emu;
using namespace emu::test;
using namespace emu::test::hostile;
using emu::test::test_client;
namespace net = boost::asio;

namespace {

/// A chunked request whose chunks add up to `total` bytes.
std::string chunked_put(const std::string& target, std::size_t total) {
    std::string raw = "PUT " + target +
                      " HTTP/1.1\r\nHost: x\r\nX-Auth-Token: t\r\nContent-Type: "
                      "application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
    for (std::size_t sent = 0; sent < total; sent += 256)
        raw += "100\r\n" + std::string(256, ' ') + "\r\n";
    return raw + "0\r\n\r\n";
}

/// Whether sending one byte still works and the server has not closed the connection.
bool still_open(test_client& c, char byte) {
    try {
        c.send_raw(std::string_view(&byte, 1));
    } catch (const boost::system::system_error&) {
        return false; // reset or broken pipe: the server is gone
    }
    return !c.is_closed();
}

} // namespace

BOOST_AUTO_TEST_SUITE(hostile_transport_test)

BOOST_AUTO_TEST_CASE(chunked_body_over_the_limit_gets_413_and_others_are_served) {
    auto opts = hostile_options();
    opts.server.max_body = 1024;
    guarded_app s(opts);
    test_client neighbour(s.port); // an open keep-alive connection before, during and after
    s.check_witness(neighbour);

    test_client hostile(s.port);
    hostile.send_raw(chunked_put(config_path("witness"), 4096)); // no Content-Length to check
    auto res = hostile.read_response();
    check_error_has(res, 413, "FSS.0413", {});
    BOOST_TEST(str(body_of(res), "error_msg").find("1024 bytes (--max-body)") != std::string::npos);
    BOOST_TEST(!res.keep_alive());
    BOOST_TEST(hostile.read_until_closed() == "");

    s.check_witness(neighbour); // the PUT was not applied, the neighbour still served
    s.check_served_and_intact();
}

BOOST_AUTO_TEST_CASE(header_fields_over_the_limit_get_431) {
    auto opts = hostile_options();
    opts.server.max_header = 4096;
    opts.server.max_target = 2048;
    guarded_app s(opts);
    // Within Beast's raw limit (target + header = 6144) but over max_header on their own: the
    // session's own check. Then beyond the raw limit: Beast's check.
    for (std::size_t size : {5000u, 20000u}) {
        BOOST_TEST_CONTEXT("X-Big of " << size << " bytes") {
            test_client hostile(s.port);
            auto res = hostile.request(http::verb::get, config_path("witness"), "",
                                       {{"X-Auth-Token", "t"},
                                        {"Content-Type", "application/json"},
                                        {"X-Big", std::string(size, 'b')}});
            check_error_has(res, 431, "APIGW.0201", {});
            BOOST_TEST(!res.keep_alive());
            BOOST_TEST(hostile.read_until_closed() == "");
        }
    }
    // Just under the limit is served.
    test_client fits(s.port);
    auto res = fits.request(http::verb::get, config_path("witness"), "",
                            {{"X-Auth-Token", "t"},
                             {"Content-Type", "application/json"},
                             {"X-Pad", std::string(3500, 'p')}});
    BOOST_TEST(res.body() == s.witness);
    s.check_served_and_intact();
}

BOOST_AUTO_TEST_CASE(target_over_the_limit_gets_414_not_431) {
    auto opts = hostile_options();
    opts.server.max_target = 1024;
    opts.server.max_header = 4096;
    guarded_app s(opts);
    // RFC 9112 §3: a server that receives a request-target longer than it wishes to parse
    // answers 414. Beast counts the request line in its header limit, so a long target must
    // not turn into 431: both a target within that limit and one far beyond it get 414.
    for (std::size_t size : {1025u, 3000u, 50000u}) {
        BOOST_TEST_CONTEXT("target of " << size << " bytes") {
            test_client hostile(s.port);
            const std::string target = config_path("witness") + "?pad=";
            auto res = hostile.request(
                http::verb::get, target + std::string(size - target.size(), 'a'), "", api_headers);
            check_error_has(res, 414, "APIGW.0201", {});
            BOOST_TEST(hostile.read_until_closed() == "");
        }
    }
    test_client at_limit(s.port); // exactly max_target: served
    const std::string target = config_path("witness") + "?pad=";
    auto res = at_limit.request(http::verb::get, target + std::string(1024 - target.size(), 'a'),
                                "", api_headers);
    BOOST_TEST(res.body() == s.witness);
    s.check_served_and_intact();
}

BOOST_AUTO_TEST_CASE(slowloris_is_disconnected_after_the_read_deadline) {
    auto opts = hostile_options();    // read deadline 400 ms
    opts.server.max_header = 1 << 20; // so that only the deadline can end the trickle
    guarded_app s(opts);
    test_client slow(s.port);
    test_client neighbour(s.port);
    // A request that would be valid, sent one byte at a time and never finished; between
    // two bytes the neighbour makes a whole request (which is also what paces the bytes).
    const std::string trickle =
        "GET " + config_path("witness") + " HTTP/1.1\r\nX-Pad: " + std::string(1000000, 'p');
    const auto give_up = std::chrono::steady_clock::now() + 30s;
    std::size_t sent = 0, served = 0;
    while (still_open(slow, trickle[sent])) {
        ++sent;
        s.check_witness(neighbour);
        ++served;
        BOOST_TEST_REQUIRE((std::chrono::steady_clock::now() < give_up),
                           "the slow client is still connected after 30 s");
    }
    BOOST_TEST_MESSAGE("slow client closed after " << sent << " bytes, neighbour served " << served
                                                   << " times");
    BOOST_TEST(sent < trickle.size());
    BOOST_TEST(served > 0u);
    BOOST_TEST(slow.read_until_closed() == ""); // closed without an answer
    s.check_served_and_intact();
}

BOOST_AUTO_TEST_CASE(client_that_never_reads_is_disconnected) {
    guarded_app s; // read deadline 400 ms, which is also the write deadline
    {
        test_client c(s.port); // big answers fill the socket buffers faster
        for (int i = 0; i < 40; ++i)
            BOOST_TEST_REQUIRE(c.request(http::verb::post, functions_path(),
                                         create_body("f" + std::to_string(i)), api_headers)
                                   .result_int() == 200u);
    }
    net::io_context ioc;
    net::ip::tcp::socket hostile(ioc);
    hostile.open(net::ip::tcp::v4());
    hostile.set_option(net::socket_base::receive_buffer_size(4096)); // a tiny window
    hostile.connect({net::ip::make_address("127.0.0.1"), s.port});
    // Far more pipelined requests than the kernel buffers of both ends can hold, so that the
    // write can only end by the server closing the connection.
    std::string requests;
    const std::string one = "GET /_emulator/state HTTP/1.1\r\nHost: x\r\n\r\n";
    while (requests.size() < 32u * 1024 * 1024)
        requests += one;
    std::optional<boost::system::error_code> write_result;
    net::async_write(hostile, net::buffer(requests),
                     [&](boost::system::error_code ec, std::size_t) { write_result = ec; });
    test_client neighbour(s.port);
    const auto give_up = std::chrono::steady_clock::now() + 60s;
    std::size_t served = 0;
    while (!write_result) {
        ioc.poll(); // the hostile write progresses (or fails) without blocking this thread
        s.check_witness(neighbour);
        ++served;
        BOOST_TEST_REQUIRE((std::chrono::steady_clock::now() < give_up),
                           "the non-reading client is still connected after 60 s");
    }
    BOOST_TEST_MESSAGE("non-reading client cut off: " << write_result->message() << "; neighbour "
                                                      << "served " << served << " times");
    BOOST_TEST(
        (*write_result == net::error::connection_reset || *write_result == net::error::broken_pipe),
        write_result->message());
    s.check_served_and_intact();
}

BOOST_AUTO_TEST_CASE(connections_over_max_connections_are_refused_cleanly) {
    auto opts = hostile_options();
    opts.server.max_connections = 3;
    guarded_app s(opts);
    std::vector<std::unique_ptr<test_client>> admitted;
    for (int i = 0; i < 3; ++i) {
        admitted.push_back(std::make_unique<test_client>(s.port));
        s.check_witness(*admitted.back());
    }
    for (int i = 0; i < 3; ++i) { // refused: accepted and closed at once, no bytes sent
        test_client refused(s.port);
        BOOST_TEST(refused.read_until_closed() == "");
    }
    for (auto& c : admitted) // the admitted ones are unaffected
        s.check_witness(*c);
    // One leaves (Connection: close); its slot is free once the server has closed it, which
    // happens just after the client sees the close: a new client gets in within a few tries.
    auto bye = admitted.back()->request(
        http::verb::get, config_path("witness"), "",
        {{"X-Auth-Token", "t"}, {"Content-Type", "application/json"}, {"Connection", "close"}});
    BOOST_TEST(bye.body() == s.witness);
    BOOST_TEST(admitted.back()->read_until_closed() == "");
    admitted.pop_back();
    bool admitted_again = false;
    for (int attempt = 0; attempt < 1000 && !admitted_again; ++attempt) {
        test_client next(s.port);
        try {
            admitted_again =
                next.request(http::verb::get, config_path("witness"), "", api_headers).body() ==
                s.witness;
        } catch (const boost::system::system_error&) {
            // refused: the server had not yet released the slot
        }
    }
    BOOST_TEST(admitted_again);
    for (auto& c : admitted)
        s.check_witness(*c);
}

BOOST_AUTO_TEST_CASE(garbage_pipelined_after_a_valid_request_closes_after_answering_it) {
    guarded_app s;
    test_client setup(s.port);
    BOOST_TEST_REQUIRE(
        setup.request(http::verb::post, functions_path(), create_body("target"), api_headers)
            .result_int() == 200u);
    const std::string body = R"({"max_async_event_age_in_seconds":123})";
    using namespace std::string_literals;
    const std::string garbage = "\x00\xff\x01 not HTTP at all\r\n\r\n"s;
    test_client hostile(s.port);
    hostile.send_raw("PUT " + config_path("target") +
                     " HTTP/1.1\r\nHost: x\r\nX-Auth-Token: t\r\nContent-Type: "
                     "application/json\r\nContent-Length: " +
                     std::to_string(body.size()) + "\r\n\r\n" + body + garbage);
    auto res = hostile.read_response(); // the valid request is answered...
    BOOST_TEST(res.result_int() == 200u);
    BOOST_TEST(json::parse(res.body()).at("max_async_event_age_in_seconds") == 123);
    BOOST_TEST(hostile.read_until_closed() == ""); // ...the garbage closes without an answer
    // The valid request was applied, and nothing else.
    BOOST_TEST(setup.request(http::verb::get, config_path("target"), "", api_headers).body() ==
               res.body());
    s.check_served_and_intact();
}

BOOST_AUTO_TEST_SUITE_END()
