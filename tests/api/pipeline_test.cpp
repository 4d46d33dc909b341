// API tests of api/router: routing, gateway errors, authentication, Content-Type (D08), URN
// path forms (spec §0.1, §10.1), per-request switches, and what every response carries.
#include "api_checks.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <ostream>
#include <set>
#include <string>
#include <vector>

namespace bdata = boost::unit_test::data;
using namespace emu;
using namespace emu::test;

namespace {

const std::string p = project;
const std::string demo_urn = api_harness::urn("demo");
const std::string demo_unqualified = "urn:fss:cn-north-4:" + p + ":function:default:demo";
const std::string gateway_404 =
    "The API does not exist or has not been published in the environment: ";
const std::string iam_401 = "Incorrect IAM authentication information: ";
const std::string well_formed_signature =
    "SDK-HMAC-SHA256 Access=a, SignedHeaders=x-sdk-date, Signature=" + std::string(64, '0');

/// A harness with function `demo` and a stored config (100 s, 2 retries).
struct configured {
    api_harness h;
    configured() {
        BOOST_TEST_REQUIRE(h.create("demo").status() == 200u);
        auto a = h.call(http::verb::put, api_harness::config(demo_urn),
                        R"({"max_async_event_age_in_seconds":100,"max_async_retry_attempts":2})");
        BOOST_TEST_REQUIRE(a.status() == 200u, a.res.body());
    }
};

/// The gateway body carries request_id equal to the X-Request-Id header.
void check_request_id_in_body(const answer& a) {
    BOOST_TEST_REQUIRE(a.body.is_object());
    auto* id = a.body.as_object().if_contains("request_id");
    BOOST_TEST_REQUIRE(id != nullptr, "no request_id in " << a.body);
    BOOST_TEST(!a.res["X-Request-Id"].empty());
    BOOST_TEST(id->as_string() == a.res["X-Request-Id"]);
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
    for (auto pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size()))
        s.replace(pos, from.size(), to);
    return s;
}

struct text_case {
    std::string input;
    std::string expected;
};
std::ostream& operator<<(std::ostream& os, const text_case& c) {
    return os << "'" << c.input << "'";
}

struct method_case {
    http::verb method;
    std::string path;
    std::string allowed;
};
std::ostream& operator<<(std::ostream& os, const method_case& c) {
    return os << http::to_string(c.method) << " " << c.path;
}

std::vector<method_case> method_cases() {
    const std::string fns = api_harness::functions();
    using v = http::verb;
    return {
        {v::post, api_harness::config(demo_urn), "PUT, GET, DELETE"},
        {v::patch, api_harness::config(demo_urn), "PUT, GET, DELETE"},
        {v::head, api_harness::config(demo_urn), "PUT, GET, DELETE"},
        {v::put, fns + "/" + demo_urn + "/async-invoke-configs", "GET"},
        {v::delete_, fns + "/" + demo_urn + "/async-invoke-configs", "GET"},
        {v::put, fns, "POST, GET"},
        {v::delete_, fns, "POST, GET"},
        {v::get, fns + "/" + demo_urn, "DELETE"},
        {v::post, fns + "/" + demo_urn + "/config", "GET, PUT"},
        {v::delete_, fns + "/" + demo_urn + "/versions", "POST, GET"},
        {v::post, fns + "/" + demo_urn + "/aliases/a1", "GET, PUT, DELETE"},
    };
}

struct auth_case {
    std::string name;
    std::string token;         ///< X-Auth-Token ("" removes it)
    std::string authorization; ///< Authorization ("" = none)
    std::string sdk_date;      ///< X-Sdk-Date ("" = none)
    std::string reason;        ///< "" = accepted
};
std::ostream& operator<<(std::ostream& os, const auth_case& c) {
    return os << c.name;
}

