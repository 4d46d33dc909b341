// GET and PUT /_emulator/state through real sockets: the exported document, the round trip
// export → reset → import, atomicity of a bad import, and replacing only the named projects.
#include "control_fixture.hpp"

using namespace emu::test::control;

namespace {

/// Project A with a function, a config, own switches and own clock; a frozen default clock;
/// project B with one function and config.
void populate(client& c) {
    BOOST_TEST_REQUIRE(
        c.ctl(http::verb::put, "/_emulator/clock", R"({"time":"2021-03-04T06:50:02.123456789Z"})")
            .result_int() == 200u);
    BOOST_TEST_REQUIRE(c.ctl(http::verb::put, "/_emulator/switches?project_id=" + project_a,
                             R"({"profile":"observed","switches":{"retry_max":8}})")
                           .result_int() == 200u);
    BOOST_TEST_REQUIRE(c.ctl(http::verb::put, "/_emulator/clock?project_id=" + project_a,
                             R"({"time":"2022-05-06T07:08:09Z"})")
                           .result_int() == 200u);
    seed_function(c, project_a, "demo", 600, 7);
    BOOST_TEST_REQUIRE(c.ctl(http::verb::put, "/_emulator/clock?project_id=" + project_a,
                             R"({"advance_seconds":90})")
                           .result_int() == 200u);
    BOOST_TEST_REQUIRE(c.api(http::verb::put, config_path(project_a, "demo"),
                             R"({"max_async_event_age_in_seconds":300,"max_async_retry_attempts":8,
                                 "enable_async_status_log":true,"destination_config":{
                                 "on_failure":{"destination":"SMN","param":"{\"topic_urn\":\"urn:smn:cn-north-4:)" +
                                 project_a + R"(:failures\"}"}}})")
                           .result_int() == 200u);
    seed_function(c, project_b, "other", 120, 1);
}

} // namespace

BOOST_AUTO_TEST_SUITE(control_api_state)

/// An application with one AK/SK credential and the token the tests send.
emu::options with_credentials() {
    auto opts = test_options();
    opts.credentials = {"AK1:SK1:" + project_a};
    opts.tokens = {"t"};
    return opts;
}

BOOST_AUTO_TEST_CASE(export_holds_ids_exact_times_switches_and_clocks) {
    running_app s(with_credentials());
    client c(s);
    populate(c);
    auto doc = state_of(c);
    BOOST_TEST(str(doc, "format") == "fgs-emulator-state/1");
    BOOST_TEST(str(doc.at("switches"), "require_content_type") == "all");
    BOOST_TEST(doc.at("clock") == json::parse(R"({"frozen":true,
        "time":"2021-03-04T06:50:02.123456789Z","offset_ns":0})"));
    BOOST_TEST(doc.at("credentials") ==
               json::parse(R"([{"access_key":"AK1","secret_key":"SK1","project_id":")" + project_a +
                           R"("}])"));
    BOOST_TEST(doc.at("tokens") == json::parse(R"([{"token":"t","project_id":""}])"));
    auto& projects = doc.at("projects").as_array();
    BOOST_TEST_REQUIRE(projects.size() == 2u);
    auto& a = projects[0].as_object();
    BOOST_TEST(str(a, "project_id") == project_a);
    BOOST_TEST(str(a.at("switches"), "retry_max") == "8");
    BOOST_TEST(str(a.at("switches"), "require_content_type") == "body");
    BOOST_TEST(a.at("clock") == json::parse(R"({"frozen":true,
        "time":"2022-05-06T07:09:39.000000000Z","offset_ns":0})"));
    auto& f = a.at("functions").at(0).as_object();
    auto created = body_of(c.api(http::verb::get, functions(project_a) + "/demo/config"));
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
    BOOST_TEST(str(b, "project_id") == project_b);
    BOOST_TEST(!b.contains("switches"));
    BOOST_TEST(!b.contains("clock"));
    BOOST_TEST(b.at("functions").at(0).at("async_invoke_configs").at(0).at("created_time") ==
               "2021-03-04T06:50:02.123456789Z");
}

