// API tests of api/function_handlers: the minimal function lifecycle the async configs
// belong to (spec §10.2-10.4, D22) through router::handle.
#include "api_checks.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <cctype>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

namespace bdata = boost::unit_test::data;
using namespace emu;
using namespace emu::test;

namespace {

const std::string p = project;
const std::string sha512_hello = "9b71d224bd62f3785d96d46ad3ea3d73319bfbc2890caadae2dff72519673ca7"
                                 "2323c3d99ba5c11d7c7acc6e14b8c5da0c4663475c2e5c3adef46f73bcdec043";
const std::string sha512_empty = "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
                                 "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e";

/// A valid create body (every mandatory field).
json::object valid_body(const std::string& name = "demo") {
    return {{"func_name", name},          {"package", "default"}, {"runtime", "Python3.9"},
            {"handler", "index.handler"}, {"memory_size", 128},   {"timeout", 30},
            {"code_type", "inline"}};
}

answer create(const api_harness& h, const json::value& body, const std::string& proj = p,
              std::initializer_list<std::pair<std::string, std::string>> headers = {}) {
    return h.call(http::verb::post, api_harness::functions(proj), json::serialize(body), headers);
}

answer list_functions(const api_harness& h, const std::string& query = "",
                      const std::string& proj = p) {
    return h.call(http::verb::get,
                  api_harness::functions(proj) + (query.empty() ? "" : "?" + query));
}

std::string config_target(const std::string& urn, const std::string& proj = p) {
    return api_harness::functions(proj) + "/" + urn + "/config";
}

std::vector<std::string> names_of(const answer& a) {
    std::vector<std::string> out;
    for (auto& f : a.body.at("functions").as_array())
        out.emplace_back(f.at("func_name").as_string());
    return out;
}

bool is_uuid_v4(std::string_view s) {
    if (s.size() != 36 || s[14] != '4')
        return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !std::isxdigit(static_cast<unsigned char>(s[i])))
            return false;
    }
    return true;
}

/// The project has no function and `demo` is unknown: a rejected create stored nothing.
void check_nothing_created(const api_harness& h) {
    auto l = list_functions(h);
    BOOST_TEST(l.body.at("count").as_int64() == 0, l.body);
    check_error_has(h.call(http::verb::get, config_target("demo")), 404, "FSS.1051", {"demo"});
}

/// One create rule: how the valid body is changed, and the error (empty msg: accepted).
struct create_case {
    std::string name;
    std::function<void(json::object&)> change;
    std::string msg; ///< full error_msg, or "" when the body is accepted
};
std::ostream& operator<<(std::ostream& os, const create_case& c) {
    return os << c.name;
}

create_case without(const std::string& field, const std::string& msg) {
    return {"without " + field, [field](json::object& o) { o.erase(field); }, msg};
}

create_case with(const std::string& field, const std::string& json_text, const std::string& msg) {
    return {field + "=" + json_text,
            [field, json_text](json::object& o) { o[field] = json::parse(json_text); }, msg};
}

