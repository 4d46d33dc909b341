// Golden request/response pairs from the documentation (fixtures/golden/).
#include "api_harness.hpp"

#include <boost/test/unit_test.hpp>

using namespace emu;
using namespace emu::test;

BOOST_AUTO_TEST_SUITE(golden_test)

BOOST_AUTO_TEST_CASE(documented_profile_answers_the_doc_request_from_state) {
    api_harness h;
    h.svc.region = "xxxxxxxxx";
    const std::string p = "7aad83af3e8d42e99ac194xxxxxxxxxx";
    BOOST_TEST_REQUIRE(h.create("test", p).status() == 200u);
    auto a = h.call(http::verb::put, api_harness::config("test", p),
                    read_source_file("fixtures/golden/update_function_async_invoke_config/"
                                     "doc-example.request.json"));
    BOOST_TEST(a.status() == 200u);
    auto expected = json::parse(read_source_file(
        "fixtures/golden/update_function_async_invoke_config/doc-example.state-response.json"));
    BOOST_TEST(a.body == expected, json::serialize(a.body));
}

BOOST_AUTO_TEST_CASE(example_profile_replays_put_get_and_list_examples) {
    api_harness h(*domain::preset("example"));
    BOOST_TEST_REQUIRE(h.create("test").status() == 200u);
    auto put = h.call(http::verb::put, api_harness::config("test"),
                      read_source_file("fixtures/golden/update_function_async_invoke_config/"
                                       "doc-example.request.json"));
    auto put_expected = read_source_file(
        "fixtures/golden/update_function_async_invoke_config/doc-example.response.json");
    BOOST_TEST(put.status() == 200u);
    BOOST_TEST(put.body == json::parse(put_expected));
    auto get = h.call(http::verb::get, api_harness::config("test"));
    BOOST_TEST(get.body ==
               json::parse(read_source_file("fixtures/golden/show_function_async_invoke_config/"
                                            "doc-example.response.json")));
    auto list = h.call(http::verb::get, api_harness::functions() + "/" + api_harness::urn("test") +
                                            "/async-invoke-configs");
    BOOST_TEST(list.body ==
               json::parse(read_source_file("fixtures/golden/list_function_async_invoke_config/"
                                            "doc-example.response.json")));
    // The state behind the replay is real: switching the replay off shows it.
    auto real = h.call(http::verb::get, api_harness::config("test"), "",
                       {{"X-Emulator-Switches", "response_body=state"}});
    BOOST_TEST(real.body.at("max_async_event_age_in_seconds").as_int64() == 10);
}

BOOST_AUTO_TEST_CASE(default_fixtures_load) {
    api_harness h;
    auto err =
        control::load_fixture_dir(h.state, std::string(FGS_SOURCE_DIR) + "/fixtures/default");
    BOOST_TEST(!err.has_value(), err.value_or(""));
    auto list = h.call(http::verb::get, api_harness::functions());
    BOOST_TEST(list.body.at("count").as_int64() == 3);
    auto cfg = h.call(http::verb::get, api_harness::config("hello"));
    BOOST_TEST(cfg.status() == 200u);
    BOOST_TEST(cfg.body.at("max_async_retry_attempts").as_int64() == 2);
}

BOOST_AUTO_TEST_SUITE_END()