BOOST_AUTO_TEST_CASE(export_of_one_project) {
    running_app s;
    client c(s);
    populate(c);
    auto doc = state_of(c, project_b);
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
    running_app s(with_credentials());
    client c(s);
    populate(c);
    auto before = c.api(http::verb::get, config_path(project_a, "demo"));
    auto before_b = c.api(http::verb::get, config_path(project_b, "other"));
    auto list_before = c.api(http::verb::get, functions(project_a));
    auto exported = c.ctl(http::verb::get, "/_emulator/state");
    BOOST_TEST_REQUIRE(c.ctl(http::verb::post, "/_emulator/reset").result_int() == 200u);
    BOOST_TEST(state_of(c).at("projects").as_array().empty());
    auto loaded = c.ctl(http::verb::put, "/_emulator/state", exported.body());
    BOOST_TEST(loaded.result_int() == 200u);
    BOOST_TEST(body_of(loaded) == json::value({{"loaded_projects", {project_a, project_b}}}));
    BOOST_TEST(state_of(c) == body_of(exported));
    auto after = c.api(http::verb::get, config_path(project_a, "demo"));
    BOOST_TEST(after.result_int() == 200u);
    BOOST_TEST(after.body() == before.body());
    BOOST_TEST(after["X-Emulator-Switches"] == before["X-Emulator-Switches"]);
    BOOST_TEST(c.api(http::verb::get, config_path(project_b, "other")).body() == before_b.body());
    BOOST_TEST(c.api(http::verb::get, functions(project_a)).body() == list_before.body());
}

BOOST_AUTO_TEST_CASE(a_bad_entry_names_the_field_and_changes_nothing) {
    running_app s;
    client c(s);
    populate(c);
    auto before = state_of(c);
    // Project A's entry is good, project B's second function is not: neither is loaded.
    const std::string doc = R"({"switches":{"retry_max":8},"clock":{"frozen":true,
        "time":"2030-01-01T00:00:00Z"},"projects":[
        {"project_id":")" + project_a +
                            R"(","functions":[)" + create_body("fresh") + R"(]},
        {"project_id":")" + project_b +
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
    running_app s;
    client c(s);
    auto with_config = [](const std::string& config) {
        return R"({"projects":[{"project_id":")" + project_a + R"(","functions":[{)" +
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
    running_app s;
    client c(s);
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
    running_app s;
    client c(s);
    populate(c);
    auto b_before = state_of(c, project_b);
    auto r = c.ctl(http::verb::put, "/_emulator/state",
                   R"({"projects":[{"project_id":")" + project_a + R"(","functions":[)" +
                       create_body("fresh") + "]}]}");
    BOOST_TEST(r.result_int() == 200u);
    BOOST_TEST(body_of(r) == json::value({{"loaded_projects", {project_a}}}));
    auto a = state_of(c, project_a).at("projects").at(0).as_object();
    BOOST_TEST_REQUIRE(a.at("functions").as_array().size() == 1u);
    BOOST_TEST(a.at("functions").at(0).at("func_name") == "fresh");
    BOOST_TEST(a.at("functions").at(0).at("async_invoke_configs").as_array().empty());
    BOOST_TEST(!a.contains("switches")); // the document gave A none: its own ones are gone
    BOOST_TEST(!a.contains("clock"));
    // A fixture-style entry (no func_id) is created now, by A's clock (the default one).
    BOOST_TEST(a.at("functions").at(0).at("created") == "2021-03-04T06:50:02.123456789Z");
    BOOST_TEST(state_of(c, project_b) == b_before);
    BOOST_TEST(c.api(http::verb::get, config_path(project_a, "demo")).result_int() == 404u);
}

BOOST_AUTO_TEST_SUITE_END()
