// Switches and virtual clocks in process (control/switch_handlers.cpp through the
// pipeline): defaults, per-project overrides and what they change in public answers, the
// X-Emulator-Switches answer header, freezing, advancing, per-project clocks, back to real
// time, and every refused body.
#include "control_harness.hpp"

#include "domain/switches.hpp"

using namespace emu::test;

namespace {

namespace domain = emu::domain;

/// The X-Emulator-Switches value for `b`: every switch differing from `documented`, in
/// switch-table order, as name=value.
std::string header_for(const domain::switches& b) {
    std::string out;
    for (auto name : domain::differing_switches(domain::switches{}, b))
        out += (out.empty() ? "" : ",") + std::string(name) + "=" + domain::get_switch(b, name);
    return out;
}

/// The `observed` preset with `assignments` applied.
domain::switches observed(std::string_view assignments = {}) {
    auto b = domain::preset("observed").value();
    BOOST_TEST_REQUIRE(!domain::apply_switches(b, assignments).has_error());
    return b;
}

const std::string needs_content_type =
    "Invalid parameter: header Content-Type must be application/json on GET requests, got none "
    "(switch require_content_type=all)";

/// A GET of project's function list with credentials but no Content-Type.
response bare_get(harness_client& c, const std::string& project) {
    return c.api(http::verb::get, functions_path(project), {}, {{"X-Auth-Token", "t"}});
}

json::value clock_of(harness_client& c, const std::string& project = {}) {
    auto r = c.ctl(http::verb::get,
                   "/_emulator/clock" + (project.empty() ? "" : "?project_id=" + project));
    BOOST_TEST_REQUIRE(r.result_int() == 200u);
    return body_of(r);
}

response put_clock(harness_client& c, const std::string& body, const std::string& project = {}) {
    return c.ctl(http::verb::put,
                 "/_emulator/clock" + (project.empty() ? "" : "?project_id=" + project), body);
}

} // namespace

BOOST_AUTO_TEST_SUITE(control_switch_handlers_test)

BOOST_AUTO_TEST_CASE(get_shows_the_defaults) {
    control_harness s;
    harness_client c(s);
    auto r = c.ctl(http::verb::get, "/_emulator/switches");
    BOOST_TEST(r.result_int() == 200u);
    auto v = body_of(r);
    BOOST_TEST(v.at("project_id") == nullptr);
    BOOST_TEST(v.at("own") == true);
    BOOST_TEST(v.at("presets") == json::parse(R"(["documented","observed","example","strict"])"));
    auto& sw = v.at("switches").as_object();
    BOOST_TEST(sw.size() == emu::domain::switch_table().size());
    BOOST_TEST(sw.at("retry_max") == "3");
    BOOST_TEST(sw.at("require_content_type") == "all");
    BOOST_TEST(sw.at("time_style") == "doc-mixed");
    auto a = body_of(c.ctl(http::verb::get, "/_emulator/switches?project_id=" + project));
    BOOST_TEST(str(a, "project_id") == project);
    BOOST_TEST(a.at("own") == false);
    BOOST_TEST(a.at("switches") == v.at("switches"));
}

