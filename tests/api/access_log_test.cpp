// API tests of the access log (app/access_log.hpp): the pipeline's access_log stage writes one
// line per request, public and control, with the final answer — status, error_code and rule —
// in the text and the JSON format; levels below info write none.
#include "api_harness.hpp"
#include "app/access_log.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

using namespace emu;
using namespace emu::test;

namespace {

const std::string p = project;

/// A harness whose pipeline logs into `lines`.
struct logged {
    api_harness h;
    std::vector<std::string> lines;
    event_log log;
    emu::pipeline pipeline;

    explicit logged(log_format format, log_level level = log_level::info)
        : log(format, level, [this](std::string_view line) { lines.emplace_back(line); }),
          pipeline(h.state, &log) {}

    emu::response call(http::verb method, const std::string& target,
                       std::initializer_list<std::pair<std::string, std::string>> headers = {
                           {"X-Auth-Token", "t"}, {"Content-Type", "application/json"}}) {
        emu::request req{method, target, 11};
        for (auto& [k, v] : headers)
            req.set(k, v);
        req.prepare_payload();
        auto r = pipeline.handle(req, h.later);
        BOOST_REQUIRE(r);
        return std::move(r->message);
    }

    /// The only line written since the last call of `take`, parsed as JSON.
    json::object take_json() {
        BOOST_REQUIRE_EQUAL(lines.size(), 1u);
        auto line = std::move(lines.front());
        lines.clear();
        BOOST_TEST_CONTEXT(line) {
            BOOST_TEST(line.find('\n') == std::string::npos);
            boost::system::error_code ec;
            auto v = json::parse(line, ec);
            BOOST_REQUIRE_MESSAGE(!ec && v.is_object(), "not a JSON object: " << line);
            return v.as_object();
        }
        return {};
    }
};

/// The field names of an access line, in order (README, "Logging").
const std::vector<std::string> access_fields = {"time",       "level",  "event",       "request_id",
                                                "project",    "method", "path",        "status",
                                                "error_code", "rule",   "duration_us", "deferred"};

void check_access_fields(const json::object& o) {
    std::vector<std::string> names;
    for (auto& kv : o)
        names.emplace_back(kv.key());
    BOOST_TEST(names == access_fields, boost::test_tools::per_element());
    BOOST_TEST(o.at("level").as_string() == "info");
    BOOST_TEST(o.at("event").as_string() == "request");
    const std::string time(o.at("time").as_string());
    BOOST_TEST(time.size() == 27u, time); // 2024-05-01T12:34:56.123456Z
    BOOST_TEST(time.back() == 'Z', time);
    BOOST_TEST(o.at("duration_us").is_int64());
    BOOST_TEST(o.at("deferred").as_bool() == false);
}

} // namespace

BOOST_AUTO_TEST_SUITE(access_log)

BOOST_AUTO_TEST_CASE(json_lines_carry_the_answer_of_a_2xx_and_an_error) {
    logged l(log_format::json);
    BOOST_TEST_REQUIRE(l.h.create("demo").status() == 200u); // through the harness: not logged
    BOOST_TEST(l.lines.empty());

    auto ok = l.call(http::verb::get, api_harness::functions() + "?limit=5&marker=0");
    auto o = l.take_json();
    check_access_fields(o);
    BOOST_TEST(o.at("request_id").as_string() == std::string(ok["X-Request-Id"]));
    BOOST_TEST(o.at("project").as_string() == p);
    BOOST_TEST(o.at("method").as_string() == "GET");
    BOOST_TEST(o.at("path").as_string() == api_harness::functions() + "?limit=5&marker=0");
    BOOST_TEST(o.at("status").as_int64() == 200);
    BOOST_TEST(o.at("error_code").is_null());
    BOOST_TEST(o.at("rule").is_null());

    auto missing = l.call(http::verb::get, api_harness::config(api_harness::urn("nope")));
    BOOST_TEST_REQUIRE(missing.result_int() == 404u);
    o = l.take_json();
    check_access_fields(o);
    BOOST_TEST(o.at("status").as_int64() == 404);
    const auto body = json::parse(missing.body()).as_object();
    BOOST_TEST(o.at("error_code").as_string() == body.at("error_code").as_string());
    // The rule is the one the journal records for the answer.
    BOOST_TEST_REQUIRE(o.at("rule").is_string());
    BOOST_TEST(std::string(o.at("rule").as_string()).find("not_found") != std::string::npos,
               o.at("rule"));
}

BOOST_AUTO_TEST_CASE(gateway_errors_and_control_requests_are_logged_too) {
    logged l(log_format::json);
    l.call(http::verb::get, api_harness::functions(), {{"Content-Type", "application/json"}});
    auto o = l.take_json();
    BOOST_TEST(o.at("status").as_int64() == 401);
    BOOST_TEST(!o.at("error_code").as_string().empty());

    auto health = l.call(http::verb::get, "/_emulator/health", {});
    BOOST_TEST(health.result_int() == 200u);
    o = l.take_json();
    check_access_fields(o);
    BOOST_TEST(o.at("path").as_string() == "/_emulator/health");
    BOOST_TEST(o.at("project").is_null());
    BOOST_TEST(o.at("status").as_int64() == 200);
}