std::vector<create_case> create_cases() {
    const std::string ip = "Invalid parameter: ";
    const std::string name_rule = ip + "func_name must be 1-60 letters, digits, '-' or '_', start "
                                       "with a letter and end with a letter or digit";
    const std::string memory_rule = ip +
                                    "memory_size must be one of 128, 256, 512, 768, 1024, "
                                    "1280, 1536, 1792, 2048, 2560, 3072, 3584, 4096 (MB), got ";
    const std::string package_rule = ip + "package must be 1-64 letters, digits, '-' or '_'";
    auto q = [](const std::string& s) { return "\"" + s + "\""; };
    std::vector<create_case> v = {
        // mandatory fields
        without("func_name", ip + "func_name is required"),
        without("package", ip + "package is required"),
        without("runtime", ip + "runtime is required"),
        without("timeout", ip + "timeout is required"),
        without("handler", ip + "handler is required"),
        without("memory_size", ip + "memory_size is required"),
        without("code_type", ip + "code_type is required (except for runtime Custom Image)"),
        // JSON types
        with("func_name", "1", ip + "func_name must be a string, got an integer"),
        with("func_name", "null", ip + "func_name must be a string, got null"),
        with("package", "[]", ip + "package must be a string, got an array"),
        with("runtime", "{}", ip + "runtime must be a string, got an object"),
        with("handler", "true", ip + "handler must be a string, got a boolean"),
        with("code_type", "1", ip + "code_type must be a string, got an integer"),
        with("type", "2", ip + "type must be a string, got an integer"),
        with("description", "null", ip + "description must be a string, got null"),
        with("code_filename", "[]", ip + "code_filename must be a string, got an array"),
        with("timeout", q("30"), ip + "timeout must be an integer, got a string"),
        with("timeout", "30.0",
             ip + "timeout must be an integer, got a number with a fraction or exponent"),
        with("timeout", "3e1",
             ip + "timeout must be an integer, got a number with a fraction or exponent"),
        with("timeout", "null", ip + "timeout must be an integer, got null"),
        with("memory_size", q("128"), ip + "memory_size must be an integer, got a string"),
        with("memory_size", "128.5",
             ip + "memory_size must be an integer, got a number with a fraction or exponent"),
        with("memory_size", "false", ip + "memory_size must be an integer, got a boolean"),
        with("func_code", q("x"), ip + "func_code must be an object, got a string"),
        with("func_code", "null", ip + "func_code must be an object, got null"),
        with("func_code", R"({"file":1})", ip + "func_code.file must be a string, got an integer"),
        with("func_code", R"({"link":null})", ip + "func_code.link must be a string, got null"),
        // timeout 3-259200 (D22)
        with("timeout", "2", ip + "timeout must be an integer from 3 to 259200 seconds, got 2"),
        with("timeout", "-1", ip + "timeout must be an integer from 3 to 259200 seconds, got -1"),
        with("timeout", "3", ""),
        with("timeout", "900", ""),
        with("timeout", "259200", ""),
        with("timeout", "259201",
             ip + "timeout must be an integer from 3 to 259200 seconds, got 259201"),
        // memory_size enum
        with("memory_size", "100", memory_rule + "100"),
        with("memory_size", "0", memory_rule + "0"),
        with("memory_size", "127", memory_rule + "127"),
        with("memory_size", "4097", memory_rule + "4097"),
        with("memory_size", "8192", memory_rule + "8192"),
        // func_name
        with("func_name", q("a"), ""),
        with("func_name", q(std::string(60, 'f')), ""),
        with("func_name", q("a_b-c1"), ""),
        with("func_name", q("A9"), ""),
        with("func_name", q(""), name_rule),
        with("func_name", q("1abc"), name_rule),
        with("func_name", q("-abc"), name_rule),
        with("func_name", q("_abc"), name_rule),
        with("func_name", q("abc-"), name_rule),
        with("func_name", q("abc_"), name_rule),
        with("func_name", q("a b"), name_rule),
        with("func_name", q("ab.c"), name_rule),
        with("func_name", q("ab:c"), name_rule),
        with("func_name", q(std::string(61, 'f')), name_rule),
        // package
        with("package", q(std::string(64, 'p')), ""),
        with("package", q("my-pkg_1"), ""),
        with("package", q(""), package_rule),
        with("package", q("pkg.x"), package_rule),
        with("package", q(std::string(65, 'p')), package_rule),
        // handler 3-128
        with("handler", q("ab"),
             ip + "handler must be 3-128 characters (\"-\" for Custom Image), got 2"),
        with("handler", q("-"),
             ip + "handler must be 3-128 characters (\"-\" for Custom Image), got 1"),
        with("handler", q("abc"), ""),
        with("handler", q(std::string(128, 'h')), ""),
        with("handler", q(std::string(129, 'h')),
             ip + "handler must be 3-128 characters (\"-\" for Custom Image), got 129"),
        // code_type, type, description, code
        with("code_type", q("tar"),
             ip + "code_type must be one of inline, zip, obs, jar, Custom-Image-Swr, got 'tar'"),
        with("code_type", q("Inline"),
             ip + "code_type must be one of inline, zip, obs, jar, Custom-Image-Swr, got 'Inline'"),
        with("code_type", q("zip"), ""),
        with("type", q("v1"), ""),
        with("type", q("v3"), ip + "type must be one of v1, v2, got 'v3'"),
        with("type", q("V2"), ip + "type must be one of v1, v2, got 'V2'"),
        with("description", q(std::string(512, 'd')), ""),
        with("description", q(std::string(513, 'd')),
             ip + "description must be at most 512 characters"),
        with("func_code", R"({"file":"not base64!"})", ip + "func_code.file must be base64"),
        with("func_code", R"({"file":"aGVsbG8="})", ""),
        with("unknown_field", "[1,2]", ""),
    };
    // runtime: the documented values (unknown ones: create_rejects_unknown_runtimes)
    for (std::string r : {"Python3.9", "Node.js18.15", "Java11", "Java17", "Go1.x", "Custom",
                          "http", "PHP8.3", "Cangjie1.0", "C#(.NET Core 6.0)"})
        v.push_back(with("runtime", q(r), ""));
    return v;
}

} // namespace

