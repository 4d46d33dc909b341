// The control API's state handlers in process (control/state_handlers.cpp): health and
// readiness, reset by project and kind, seeding and determinism, and GET / PUT
// /_emulator/state: the exported document, the round trip export → reset → import,
// atomicity of a bad import, and replacing only the named projects.
#include "control_harness.hpp"

#include "control/version.hpp"

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>

#include <ostream>
#include <vector>

using namespace emu::test;
namespace bdata = boost::unit_test::data;

namespace {

/// What one project holds, observed through the control API only (not journaled).
struct holdings {
    std::size_t functions = 0, configs = 0, journal = 0, faults = 0;
    bool own_switches = false, own_clock = false;
    friend bool operator==(const holdings&, const holdings&) = default;
};
std::ostream& operator<<(std::ostream& os, const holdings& h) {
    return os << "{functions " << h.functions << ", configs " << h.configs << ", journal "
              << h.journal << ", faults " << h.faults << ", own_switches " << h.own_switches
              << ", own_clock " << h.own_clock << "}";
}

holdings observe(harness_client& c, const std::string& project) {
    holdings h;
    auto functions = state_of(c, project).at("projects").at(0).at("functions").as_array();
    h.functions = functions.size();
    for (auto& f : functions)
        h.configs += f.at("async_invoke_configs").as_array().size();
    auto count = c.ctl(http::verb::get, "/_emulator/journal/count?project_id=" + project);
    h.journal = static_cast<std::size_t>(body_of(count).at("count").to_number<std::int64_t>());
    auto faults = c.ctl(http::verb::get, "/_emulator/faults?project_id=" + project);
    h.faults = body_of(faults).at("faults").as_array().size();
    auto sw = c.ctl(http::verb::get, "/_emulator/switches?project_id=" + project);
    h.own_switches = body_of(sw).at("own").as_bool();
    auto clock = c.ctl(http::verb::get, "/_emulator/clock?project_id=" + project);
    h.own_clock = body_of(clock).at("own").as_bool();
    return h;
}

/// Gives `project` one of everything: function + config (2 journal entries), a fault that
/// never fires, own switches, own clock.
void populate(harness_client& c, const std::string& project) {
    seed_function(c, project, "demo");
    BOOST_TEST_REQUIRE(c.ctl(http::verb::post, "/_emulator/faults",
                             R"({"method":"PATCH","project_id":")" + project + R"("})")
                           .result_int() == 201u);
    BOOST_TEST_REQUIRE(c.ctl(http::verb::put, "/_emulator/switches?project_id=" + project,
                             R"({"switches":{"retry_max":8}})")
                           .result_int() == 200u);
    BOOST_TEST_REQUIRE(c.ctl(http::verb::put, "/_emulator/clock?project_id=" + project,
                             R"({"time":"2022-01-01T00:00:00Z"})")
                           .result_int() == 200u);
}

const holdings full{1, 1, 2, 1, true, true};
const holdings empty{0, 0, 0, 0, false, false};

/// What is left of `full` after resetting `kind`.
holdings after_reset(const std::string& kind) {
    holdings h = full;
    if (kind == "all")
        return empty;
    if (kind == "functions")
        h.functions = h.configs = 0;
    if (kind == "configs")
        h.configs = 0;
    if (kind == "journal")
        h.journal = 0;
    if (kind == "faults")
        h.faults = 0;
    if (kind == "switches")
        h.own_switches = false;
    if (kind == "clock")
        h.own_clock = false;
    return h;
}

const std::vector<std::string> kinds = {"all",    "functions", "configs", "journal",
                                        "faults", "switches",  "clock"};

/// Project A with a function, a config, own switches and own clock; a frozen default clock;
/// project B with one function and config.
void populate_for_export(harness_client& c) {
    BOOST_TEST_REQUIRE(
        c.ctl(http::verb::put, "/_emulator/clock", R"({"time":"2021-03-04T06:50:02.123456789Z"})")
            .result_int() == 200u);
    BOOST_TEST_REQUIRE(c.ctl(http::verb::put, "/_emulator/switches?project_id=" + project,
                             R"({"profile":"observed","switches":{"retry_max":8}})")
                           .result_int() == 200u);
    BOOST_TEST_REQUIRE(c.ctl(http::verb::put, "/_emulator/clock?project_id=" + project,
                             R"({"time":"2022-05-06T07:08:09Z"})")
                           .result_int() == 200u);
    seed_function(c, project, "demo", 600, 7);
    BOOST_TEST_REQUIRE(c.ctl(http::verb::put, "/_emulator/clock?project_id=" + project,
                             R"({"advance_seconds":90})")
                           .result_int() == 200u);
    BOOST_TEST_REQUIRE(c.api(http::verb::put, config_path("demo", project),
                             R"({"max_async_event_age_in_seconds":300,"max_async_retry_attempts":8,
                                 "enable_async_status_log":true,"destination_config":{
                                 "on_failure":{"destination":"SMN","param":"{\"topic_urn\":\"urn:smn:cn-north-4:)" +
                                 project + R"(:failures\"}"}}})")
                           .result_int() == 200u);
    seed_function(c, other_project, "other", 120, 1);
}