std::vector<auth_case> auth_cases() {
    const std::string date = "20210304T065002Z";
    const std::string sig = "Signature=" + std::string(64, '0');
    return {
        {"no credentials", "", "", "", "x-auth-token not found"},
        {"no credentials but a date", "", "", date, "x-auth-token not found"},
        {"blank token", " ", "", "", "x-auth-token is empty"},
        {"token", "any-token", "", "", ""},
        {"token and signature", "any-token", well_formed_signature, date, ""},
        {"well-formed signature", "", well_formed_signature, date, ""},
        {"signature with more signed headers", "",
         "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=content-type;host;x-sdk-date, " + sig,
         date, ""},
        {"V11 algorithm", "",
         "V11-HMAC-SHA256 Credential=a/20210304/cn-north-4/fgs/sdk_request, "
         "SignedHeaders=x-sdk-date, " +
             sig,
         date,
         "unsupported authorization algorithm 'V11-HMAC-SHA256', only SDK-HMAC-SHA256 is "
         "accepted"},
        {"SM3 algorithm", "", "SDK-HMAC-SM3 Access=a, SignedHeaders=x-sdk-date, " + sig, date,
         "unsupported authorization algorithm 'SDK-HMAC-SM3', only SDK-HMAC-SHA256 is accepted"},
        {"bearer", "", "Bearer abc", date,
         "unsupported authorization algorithm 'Bearer', only SDK-HMAC-SHA256 is accepted"},
        {"lower-case algorithm", "", "sdk-hmac-sha256 Access=a, SignedHeaders=x-sdk-date, " + sig,
         date,
         "unsupported authorization algorithm 'sdk-hmac-sha256', only SDK-HMAC-SHA256 is "
         "accepted"},
        {"no Signature=", "", "SDK-HMAC-SHA256 Access=a, SignedHeaders=x-sdk-date", date,
         "authorization header lacks Signature="},
        {"empty Signature=", "", "SDK-HMAC-SHA256 Access=a, SignedHeaders=x-sdk-date, Signature=",
         date, "authorization header lacks Signature="},
        {"no Access=", "", "SDK-HMAC-SHA256 SignedHeaders=x-sdk-date, " + sig, date,
         "authorization header lacks Access="},
        {"empty Access=", "", "SDK-HMAC-SHA256 Access=, SignedHeaders=x-sdk-date, " + sig, date,
         "authorization header lacks Access="},
        {"no SignedHeaders=", "", "SDK-HMAC-SHA256 Access=a, " + sig, date,
         "authorization header lacks SignedHeaders="},
        {"x-sdk-date not signed", "", "SDK-HMAC-SHA256 Access=a, SignedHeaders=host, " + sig, date,
         "authorization header's SignedHeaders lacks x-sdk-date"},
        {"no X-Sdk-Date", "", well_formed_signature, "", "x-sdk-date not found"},
    };
}

} // namespace

BOOST_AUTO_TEST_SUITE(pipeline_test)

// ---- routing --------------------------------------------------------------------------

BOOST_DATA_TEST_CASE(unknown_path_is_404_gateway,
                     bdata::make(std::vector<std::string>{
                         "/", "/v2", "/v2/" + p, "/v2/" + p + "/fgs", "/v1/" + p + "/fgs/functions",
                         "/v2/" + p + "/fgs/function", "/v2/" + p + "/fgs/functions/demo/nothing",
                         "/v2/" + p + "/fgs/functions//async-invoke-config",
                         api_harness::config(demo_urn) + "/extra", "/_emulator/nothing"}),
                     path) {
    configured s;
    for (auto verb : {http::verb::get, http::verb::put, http::verb::delete_}) {
        BOOST_TEST_CONTEXT(http::to_string(verb)) {
            auto a = s.h.call(verb, path + "?marker=1", "{}");
            check_error(a, 404, "APIGW.0101",
                        gateway_404 + "no API at " + std::string(http::to_string(verb)) + " " +
                            path);
            check_request_id_in_body(a);
            BOOST_TEST((a.res.find(http::field::allow) == a.res.end()));
        }
    }
}

BOOST_DATA_TEST_CASE(wrong_method_on_a_known_path, bdata::make(method_cases()), c) {
    configured s;
    auto before = snapshot(s.h, demo_urn);
    const std::string what =
        std::string(http::to_string(c.method)) + " is not supported here; allowed: " + c.allowed;
    // Documented (gateway table): an unknown method is an unknown API.
    auto a = s.h.call(c.method, c.path, "{}");
    check_error(a, 404, "APIGW.0101", gateway_404 + what);
    check_request_id_in_body(a);
    BOOST_TEST((a.res.find(http::field::allow) == a.res.end()));
    // method_not_allowed=405-fss: the generic 405 with the guessed FSS.0405 and Allow.
    auto b =
        s.h.call(c.method, c.path, "{}", {{"X-Emulator-Switches", "method_not_allowed=405-fss"}});
    check_error(b, 405, "FSS.0405", "Method not allowed: " + what);
    BOOST_TEST(b.res[http::field::allow] == c.allowed);
    BOOST_TEST(!b.body.as_object().contains("request_id"));
    check_unchanged(s.h, demo_urn, before);
}