BOOST_AUTO_TEST_SUITE(function_handlers_test)

BOOST_AUTO_TEST_CASE(create_answers_the_documented_fields) {
    api_harness h;
    json::object body = valid_body();
    body["func_code"] = json::object{{"file", "aGVsbG8="}};
    body["description"] = "greets";
    auto a = create(h, body);
    BOOST_TEST(a.status() == 200u, a.res.body());
    BOOST_TEST(a.res[http::field::content_type] == "application/json");
    BOOST_TEST_REQUIRE(a.body.is_object());
    json::object got = a.body.as_object();
    BOOST_TEST(is_uuid_v4(got.at("func_id").as_string()), got.at("func_id"));
    got.erase("func_id");
    const json::value expected = {{"func_urn", api_harness::urn("demo")},
                                  {"func_name", "demo"},
                                  {"domain_id", p},
                                  {"namespace", p},
                                  {"project_name", "cn-north-4"},
                                  {"package", "default"},
                                  {"runtime", "Python3.9"},
                                  {"timeout", 30},
                                  {"handler", "index.handler"},
                                  {"memory_size", 128},
                                  {"cpu", 150},
                                  {"code_type", "inline"},
                                  {"code_filename", "index.zip"},
                                  {"code_size", 5},
                                  {"digest", sha512_hello},
                                  {"version", "latest"},
                                  {"image_name", "latest"},
                                  {"description", "greets"},
                                  {"type", "v2"},
                                  {"last_modified", "2021-03-04 14:50:02"},
                                  {"func_code", {{"file", ""}, {"link", ""}}},
                                  {"strategy_config", {{"concurrency", -1}}}};
    BOOST_TEST(json::value(got) == expected);
    // GET …/config answers the same object
    auto g = h.call(http::verb::get, config_target(api_harness::urn("demo")));
    BOOST_TEST(g.status() == 200u);
    BOOST_TEST(g.body == a.body);
}

BOOST_AUTO_TEST_CASE(create_without_code_digests_the_empty_code) {
    api_harness h;
    auto a = create(h, valid_body());
    BOOST_TEST(a.status() == 200u);
    BOOST_TEST(a.body.at("code_size").as_int64() == 0);
    BOOST_TEST(a.body.at("digest") == json::value(sha512_empty));
    BOOST_TEST(a.body.at("type") == "v2");
    BOOST_TEST(std::string(a.body.at("func_urn").as_string()).ends_with(":latest"));
    // the digest is of the decoded bytes, also without padding
    json::object body = valid_body("other");
    body["func_code"] = json::object{{"file", "aGVsbG8"}};
    auto b = create(h, body);
    BOOST_TEST(b.status() == 200u, b.res.body());
    BOOST_TEST(b.body.at("digest") == json::value(sha512_hello));
    BOOST_TEST(b.body.at("code_size").as_int64() == 5);
}