/// An application with one AK/SK credential and the token the tests send.
emu::options with_credentials() {
    auto opts = test_options();
    opts.credentials = {"AK1:SK1:" + project};
    opts.tokens = {"t"};
    return opts;
}

} // namespace

BOOST_AUTO_TEST_SUITE(control_state_handlers_test)

BOOST_AUTO_TEST_CASE(health_and_ready) {
    control_harness s;
    harness_client c(s);
    auto health = c.ctl(http::verb::get, "/_emulator/health");
    BOOST_TEST(health.result_int() == 200u);
    BOOST_TEST(health[http::field::content_type] == "application/json");
    BOOST_TEST(!health["X-Request-Id"].empty());
    BOOST_TEST(body_of(health) ==
               json::parse(R"({"status":"ok","version":")" +
                           std::string(emu::control::emulator_version()) + R"("})"));
    auto ready = c.ctl(http::verb::get, "/_emulator/ready");
    BOOST_TEST(body_of(ready) ==
               json::parse(R"({"ready":true,"fixtures_loaded":0,"projects":0,"state_file":null})"));
    seed_function(c, project, "demo");
    ready = c.ctl(http::verb::get, "/_emulator/ready");
    BOOST_TEST(body_of(ready).at("projects").as_int64() == 1);
}

BOOST_AUTO_TEST_CASE(reset_all_empties_everything) {
    control_harness s;
    harness_client c(s);
    populate(c, project);
    populate(c, other_project);
    BOOST_TEST_REQUIRE(
        c.ctl(http::verb::put, "/_emulator/clock", R"({"time":"2020-01-01T00:00:00Z"})")
            .result_int() == 200u);
    auto r = c.ctl(http::verb::post, "/_emulator/reset");
    BOOST_TEST(r.result_int() == 200u);
    BOOST_TEST(body_of(r) == json::parse(R"({"reset":"all","project_id":null,"to":"start"})"));
    BOOST_TEST(observe(c, project) == empty);
    BOOST_TEST(observe(c, other_project) == empty);
    auto clock = body_of(c.ctl(http::verb::get, "/_emulator/clock"));
    BOOST_TEST(str(clock, "mode") == "real");
    BOOST_TEST(str(clock, "now") == "2021-03-04T00:00:00.000000000Z");
    BOOST_TEST(state_of(c).at("projects").as_array().empty());
}