BOOST_AUTO_TEST_CASE(project_switches_change_that_project_only) {
    control_harness s;
    harness_client c(s);
    auto r = c.ctl(http::verb::put, "/_emulator/switches?project_id=" + project,
                   R"({"profile":"observed","switches":{"retry_max":8}})");
    BOOST_TEST(r.result_int() == 200u);
    auto v = body_of(r);
    BOOST_TEST(v.at("own") == true);
    BOOST_TEST(v.at("switches").at("retry_max") == "8");
    BOOST_TEST(v.at("switches").at("require_content_type") == "body");
    BOOST_TEST(r.count("X-Emulator-Switches") == 0u); // control answers use the defaults

    auto a = bare_get(c, project);
    BOOST_TEST(a.result_int() == 200u);
    BOOST_TEST(a["X-Emulator-Switches"] == header_for(observed("retry_max=8")));
    BOOST_TEST(a["X-Emulator-Switches"].starts_with("retry_max=8,"));
    BOOST_TEST(a["X-Emulator-Switches"].find(",require_content_type=body,") != std::string::npos);
    auto b = bare_get(c, other_project);
    check_error(b, 400, "FSS.0400", needs_content_type);
    BOOST_TEST(b.count("X-Emulator-Switches") == 0u);

    seed_function(c, project, "demo", 600, 8); // retry_max=8 accepts 8
    BOOST_TEST(
        c.api(http::verb::post, functions_path(other_project), create_body("demo")).result_int() ==
        200u);
    check_error(
        c.api(http::verb::put, config_path("demo", other_project), config_body(600, 8)), 400,
        "FSS.0400",
        "Invalid parameter: max_async_retry_attempts must be an integer from 0 to 3, got 8");

    // A later PUT starts from the project's switches.
    r = c.ctl(http::verb::put, "/_emulator/switches?project_id=" + project,
              R"({"switches":{"bad_json":"406","emit_empty_destination_config":false}})");
    BOOST_TEST(body_of(r).at("switches").at("retry_max") == "8");
    BOOST_TEST(body_of(r).at("switches").at("bad_json") == "406");
    const auto answer = bare_get(c, project); // `now` views into its header
    auto now = answer["X-Emulator-Switches"];
    BOOST_TEST(now == header_for(observed(
                          "retry_max=8,bad_json=406,emit_empty_destination_config=false")));
    BOOST_TEST(now.find("bad_json") == std::string::npos);

    r = c.ctl(http::verb::delete_, "/_emulator/switches?project_id=" + project);
    BOOST_TEST(r.result_int() == 200u);
    BOOST_TEST(body_of(r).at("own") == false);
    BOOST_TEST(body_of(r).at("switches").at("retry_max") == "3");
    check_error(bare_get(c, project), 400, "FSS.0400", needs_content_type);
}

BOOST_AUTO_TEST_CASE(default_switches_change_every_project_without_its_own) {
    control_harness s;
    harness_client c(s);
    BOOST_TEST_REQUIRE(c.ctl(http::verb::put, "/_emulator/switches?project_id=" + project,
                             R"({"profile":"documented"})")
                           .result_int() == 200u);
    auto r = c.ctl(http::verb::put, "/_emulator/switches", R"({"profile":"observed"})");
    BOOST_TEST(r.result_int() == 200u);
    BOOST_TEST(body_of(r).at("project_id") == nullptr);
    // From now on the defaults shape control answers too.
    BOOST_TEST(c.ctl(http::verb::get, "/_emulator/health")["X-Emulator-Switches"] ==
               header_for(observed()));
    BOOST_TEST(bare_get(c, other_project).result_int() == 200u);
    BOOST_TEST(bare_get(c, other_project)["X-Emulator-Switches"] == header_for(observed()));
    check_error(bare_get(c, project), 400, "FSS.0400", needs_content_type);
    r = c.ctl(http::verb::delete_, "/_emulator/switches");
    BOOST_TEST(r.result_int() == 200u);
    BOOST_TEST(body_of(r).at("switches").at("require_content_type") == "all");
    check_error(bare_get(c, other_project), 400, "FSS.0400", needs_content_type);
}

BOOST_AUTO_TEST_CASE(bad_switch_bodies_are_named_and_change_nothing) {
    control_harness s;
    harness_client c(s);
    const std::string target = "/_emulator/switches?project_id=" + project;
    check_control_error(c.ctl(http::verb::put, target, R"({"switches":{"nope":1}})"),
                        "switches.nope: unknown switch 'nope'");
    check_control_error(
        c.ctl(http::verb::put, target, R"({"switches":{"retry_max":8,"retry_default":2}})"),
        "switches.retry_default: switch retry_default does not accept '2'; accepted: 1, 3");
    check_control_error(
        c.ctl(http::verb::put, target, R"({"switches":{"utc_offset_minutes":900}})"),
        "switches.utc_offset_minutes: switch utc_offset_minutes does not accept "
        "'900'; accepted: zone of emitted timestamps in minutes east of UTC "
        "(-720..840)");
    check_control_error(
        c.ctl(http::verb::put, target, R"({"profile":"weird"})"),
        "profile: unknown profile 'weird'; known: documented, observed, example, strict");
    check_control_error(c.ctl(http::verb::put, target, R"({"profile":5})"),
                        "profile: must be a string");
    check_control_error(c.ctl(http::verb::put, target, R"({"switches":["retry_max=8"]})"),
                        "switches must be an object of name: value");
    check_control_error(c.ctl(http::verb::put, target, R"({"switches":{},"colour":"red"})"),
                        "unknown field 'colour'; send {\"profile\": NAME, \"switches\": {...}}");
    check_control_error(c.ctl(http::verb::put, target, "[]"), "the body must be a JSON object");
    auto r = c.ctl(http::verb::put, target, "{switches");
    BOOST_TEST(r.result_int() == 400u);
    BOOST_TEST(str(body_of(r), "error_code") == "EMU.0400");
    auto a = body_of(c.ctl(http::verb::get, target));
    BOOST_TEST(a.at("own") == false);
    BOOST_TEST(a.at("switches").at("retry_max") == "3");
}