BOOST_AUTO_TEST_CASE(create_custom_image_needs_no_code_type) {
    api_harness h;
    json::object body = valid_body();
    body.erase("code_type");
    body["runtime"] = "Custom Image";
    body["handler"] = "-";
    auto a = create(h, body);
    BOOST_TEST(a.status() == 200u, a.res.body());
    BOOST_TEST(a.body.at("code_type") == "Custom-Image-Swr");
    BOOST_TEST(a.body.at("handler") == "-");
}

// Integers beyond 64 bits are named as sent (the body's own text: re-serialising would turn
// them into doubles), with the field's rule.
BOOST_AUTO_TEST_CASE(create_names_integers_beyond_64_bits_as_sent) {
    const std::string rest = R"("func_name":"demo","package":"default","runtime":"Python3.9",)"
                             R"("handler":"index.handler","code_type":"inline",)";
    const std::vector<std::pair<std::string, std::string>> cases = {
        {R"("memory_size":128,"timeout":100000000000000000000000000000)",
         "timeout must be an integer from 3 to 259200 seconds, got "
         "100000000000000000000000000000"},
        {R"("timeout":30,"memory_size":18446744073709551616)",
         "memory_size must be one of 128, 256, 512, 768, 1024, 1280, 1536, 1792, 2048, 2560, "
         "3072, 3584, 4096 (MB), got 18446744073709551616"}};
    for (auto& [fields, message] : cases) {
        BOOST_TEST_CONTEXT(fields) {
            api_harness h;
            auto a = h.call(http::verb::post, api_harness::functions(p), "{" + rest + fields + "}");
            check_error(a, 400, "FSS.0400", "Invalid parameter: " + message);
            check_nothing_created(h);
        }
    }
}

BOOST_DATA_TEST_CASE(create_validation_rules, bdata::make(create_cases()), c) {
    api_harness h;
    json::object body = valid_body();
    c.change(body);
    auto a = create(h, body);
    if (c.msg.empty()) {
        BOOST_TEST(a.status() == 200u, a.res.body());
        BOOST_TEST(list_functions(h).body.at("count").as_int64() == 1);
        return;
    }
    check_error(a, 400, "FSS.0400", c.msg);
    check_nothing_created(h);
}

BOOST_DATA_TEST_CASE(create_rejects_unknown_runtimes,
                     bdata::make(std::vector<std::string>{"Python4", "python3.9", "", "Node.js",
                                                          "Custom image", "Java 11"}),
                     runtime) {
    api_harness h;
    json::object body = valid_body();
    body["runtime"] = runtime;
    auto a = create(h, body);
    check_error_has(a, 400, "FSS.0400",
                    {"Invalid parameter: runtime must be one of ", "Python3.9", "Custom Image",
                     ", got '" + runtime + "'"});
    check_nothing_created(h);
}

BOOST_AUTO_TEST_CASE(create_accepts_every_documented_memory_size) {
    api_harness h;
    int i = 0;
    for (int m : {128, 256, 512, 768, 1024, 1280, 1536, 1792, 2048, 2560, 3072, 3584, 4096}) {
        BOOST_TEST_CONTEXT("memory_size " << m) {
            json::object body = valid_body("f" + std::to_string(i++));
            body["memory_size"] = m;
            auto a = create(h, body);
            BOOST_TEST(a.status() == 200u, a.res.body());
            BOOST_TEST(a.body.at("memory_size").as_int64() == m);
        }
    }
}

BOOST_DATA_TEST_CASE(create_body_must_be_a_json_object,
                     bdata::make(std::vector<std::string>{"[]", "\"x\"", "1", "null"}), body) {
    api_harness h;
    check_error_has(h.call(http::verb::post, api_harness::functions(), body), 400, "FSS.0400",
                    {"Invalid parameter: request body must be a JSON object, got "});
    check_error_has(h.call(http::verb::post, api_harness::functions(), "{"), 406, "FSS.0406",
                    {"Not acceptable: the request body is not valid JSON"});
    check_error(h.call(http::verb::post, api_harness::functions(), ""), 406, "FSS.0406",
                "Not acceptable: the request body is empty");
    check_nothing_created(h);
}