BOOST_AUTO_TEST_CASE(gateway_prefix_apig_changes_every_gateway_code) {
    configured s;
    const std::pair<std::string, std::string> apig{"X-Emulator-Switches", "gateway_prefix=APIG"};
    auto unknown = s.h.call(http::verb::get, "/v2/" + p + "/fgs/nothing", "", {apig});
    check_error(unknown, 404, "APIG.0101", gateway_404 + "no API at GET /v2/" + p + "/fgs/nothing");
    check_request_id_in_body(unknown);
    auto method = s.h.call(http::verb::post, api_harness::config(demo_urn), "{}", {apig});
    check_error_has(method, 404, "APIG.0101", {"POST is not supported here"});
    auto auth =
        s.h.call(http::verb::get, api_harness::config(demo_urn), "", {apig, {"X-Auth-Token", ""}});
    check_error(auth, 401, "APIG.0301", iam_401 + "x-auth-token not found");
    check_request_id_in_body(auth);
}

// ---- authentication (D14) -----------------------------------------------------------

BOOST_DATA_TEST_CASE(credentials, bdata::make(auth_cases()), c) {
    configured s;
    auto before = snapshot(s.h, demo_urn);
    auto req = make_request(http::verb::put, api_harness::config(demo_urn));
    req.body() = R"({"max_async_retry_attempts":0})";
    req.erase("X-Auth-Token");
    if (!c.token.empty())
        req.set("X-Auth-Token", c.token);
    if (!c.authorization.empty())
        req.set(http::field::authorization, c.authorization);
    if (!c.sdk_date.empty())
        req.set("X-Sdk-Date", c.sdk_date);
    auto a = send(s.h, req);
    if (c.reason.empty()) {
        BOOST_TEST(a.status() == 200u, a.res.body());
        BOOST_TEST(a.body.at("max_async_retry_attempts").as_int64() == 0);
        return;
    }
    check_error(a, 401, "APIGW.0301", iam_401 + c.reason);
    check_request_id_in_body(a);
    check_unchanged(s.h, demo_urn, before);
}

BOOST_AUTO_TEST_CASE(credentials_are_checked_on_every_public_route) {
    configured s;
    const std::string fns = api_harness::functions();
    const std::vector<std::pair<http::verb, std::string>> routes = {
        {http::verb::post, fns},
        {http::verb::get, fns},
        {http::verb::get, fns + "/" + demo_urn + "/config"},
        {http::verb::delete_, fns + "/" + demo_urn},
        {http::verb::put, api_harness::config(demo_urn)},
        {http::verb::get, api_harness::config(demo_urn)},
        {http::verb::delete_, api_harness::config(demo_urn)},
        {http::verb::get, fns + "/" + demo_urn + "/async-invoke-configs"},
        {http::verb::put, fns + "/" + demo_urn + "/code"},
        {http::verb::put, fns + "/" + demo_urn + "/config"},
        {http::verb::post, fns + "/" + demo_urn + "/versions"},
        {http::verb::get, fns + "/" + demo_urn + "/versions"},
        {http::verb::post, fns + "/" + demo_urn + "/aliases"},
        {http::verb::get, fns + "/" + demo_urn + "/aliases"},
        {http::verb::get, fns + "/" + demo_urn + "/aliases/a1"},
        {http::verb::put, fns + "/" + demo_urn + "/aliases/a1"},
        {http::verb::delete_, fns + "/" + demo_urn + "/aliases/a1"}};
    for (auto& [verb, target] : routes) {
        BOOST_TEST_CONTEXT(http::to_string(verb) << " " << target) {
            auto a = s.h.call(verb, target, "{}", {{"X-Auth-Token", ""}});
            check_error(a, 401, "APIGW.0301", iam_401 + "x-auth-token not found");
        }
    }
    // nothing was deleted
    BOOST_TEST(s.h.call(http::verb::get, api_harness::config(demo_urn)).status() == 200u);
}

BOOST_AUTO_TEST_CASE(auth_error_dialects) {
    configured s;
    const std::string target = api_harness::config(demo_urn);
    auto gw = s.h.call(http::verb::get, target, "", {{"X-Auth-Token", ""}});
    check_error(gw, 401, "APIGW.0301", iam_401 + "x-auth-token not found");
    check_request_id_in_body(gw);

    auto f401 =
        s.h.call(http::verb::get, target, "",
                 {{"X-Auth-Token", ""}, {"X-Emulator-Switches", "auth_error_dialect=fss-401"}});
    check_error(f401, 401, "FSS.0401", "invalid token: x-auth-token not found");
    BOOST_TEST(!f401.body.as_object().contains("request_id"));

    auto f403 =
        s.h.call(http::verb::get, target, "",
                 {{"X-Auth-Token", ""}, {"X-Emulator-Switches", "auth_error_dialect=fss-403"}});
    check_error(f403, 403, "FSS.0403", "invalid token: x-auth-token not found");
    BOOST_TEST(!f403.body.as_object().contains("request_id"));

    auto sig = s.h.call(http::verb::get, target, "",
                        {{"X-Auth-Token", ""},
                         {"Authorization", "SDK-HMAC-SHA256 Access=a"},
                         {"X-Emulator-Switches", "auth_error_dialect=fss-403"}});
    check_error(sig, 403, "FSS.0403", "invalid token: authorization header lacks SignedHeaders=");
}