BOOST_AUTO_TEST_CASE(an_injected_reset_is_status_0_with_its_fault) {
    logged l(log_format::json);
    auto added = l.h.call(http::verb::post, "/_emulator/faults",
                          R"({"method":"GET","path":"*/functions","action":"reset"})");
    BOOST_TEST_REQUIRE(added.status() == 201u, added.res.body());
    l.call(http::verb::get, api_harness::functions());
    auto o = l.take_json();
    BOOST_TEST(o.at("status").as_int64() == 0);
    BOOST_TEST(std::string(o.at("rule").as_string()).find("(reset)") != std::string::npos,
               o.at("rule"));
}

BOOST_AUTO_TEST_CASE(bytes_that_are_not_utf8_keep_the_line_valid_json) {
    logged l(log_format::json);
    l.call(http::verb::get, "/v2/" + p + "/fgs/functions?name=\xff\"x\\");
    auto o = l.take_json();
    BOOST_TEST(o.at("path").as_string() ==
               "/v2/" + p + "/fgs/functions?name=\xEF\xBF\xBD\"x\\"); // U+FFFD
}

BOOST_AUTO_TEST_CASE(text_lines_read_left_to_right) {
    logged l(log_format::text);
    auto missing = l.call(http::verb::get, api_harness::config(api_harness::urn("nope")) + "?a=b");
    BOOST_REQUIRE_EQUAL(l.lines.size(), 1u);
    const std::string line = l.lines.front();
    BOOST_TEST_CONTEXT(line) {
        // TIME info request METHOD PATH STATUS DURATIONus id=… project=… error_code=… rule="…"
        BOOST_TEST(line.find("Z info request GET " + api_harness::config(api_harness::urn("nope")) +
                             "?a=b 404 ") == 26u);
        BOOST_TEST(line.find("us id=" + std::string(missing["X-Request-Id"]) + " project=" + p +
                             " error_code=" +
                             std::string(json::parse(missing.body()).at("error_code").as_string()) +
                             " rule=\"") != std::string::npos);
    }
    l.lines.clear();
    // A byte that would split the line is percent-encoded; 2xx lines have no error_code.
    l.call(http::verb::get, "/_emulator/health?x=a b", {});
    BOOST_REQUIRE_EQUAL(l.lines.size(), 1u);
    BOOST_TEST(l.lines.front().find(" GET /_emulator/health?x=a%20b 200 ") != std::string::npos,
               l.lines.front());
    BOOST_TEST(l.lines.front().ends_with(" project=-"), l.lines.front());
    BOOST_TEST(l.lines.front().find("error_code") == std::string::npos, l.lines.front());
}

BOOST_AUTO_TEST_CASE(warn_and_error_levels_write_no_access_lines) {
    for (auto level : {log_level::warn, log_level::error}) {
        logged l(log_format::json, level);
        l.call(http::verb::get, api_harness::functions());
        l.call(http::verb::get, "/nowhere");
        BOOST_TEST(l.lines.empty());
    }
}

BOOST_AUTO_TEST_CASE(events_name_what_happened_with_their_fields) {
    std::vector<std::string> lines;
    event_log log(log_format::json, log_level::info,
                  [&](std::string_view line) { lines.emplace_back(line); });
    log.event(log_level::info, "state_saved", "saved the state to /tmp/s.json",
              {{"path", std::string_view("/tmp/s.json")},
               {"duration_us", std::uint64_t{42}},
               {"ok", true}});
    log.event(log_level::debug, "deferred", "not at info");
    BOOST_REQUIRE_EQUAL(lines.size(), 1u);
    auto o = json::parse(lines[0]).as_object();
    BOOST_TEST(o.at("level").as_string() == "info");
    BOOST_TEST(o.at("event").as_string() == "state_saved");
    BOOST_TEST(o.at("message").as_string() == "saved the state to /tmp/s.json");
    BOOST_TEST(o.at("path").as_string() == "/tmp/s.json");
    BOOST_TEST(o.at("duration_us").as_int64() == 42);
    BOOST_TEST(o.at("ok").as_bool());

    lines.clear();
    event_log text(log_format::text, log_level::debug,
                   [&](std::string_view line) { lines.emplace_back(line); });
    text.event(log_level::debug, "deferred", "the answer waits",
               {{"path", std::string_view("/x")}});
    BOOST_REQUIRE_EQUAL(lines.size(), 1u);
    BOOST_TEST(lines[0].substr(27) == " debug deferred message=\"the answer waits\" path=/x");
}

BOOST_AUTO_TEST_CASE(flag_values_are_parsed_by_name) {
    BOOST_TEST((parse_log_format("json") == log_format::json));
    BOOST_TEST((parse_log_format("text") == log_format::text));
    BOOST_TEST(!parse_log_format("JSON"));
    BOOST_TEST((parse_log_level("warn") == log_level::warn));
    BOOST_TEST(!parse_log_level("warning"));
    BOOST_TEST(error_code_of(R"({"error_code":"FSS.1051","error_msg":"x"})") == "FSS.1051");
    BOOST_TEST(error_code_of("<<damaged").empty());
}

BOOST_AUTO_TEST_SUITE_END()
