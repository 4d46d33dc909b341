// API tests of the switches the spec reserves for "strict" (D07, D09, D18, D21, D23) and of
// the regional route sets (D20, region_profile): for each, the documented answer and the
// alternative through the pipeline, then the `strict` preset as a whole.
#include "invocation_harness.hpp"
#include "version_api_support.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <ostream>
#include <string>
#include <vector>

namespace bdata = boost::unit_test::data;
using namespace emu;
using namespace emu::test;

namespace {

using header = std::pair<std::string, std::string>;

header switches(const std::string& assignments) {
    return {"X-Emulator-Switches", assignments};
}

domain::switches strict() {
    auto b = domain::preset("strict");
    BOOST_TEST_REQUIRE(b.has_value());
    return *b;
}

/// The prefix of every gateway "no such API" message.
const std::string no_api = "The API does not exist or has not been published in the environment: ";

// ---- D20 ----------------------------------------------------------------------------------

/// One public operation a region may lack: how to call it, and whether it exists per profile.
struct region_case {
    std::string operation;
    http::verb method;
    std::string target;
    std::string body;
    bool in_intl, in_kl, in_otc;
    std::string allowed; ///< the methods left on the path without it ("" = none)
};
std::ostream& operator<<(std::ostream& os, const region_case& c) {
    return os << c.operation;
}

std::vector<region_case> region_cases() {
    const std::string fns = api_harness::functions();
    using v = http::verb;
    return {
        {"ListActiveAsyncInvocations", v::get,
         invocation_harness::target("active-async-invocations"), "", true, false, false, ""},
        {"EnableAsyncStatusLog", v::post, fns + "/enable-async-status-logs", "{}", true, true,
         false, "DELETE"},
        {"ShowProjectAsyncStatusLogInfo", v::get, fns + "/async-status-log-detail", "", true, true,
         false, "DELETE"},
        // present in every region (a sample of the rest of the table)
        {"ListAsyncInvocations", v::get, invocation_harness::target("async-invocations"), "", true,
         true, true, ""},
        {"AsyncInvokeFunction", v::post, invocation_harness::target("invocations-async"), "{}",
         true, true, true, ""},
        {"ShowFunctionAsyncInvokeConfig", v::get, api_harness::config(api_harness::urn("demo")), "",
         true, true, true, ""},
    };
}

} // namespace

BOOST_AUTO_TEST_SUITE(strict_and_region_switches_test)

BOOST_DATA_TEST_CASE(d20_region_profile_routes, bdata::make(region_cases()), c) {
    invocation_harness h;
    h.configure("{}");
    // the status-log detail exists once the logs are enabled
    BOOST_TEST_REQUIRE(
        h.call(http::verb::post, api_harness::functions() + "/enable-async-status-logs", "{}")
            .status() == 200u);
    for (auto [profile, exists] :
         {std::pair<std::string, bool>{"intl", c.in_intl}, {"kl", c.in_kl}, {"otc", c.in_otc}}) {
        BOOST_TEST_CONTEXT("region_profile=" << profile) {
            const header sw = switches("region_profile=" + profile);
            auto a = h.call(c.method, c.target, c.body, {sw});
            if (exists) {
                BOOST_TEST(a.status() / 100 == 2u, a.res.body());
                continue;
            }
            const std::string why =
                " (" + c.operation + " does not exist under switch region_profile=" + profile + ")";
            const std::string method(http::to_string(c.method));
            // as a route that is not in the table: 404 APIGW.0101 …
            check_error(a, 404, "APIGW.0101",
                        no_api +
                            (c.allowed.empty()
                                 ? "no API at " + method + " " + c.target.substr(0, 256)
                                 : method + " is not supported here; allowed: " + c.allowed) +
                            why);
            BOOST_TEST(a.res["X-Emulator-Switches"] == "region_profile=" + profile);
            // … in the gateway dialect of the switches in force
            auto b = h.call(c.method, c.target, c.body,
                            {switches("region_profile=" + profile + ",gateway_prefix=APIG")});
            BOOST_TEST(b.status() == 404u);
            BOOST_TEST(b.code() == "APIG.0101");
            auto m =
                h.call(c.method, c.target, c.body,
                       {switches("region_profile=" + profile + ",method_not_allowed=405-fss")});
            if (c.allowed.empty()) {
                BOOST_TEST(m.status() == 404u);
                BOOST_TEST(m.code() == "APIGW.0101");
            } else {
                check_error(m, 405, "FSS.0405",
                            "Method not allowed: " + method +
                                " is not supported here; allowed: " + c.allowed + why);
                BOOST_TEST(m.res[http::field::allow] == c.allowed);
            }
        }
    }
    // without the switch: intl
    BOOST_TEST(h.call(c.method, c.target, c.body).status() / 100 == 2u);
}