// ---- Content-Type (D08) ---------------------------------------------------------------

BOOST_AUTO_TEST_CASE(documented_rule_requires_content_type_on_every_method) {
    configured s;
    const std::string fns = api_harness::functions();
    const std::vector<std::pair<http::verb, std::string>> routes = {
        {http::verb::get, fns},
        {http::verb::get, fns + "/" + demo_urn + "/config"},
        {http::verb::delete_, fns + "/" + demo_urn},
        {http::verb::get, api_harness::config(demo_urn)},
        {http::verb::delete_, api_harness::config(demo_urn)},
        {http::verb::get, fns + "/" + demo_urn + "/async-invoke-configs"},
        {http::verb::put, api_harness::config(demo_urn)},
        {http::verb::post, fns}};
    for (auto& [verb, target] : routes) {
        BOOST_TEST_CONTEXT(http::to_string(verb) << " " << target) {
            auto a = s.h.call(verb, target, "", {{"Content-Type", ""}});
            check_error(a, 400, "FSS.0400",
                        "Invalid parameter: header Content-Type must be application/json on " +
                            std::string(http::to_string(verb)) +
                            " requests, got none (switch require_content_type=all)");
        }
    }
    BOOST_TEST(s.h.call(http::verb::get, api_harness::config(demo_urn)).status() == 200u);
}

BOOST_AUTO_TEST_CASE(content_type_rule_body_and_off) {
    configured s;
    const std::string target = api_harness::config(demo_urn);
    const std::pair<std::string, std::string> body_rule{"X-Emulator-Switches",
                                                        "require_content_type=body"};
    const std::pair<std::string, std::string> off_rule{"X-Emulator-Switches",
                                                       "require_content_type=off"};
    const std::pair<std::string, std::string> no_ct{"Content-Type", ""};
    // body: GET and DELETE need none, PUT and POST still do.
    BOOST_TEST(s.h.call(http::verb::get, target, "", {body_rule, no_ct}).status() == 200u);
    BOOST_TEST(
        s.h.call(http::verb::get, api_harness::functions(), "", {body_rule, no_ct}).status() ==
        200u);
    auto before = snapshot(s.h, demo_urn);
    check_error(s.h.call(http::verb::put, target, "{}", {body_rule, no_ct}), 400, "FSS.0400",
                "Invalid parameter: header Content-Type must be application/json on PUT requests, "
                "got none (switch require_content_type=body)");
    check_error(
        s.h.call(http::verb::put, target, "{}", {body_rule, {"Content-Type", "text/plain"}}), 400,
        "FSS.0400",
        "Invalid parameter: header Content-Type must be application/json on PUT requests, "
        "got 'text/plain' (switch require_content_type=body)");
    check_unchanged(s.h, demo_urn, before);
    // off: nothing is checked.
    auto off = s.h.call(http::verb::put, target, R"({"max_async_retry_attempts":0})",
                        {off_rule, {"Content-Type", "text/plain"}});
    BOOST_TEST(off.status() == 200u, off.res.body());
    BOOST_TEST(s.h.call(http::verb::delete_, target, "", {off_rule, no_ct}).status() == 204u);
}

BOOST_DATA_TEST_CASE(content_type_values_on_put,
                     bdata::make(std::vector<text_case>{
                         {"application/json", ""},
                         {"application/json; charset=utf-8", ""},
                         {"application/json;charset=UTF-8", ""},
                         {"Application/JSON", ""},
                         {"text/plain", "'text/plain'"},
                         {"application/jsonx", "'application/jsonx'"},
                         {"application/json-patch+json", "'application/json-patch+json'"},
                         {"application/x-www-form-urlencoded",
                          "'application/x-www-form-urlencoded'"},
                         {"json", "'json'"}}),
                     c) {
    configured s;
    auto before = snapshot(s.h, demo_urn);
    auto a = s.h.call(http::verb::put, api_harness::config(demo_urn),
                      R"({"max_async_retry_attempts":0})", {{"Content-Type", c.input}});
    if (c.expected.empty()) {
        BOOST_TEST(a.status() == 200u, a.res.body());
        return;
    }
    check_error(a, 400, "FSS.0400",
                "Invalid parameter: header Content-Type must be application/json on PUT requests, "
                "got " +
                    c.expected + " (switch require_content_type=all)");
    check_unchanged(s.h, demo_urn, before);
}

