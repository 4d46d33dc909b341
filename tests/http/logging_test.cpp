// The binary's log on stderr (--log-format, --log-level; README.md, "Logging"): JSON lines that
// parse, one per request and per start-up and shutdown event; warn writes no access lines; an
// unknown value exits 2 naming the accepted ones.
#include "http/emulator_process.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <csignal>
#include <cstdlib>
#include <map>
#include <sstream>

using emu::test::child_process;
using emu::test::test_client;
using namespace emu::test::process;
namespace http = boost::beast::http;
namespace json = boost::json;

namespace {

const std::string project = "0123456789abcdef0123456789abcdef";
const emu::test::header_list auth = {{"X-Auth-Token", "t"}, {"Content-Type", "application/json"}};

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        out.push_back(line);
    return out;
}

/// Runs the binary with `args`, sends a 200 and a 404, stops it with SIGTERM; its stderr.
std::string stderr_of_a_short_run(std::vector<std::string> args) {
    args.insert(args.end(), {"--port", "0", "--fixtures", FGS_SOURCE_DIR "/fixtures/default"});
    child_process p(binary, args);
    unsigned short port = started_port(p);
    {
        test_client c(port);
        BOOST_TEST(c.request(http::verb::get, "/v2/" + project + "/fgs/functions?limit=1", "", auth)
                       .result_int() == 200u);
        BOOST_TEST(c.request(http::verb::get, "/v2/" + project + "/fgs/functions/nope", "", auth)
                       .result_int() == 404u);
    }
    p.signal(SIGTERM);
    BOOST_TEST(p.wait_exit(10s).value_or(-1) == 0);
    return p.read_stderr();
}

} // namespace

BOOST_AUTO_TEST_SUITE(logging)

BOOST_AUTO_TEST_CASE(json_lines_parse_and_carry_the_fields) {
    const auto err = stderr_of_a_short_run({"--log-format", "json"});
    std::map<std::string, std::vector<json::object>> by_event;
    for (auto& line : lines_of(err)) {
        boost::system::error_code ec;
        auto v = json::parse(line, ec);
        BOOST_TEST_REQUIRE((!ec && v.is_object()), "not a JSON object: " << line);
        auto& o = v.as_object();
        for (auto field : {"time", "level", "event"})
            BOOST_TEST(o.contains(field), line);
        by_event[std::string(o.at("event").as_string())].push_back(o);
    }
    BOOST_TEST_REQUIRE(by_event["request"].size() == 2u, err);
    auto& ok = by_event["request"][0];
    BOOST_TEST(ok.at("method").as_string() == "GET");
    BOOST_TEST(ok.at("path").as_string() == "/v2/" + project + "/fgs/functions?limit=1");
    BOOST_TEST(ok.at("project").as_string() == project);
    BOOST_TEST(ok.at("status").as_int64() == 200);
    BOOST_TEST(ok.at("error_code").is_null());
    BOOST_TEST(ok.at("request_id").as_string().size() == 36u);
    BOOST_TEST(ok.at("duration_us").is_int64());
    auto& missing = by_event["request"][1];
    BOOST_TEST(missing.at("status").as_int64() == 404);
    BOOST_TEST(missing.at("error_code").is_string());
    BOOST_TEST(missing.at("rule").is_string());

    BOOST_TEST_REQUIRE(by_event["fixtures_loaded"].size() == 1u, err);
    BOOST_TEST(by_event["fixtures_loaded"][0].at("files").as_int64() >= 1);
    BOOST_TEST_REQUIRE(by_event["start"].size() == 1u, err);
    BOOST_TEST(by_event["start"][0].at("address").as_string().starts_with("http://127.0.0.1:"));
    BOOST_TEST(by_event["stopping"].size() == 1u, err);
    BOOST_TEST_REQUIRE(by_event["stopped"].size() == 1u, err);
    BOOST_TEST(by_event["stopped"][0].at("dropped_log_lines").as_int64() == 0);
}

BOOST_AUTO_TEST_CASE(text_is_the_default_format) {
    const auto err = stderr_of_a_short_run({});
    BOOST_TEST(err.find(" info request GET /v2/" + project + "/fgs/functions?limit=1 200 ") !=
                   std::string::npos,
               err);
    BOOST_TEST(
        err.find(" info start message=\"listening on http://127.0.0.1:") != std::string::npos, err);
}

BOOST_AUTO_TEST_CASE(warn_writes_no_access_lines) {
    const auto err = stderr_of_a_short_run({"--log-level", "warn"});
    BOOST_TEST(err.empty(), err); // nothing went wrong: no warning, no error
    ::setenv("FGS_EMULATOR_LOG_LEVEL", "error", 1);
    const auto from_env = stderr_of_a_short_run({"--log-format", "json"});
    ::unsetenv("FGS_EMULATOR_LOG_LEVEL");
    BOOST_TEST(from_env.empty(), from_env);
}

BOOST_AUTO_TEST_CASE(a_stderr_nobody_reads_holds_up_neither_requests_nor_the_exit) {
    // The test reads stderr only at the end: the pipe (64 KB) fills after a few hundred lines.
    child_process p(binary, {"--port", "0"});
    unsigned short port = started_port(p);
    {
        test_client c(port);
        for (int i = 0; i < 3000; ++i) // ~800 KB of access lines
            BOOST_REQUIRE(c.request(http::verb::get, "/v2/" + project + "/fgs/functions", "", auth)
                              .result_int() == 200u);
    }
    p.signal(SIGTERM);
    // The writer gives up on the stalled pipe 2 s into the shutdown.
    BOOST_TEST(p.wait_exit(10s).value_or(-1) == 0);
    const auto err = p.read_stderr();
    BOOST_TEST(err.find(" info request GET ") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(unknown_values_exit_2_naming_the_accepted_ones) {
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
        {{"--log-format", "xml"}, "invalid value 'xml' for --log-format text|json"},
        {{"--log-level", "verbose"},
         "invalid value 'verbose' for --log-level error|warn|info|debug"},
        {{"--log-level=INFO"}, "invalid value 'INFO' for --log-level error|warn|info|debug"},
    };
    for (auto& [args, message] : cases) {
        BOOST_TEST_CONTEXT(args[0]) {
            child_process p(binary, args);
            BOOST_TEST(p.wait_exit(10s).value_or(-1) == 2);
            auto err = p.read_stderr();
            BOOST_TEST(err.find(message) != std::string::npos, err);
        }
    }
    ::setenv("FGS_EMULATOR_LOG_FORMAT", "yaml", 1);
    child_process p(binary, {"--port", "0"});
    ::unsetenv("FGS_EMULATOR_LOG_FORMAT");
    BOOST_TEST(p.wait_exit(10s).value_or(-1) == 2);
    auto err = p.read_stderr();
    BOOST_TEST(
        err.find("FGS_EMULATOR_LOG_FORMAT: invalid value 'yaml' for --log-format text|json") !=
            std::string::npos,
        err);
}

BOOST_AUTO_TEST_SUITE_END()
