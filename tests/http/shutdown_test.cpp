// Graceful shutdown of the real binary under load: several clients keep sending requests on
// keep-alive connections when SIGTERM arrives. Every response a client reads must be whole
// (status line, headers and the full body its Content-Length announces, valid JSON), or the
// connection must close cleanly between two responses; the process exits 0.
#include "http/emulator_process.hpp"

#include <boost/beast/http/error.hpp>
#include <boost/json.hpp>

#include <atomic>
#include <condition_variable>
#include <csignal>
#include <mutex>
#include <thread>

using emu::test::child_process;
using emu::test::test_client;
using namespace emu::test::process;
namespace http = boost::beast::http;
namespace json = boost::json;

namespace {

using emu::test::project;
const std::string config_target = "/v2/" + project + "/fgs/functions/load/async-invoke-config";

/// One raw request: PUT (age from `i`) or GET of the config, alternately.
std::string request_bytes(int i) {
    const std::string head = " HTTP/1.1\r\nHost: x\r\nX-Auth-Token: t\r\n"
                             "Content-Type: application/json\r\n";
    if (i % 2)
        return "GET " + config_target + head + "\r\n";
    const std::string body =
        R"({"max_async_event_age_in_seconds":)" + std::to_string(100 + i % 1000) + "}";
    return "PUT " + config_target + head + "Content-Length: " + std::to_string(body.size()) +
           "\r\n\r\n" + body;
}

/// What one client saw.
struct tally {
    int whole = 0;                     ///< complete responses read
    std::string end;                   ///< how its connection ended
    std::vector<std::string> problems; ///< torn or wrong responses
};

} // namespace

BOOST_AUTO_TEST_SUITE(shutdown_test)

BOOST_AUTO_TEST_CASE(sigterm_under_load_sends_only_whole_responses_and_exits_0) {
    child_process p(binary, {"--port", "0", "--threads", "2"});
    const unsigned short port = started_port(p);
    {
        test_client setup(port);
        auto created = setup.request(
            http::verb::post, "/v2/" + project + "/fgs/functions",
            R"({"func_name":"load","package":"default","runtime":"Python3.9",)"
            R"("handler":"index.handler","memory_size":128,"timeout":30,"code_type":"inline"})",
            {{"X-Auth-Token", "t"}, {"Content-Type", "application/json"}});
        BOOST_TEST_REQUIRE(created.result_int() == 200u);
    }

    constexpr int clients = 4;
    constexpr int before_signal = 400; // responses read by all clients before SIGTERM
    std::mutex mutex;
    std::condition_variable progressed;
    int answered = 0;
    std::vector<tally> tallies(clients);
    std::vector<std::thread> pool;
    for (int t = 0; t < clients; ++t)
        pool.emplace_back([&, t] {
            tally& mine = tallies[t];
            try {
                test_client c(port);
                for (int i = 0; i < 1000000; ++i) {
                    c.send_raw(request_bytes(i));
                    auto res = c.try_read_response();
                    if (!res) {
                        // EOF or reset before any byte of a response: a clean close between
                        // responses. partial_message: a torn response.
                        if (res.error() == http::error::partial_message ||
                            res.error() == boost::beast::error::timeout)
                            mine.problems.push_back("torn: " + res.error().message());
                        mine.end = res.error().message();
                        break;
                    }
                    boost::system::error_code ec;
                    auto body = json::parse(res->body(), ec);
                    if (res->result_int() != 200 || ec || !body.is_object())
                        mine.problems.push_back("bad response: " + res->body());
                    ++mine.whole;
                    {
                        std::lock_guard lock(mutex);
                        ++answered;
                    }
                    progressed.notify_all();
                    if (!res->keep_alive()) { // the server said it closes: it must
                        try {
                            mine.end = "Connection: close, then " +
                                       std::to_string(c.read_until_closed().size()) + " bytes";
                        } catch (const boost::system::system_error& e) {
                            mine.problems.push_back(std::string("not closed: ") + e.what());
                        }
                        break;
                    }
                }
            } catch (const boost::system::system_error& e) {
                mine.end = std::string("send or connect failed: ") + e.what(); // closed
            }
            progressed.notify_all();
        });

    {
        std::unique_lock lock(mutex);
        BOOST_TEST(progressed.wait_for(lock, 60s, [&] { return answered >= before_signal; }),
                   "only " << answered << " responses before the deadline");
    }
    p.signal(SIGTERM);
    for (auto& th : pool)
        th.join();
    const auto status = p.wait_exit(30s);
    BOOST_TEST(status.value_or(-1) == 0, "stderr: " << p.read_stderr());
    for (int t = 0; t < clients; ++t)
        BOOST_TEST_CONTEXT("client " << t) {
            BOOST_TEST_MESSAGE("client " << t << ": " << tallies[t].whole << " whole responses; "
                                         << tallies[t].end);
            for (auto& problem : tallies[t].problems)
                BOOST_ERROR(problem);
        }
}

BOOST_AUTO_TEST_SUITE_END()