// ---- URN path forms (spec §0.1, §10.1) --------------------------------------------------

BOOST_DATA_TEST_CASE(urn_forms_reach_the_same_config,
                     bdata::make(std::vector<std::string>{
                         demo_urn, demo_unqualified, "demo", "default:demo", p + ":default:demo",
                         p + ":default:demo:latest", replace_all(demo_urn, ":", "%3A"),
                         replace_all(demo_urn, ":", "%3a"),
                         replace_all(demo_unqualified, ":", "%3A"), "default%3Ademo", "d%65mo",
                         "urn:fss:cn-north-4:" + p + "%3Afunction:default:demo"}),
                     urn) {
    configured s;
    auto expected = s.h.call(http::verb::get, api_harness::config(demo_urn)).body;
    auto g = s.h.call(http::verb::get, api_harness::config(urn));
    BOOST_TEST(g.status() == 200u, g.res.body());
    BOOST_TEST(g.body == expected);
    auto put =
        s.h.call(http::verb::put, api_harness::config(urn), R"({"max_async_retry_attempts":3})");
    BOOST_TEST(put.status() == 200u, put.res.body());
    BOOST_TEST(put.body.at("func_urn") == json::value(demo_urn));
    BOOST_TEST(s.h.call(http::verb::get, api_harness::config(demo_urn))
                   .body.at("max_async_retry_attempts")
                   .as_int64() == 3);
    auto list =
        s.h.call(http::verb::get, api_harness::functions() + "/" + urn + "/async-invoke-configs");
    BOOST_TEST(list.body.at("count").as_int64() == 1);
    BOOST_TEST(s.h.call(http::verb::get, api_harness::functions() + "/" + urn + "/config")
                   .body.at("func_urn") == json::value(demo_urn));
    BOOST_TEST(s.h.call(http::verb::delete_, api_harness::config(urn)).status() == 204u);
    BOOST_TEST(s.h.call(http::verb::get, api_harness::config(demo_urn)).status() == 404u);
}

BOOST_DATA_TEST_CASE(
    malformed_urns_are_400_fss_1309,
    bdata::make(std::vector<text_case>{
        {"a:b:c:d:e", "5 colon-separated fields; accepted forms have 1, 2, 3, 4, 7 or 8"},
        {"urn:fss:cn-north-4:" + p + ":function:default",
         "6 colon-separated fields; accepted forms have 1, 2, 3, 4, 7 or 8"},
        {demo_urn + ":x", "9 colon-separated fields; accepted forms have 1, 2, 3, 4, 7 or 8"},
        {"urn:fss:cn-north-4:" + p + ":function:default:demo:!bad!",
         "alias 'bad!' must be 1-64 letters, digits, '-' or '_', start with a letter and end with "
         "a letter or digit"},
        {"urn:xxx:cn-north-4:" + p + ":function:default:demo:latest",
         "field 2 is 'xxx' where 'fss' is expected"},
        {"urn:fss:cn-north-4:" + p + ":func:default:demo:latest",
         "field 5 is 'func' where 'function' is expected"},
        {"URN:fss:cn-north-4:" + p + ":function:default:demo",
         "field 1 is 'URN' where 'urn' is expected"},
        {"urn:fss::" + p + ":function:default:demo:latest", "region '' is not valid"},
        {"1demo", "function name '1demo' must be 1-60 letters, digits, '-' or '_', start with a "
                  "letter and end with a letter or digit"},
        {"default:demo_", "function name 'demo_' must be"},
        {"pkg!:demo", "package 'pkg!' must be 1-64 letters, digits, '-' or '_'"},
        {"%3A", "package '' must be 1-64 letters, digits, '-' or '_'"},
        {p + ":default:demo:", "qualifier '' is neither 'latest', a version name nor '!alias'"},
        {p + ":default:demo:v1/", ""}, // extra path segment: not this route (404 gateway)
        // (a space is kept outside strict, D23: strict_and_region_switches_test)
        {"demo%0Ax", "it contains a space or control character"},
        {"demo%09", "it contains a space or control character"},
        {"bad%21project:default:demo", "project id 'bad!project' is not valid"},
        {std::string(1025, 'a'), "longer than 1024 characters"}}),
    c) {
    configured s;
    auto before = snapshot(s.h, demo_urn);
    if (c.expected.empty()) {
        check_error_has(s.h.call(http::verb::get, api_harness::config(c.input)), 404, "APIGW.0101",
                        {"no API at GET"});
        return;
    }
    for (auto verb : {http::verb::get, http::verb::put, http::verb::delete_}) {
        BOOST_TEST_CONTEXT(http::to_string(verb)) {
            check_error_has(s.h.call(verb, api_harness::config(c.input), "{}"), 400, "FSS.1309",
                            {"Invalid function URN: ", c.expected});
        }
    }
    check_error_has(s.h.call(http::verb::get,
                             api_harness::functions() + "/" + c.input + "/async-invoke-configs"),
                    400, "FSS.1309", {"Invalid function URN: ", c.expected});
    check_unchanged(s.h, demo_urn, before);
}