BOOST_AUTO_TEST_CASE(d20_region_profile_from_the_control_api_and_the_journal) {
    invocation_harness h;
    const std::string control = "/_emulator/switches?project_id=" + std::string(project);
    auto set = h.call(http::verb::put, control, R"({"switches":{"region_profile":"otc"}})");
    BOOST_TEST_REQUIRE(set.status() == 200u, set.res.body());
    BOOST_TEST(set.body.at("switches").at("region_profile") == "otc");
    auto a = h.active();
    check_error_has(a, 404, "APIGW.0101", {"region_profile=otc"});
    BOOST_TEST(h.list().status() == 200u);
    // a request may switch back
    BOOST_TEST(h.call(http::verb::get, invocation_harness::target("active-async-invocations"), "",
                      {switches("region_profile=intl")})
                   .status() == 200u);
    // the journal's rule names the switch
    auto j = h.call(http::verb::get,
                    "/_emulator/journal?project_id=" + std::string(project) + "&status=404");
    BOOST_TEST_REQUIRE(j.status() == 200u, j.res.body());
    auto& entries = j.body.at("entries").as_array();
    BOOST_TEST_REQUIRE(!entries.empty());
    BOOST_TEST(entries.back().at("rule") == "route_not_found (switch region_profile=otc)");
    // an unknown profile is refused, naming the accepted ones
    check_error_has(h.call(http::verb::put, control, R"({"switches":{"region_profile":"eu"}})"),
                    400, "EMU.0400", {"region_profile", "intl, kl, otc"});
}

// ---- D18 ----------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(d18_validate_instance_memory) {
    invocation_harness h;
    const header memory{"X-Cff-Instance-Memory", "999"};
    const header on = switches("validate_instance_memory=true");
    // documented: accepted whatever it says
    BOOST_TEST(h.invoke(R"({"k":"v"})", "demo", {memory}).status() == 202u);
    BOOST_TEST(h.invoke(R"({"k":"v"})", "demo", {{"X-Cff-Instance-Memory", "abc"}}).status() ==
               202u);
    // strict: one of the 15 values of the synchronous API
    const auto before = h.list().body.at("count").as_int64();
    for (std::string bad : {"999", "0", "4097", "20480", "abc"}) {
        BOOST_TEST_CONTEXT(bad) {
            check_error(h.invoke(R"({"k":"v"})", "demo", {{"X-Cff-Instance-Memory", bad}, on}), 400,
                        "FSS.0400",
                        "Invalid parameter: header X-Cff-Instance-Memory must be one of 128, 256, "
                        "512, 768, 1024, 1280, 1536, 1792, 2048, 2560, 3072, 3584, 4096, 8192, "
                        "10240 (MB), got '" +
                            bad + "' (switch validate_instance_memory)");
        }
    }
    BOOST_TEST(h.list().body.at("count").as_int64() == before); // nothing was queued
    for (std::string ok : {"128", "4096", "8192", "10240"})
        BOOST_TEST(h.invoke(R"({"k":"v"})", "demo", {{"X-Cff-Instance-Memory", ok}, on}).status() ==
                       202u,
                   ok);
    // absent: fine either way
    BOOST_TEST(h.invoke(R"({"k":"v"})", "demo", {on}).status() == 202u);
}

// ---- D21 ----------------------------------------------------------------------------------