BOOST_DATA_TEST_CASE(reset_of_one_kind_in_one_project, bdata::make(kinds), kind) {
    control_harness s;
    harness_client c(s);
    populate(c, project);
    populate(c, other_project);
    auto r = c.ctl(http::verb::post, "/_emulator/reset?project_id=" + project + "&kind=" + kind);
    BOOST_TEST(r.result_int() == 200u);
    BOOST_TEST(body_of(r) == json::value(json::object{
                                 {"reset", kind}, {"project_id", project}, {"to", "start"}}));
    BOOST_TEST(observe(c, project) == after_reset(kind));
    BOOST_TEST(observe(c, other_project) == full);
}

BOOST_DATA_TEST_CASE(reset_of_one_kind_everywhere, bdata::make(kinds), kind) {
    control_harness s;
    harness_client c(s);
    populate(c, project);
    populate(c, other_project);
    auto r = c.ctl(http::verb::post, "/_emulator/reset?kind=" + kind);
    BOOST_TEST(r.result_int() == 200u);
    BOOST_TEST(body_of(r) == json::value(json::object{
                                 {"reset", kind}, {"project_id", nullptr}, {"to", "start"}}));
    BOOST_TEST(observe(c, project) == after_reset(kind));
    BOOST_TEST(observe(c, other_project) == after_reset(kind));
}

BOOST_AUTO_TEST_CASE(reset_restores_the_startup_switches) {
    auto opts = test_options();
    opts.profile = "observed";
    control_harness s(opts);
    harness_client c(s);
    BOOST_TEST_REQUIRE(
        c.ctl(http::verb::put, "/_emulator/switches", R"({"profile":"documented"})").result_int() ==
        200u);
    BOOST_TEST(c.ctl(http::verb::post, "/_emulator/reset?kind=switches").result_int() == 200u);
    auto sw = body_of(c.ctl(http::verb::get, "/_emulator/switches"));
    BOOST_TEST(str(sw.at("switches"), "require_content_type") == "body");
}

BOOST_AUTO_TEST_CASE(reset_with_a_bad_kind_lists_the_kinds) {
    control_harness s;
    harness_client c(s);
    populate(c, project);
    check_control_error(c.ctl(http::verb::post, "/_emulator/reset?kind=everything"),
                        "kind must be one of all, functions, configs, journal, faults, "
                        "switches, clock, invocations; got 'everything'");
    BOOST_TEST(observe(c, project) == full);
}

BOOST_AUTO_TEST_CASE(seed_accepts_a_non_negative_integer) {
    control_harness s;
    harness_client c(s);
    auto r = c.ctl(http::verb::post, "/_emulator/seed", R"({"seed":7})");
    BOOST_TEST(r.result_int() == 200u);
    BOOST_TEST(body_of(r) == json::parse(R"({"seed":7})"));
    const std::string rule = "seed must be a non-negative integer, e.g. {\"seed\": 42}";
    for (const char* bad : {R"({"seed":-1})", R"({"seed":"7"})", R"({"seed":1.5})", "{}", ""})
        BOOST_TEST_CONTEXT(bad) {
            check_control_error(c.ctl(http::verb::post, "/_emulator/seed", bad), rule);
        }
    auto not_json = c.ctl(http::verb::post, "/_emulator/seed", "{seed");
    BOOST_TEST(not_json.result_int() == 400u);
    BOOST_TEST(str(body_of(not_json), "error_msg")
                   .starts_with("Invalid control request: the body is not valid JSON ("));
    check_control_error(c.ctl(http::verb::post, "/_emulator/seed", "[7]"),
                        "the body must be a JSON object");
}