BOOST_DATA_TEST_CASE(urn_of_another_project,
                     bdata::make(std::vector<std::string>{
                         api_harness::urn("demo", other_project),
                         "urn:fss:cn-north-4:" + std::string(other_project) +
                             ":function:default:demo",
                         std::string(other_project) + ":default:demo",
                         std::string(other_project) + ":default:demo:latest"}),
                     urn) {
    configured s;
    const std::string other = other_project;
    auto before = snapshot(s.h, demo_urn);
    for (auto verb : {http::verb::get, http::verb::put, http::verb::delete_}) {
        BOOST_TEST_CONTEXT(http::to_string(verb)) {
            check_error(s.h.call(verb, api_harness::config(urn), "{}"), 400, "FSS.1309",
                        "Invalid function URN: its project '" + other +
                            "' differs from the path's project '" + p + "'");
            check_error(s.h.call(verb, api_harness::config(urn), "{}",
                                 {{"X-Emulator-Switches", "urn_project_mismatch=404"}}),
                        404, "FSS.1051",
                        "Not found the function: function urn:fss:cn-north-4:" + other +
                            ":function:default:demo does not exist in project " + p);
        }
    }
    check_unchanged(s.h, demo_urn, before);
}

BOOST_DATA_TEST_CASE(bad_percent_encoding_in_the_urn,
                     bdata::make(std::vector<std::string>{"demo%", "demo%2", "demo%zz", "%G1demo",
                                                          "urn%3Afss%3", "%%3A"}),
                     segment) {
    configured s;
    auto before = snapshot(s.h, demo_urn);
    for (auto verb : {http::verb::get, http::verb::put, http::verb::delete_}) {
        BOOST_TEST_CONTEXT(http::to_string(verb)) {
            check_error(s.h.call(verb, api_harness::config(segment), "{}"), 400, "FSS.1309",
                        "Invalid function URN: the path segment is not valid percent-encoding");
        }
    }
    check_unchanged(s.h, demo_urn, before);
}

BOOST_DATA_TEST_CASE(invalid_project_id_is_400,
                     bdata::make(std::vector<std::string>{"bad!id", "a.b", "a%20b", "a%zz",
                                                          std::string(65, 'a'), "%2F", "proj%21"}),
                     project_id) {
    configured s;
    const std::string msg =
        "Invalid parameter: project_id must be 1-64 letters, digits, '-' or '_'";
    check_error(s.h.call(http::verb::get, api_harness::config("demo", project_id)), 400, "FSS.0400",
                msg);
    check_error(s.h.call(http::verb::put, api_harness::config("demo", project_id), "{}"), 400,
                "FSS.0400", msg);
    check_error(s.h.call(http::verb::post, api_harness::functions(project_id), "{}"), 400,
                "FSS.0400", msg);
    check_error(s.h.call(http::verb::get, api_harness::functions(project_id)), 400, "FSS.0400",
                msg);
    // 64 characters and percent-encoded letters are fine
    BOOST_TEST(s.h.call(http::verb::get, api_harness::functions(std::string(64, 'a'))).status() ==
               200u);
    BOOST_TEST(
        s.h.call(http::verb::get, api_harness::config("demo", "%30123456789abcdef0123456789abcdef"))
            .status() == 200u);
}

// ---- per-request switches -----------------------------------------------------------

