// --state-file with the real binary: created at start, saved after changes and at shutdown,
// loaded at the next start instead of --fixtures; a corrupt file stops the start (exit 2,
// file and problem named, file left alone); kill -9 at any moment leaves a whole snapshot.
#include "http/emulator_process.hpp"

#include <boost/json.hpp>

#include <csignal>
#include <cstdlib>

using emu::test::child_process;
using emu::test::test_client;
using namespace emu::test::process;
namespace http = boost::beast::http;
namespace json = boost::json;

namespace {

using emu::test::api_headers;
using emu::test::create_body;
using emu::test::project;
const std::string fixtures = std::string(FGS_SOURCE_DIR) + "/fixtures/default";

std::string functions() {
    return "/v2/" + project + "/fgs/functions";
}
std::string config(const std::string& name) {
    return functions() + "/" + name + "/async-invoke-config";
}

/// The function names a state document holds for `project`.
std::vector<std::string> names_in(const json::value& doc) {
    std::vector<std::string> names;
    for (auto& p : doc.at("projects").as_array())
        if (p.at("project_id") == project.c_str())
            for (auto& f : p.at("functions").as_array())
                names.push_back(json::value_to<std::string>(f.at("func_name")));
    return names;
}

/// The state file parsed; fails the test when it is not a state document.
json::value parsed_state(const std::string& path) {
    boost::system::error_code ec;
    auto doc = json::parse(read_file(path), ec);
    BOOST_TEST_REQUIRE(!ec, path << " is not JSON: " << ec.message());
    BOOST_TEST_REQUIRE(doc.is_object());
    BOOST_TEST_REQUIRE(doc.as_object().contains("projects"));
    return doc;
}

} // namespace

BOOST_AUTO_TEST_SUITE(state_file_test)

BOOST_AUTO_TEST_CASE(created_at_start_saved_at_shutdown_and_loaded_instead_of_fixtures) {
    scratch_dir dir("state-round-trip");
    const std::string path = dir.file("state.json");
    const std::vector<std::string> args = {"--port",       "0", "--fixtures", fixtures,
                                           "--state-file", path};
    std::string before;
    {
        child_process p(binary, args);
        test_client c(started_port(p));
        // GET ready: the file did not exist; the fixtures were loaded.
        auto ready = json::parse(c.request(http::verb::get, "/_emulator/ready").body());
        BOOST_TEST(ready.at("fixtures_loaded") == 1);
        BOOST_TEST(ready.at("state_file") ==
                   json::value(json::object{{"path", path}, {"loaded", false}, {"projects", 0}}));
        // Created at start, with what the fixtures loaded.
        auto names = names_in(parsed_state(path));
        BOOST_TEST((names == std::vector<std::string>{"hello", "chain-target", "worker"}));
        BOOST_TEST(c.request(http::verb::post, functions(), create_body("extra"), api_headers)
                       .result_int() == 200u);
        BOOST_TEST(c.request(http::verb::put, config("extra"),
                             R"({"max_async_event_age_in_seconds":321})", api_headers)
                       .result_int() == 200u);
        BOOST_TEST(
            c.request(http::verb::delete_, functions() + "/hello", "", api_headers).result_int() ==
            204u);
        before = c.request(http::verb::get, "/_emulator/state").body();
        p.signal(SIGTERM);
        BOOST_TEST(p.wait_exit(10s).value_or(-1) == 0);
    }
    BOOST_TEST(parsed_state(path) == json::parse(before));
    // The next start loads the file, not the fixtures: "hello" stays deleted.
    child_process p(binary, args);
    test_client c(started_port(p));
    BOOST_TEST(json::parse(c.request(http::verb::get, "/_emulator/state").body()) ==
               json::parse(before));
    auto extra = c.request(http::verb::get, config("extra"), "", api_headers);
    BOOST_TEST(json::parse(extra.body()).at("max_async_event_age_in_seconds") == 321);
    // GET ready says what came from the file (no fixture file was read this time).
    auto ready = json::parse(c.request(http::verb::get, "/_emulator/ready").body());
    BOOST_TEST(ready.at("fixtures_loaded") == 0);
    BOOST_TEST(ready.at("state_file") ==
               json::value(json::object{{"path", path}, {"loaded", true}, {"projects", 1}}));
    // POST reset goes back to the state loaded from the file, not to nothing.
    BOOST_TEST(
        c.request(http::verb::delete_, functions() + "/extra", "", api_headers).result_int() ==
        204u);
    BOOST_TEST(c.request(http::verb::post, "/_emulator/reset").result_int() == 200u);
    BOOST_TEST(json::parse(c.request(http::verb::get, "/_emulator/state").body()) ==
               json::parse(before));
    p.signal(SIGTERM);
    BOOST_TEST(p.wait_exit(10s).value_or(-1) == 0);
}