BOOST_AUTO_TEST_CASE(the_default_clock_is_real) {
    control_harness s;
    harness_client c(s);
    BOOST_TEST(clock_of(c) == json::parse(R"({"project_id":null,"mode":"real",
        "now":"2021-03-04T00:00:00.000000000Z","offset_ms":0,"own":true})"));
    s.clock.advance(std::chrono::seconds(5));
    BOOST_TEST(clock_of(c).at("now") == "2021-03-04T00:00:05.000000000Z");
    auto a = clock_of(c, project);
    BOOST_TEST(a.at("own") == false);
    BOOST_TEST(a.at("now") == "2021-03-04T00:00:05.000000000Z");
}

BOOST_AUTO_TEST_CASE(freeze_and_advance_show_in_config_timestamps) {
    control_harness s;
    harness_client c(s);
    auto r = put_clock(c, R"({"time":"2021-03-04T06:50:02Z"})");
    BOOST_TEST(r.result_int() == 200u);
    BOOST_TEST(body_of(r).at("mode") == "frozen");
    BOOST_TEST(body_of(r).at("now") == "2021-03-04T06:50:02.000000000Z");
    s.clock.advance(std::chrono::hours(1)); // real time no longer matters
    seed_function(c, project, "demo");
    auto get = body_of(c.api(http::verb::get, config_path("demo", project)));
    BOOST_TEST(get.at("created_time") == "2021-03-04T14:50:02+08:00");
    BOOST_TEST(get.at("last_modified") == "2021-03-04 14:50:02");

    r = put_clock(c, R"({"advance_seconds":60})");
    BOOST_TEST(body_of(r).at("now") == "2021-03-04T06:51:02.000000000Z");
    BOOST_TEST(body_of(r).at("mode") == "frozen");
    auto put = body_of(c.api(http::verb::put, config_path("demo", project), config_body(300, 1)));
    BOOST_TEST(put.at("created_time") == "2021-03-04T14:50:02+08:00");
    BOOST_TEST(put.at("last_modified") == "2021-03-04 14:51:02");

    r = put_clock(c, R"({"advance_ms":1500,"advance_seconds":-2})");
    BOOST_TEST(body_of(r).at("now") == "2021-03-04T06:51:01.500000000Z");
    r = put_clock(c, R"({"time":"2021-03-04T14:50:02.25+08:00"})");
    BOOST_TEST(body_of(r).at("now") == "2021-03-04T06:50:02.250000000Z");
}

BOOST_AUTO_TEST_CASE(project_clocks_are_independent) {
    control_harness s;
    harness_client c(s);
    BOOST_TEST(put_clock(c, R"({"time":"2030-01-01T00:00:00Z"})", project).result_int() == 200u);
    BOOST_TEST(put_clock(c, R"({"time":"2025-06-01T12:00:00Z"})", other_project).result_int() ==
               200u);
    BOOST_TEST(put_clock(c, R"({"advance_seconds":3600})", other_project).result_int() == 200u);
    seed_function(c, project, "demo");
    seed_function(c, other_project, "demo");
    BOOST_TEST(body_of(c.api(http::verb::get, config_path("demo", project))).at("created_time") ==
               "2030-01-01T08:00:00+08:00");
    BOOST_TEST(
        body_of(c.api(http::verb::get, config_path("demo", other_project))).at("created_time") ==
        "2025-06-01T21:00:00+08:00");
    BOOST_TEST(clock_of(c, project).at("own") == true);
    BOOST_TEST(clock_of(c).at("mode") == "real"); // the default clock did not move
    BOOST_TEST(clock_of(c).at("now") == "2021-03-04T00:00:00.000000000Z");
    BOOST_TEST(clock_of(c, "other").at("own") == false);

    auto r = c.ctl(http::verb::delete_, "/_emulator/clock?project_id=" + project);
    BOOST_TEST(r.result_int() == 200u);
    BOOST_TEST(body_of(r) == json::value(json::object{{"project_id", project},
                                                      {"mode", "real"},
                                                      {"now", "2021-03-04T00:00:00.000000000Z"},
                                                      {"offset_ms", 0},
                                                      {"own", false}}));
    BOOST_TEST(clock_of(c, other_project).at("own") == true);
}