BOOST_AUTO_TEST_CASE(switch_header_applies_to_one_request_only) {
    configured s;
    const std::string target = api_harness::config(demo_urn);
    auto a = s.h.call(http::verb::put, target, R"({"max_async_retry_attempts":8})",
                      {{"X-Emulator-Switches", "retry_max=8"}});
    BOOST_TEST(a.status() == 200u, a.res.body());
    BOOST_TEST(a.res["X-Emulator-Switches"] == "retry_max=8");
    auto before = snapshot(s.h, demo_urn);
    auto b = s.h.call(http::verb::put, target, R"({"max_async_retry_attempts":8})");
    check_error(
        b, 400, "FSS.0400",
        "Invalid parameter: max_async_retry_attempts must be an integer from 0 to 3, got 8");
    BOOST_TEST((b.res.find("X-Emulator-Switches") == b.res.end()));
    check_unchanged(s.h, demo_urn, before);
}

BOOST_DATA_TEST_CASE(
    bad_switch_header_is_400_naming_the_switch,
    bdata::make(std::vector<text_case>{
        {"no_such=1", "unknown switch 'no_such'"},
        {"bad_json=500", "switch bad_json does not accept '500'; accepted: 406, 400"},
        {"put_mode=Merge", "switch put_mode does not accept 'Merge'; accepted: replace, merge"},
        {"allow_dis_destination=yes",
         "switch allow_dis_destination does not accept 'yes'; accepted: true, false"},
        {"retry_max=5", "switch retry_max does not accept '5'; accepted: 3, 8"},
        {"utc_offset_minutes=900", "switch utc_offset_minutes does not accept '900'"},
        {"function_quota=0", "switch function_quota does not accept '0'"},
        {"put_mode", "switch assignment 'put_mode' is not of the form name=value"},
        {"put_mode=merge,oops", "switch assignment 'oops' is not of the form name=value"},
        {"put_mode=merge,bad_json=401", "switch bad_json does not accept '401'"}}),
    c) {
    configured s;
    auto before = snapshot(s.h, demo_urn);
    auto a = s.h.call(http::verb::put, api_harness::config(demo_urn),
                      R"({"max_async_retry_attempts":0})", {{"X-Emulator-Switches", c.input}});
    check_error_has(a, 400, "FSS.0400", {"Invalid parameter: X-Emulator-Switches: " + c.expected});
    check_unchanged(s.h, demo_urn, before);
}

BOOST_AUTO_TEST_CASE(response_header_lists_switches_that_differ_from_documented) {
    configured s;
    const std::string target = api_harness::config(demo_urn);
    auto none = s.h.call(http::verb::get, target);
    BOOST_TEST((none.res.find("X-Emulator-Switches") == none.res.end()));
    // Naming the documented value changes nothing.
    auto same = s.h.call(http::verb::get, target, "",
                         {{"X-Emulator-Switches", "bad_json=406,put_mode=replace"}});
    BOOST_TEST((same.res.find("X-Emulator-Switches") == same.res.end()));
    // Listed in switch-table order, as name=value; also on error answers.
    auto two = s.h.call(http::verb::get, target, "",
                        {{"X-Emulator-Switches", " bad_json=400 , gateway_prefix=APIG"}});
    BOOST_TEST(two.status() == 200u);
    BOOST_TEST(two.res["X-Emulator-Switches"] == "gateway_prefix=APIG,bad_json=400");
    auto err = s.h.call(http::verb::get, "/v2/" + p + "/fgs/nothing", "",
                        {{"X-Emulator-Switches", "gateway_prefix=APIG"}});
    BOOST_TEST(err.status() == 404u);
    BOOST_TEST(err.res["X-Emulator-Switches"] == "gateway_prefix=APIG");
    // Later assignments win.
    auto last = s.h.call(http::verb::get, target, "",
                         {{"X-Emulator-Switches", "bad_json=400,bad_json=406"}});
    BOOST_TEST((last.res.find("X-Emulator-Switches") == last.res.end()));
}

BOOST_AUTO_TEST_CASE(project_switches_apply_to_their_project_only) {
    configured s;
    BOOST_TEST_REQUIRE(s.h.create("demo", other_project).status() == 200u);
    domain::switches b;
    b.retry_max = 8;
    s.h.state.switches.set_project(project, b);
    auto a = s.h.call(http::verb::put, api_harness::config(demo_urn),
                      R"({"max_async_retry_attempts":8})");
    BOOST_TEST(a.status() == 200u, a.res.body());
    BOOST_TEST(a.res["X-Emulator-Switches"] == "retry_max=8");
    const std::string other_urn = api_harness::urn("demo", other_project);
    auto o = s.h.call(http::verb::put, api_harness::config(other_urn, other_project),
                      R"({"max_async_retry_attempts":8})");
    check_error_has(o, 400, "FSS.0400",
                    {"max_async_retry_attempts must be an integer from 0 to 3"});
    BOOST_TEST((o.res.find("X-Emulator-Switches") == o.res.end()));
    // The header overrides on top of the project's switches.
    auto c =
        s.h.call(http::verb::put, api_harness::config(demo_urn),
                 R"({"max_async_retry_attempts":8})", {{"X-Emulator-Switches", "retry_max=3"}});
    check_error_has(c, 400, "FSS.0400", {"from 0 to 3, got 8"});
}

