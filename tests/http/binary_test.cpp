// The fgs-emulator binary itself: first stdout line, flags, fixtures, signals, exit codes.
#include "http/emulator_process.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <csignal>
#include <filesystem>
#include <fstream>

using emu::test::child_process;
using emu::test::test_client;
namespace http = boost::beast::http;
using namespace std::chrono_literals;

namespace {

const std::string& emulator_binary = emu::test::process::binary;
using emu::test::process::started_port;
const emu::test::header_list& auth = emu::test::api_headers;

std::string temp_dir(const std::string& name) {
    auto dir = std::filesystem::temp_directory_path() /
               ("fgs-emulator-test-" + name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir.string();
}

} // namespace

BOOST_AUTO_TEST_SUITE(binary_test)

BOOST_AUTO_TEST_CASE(serves_default_fixtures_and_exits_0_on_sigterm) {
    child_process p(emulator_binary, {"--port", "0", "--fixtures",
                                      std::string(FGS_SOURCE_DIR) + "/fixtures/default"});
    unsigned short port = started_port(p);
    {
        test_client c(port);
        auto res = c.request(http::verb::get,
                             "/v2/0123456789abcdef0123456789abcdef/fgs/functions/hello/"
                             "async-invoke-config",
                             "", auth);
        BOOST_TEST(res.result_int() == 200u);
        BOOST_TEST(boost::json::parse(res.body()).at("max_async_retry_attempts").as_int64() == 2);
    }
    p.signal(SIGTERM);
    BOOST_TEST(p.wait_exit(10s).value_or(-1) == 0);
}

BOOST_AUTO_TEST_CASE(sigint_also_exits_0) {
    child_process p(emulator_binary, {"--port", "0"});
    started_port(p);
    p.signal(SIGINT);
    BOOST_TEST(p.wait_exit(10s).value_or(-1) == 0);
}

BOOST_AUTO_TEST_CASE(environment_variables_and_profile) {
    ::setenv("FGS_EMULATOR_PROFILE", "observed", 1);
    child_process p(emulator_binary, {"--port=0"});
    ::unsetenv("FGS_EMULATOR_PROFILE");
    unsigned short port = started_port(p);
    test_client c(port);
    // observed: GET without Content-Type is fine (D08), and the switch header says why.
    auto res = c.request(http::verb::get, "/v2/p1/fgs/functions", "", {{"X-Auth-Token", "t"}});
    BOOST_TEST(res.result_int() == 200u);
    BOOST_TEST(std::string(res["X-Emulator-Switches"]).find("require_content_type=body") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(config_file_sets_flags_and_the_command_line_wins) {
    auto dir = temp_dir("config");
    std::ofstream(dir + "/emulator.conf") << "# fgs-emulator flags\n"
                                          << "profile = observed\n"
                                          << "set = retry_max=8\n"
                                          << "port 1\n"; // overridden below
    child_process p(emulator_binary, {"--config", dir + "/emulator.conf", "--port", "0"});
    unsigned short port = started_port(p);
    test_client c(port);
    auto res = c.request(http::verb::get, "/v2/p1/fgs/functions", "", {{"X-Auth-Token", "t"}});
    BOOST_TEST(res.result_int() == 200u);
    const std::string switches(res["X-Emulator-Switches"]);
    BOOST_TEST(switches.find("require_content_type=body") != std::string::npos, switches);
    BOOST_TEST(switches.find("retry_max=8") != std::string::npos, switches);
    std::ofstream(dir + "/bad.conf") << "profile = observed\nno-such-flag = 1\n";
    child_process bad(emulator_binary, {"--config", dir + "/bad.conf"});
    BOOST_TEST(bad.wait_exit(10s).value_or(-1) == 2);
    auto err = bad.read_stderr();
    BOOST_TEST(err.find("bad.conf:2: unknown option 'no-such-flag'") != std::string::npos, err);
    std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(bad_flags_exit_2_with_a_message) {
    for (std::vector<std::string> args : {std::vector<std::string>{"--port", "70000"},
                                          {"--bogus"},
                                          {"--profile", "nope"},
                                          {"--set", "retry_max=5"},
                                          {"--threads"}}) {
        child_process p(emulator_binary, args);
        BOOST_TEST_CONTEXT(args[0]) {
            BOOST_TEST(p.wait_exit(10s).value_or(-1) == 2);
            BOOST_TEST(p.read_stderr().find("fgs-emulator: ") != std::string::npos);
        }
    }
}

BOOST_AUTO_TEST_CASE(bad_values_name_what_is_accepted) {
    child_process p(emulator_binary, {"--threads", "0"});
    BOOST_TEST(p.wait_exit(10s).value_or(-1) == 2);
    auto err = p.read_stderr();
    BOOST_TEST(err.find("--threads N: expected an integer from 1 to 256") != std::string::npos,
               err);
}

BOOST_AUTO_TEST_CASE(a_mistyped_variable_is_a_warning_naming_the_option) {
    ::setenv("FGS_EMULATOR_MAX_BODIES", "1M", 1);
    child_process p(emulator_binary, {"--port", "0"});
    ::unsetenv("FGS_EMULATOR_MAX_BODIES");
    started_port(p); // starts anyway
    auto err = p.read_stderr();
    BOOST_TEST(err.find("fgs-emulator: warning: FGS_EMULATOR_MAX_BODIES names no option and is "
                        "ignored; did you mean FGS_EMULATOR_MAX_BODY (--max-body)?") !=
                   std::string::npos,
               err);
    p.signal(SIGTERM);
    BOOST_TEST(p.wait_exit(10s).value_or(-1) == 0);
}

BOOST_AUTO_TEST_CASE(a_fixture_that_is_not_json_names_line_and_column) {
    auto dir = temp_dir("fixture-syntax");
    std::ofstream(dir + "/broken.json") << "{\"projects\": [\n  {\"project_id\": 'p1'}\n]}";
    child_process p(emulator_binary, {"--port", "0", "--fixtures", dir});
    BOOST_TEST(p.wait_exit(10s).value_or(-1) == 2);
    auto err = p.read_stderr();
    BOOST_TEST(err.find("broken.json: not valid JSON at line 2, column 18 (syntax error)") !=
                   std::string::npos,
               err);
    std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(bad_fixture_names_file_and_field) {
    auto dir = temp_dir("fixture");
    std::ofstream(dir + "/broken.json")
        << R"({"projects":[{"project_id":"p1","functions":[{"func_name":"x","package":"default",)"
           R"("runtime":"Python3.9","handler":"index.handler","memory_size":128,"timeout":30,)"
           R"("code_type":"inline","async_invoke_configs":[{"max_async_retry_attempts":9}]}]}]})";
    child_process p(emulator_binary, {"--port", "0", "--fixtures", dir});
    BOOST_TEST(p.wait_exit(10s).value_or(-1) == 2);
    auto err = p.read_stderr();
    BOOST_TEST(err.find("broken.json") != std::string::npos, err);
    BOOST_TEST(err.find("projects[0].functions[0].async_invoke_configs[0]."
                        "max_async_retry_attempts") != std::string::npos,
               err);
    std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(port_in_use_exits_1) {
    child_process first(emulator_binary, {"--port", "0"});
    unsigned short port = started_port(first);
    child_process second(emulator_binary, {"--port", std::to_string(port)});
    BOOST_TEST(second.wait_exit(10s).value_or(-1) == 1);
    BOOST_TEST(second.read_stderr().find("cannot listen") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(help_and_list_switches) {
    child_process help(emulator_binary, {"--help"});
    std::string all;
    while (auto line = help.read_line(5s))
        all += *line + "\n";
    BOOST_TEST(help.wait_exit(10s).value_or(-1) == 0);
    for (auto flag : {"--host", "--port", "--threads", "--max-body", "--profile", "--set",
                      "--fixtures", "--seed"})
        BOOST_TEST(all.find(flag) != std::string::npos, flag);
    child_process list(emulator_binary, {"--list-switches"});
    std::string listing;
    while (auto line = list.read_line(5s))
        listing += *line + "\n";
    BOOST_TEST(listing.find("auth_error_dialect (D14)") != std::string::npos);
    child_process errors(emulator_binary, {"--list-errors"});
    std::string table;
    while (auto line = errors.read_line(5s))
        table += *line + "\n";
    BOOST_TEST(errors.wait_exit(10s).value_or(-1) == 0);
    BOOST_TEST(table.find("| `function_not_found` | Function not found | 404 | `FSS.1051` |") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(version_names_the_build_and_short_flags_work) {
    // The version comes from CMake's project(VERSION), the commit from git at build time.
    const std::string expected = std::string("fgs-emulator ") + FGS_PROJECT_VERSION + " (commit ";
    for (const char* flag : {"--version", "-V"}) {
        child_process p(emulator_binary, {flag});
        auto line = p.read_line(5s);
        BOOST_TEST_REQUIRE(line.has_value(), flag);
        BOOST_TEST(line->rfind(expected, 0) == 0u, flag << ": " << *line);
        BOOST_TEST(line->back() == ')', *line);
        BOOST_TEST(line->size() > expected.size() + 1, "the commit is not empty: " << *line);
        BOOST_TEST(p.wait_exit(10s).value_or(-1) == 0);
    }
    child_process help(emulator_binary, {"-h"});
    auto first = help.read_line(5s);
    BOOST_TEST_REQUIRE(first.has_value());
    BOOST_TEST(first->find("fgs-emulator") != std::string::npos, *first);
    BOOST_TEST(help.wait_exit(10s).value_or(-1) == 0);
    child_process bad(emulator_binary, {"-x"});
    BOOST_TEST(bad.wait_exit(10s).value_or(-1) == 2);
}

BOOST_AUTO_TEST_SUITE_END()