BOOST_AUTO_TEST_CASE(mode_real_runs_on_from_the_frozen_time) {
    control_harness s;
    harness_client c(s);
    put_clock(c, R"({"time":"2021-03-04T06:50:02Z"})");
    auto r = put_clock(c, R"({"mode":"real"})");
    BOOST_TEST(body_of(r).at("mode") == "real");
    BOOST_TEST(body_of(r).at("offset_ms") == (6 * 3600 + 50 * 60 + 2) * 1000);
    s.clock.advance(std::chrono::seconds(10));
    BOOST_TEST(clock_of(c).at("now") == "2021-03-04T06:50:12.000000000Z");
    r = put_clock(c, R"({"mode":"frozen"})");
    BOOST_TEST(body_of(r).at("now") == "2021-03-04T06:50:12.000000000Z");
    s.clock.advance(std::chrono::seconds(10));
    BOOST_TEST(clock_of(c).at("now") == "2021-03-04T06:50:12.000000000Z");
    r = c.ctl(http::verb::delete_, "/_emulator/clock");
    BOOST_TEST(body_of(r).at("mode") == "real");
    BOOST_TEST(body_of(r).at("offset_ms") == 0);
    BOOST_TEST(body_of(r).at("now") == "2021-03-04T00:00:20.000000000Z");
}

BOOST_AUTO_TEST_CASE(bad_clock_bodies_are_refused_and_change_nothing) {
    control_harness s;
    harness_client c(s);
    put_clock(c, R"({"time":"2021-03-04T06:50:02Z"})");
    const std::string bad_time = "time must be a timestamp like 2021-03-04T06:50:02Z";
    for (const char* body :
         {R"({"time":"yesterday"})", R"({"time":5})", R"({"time":"2021-02-30T00:00:00Z"})",
          R"({"time":"2021-03-04T24:00:00Z"})", R"({"time":"2021-03-04T06:50:02+8"})",
          R"({"time":"2300-01-01T00:00:00Z"})", R"({"time":"1600-01-01T00:00:00Z"})"})
        BOOST_TEST_CONTEXT(body) {
            check_control_error(put_clock(c, body), bad_time);
        }
    check_control_error(put_clock(c, R"({"mode":"paused"})"),
                        "mode must be \"frozen\" or \"real\"");
    check_control_error(put_clock(c, R"({"advance_seconds":"60"})"),
                        "advance_seconds must be an integer of at most 100 years");
    check_control_error(put_clock(c, R"({"advance_seconds":1.5})"),
                        "advance_seconds must be an integer of at most 100 years");
    check_control_error(put_clock(c, R"({"advance_ms":true})"),
                        "advance_ms must be an integer of at most 100 years");
    check_control_error(put_clock(c, R"({"advance_seconds":9300000000})"),
                        "advance_seconds must be an integer of at most 100 years");
    check_control_error(put_clock(c, "{}"), "send time, mode and/or advance_seconds / advance_ms");
    check_control_error(put_clock(c, ""), "send time, mode and/or advance_seconds / advance_ms");
    check_control_error(put_clock(c, R"({"speed":2,"advance_seconds":1})"),
                        "unknown field 'speed'; accepted: mode, time, advance_seconds, advance_ms");
    check_control_error(put_clock(c, R"({"advance_seconds":1,"mode":"paused"})"),
                        "mode must be \"frozen\" or \"real\"");
    check_control_error(put_clock(c, "[1]"), "the body must be a JSON object");
    auto not_json = put_clock(c, "{time");
    BOOST_TEST(not_json.result_int() == 400u);
    BOOST_TEST(str(body_of(not_json), "error_msg")
                   .starts_with("Invalid control request: the body is not valid JSON ("));
    BOOST_TEST(clock_of(c).at("now") == "2021-03-04T06:50:02.000000000Z");
    BOOST_TEST(clock_of(c).at("mode") == "frozen");
}

BOOST_AUTO_TEST_SUITE_END()