BOOST_AUTO_TEST_CASE(duplicate_function_is_409) {
    api_harness h;
    auto first = create(h, valid_body());
    BOOST_TEST_REQUIRE(first.status() == 200u);
    json::object again = valid_body();
    again["memory_size"] = 256;
    check_error(create(h, again), 409, "FSS.1061",
                "The function already exists: function " + api_harness::urn("demo") +
                    " already exists");
    // the first one is untouched
    auto g = h.call(http::verb::get, config_target("demo"));
    BOOST_TEST(g.body == first.body);
    // the same name in another package, or in another project, is another function
    json::object other_package = valid_body();
    other_package["package"] = "pkg2";
    auto b = create(h, other_package);
    BOOST_TEST(b.status() == 200u, b.res.body());
    BOOST_TEST(b.body.at("func_urn") ==
               json::value("urn:fss:cn-north-4:" + p + ":function:pkg2:demo:latest"));
    BOOST_TEST(create(h, valid_body(), other_project).status() == 200u);
    BOOST_TEST(list_functions(h).body.at("count").as_int64() == 2);
}

BOOST_AUTO_TEST_CASE(function_quota_is_403) {
    api_harness h;
    const std::pair<std::string, std::string> quota{"X-Emulator-Switches", "function_quota=2"};
    BOOST_TEST(create(h, valid_body("a"), p, {quota}).status() == 200u);
    BOOST_TEST(create(h, valid_body("b"), p, {quota}).status() == 200u);
    check_error(create(h, valid_body("c"), p, {quota}), 403, "FSS.1041",
                "Function quota exceeded: project " + p +
                    " already has 2 functions, the quota is 2 (switch function_quota)");
    BOOST_TEST(list_functions(h).body.at("count").as_int64() == 2);
    // the quota is per project
    BOOST_TEST(create(h, valid_body("c"), other_project, {quota}).status() == 200u);
    // deleting one makes room
    BOOST_TEST(h.call(http::verb::delete_, api_harness::functions() + "/a").status() == 204u);
    BOOST_TEST(create(h, valid_body("c"), p, {quota}).status() == 200u);
}

BOOST_AUTO_TEST_CASE(default_function_quota_is_400) {
    api_harness h;
    for (int i = 0; i < 400; ++i)
        BOOST_TEST_REQUIRE(create(h, valid_body("f" + std::to_string(i))).status() == 200u);
    check_error(create(h, valid_body("last")), 403, "FSS.1041",
                "Function quota exceeded: project " + p +
                    " already has 400 functions, the quota is 400 (switch function_quota)");
}

BOOST_AUTO_TEST_CASE(list_functions_pages_with_marker_and_maxitems) {
    api_harness h;
    auto empty = list_functions(h);
    BOOST_TEST(empty.status() == 200u);
    BOOST_TEST(empty.body ==
               json::value({{"functions", json::array{}}, {"next_marker", 0}, {"count", 0}}));
    std::vector<json::value> created;
    for (std::string n : {"a", "c", "b"})
        created.push_back(create(h, valid_body(n)).body);
    auto all = list_functions(h);
    BOOST_TEST(all.body == json::value({{"functions", json::array(created.begin(), created.end())},
                                        {"next_marker", 0},
                                        {"count", 3}}));
    struct row {
        std::string query;
        std::vector<std::string> names;
        std::int64_t next;
    };
    for (const row& r : std::vector<row>{{"maxitems=2", {"a", "c"}, 2},
                                         {"marker=2&maxitems=2", {"b"}, 0},
                                         {"marker=1&maxitems=1", {"c"}, 2},
                                         {"marker=0&maxitems=3", {"a", "c", "b"}, 0},
                                         {"marker=3", {}, 0},
                                         {"marker=10", {}, 0},
                                         {"maxitems=0", {"a", "c", "b"}, 0},
                                         {"maxitems=", {"a", "c", "b"}, 0},
                                         {"maxitems=100000", {"a", "c", "b"}, 0},
                                         {"limit=1", {"a", "c", "b"}, 0}}) {
        BOOST_TEST_CONTEXT("query " << r.query) {
            auto a = list_functions(h, r.query);
            BOOST_TEST(a.status() == 200u, a.res.body());
            BOOST_TEST(names_of(a) == r.names, boost::test_tools::per_element());
            BOOST_TEST(a.body.at("next_marker").as_int64() == r.next);
            BOOST_TEST(a.body.at("count").as_int64() == 3);
        }
    }
}

