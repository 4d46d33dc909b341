// Fault actions that only a socket shows: delay (answered late, applied), reset (closed
// without an answer, not applied), truncate (header and half the body, applied). The rest
// of fault injection is tested in process: tests/api/control_fault_injector_test.cpp.
#include "support/running_app.hpp"

using namespace emu::test;

namespace {

response add_fault(client& c, const std::string& rule) {
    return c.ctl(http::verb::post, "/_emulator/faults", rule);
}

} // namespace

BOOST_AUTO_TEST_SUITE(fault_delivery_test)

BOOST_AUTO_TEST_CASE(delay_answers_late_and_applies) {
    running_app s;
    client c(s);
    seed_function(c, project, "demo");
    auto added = add_fault(c, R"({"action":"delay","delay_ms":20,"method":"PUT"})");
    BOOST_TEST(body_of(added).at("delay_ms") == 20);
    BOOST_TEST(!body_of(added).as_object().contains("status"));
    auto r = c.api(http::verb::put, config_path("demo", project), config_body(100, 0));
    BOOST_TEST(r.result_int() == 200u);
    BOOST_TEST(body_of(r).at("max_async_event_age_in_seconds") == 100);
    auto e = journal_entries(c, "?limit=1").at(0);
    BOOST_TEST(e.at("status") == 200);
    BOOST_TEST(e.at("rule") == "fault f1 (delay)");
}

BOOST_AUTO_TEST_CASE(reset_closes_without_answer_and_does_not_apply) {
    running_app s;
    {
        client c(s);
        seed_function(c, project, "demo", 600, 2);
        add_fault(c, R"({"action":"reset","method":"PUT","times":1})");
    }
    {
        client c(s);
        c.send_raw(raw_request(http::verb::put, config_path("demo", project), config_body(100, 0),
                               s.port));
        auto r = c.try_read_response();
        BOOST_TEST(r.has_error());
        BOOST_TEST(c.is_closed());
    }
    client c(s);
    auto stored = body_of(c.api(http::verb::get, config_path("demo", project)));
    BOOST_TEST(stored.at("max_async_event_age_in_seconds") == 600);
    auto e = journal_entries(c, "?method=PUT&limit=1").at(0);
    BOOST_TEST(e.at("status") == 0);
    BOOST_TEST(e.at("response_body") == "");
    BOOST_TEST(e.at("rule") == "fault f1 (reset)");
}

BOOST_AUTO_TEST_CASE(truncate_cuts_the_answer_and_applies) {
    running_app s;
    {
        client c(s);
        seed_function(c, project, "demo");
        add_fault(c, R"({"action":"truncate","method":"PUT","times":1})");
    }
    std::string received;
    {
        client c(s);
        c.send_raw(raw_request(http::verb::put, config_path("demo", project), config_body(100, 0),
                               s.port));
        received = c.read_until_closed();
    }
    client c(s);
    auto e = journal_entries(c, "?method=PUT&limit=1").at(0);
    BOOST_TEST(e.at("rule") == "fault f1 (truncate)");
    const std::string full = str(e, "response_body");
    auto end = received.find("\r\n\r\n");
    BOOST_TEST_REQUIRE(end != std::string::npos);
    BOOST_TEST(received.starts_with("HTTP/1.1 200 OK\r\n"));
    BOOST_TEST(received.find("Content-Length: " + std::to_string(full.size()) + "\r\n") < end);
    BOOST_TEST(received.substr(end + 4) == full.substr(0, full.size() / 2));
    // The request was applied.
    auto stored = body_of(c.api(http::verb::get, config_path("demo", project)));
    BOOST_TEST(stored.at("max_async_event_age_in_seconds") == 100);
}

BOOST_AUTO_TEST_SUITE_END()