/// Publishes v1 … v`n` of demo, each after a change of latest.
void publish_versions(demo_function& d, int n) {
    for (int i = 1; i <= n; ++i) {
        d.change("n" + std::to_string(i));
        d.publish(R"({"version":"v)" + std::to_string(i) + "\"}");
    }
}

BOOST_AUTO_TEST_CASE(d21_documented_has_no_version_cap) {
    demo_function d;
    publish_versions(d, 11); // the 11th went through: no cap on the current pages
    d.change("twelve");
    auto a = d.call(http::verb::post, versions_target(demo_unqualified()), R"({"version":"v12"})");
    BOOST_TEST(a.status() == 200u, a.res.body());
    BOOST_TEST((a.res.find("X-Emulator-Switches") == a.res.end()));
    auto list = d.call(http::verb::get, versions_target(demo_unqualified(), "maxitems=100"));
    BOOST_TEST(list.body.at("count").as_int64() == 13); // latest and v1 … v12
}

BOOST_AUTO_TEST_CASE(d21_max_versions_10_refuses_the_11th) {
    demo_function d;
    publish_versions(d, 10);
    d.change("eleven");
    check_error(d.call(http::verb::post, versions_target(demo_unqualified()),
                       R"({"version":"v11"})", {switches("max_versions=10")}),
                403, "FSS.0403",
                "Forbidden: function " + demo_unqualified() +
                    " already has 10 versions, the most a function may have is 10 (switch "
                    "max_versions)");
    BOOST_TEST(d.call(http::verb::post, versions_target(demo_unqualified()), R"({"version":"v11"})")
                   .status() == 200u);
}

// ---- D23 ----------------------------------------------------------------------------------

/// A URN with a space, and what the documented preset answers for it (nothing trimmed).
struct space_case {
    std::string label;
    std::string urn; ///< percent-encoded for the path
    unsigned status;
    std::string code;
    std::string part; ///< of the message
};
std::ostream& operator<<(std::ostream& os, const space_case& c) {
    return os << c.label;
}

std::vector<space_case> space_cases() {
    const std::string p = project;
    const std::string q = "urn:fss:cn-north-4:" + p + ":function:default:";
    return {
        {"space inside the name", "de%20mo", 404, "FSS.1051",
         "function urn:fss:cn-north-4:" + p + ":function:default:de mo does not exist"},
        {"trailing space", "demo%20", 404, "FSS.1051", ":function:default:demo  does not exist"},
        {"leading space, full form", q + "%20demo:latest", 404, "FSS.1051", ":default: demo "},
        {"space in the version", q + "demo:v%201", 404, "FSS.1052", "version 'v 1'"},
        {"latest with a space is a version", q + "demo:latest%20", 404, "FSS.1052",
         "version 'latest '"},
        {"space in the alias", q + "demo:!a%201", 404, "FSS.1053", "alias 'a 1'"},
        // the OTC example's stray space lands in the project field: another project
        {"space before the project", "urn:fss:cn-north-4:%20" + p + ":function:default:demo", 400,
         "FSS.1309", "project ' " + p + "'"},
    };
}

BOOST_DATA_TEST_CASE(d23_spaces_are_kept_unless_strict, bdata::make(space_cases()), c) {
    demo_function d;
    const std::string target = api_harness::config(c.urn);
    BOOST_TEST_REQUIRE(
        d.call(http::verb::put, api_harness::config(api_harness::urn("demo")), "{}").status() ==
        200u);
    auto a = d.call(http::verb::get, target);
    check_error_has(a, c.status, c.code, {c.part});
    // strict: 400 FSS.1309 before any lookup, for every method
    for (auto verb : {http::verb::get, http::verb::put, http::verb::delete_}) {
        BOOST_TEST_CONTEXT(http::to_string(verb)) {
            check_error(d.call(verb, target, "{}", {switches("reject_urn_spaces=true")}), 400,
                        "FSS.1309",
                        "Invalid function URN: it contains a space (switch reject_urn_spaces)");
        }
    }
    check_error(d.call(http::verb::delete_, function_target(c.urn), "",
                       {switches("reject_urn_spaces=true")}),
                400, "FSS.1309",
                "Invalid function URN: it contains a space (switch reject_urn_spaces)");
    // the config of demo itself is untouched by either
    BOOST_TEST(d.call(http::verb::get, api_harness::config(api_harness::urn("demo"))).status() ==
               200u);
}