BOOST_DATA_TEST_CASE(list_functions_bad_query,
                     bdata::make(std::vector<std::string>{"maxitems=-1", "maxitems=abc",
                                                          "maxitems=1.5", "marker=x", "marker=-2"}),
                     query) {
    api_harness h;
    BOOST_TEST_REQUIRE(create(h, valid_body()).status() == 200u);
    auto a = list_functions(h, query);
    const std::string value = query.substr(query.find('=') + 1);
    if (query.starts_with("maxitems=-"))
        check_error(a, 400, "FSS.1001",
                    "Invalid query parameter: maxitems must not be negative, got '" + value + "'");
    else if (query.starts_with("maxitems"))
        check_error(a, 400, "FSS.1001",
                    "Invalid query parameter: maxitems must be an integer, got '" + value + "'");
    else
        check_error(a, 400, "FSS.1001",
                    "Invalid query parameter: marker must be a non-negative integer offset of at "
                    "most 64 characters, got '" +
                        value + "'");
}

BOOST_AUTO_TEST_CASE(show_function_config_found_and_not_found) {
    api_harness h;
    auto created = create(h, valid_body());
    for (const std::string& urn :
         {api_harness::urn("demo"), std::string("demo"), std::string("default:demo"),
          "urn:fss:cn-north-4:" + p + ":function:default:demo"}) {
        BOOST_TEST_CONTEXT(urn) {
            auto g = h.call(http::verb::get, config_target(urn));
            BOOST_TEST(g.status() == 200u);
            BOOST_TEST(g.body == created.body);
        }
    }
    check_error(h.call(http::verb::get, config_target("nope")), 404, "FSS.1051",
                "Not found the function: function urn:fss:cn-north-4:" + p +
                    ":function:default:nope does not exist");
    check_error_has(h.call(http::verb::get, config_target(api_harness::urn("demo", p, "v1"))), 404,
                    "FSS.1052", {"Not found the function version: version 'v1'"});
    check_error_has(h.call(http::verb::get, config_target(api_harness::urn("demo", p, "!a1"))), 404,
                    "FSS.1053", {"Not found the function alias: alias 'a1'"});
    check_error_has(h.call(http::verb::get, config_target("a:b:c:d:e")), 400, "FSS.1309",
                    {"Invalid function URN: 5 colon-separated fields"});
}