BOOST_AUTO_TEST_CASE(seed_and_frozen_clock_give_byte_identical_answers) {
    struct transcript {
        std::vector<std::string> bodies, request_ids;
    };
    auto run = [] {
        control_harness s;
        s.clock.advance(std::chrono::hours(1000)); // the frozen clock must win over real time
        harness_client c(s);
        transcript t;
        auto record = [&](const response& r) {
            t.bodies.push_back(r.body());
            t.request_ids.push_back(std::string(r["X-Request-Id"]));
        };
        BOOST_TEST_REQUIRE(
            c.ctl(http::verb::post, "/_emulator/seed", R"({"seed":7})").result_int() == 200u);
        record(c.ctl(http::verb::put, "/_emulator/clock", R"({"time":"2021-03-04T06:50:02Z"})"));
        record(c.api(http::verb::post, functions_path(project), create_body("demo")));
        record(c.api(http::verb::put, config_path("demo", project), config_body(600, 2)));
        record(c.api(http::verb::get, config_path("demo", project)));
        record(c.api(http::verb::put, config_path("demo", project), config_body(600, 9)));
        return t;
    };
    auto first = run();
    auto second = run();
    BOOST_TEST(first.bodies == second.bodies, boost::test_tools::per_element());
    BOOST_TEST(first.request_ids == second.request_ids, boost::test_tools::per_element());
    BOOST_TEST(json::parse(first.bodies[1]).at("func_id").as_string().size() == 36u);
    BOOST_TEST(str(json::parse(first.bodies[2]), "created_time") == "2021-03-04T14:50:02+08:00");
}