BOOST_AUTO_TEST_CASE(d23_control_characters_are_always_invalid) {
    demo_function d;
    for (const char* urn : {"de%09mo", "demo%0A", "de%7Fmo"}) {
        BOOST_TEST_CONTEXT(urn) {
            check_error(d.call(http::verb::get, api_harness::config(urn)), 400, "FSS.1309",
                        "Invalid function URN: it contains a space or control character");
        }
    }
    // a function name with a space cannot be created, so no URN with one finds anything
    auto c = d.call(http::verb::post, api_harness::functions(),
                    R"({"func_name":"de mo","package":"default","runtime":"Python3.9",)"
                    R"("handler":"index.handler","memory_size":128,"timeout":30,)"
                    R"("code_type":"inline"})");
    BOOST_TEST(c.status() == 400u);
}

// ---- the strict preset ----------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(strict_preset_turns_on_every_strict_check) {
    invocation_harness h(strict());
    auto put = h.call(http::verb::put, api_harness::config(api_harness::urn("demo")),
                      R"({"max_async_retry_attempts":2})");
    BOOST_TEST_REQUIRE(put.status() == 200u, put.res.body());
    BOOST_TEST(put.res["X-Emulator-Switches"] ==
               "unknown_fields=reject,strict_urn_length=true,reject_urn_spaces=true,"
               "max_versions=10,validate_instance_memory=true");
    // D07: unknown fields → 400
    check_error(h.call(http::verb::put, api_harness::config(api_harness::urn("demo")),
                       R"({"max_async_retry_attempts":2,"extra":1})"),
                400, "FSS.0400",
                "Invalid parameter: unknown field extra (switch unknown_fields=reject)");
    // D09: URN length 1-269
    const std::string long_urn =
        "urn:fss:" + std::string(300, 'r') + ":" + project + ":function:default:demo:latest";
    check_error_has(h.call(http::verb::get, api_harness::config(long_urn)), 400, "FSS.1309",
                    {"at most 269 allowed (switch strict_urn_length)"});
    // D18: X-Cff-Instance-Memory in its enum
    check_error_has(h.invoke(R"({"k":"v"})", "demo", {{"X-Cff-Instance-Memory", "999"}}), 400,
                    "FSS.0400", {"(switch validate_instance_memory)"});
    BOOST_TEST(h.invoke(R"({"k":"v"})", "demo", {{"X-Cff-Instance-Memory", "10240"}}).status() ==
               202u);
    // D23: spaces
    check_error(h.call(http::verb::get, api_harness::config("de%20mo")), 400, "FSS.1309",
                "Invalid function URN: it contains a space (switch reject_urn_spaces)");
    // D20 is not a strict check: every route stays
    BOOST_TEST(h.active().status() == 200u);
    // each check is its own switch: one can be turned back off per request
    BOOST_TEST(h.call(http::verb::get, api_harness::config("de%20mo"), "",
                      {switches("reject_urn_spaces=false")})
                   .status() == 404u);
    BOOST_TEST(
        h.invoke(R"({"k":"v"})", "demo",
                 {{"X-Cff-Instance-Memory", "999"}, switches("validate_instance_memory=false")})
            .status() == 202u);
}

BOOST_AUTO_TEST_CASE(strict_preset_caps_versions_at_10) {
    demo_function d(strict());
    publish_versions(d, 10);
    d.change("eleven");
    check_error(
        d.call(http::verb::post, versions_target(demo_unqualified()), R"({"version":"v11"})"), 403,
        "FSS.0403",
        "Forbidden: function " + demo_unqualified() +
            " already has 10 versions, the most a function may have is 10 (switch max_versions)");
    BOOST_TEST(d.call(http::verb::post, versions_target(demo_unqualified()), R"({"version":"v11"})",
                      {switches("max_versions=0")})
                   .status() == 200u);
}

BOOST_AUTO_TEST_SUITE_END()