BOOST_AUTO_TEST_CASE(delete_function_removes_it_and_its_config) {
    api_harness h;
    BOOST_TEST_REQUIRE(create(h, valid_body()).status() == 200u);
    const std::string urn = api_harness::urn("demo");
    BOOST_TEST_REQUIRE(
        h.call(http::verb::put, api_harness::config(urn), R"({"max_async_retry_attempts":3})")
            .status() == 200u);
    // a version cannot be deleted here (none exist) and leaves the function alone
    check_error_has(h.call(http::verb::delete_,
                           api_harness::functions() + "/" + api_harness::urn("demo", p, "v1")),
                    404, "FSS.1052", {"version 'v1'"});
    BOOST_TEST(h.call(http::verb::get, config_target(urn)).status() == 200u);
    // D23: latest itself cannot be deleted; the unqualified URN deletes the function
    const std::string unqualified = "urn:fss:cn-north-4:" + p + ":function:default:demo";
    check_error(h.call(http::verb::delete_, api_harness::functions() + "/" + urn), 400, "FSS.0400",
                "Invalid parameter: latest cannot be deleted; delete the unqualified URN " +
                    unqualified + " to remove the whole function");
    BOOST_TEST(h.call(http::verb::get, config_target(urn)).status() == 200u);

    auto d = h.call(http::verb::delete_, api_harness::functions() + "/" + unqualified);
    BOOST_TEST(d.status() == 204u);
    BOOST_TEST(d.res.body().empty());
    BOOST_TEST((d.res.find(http::field::content_type) == d.res.end()));
    const std::string gone = "Not found the function: function urn:fss:cn-north-4:" + p +
                             ":function:default:demo does not exist";
    check_error(h.call(http::verb::get, api_harness::config(urn)), 404, "FSS.1051", gone);
    check_error(h.call(http::verb::get, config_target(urn)), 404, "FSS.1051", gone);
    check_error(h.call(http::verb::delete_, api_harness::functions() + "/" + urn), 404, "FSS.1051",
                gone);
    BOOST_TEST(list_functions(h).body.at("count").as_int64() == 0);
    // a new function of that name starts without config
    BOOST_TEST_REQUIRE(create(h, valid_body()).status() == 200u);
    check_error_has(h.call(http::verb::get, api_harness::config(urn)), 404, "FSS.0404",
                    {"has no async invoke config"});
}

BOOST_DATA_TEST_CASE(delete_function_accepts_unqualified_urns,
                     bdata::make(std::vector<std::string>{
                         "demo", "default:demo", std::string(project) + ":default:demo",
                         "urn:fss:cn-north-4:" + std::string(project) + ":function:default:demo"}),
                     urn) {
    api_harness h;
    BOOST_TEST_REQUIRE(create(h, valid_body()).status() == 200u);
    BOOST_TEST(h.call(http::verb::delete_, api_harness::functions() + "/" + urn).status() == 204u);
    BOOST_TEST(list_functions(h).body.at("count").as_int64() == 0);
}

BOOST_AUTO_TEST_CASE(projects_are_isolated) {
    api_harness h;
    const std::string q = other_project;
    auto a = create(h, valid_body(), p);
    BOOST_TEST_REQUIRE(a.status() == 200u);
    // project B sees nothing of A
    check_error(h.call(http::verb::get, config_target("demo", q)), 404, "FSS.1051",
                "Not found the function: function urn:fss:cn-north-4:" + q +
                    ":function:default:demo does not exist");
    BOOST_TEST(list_functions(h, "", q).body.at("count").as_int64() == 0);
    check_error_has(
        h.call(http::verb::put, api_harness::config(api_harness::urn("demo", q), q), "{}"), 404,
        "FSS.1051", {q});
    // B creates its own demo: another id, another URN
    auto b = create(h, valid_body(), q);
    BOOST_TEST_REQUIRE(b.status() == 200u);
    BOOST_TEST(b.body.at("func_id") != a.body.at("func_id"));
    BOOST_TEST(b.body.at("func_urn") == json::value(api_harness::urn("demo", q)));
    BOOST_TEST(b.body.at("namespace") == json::value(q));
    // configs stay in their project
    BOOST_TEST(h.call(http::verb::put, api_harness::config(api_harness::urn("demo")),
                      R"({"max_async_retry_attempts":3})")
                   .status() == 200u);
    check_error_has(h.call(http::verb::get, api_harness::config("demo", q)), 404, "FSS.0404",
                    {"has no async invoke config"});
    // deleting B's demo leaves A's
    BOOST_TEST(h.call(http::verb::delete_, api_harness::functions(q) + "/demo").status() == 204u);
    BOOST_TEST(h.call(http::verb::get, config_target("demo")).body == a.body);
    BOOST_TEST(h.call(http::verb::get, api_harness::config("demo"))
                   .body.at("max_async_retry_attempts")
                   .as_int64() == 3);
    BOOST_TEST(names_of(list_functions(h)) == std::vector<std::string>{"demo"},
               boost::test_tools::per_element());
    BOOST_TEST(list_functions(h, "", q).body.at("count").as_int64() == 0);
}

BOOST_AUTO_TEST_SUITE_END()