BOOST_AUTO_TEST_CASE(export_holds_ids_exact_times_switches_and_clocks) {
    control_harness s(with_credentials());
    harness_client c(s);
    populate_for_export(c);
    auto doc = state_of(c);
    BOOST_TEST(str(doc, "format") == "fgs-emulator-state/1");
    BOOST_TEST(str(doc.at("switches"), "require_content_type") == "all");
    BOOST_TEST(doc.at("clock") == json::parse(R"({"frozen":true,
        "time":"2021-03-04T06:50:02.123456789Z","offset_ns":0})"));
    BOOST_TEST(doc.at("credentials") ==
               json::parse(R"([{"access_key":"AK1","secret_key":"SK1","project_id":")" + project +
                           R"("}])"));
    BOOST_TEST(doc.at("tokens") == json::parse(R"([{"token":"t","project_id":""}])"));
    auto& projects = doc.at("projects").as_array();
    BOOST_TEST_REQUIRE(projects.size() == 2u);
    auto& a = projects[0].as_object();
    BOOST_TEST(str(a, "project_id") == project);
    BOOST_TEST(str(a.at("switches"), "retry_max") == "8");
    BOOST_TEST(str(a.at("switches"), "require_content_type") == "body");
    BOOST_TEST(a.at("clock") == json::parse(R"({"frozen":true,
        "time":"2022-05-06T07:09:39.000000000Z","offset_ns":0})"));
    auto& f = a.at("functions").at(0).as_object();
    auto created = body_of(c.api(http::verb::get, functions_path(project) + "/demo/config"));
    BOOST_TEST(f.at("func_id") == created.at("func_id"));
    BOOST_TEST(f.at("region") == "cn-north-4");
    BOOST_TEST(f.at("created") == "2022-05-06T07:08:09.000000000Z");
    BOOST_TEST(f.at("last_modified") == "2022-05-06T07:08:09.000000000Z");
    BOOST_TEST(f.at("digest") == created.at("digest"));
    BOOST_TEST(f.at("code_size") == created.at("code_size"));
    auto& cfg = f.at("async_invoke_configs").at(0).as_object();
    BOOST_TEST(cfg.at("qualifier") == "latest");
    BOOST_TEST(cfg.at("max_async_retry_attempts") == 8);
    BOOST_TEST(cfg.at("created_time") == "2022-05-06T07:08:09.000000000Z");
    BOOST_TEST(cfg.at("last_modified") == "2022-05-06T07:09:39.000000000Z");
    auto& b = projects[1].as_object();
    BOOST_TEST(str(b, "project_id") == other_project);
    BOOST_TEST(!b.contains("switches"));
    BOOST_TEST(!b.contains("clock"));
    BOOST_TEST(b.at("functions").at(0).at("async_invoke_configs").at(0).at("created_time") ==
               "2021-03-04T06:50:02.123456789Z");
}
BOOST_AUTO_TEST_CASE(export_of_one_project) {
    control_harness s;
    harness_client c(s);
    populate_for_export(c);
    auto doc = state_of(c, other_project);
    BOOST_TEST(!doc.as_object().contains("switches"));
    BOOST_TEST(!doc.as_object().contains("clock"));
    BOOST_TEST(!doc.as_object().contains("credentials"));
    BOOST_TEST(doc.at("projects").as_array().size() == 1u);
    BOOST_TEST(doc.at("projects").at(0) == state_of(c).at("projects").at(1));
    // A project nobody used is exported empty.
    BOOST_TEST(state_of(c, "nobody").at("projects").at(0) ==
               json::parse(R"({"project_id":"nobody","functions":[]})"));
}
BOOST_AUTO_TEST_CASE(export_reset_import_restores_everything) {
    control_harness s(with_credentials());
    harness_client c(s);
    populate_for_export(c);
    auto before = c.api(http::verb::get, config_path("demo", project));
    auto before_b = c.api(http::verb::get, config_path("other", other_project));
    auto list_before = c.api(http::verb::get, functions_path(project));
    auto exported = c.ctl(http::verb::get, "/_emulator/state");
    BOOST_TEST_REQUIRE(c.ctl(http::verb::post, "/_emulator/reset").result_int() == 200u);
    BOOST_TEST(state_of(c).at("projects").as_array().empty());
    auto loaded = c.ctl(http::verb::put, "/_emulator/state", exported.body());
    BOOST_TEST(loaded.result_int() == 200u);
    BOOST_TEST(body_of(loaded) == json::value({{"loaded_projects", {project, other_project}}}));
    BOOST_TEST(state_of(c) == body_of(exported));
    auto after = c.api(http::verb::get, config_path("demo", project));
    BOOST_TEST(after.result_int() == 200u);
    BOOST_TEST(after.body() == before.body());
    BOOST_TEST(after["X-Emulator-Switches"] == before["X-Emulator-Switches"]);
    BOOST_TEST(c.api(http::verb::get, config_path("other", other_project)).body() ==
               before_b.body());
    BOOST_TEST(c.api(http::verb::get, functions_path(project)).body() == list_before.body());
}
BOOST_AUTO_TEST_CASE(a_bad_entry_names_the_field_and_changes_nothing) {
    control_harness s;
    harness_client c(s);
    populate_for_export(c);
    auto before = state_of(c);
    // Project A's entry is good, project B's second function is not: neither is loaded.
    const std::string doc = R"({"switches":{"retry_max":8},"clock":{"frozen":true,
        "time":"2030-01-01T00:00:00Z"},"projects":[
        {"project_id":")" + project +
                            R"(","functions":[)" + create_body("fresh") + R"(]},
        {"project_id":")" + other_project +
                            R"(","functions":[)" + create_body("good") + R"(,
          {"func_name":"bad","package":"default","runtime":"Python3.9",
           "handler":"index.handler","memory_size":100,"timeout":30,"code_type":"inline"}]}]})";
    auto r = c.ctl(http::verb::put, "/_emulator/state", doc);
    BOOST_TEST(r.result_int() == 400u);
    BOOST_TEST(str(body_of(r), "error_code") == "EMU.0400");
    BOOST_TEST(str(body_of(r), "error_msg")
                   .starts_with("Invalid control request: state: projects[1].functions[1]."
                                "memory_size: "));
    BOOST_TEST(state_of(c) == before);
}
BOOST_AUTO_TEST_CASE(bad_config_entry_and_bad_timestamp_are_named) {
    control_harness s;
    harness_client c(s);
    auto with_config = [](const std::string& config) {
        return R"({"projects":[{"project_id":")" + project + R"(","functions":[{)" +
               create_body("demo").substr(1, create_body("demo").size() - 2) +
               R"(,"async_invoke_configs":[)" + config + "]}]}]}";
    };
    auto r = c.ctl(http::verb::put, "/_emulator/state",
                   with_config(R"({"max_async_retry_attempts":4})"));
    check_control_error(r, "state: projects[0].functions[0].async_invoke_configs[0]."
                           "max_async_retry_attempts: max_async_retry_attempts must be an "
                           "integer from 0 to 3, got 4");
    r = c.ctl(http::verb::put, "/_emulator/state", with_config(R"({"created_time":"yesterday"})"));
    check_control_error(r, "state: projects[0].functions[0].async_invoke_configs[0].created_time "
                           "is not a timestamp like 2021-03-04T06:50:02.000000000Z");
    r = c.ctl(http::verb::put, "/_emulator/state",
              R"({"projects":[{"project_id":"p","clock":{"time":"noon"}}]})");
    check_control_error(r, "state: projects[0].clock.time is not a timestamp like "
                           "2021-03-04T06:50:02Z");
    r = c.ctl(http::verb::put, "/_emulator/state",
              R"({"projects":[{"project_id":"p","switches":{"retry_max":5}}]})");
    check_control_error(r, "state: projects[0].switches.retry_max: switch retry_max does not "
                           "accept '5'; accepted: 3, 8");
    r = c.ctl(http::verb::put, "/_emulator/state", R"({"projects":[{"functions":[]}]})");
    check_control_error(r, "state: projects[0].project_id is required (a string)");
    BOOST_TEST(state_of(c).at("projects").as_array().empty());
}
BOOST_AUTO_TEST_CASE(a_body_that_is_not_a_state_document) {
    control_harness s;
    harness_client c(s);
    auto r = c.ctl(http::verb::put, "/_emulator/state", "{projects");
    BOOST_TEST(r.result_int() == 400u);
    BOOST_TEST(str(body_of(r), "error_code") == "EMU.0400");
    BOOST_TEST(str(body_of(r), "error_msg")
                   .starts_with("Invalid control request: the body is not valid JSON ("));
    check_control_error(c.ctl(http::verb::put, "/_emulator/state", "[]"),
                        "the body must be a JSON object");
    const std::string shape = "state: the document must be an object with a \"projects\" array";
    check_control_error(c.ctl(http::verb::put, "/_emulator/state", "{}"), shape);
    check_control_error(c.ctl(http::verb::put, "/_emulator/state", R"({"projects":{}})"), shape);
    check_control_error(c.ctl(http::verb::put, "/_emulator/state", ""), shape);
}
BOOST_AUTO_TEST_CASE(import_replaces_only_the_named_projects) {
    control_harness s;
    harness_client c(s);
    populate_for_export(c);
    auto b_before = state_of(c, other_project);
    auto r = c.ctl(http::verb::put, "/_emulator/state",
                   R"({"projects":[{"project_id":")" + project + R"(","functions":[)" +
                       create_body("fresh") + "]}]}");
    BOOST_TEST(r.result_int() == 200u);
    BOOST_TEST(body_of(r) == json::value({{"loaded_projects", {project}}}));
    auto a = state_of(c, project).at("projects").at(0).as_object();
    BOOST_TEST_REQUIRE(a.at("functions").as_array().size() == 1u);
    BOOST_TEST(a.at("functions").at(0).at("func_name") == "fresh");
    BOOST_TEST(a.at("functions").at(0).at("async_invoke_configs").as_array().empty());
    BOOST_TEST(!a.contains("switches")); // the document gave A none: its own ones are gone
    BOOST_TEST(!a.contains("clock"));
    // A fixture-style entry (no func_id) is created now, by A's clock (the default one).
    BOOST_TEST(a.at("functions").at(0).at("created") == "2021-03-04T06:50:02.123456789Z");
    BOOST_TEST(state_of(c, other_project) == b_before);
    BOOST_TEST(c.api(http::verb::get, config_path("demo", project)).result_int() == 404u);
}

BOOST_AUTO_TEST_SUITE_END()