// ---- what every response carries ----------------------------------------------------

BOOST_AUTO_TEST_CASE(every_response_has_a_distinct_request_id_and_json_content_type) {
    configured s;
    const std::string target = api_harness::config(demo_urn);
    std::vector<answer> answers = {
        s.h.call(http::verb::get, target),                             // 200
        s.h.call(http::verb::put, target, "{}"),                       // 200
        s.h.call(http::verb::put, target, "{"),                        // 406
        s.h.call(http::verb::put, target, "[]"),                       // 400
        s.h.call(http::verb::get, target, "", {{"X-Auth-Token", ""}}), // 401
        s.h.call(http::verb::get, api_harness::config("nope")),        // 404
        s.h.call(http::verb::get, "/nothing"),                         // 404 gateway
        s.h.call(http::verb::post, target, "{}"),                      // 404 method
        s.h.call(http::verb::post, target, "{}",
                 {{"X-Emulator-Switches", "method_not_allowed=405-fss"}}),     // 405
        s.h.call(http::verb::post, api_harness::functions(), "{}"),            // 400
        s.h.call(http::verb::get, target, "", {{"X-Emulator-Switches", "x"}}), // 400
        s.h.call(http::verb::get, api_harness::functions()),                   // 200
        s.h.call(http::verb::delete_, target),                                 // 204
    };
    std::set<std::string> ids;
    for (auto& a : answers) {
        BOOST_TEST_CONTEXT("status " << a.status() << " body " << a.res.body()) {
            std::string id(a.res["X-Request-Id"]);
            BOOST_TEST(!id.empty());
            BOOST_TEST(ids.insert(id).second, "request id " << id << " repeated");
            if (a.status() == 204u) {
                BOOST_TEST((a.res.find(http::field::content_type) == a.res.end()));
                BOOST_TEST(a.res.body().empty());
                BOOST_TEST((a.res.find(http::field::content_length) == a.res.end()));
            } else {
                BOOST_TEST(a.res[http::field::content_type] == "application/json");
                BOOST_TEST(a.body.is_object());
                BOOST_TEST(a.res[http::field::content_length] ==
                           std::to_string(a.res.body().size()));
            }
        }
    }
    BOOST_TEST(answers.back().status() == 204u);
}

BOOST_AUTO_TEST_CASE(keep_alive_and_version_follow_the_request) {
    configured s;
    struct row {
        unsigned version;
        std::string connection; ///< "" = no Connection header
        bool keep_alive;
    };
    const std::vector<row> rows = {{11, "", true},           {11, "close", false},
                                   {11, "keep-alive", true}, {10, "", false},
                                   {10, "keep-alive", true}, {10, "close", false}};
    const std::vector<std::pair<http::verb, std::string>> targets = {
        {http::verb::get, api_harness::config(demo_urn)},     // 200
        {http::verb::get, "/nothing"},                        // 404 gateway
        {http::verb::get, api_harness::config("nope")},       // 404 FSS
        {http::verb::delete_, api_harness::config(demo_urn)}, // 204 (first), then 404
    };
    for (auto& r : rows)
        for (auto& [verb, target] : targets) {
            BOOST_TEST_CONTEXT("HTTP/" << r.version / 10 << "." << r.version % 10 << " Connection '"
                                       << r.connection << "' " << http::to_string(verb) << " "
                                       << target) {
                auto req = make_request(verb, target, r.version);
                if (!r.connection.empty())
                    req.set(http::field::connection, r.connection);
                auto a = send(s.h, req);
                BOOST_TEST(a.res.version() == r.version);
                BOOST_TEST(a.res.keep_alive() == r.keep_alive);
            }
        }
}

BOOST_AUTO_TEST_CASE(query_string_does_not_affect_routing) {
    configured s;
    auto a = s.h.call(http::verb::get, api_harness::config(demo_urn) + "?foo=bar&limit=-1");
    BOOST_TEST(a.status() == 200u, a.res.body());
    auto b = s.h.call(http::verb::get, api_harness::config(demo_urn) + "?");
    BOOST_TEST(b.status() == 200u, b.res.body());
}

BOOST_AUTO_TEST_SUITE_END()
