// The whole application through real sockets (port 0), wired exactly as main wires it.
#include "support/running_app.hpp"

#include <atomic>
#include <thread>
#include <vector>

using namespace emu;
using namespace emu::test;

namespace {

/// The shared test options with the body limit `max_body` and seed 7.
options app_options(std::size_t max_body = 6 * 1024 * 1024) {
    auto opts = test_options();
    opts.server.max_body = max_body;
    opts.seed = 7;
    return opts;
}

} // namespace

BOOST_AUTO_TEST_SUITE(app_test)

BOOST_AUTO_TEST_CASE(walkthrough_on_one_keep_alive_connection) {
    running_app s(app_options());
    test_client c(s.port);
    auto created = c.request(http::verb::post, functions_path(), create_body("demo"), api_headers);
    BOOST_TEST(created.result_int() == 200u);
    BOOST_TEST(body_of(created).at("func_urn").as_string() ==
               "urn:fss:cn-north-4:" + project + ":function:default:demo:latest");
    auto put = c.request(http::verb::put, config_path("demo"),
                         R"({"max_async_event_age_in_seconds":600,"max_async_retry_attempts":2})",
                         api_headers);
    BOOST_TEST(put.result_int() == 200u);
    BOOST_TEST(put[http::field::content_type] == "application/json");
    BOOST_TEST(!put["X-Request-Id"].empty());
    BOOST_TEST(body_of(put).at("created_time").as_string() == "2021-03-04T08:00:00+08:00");
    auto get = c.request(http::verb::get, config_path("demo"), "", api_headers);
    BOOST_TEST(body_of(get) == body_of(put));
    auto list = c.request(http::verb::get, functions_path() + "/demo/async-invoke-configs", "",
                          api_headers);
    BOOST_TEST(body_of(list).at("count").as_int64() == 1);
    auto del = c.request(http::verb::delete_, config_path("demo"), "", api_headers);
    BOOST_TEST(del.result_int() == 204u);
    BOOST_TEST(del.body().empty());
    BOOST_TEST(del.count(http::field::content_type) == 0u);
    auto gone = c.request(http::verb::get, config_path("demo"), "", api_headers);
    BOOST_TEST(gone.result_int() == 404u);
    BOOST_TEST(body_of(gone).at("error_code").as_string() == "FSS.0404");
    BOOST_TEST(put["X-Request-Id"] != get["X-Request-Id"]);
}

BOOST_AUTO_TEST_CASE(concurrent_clients_each_see_their_own_writes) {
    running_app s(app_options());
    constexpr int clients = 4, rounds = 25;
    {
        test_client c(s.port);
        for (int i = 0; i < clients; ++i)
            BOOST_TEST_REQUIRE(c.request(http::verb::post, functions_path(),
                                         create_body("f" + std::to_string(i)), api_headers)
                                   .result_int() == 200u);
    }
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < clients; ++i)
        threads.emplace_back([&, i] { // no Boost.Test assertion here: it is not thread-safe
            test_client c(s.port);
            for (int r = 0; r < rounds; ++r) {
                int age = 100 + r;
                auto put =
                    c.request(http::verb::put, config_path("f" + std::to_string(i)),
                              R"({"max_async_event_age_in_seconds":)" + std::to_string(age) + "}",
                              api_headers);
                auto get = c.request(http::verb::get, config_path("f" + std::to_string(i)), "",
                                     api_headers);
                boost::system::error_code ec;
                auto body = json::parse(get.body(), ec);
                if (put.result_int() != 200 || get.result_int() != 200 || ec || !body.is_object() ||
                    body.at("max_async_event_age_in_seconds") != json::value(age))
                    ++failures;
            }
        });
    for (auto& t : threads)
        t.join();
    BOOST_TEST(failures.load() == 0);
}

BOOST_AUTO_TEST_CASE(body_over_the_limit_gets_413_with_the_error_body) {
    running_app s(app_options(1024));
    test_client c(s.port);
    auto res = c.request(http::verb::put, config_path("demo"), std::string(4096, ' '), api_headers);
    BOOST_TEST(res.result_int() == 413u);
    BOOST_TEST(body_of(res).at("error_code").as_string() == "FSS.0413");
    BOOST_TEST(std::string(body_of(res).at("error_msg").as_string()).find("1024 bytes") !=
               std::string::npos);
    BOOST_TEST(!res.keep_alive());
    c.read_until_closed();
    // The server is still healthy for other clients.
    test_client other(s.port);
    BOOST_TEST(other.request(http::verb::get, functions_path(), "", api_headers).result_int() ==
               200u);
}

BOOST_AUTO_TEST_CASE(missing_token_and_unknown_path) {
    running_app s(app_options());
    test_client c(s.port);
    auto unauth =
        c.request(http::verb::get, functions_path(), "", {{"Content-Type", "application/json"}});
    BOOST_TEST(unauth.result_int() == 401u);
    BOOST_TEST(body_of(unauth).at("error_code").as_string() == "APIGW.0301");
    BOOST_TEST(body_of(unauth).at("request_id").as_string() == unauth["X-Request-Id"]);
    auto unknown = c.request(http::verb::get, "/v2/" + project + "/fgs/nothing", "", api_headers);
    BOOST_TEST(unknown.result_int() == 404u);
    BOOST_TEST(body_of(unknown).at("error_code").as_string() == "APIGW.0101");
}

BOOST_AUTO_TEST_CASE(stop_refuses_new_connections) {
    running_app s(app_options());
    {
        test_client c(s.port);
        BOOST_TEST(c.request(http::verb::get, functions_path(), "", api_headers).result_int() ==
                   200u);
    }
    s.app->stop();
    s.app->wait();
    BOOST_CHECK_THROW(test_client(s.port), boost::system::system_error);
}

BOOST_AUTO_TEST_SUITE_END()