BOOST_AUTO_TEST_CASE(changes_are_saved_soon_without_a_shutdown) {
    scratch_dir dir("state-debounce");
    const std::string path = dir.file("state.json");
    const std::vector<std::string> args = {"--port",          "0", "--state-file", path,
                                           "--state-save-ms", "20"};
    {
        child_process p(binary, args);
        test_client c(started_port(p));
        BOOST_TEST(c.request(http::verb::post, functions(), create_body("saved"), api_headers)
                       .result_int() == 200u);
        // Wait, on the socket, until the writer thread has saved it: bounded, never a sleep.
        const auto give_up = std::chrono::steady_clock::now() + 10s;
        while (read_file(path).find("\"saved\"") == std::string::npos) {
            BOOST_TEST_REQUIRE((std::chrono::steady_clock::now() < give_up), "never saved");
            c.request(http::verb::get, "/_emulator/health");
        }
        p.signal(SIGKILL); // no shutdown save
        BOOST_TEST(p.wait_exit(10s).value_or(-1) == 128 + SIGKILL);
    }
    child_process p(binary, args);
    test_client c(started_port(p));
    BOOST_TEST(
        c.request(http::verb::get, functions() + "/saved/config", "", api_headers).result_int() ==
        200u);
}

BOOST_AUTO_TEST_CASE(a_corrupt_file_stops_start_up_and_is_left_alone) {
    scratch_dir dir("state-corrupt");
    const std::string path = dir.file("state.json");
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"", "the file is empty"},
        {"{\"projects\":[{\"project_id\":\"p1\",\"functi", "not valid JSON"},
        {"[1,2,3]", "\"projects\" array"},
        {"not json at all", "not valid JSON"},
        {R"({"projects":[{"project_id":"p1","functions":[{"func_name":"x"}]}]})",
         "projects[0].functions[0]"},
    };
    for (auto& [content, problem] : cases) {
        BOOST_TEST_CONTEXT("content '" << content << "'") {
            std::ofstream(path, std::ios::binary | std::ios::trunc) << content;
            child_process p(binary, {"--port", "0", "--state-file", path});
            BOOST_TEST(p.wait_exit(10s).value_or(-1) == 2);
            auto err = p.read_stderr();
            BOOST_TEST(err.find("fgs-emulator: --state-file: " + path) != std::string::npos, err);
            BOOST_TEST(err.find(problem) != std::string::npos, err);
            BOOST_TEST(read_file(path) == content); // never overwritten
        }
    }
}

BOOST_AUTO_TEST_CASE(the_path_may_come_from_the_environment) {
    scratch_dir dir("state-env");
    const std::string path = dir.file("from-env.json");
    ::setenv("FGS_EMULATOR_STATE_FILE", path.c_str(), 1);
    child_process p(binary, {"--port", "0"});
    ::unsetenv("FGS_EMULATOR_STATE_FILE");
    started_port(p);
    BOOST_TEST(names_in(parsed_state(path)).empty()); // created at start
    p.signal(SIGTERM);
    BOOST_TEST(p.wait_exit(10s).value_or(-1) == 0);
}

BOOST_AUTO_TEST_CASE(an_unwritable_path_stops_start_up) {
    scratch_dir dir("state-unwritable");
    const std::string path = dir.file("missing-dir/state.json");
    child_process p(binary, {"--port", "0", "--state-file", path});
    BOOST_TEST(p.wait_exit(10s).value_or(-1) == 2);
    auto err = p.read_stderr();
    BOOST_TEST(err.find("cannot create " + path + ".tmp") != std::string::npos, err);
}

BOOST_AUTO_TEST_CASE(kill_9_during_a_write_storm_leaves_a_whole_snapshot) {
    scratch_dir dir("state-kill9");
    const std::string path = dir.file("state.json");
    // Saving at most 1 ms after a change keeps the writer busy during the whole storm, so the
    // kills land before, during and after writes. Every round starts on the file the previous
    // kill left: a torn file would stop that start (exit 2) and fail the round.
    std::size_t saved_before = 0;
    for (int round = 0; round < 8; ++round) {
        BOOST_TEST_CONTEXT("round " << round) {
            child_process p(binary, {"--port", "0", "--state-file", path, "--state-save-ms", "1"});
            test_client c(started_port(p));
            const std::size_t loaded = names_in(parsed_state(path)).size();
            BOOST_TEST(loaded >= saved_before); // what was saved is never lost by a restart
            const int requests = 40 + 120 * round;
            for (int i = 0; i < requests; ++i) {
                const std::string name = "r" + std::to_string(round) + "f" + std::to_string(i % 10);
                auto res = i < 10 ? c.request(http::verb::post, functions(), create_body(name),
                                              api_headers)
                                  : c.request(http::verb::put, config(name),
                                              R"({"max_async_event_age_in_seconds":)" +
                                                  std::to_string(100 + i) + "}",
                                              api_headers);
                BOOST_TEST(res.result_int() == 200u, res.body());
            }
            p.signal(SIGKILL);
            BOOST_TEST(p.wait_exit(10s).value_or(-1) == 128 + SIGKILL);
            saved_before = names_in(parsed_state(path)).size(); // whole, old or new
            // A leftover PATH.tmp shows that the kill landed inside a write.
            BOOST_TEST_MESSAGE(
                "round " << round << ": " << loaded << " functions loaded, " << requests
                         << " requests, " << saved_before << " functions in the file after kill -9"
                         << (std::filesystem::exists(path + ".tmp") ? ", killed during a write"
                                                                    : ""));
            BOOST_TEST(saved_before >= loaded);
            BOOST_TEST(saved_before <= loaded + std::min(requests, 10));
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
