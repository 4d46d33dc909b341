// API tests of the version operations (api/version_handlers, the code/config updates of
// api/function_handlers, DELETE of versions): spec §10.1, §10.4, §10.5, D04, D21, D23.
#include "version_api_support.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

namespace bdata = boost::unit_test::data;
using namespace emu;
using namespace emu::test;

namespace {

using header = std::pair<std::string, std::string>;

const std::string sha512_empty = "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
                                 "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e";

answer publish(const demo_function& d, const std::string& body,
               std::initializer_list<std::pair<std::string, std::string>> headers = {},
               const std::string& urn = demo_unqualified()) {
    return d.call(http::verb::post, versions_target(urn), body, headers);
}

} // namespace

BOOST_AUTO_TEST_SUITE(versions_test)

BOOST_AUTO_TEST_CASE(publish_answers_the_version_object) {
    demo_function d;
    d.put_config(demo("latest"), R"({"max_async_retry_attempts":2})");
    d.h.clock.advance(std::chrono::seconds(60));
    auto a = publish(d, R"({"version":"v1","description":"first release"})");
    BOOST_TEST_REQUIRE(a.status() == 200u, a.res.body());
    const auto& o = a.body.as_object();
    BOOST_TEST(o.at("func_urn") == json::value(demo("v1")));
    BOOST_TEST(o.at("version") == "v1");
    BOOST_TEST(o.at("image_name") == "v1");
    BOOST_TEST(o.at("version_description") == "first release");
    BOOST_TEST(o.at("func_name") == "demo");
    BOOST_TEST(o.at("digest") == json::value(sha512_empty));
    BOOST_TEST(o.at("last_modified") == "2021-03-04 14:51:02");
    // D04: publishing does not copy latest's config
    BOOST_TEST(o.at("function_async_config").is_null());
    // latest's object is unchanged
    auto latest = d.call(http::verb::get, function_target(demo("latest")) + "/config");
    BOOST_TEST(latest.body.at("version") == "latest");
    BOOST_TEST(latest.body.at("last_modified") == "2021-03-04 14:50:02");
    // GET …/config of the version and of an alias of it
    auto v = d.call(http::verb::get, function_target(demo("v1")) + "/config");
    BOOST_TEST(v.status() == 200u);
    BOOST_TEST(v.body.at("func_urn") == json::value(demo("v1")));
    BOOST_TEST(v.body.at("version") == "v1");
    d.make_alias(R"({"name":"prod","version":"v1"})");
    auto via_alias = d.call(http::verb::get, function_target(demo("!prod")) + "/config");
    BOOST_TEST(via_alias.body == v.body);
}

BOOST_DATA_TEST_CASE(generated_names_d21,
                     bdata::make({"", "version_name_style=v-prefixed"}) ^
                         bdata::make({"20210304-145002", "v20210304-145002"}),
                     switches, expected) {
    demo_function d;
    auto a = publish(d, "{}", {{"X-Emulator-Switches", switches}});
    BOOST_TEST_REQUIRE(a.status() == 200u, a.res.body());
    BOOST_TEST(a.body.at("version") == json::value(expected));
    BOOST_TEST(a.body.at("func_urn") == json::value(demo(expected)));
}

BOOST_AUTO_TEST_CASE(publish_answer_version_latest_replays_the_example_d21) {
    demo_function d;
    auto a = publish(d, R"({"version":"v1","description":"v1"})",
                     {{"X-Emulator-Switches", "publish_answer_version=latest"}});
    BOOST_TEST_REQUIRE(a.status() == 200u, a.res.body());
    BOOST_TEST(a.body.at("version") == "latest");
    BOOST_TEST(a.body.at("func_urn") == json::value(demo_unqualified()));
    BOOST_TEST(a.res["X-Emulator-Switches"] == "publish_answer_version=latest");
    // the state behind it is v1
    BOOST_TEST(d.call(http::verb::get, function_target(demo("v1")) + "/config").status() == 200u);
    auto alias = d.call(http::verb::post, aliases_target(demo_unqualified()),
                        R"({"name":"prod","version":"v1"})",
                        {{"X-Emulator-Switches", "publish_answer_version=latest"}});
    BOOST_TEST(alias.body.at("version") == "latest");
    BOOST_TEST(d.call(http::verb::get, alias_target(demo("latest"), "prod")).body.at("version") ==
               "v1");
}

BOOST_AUTO_TEST_CASE(publish_errors) {
    demo_function d;
    const std::string unq = demo_unqualified();
    d.publish(R"({"version":"v1"})");
    check_error(publish(d, R"({"version":"v2"})"), 400, "FSS.1016",
                "Nothing changed since last publish: latest of function " + unq +
                    " has not changed since version 'v1' was published");
    d.change("second");
    check_error(publish(d, R"({"version":"v1"})"), 409, "FSS.1062",
                "The function version already exists: version 'v1' of function " + unq +
                    " already exists");
    check_error(publish(d, R"({"version":"latest"})"), 400, "FSS.1015",
                "Invalid function version: version 'latest' must be 1-64 letters, digits, '-', "
                "'_' or '.', other than 'latest'");
    check_error(publish(d, R"({"version":"a b"})"), 400, "FSS.1015",
                "Invalid function version: version 'a b' must be 1-64 letters, digits, '-', '_' "
                "or '.', other than 'latest'");
    check_error(publish(d, R"({"version":1})"), 400, "FSS.0400",
                "Invalid parameter: version must be a string, got an integer");
    check_error(publish(d, R"({"digest":"abc"})"), 400, "FSS.0400",
                "Invalid parameter: digest 'abc' is not the digest of latest's code "
                "(cf83e1357eefb8bd...)");
    check_error(publish(d, "[]"), 400, "FSS.0400",
                "Invalid parameter: request body must be a JSON object, got an array");
    check_error(publish(d, R"({"version":"v2"})", {}, demo("v1")), 400, "FSS.0400",
                "Invalid parameter: versions are published from latest only; " + demo("v1") +
                    " names version 'v1' (use " + unq + ")");
    check_error(publish(d, R"({"version":"v2"})", {}, demo("v9")), 404, "FSS.1052",
                "Not found the function version: version 'v9' of function " + unq +
                    " does not exist");
    check_error(publish(d, R"({"version":"v2"})", {}, "nope"), 404, "FSS.1051",
                "Not found the function: function urn:fss:cn-north-4:" + std::string(project) +
                    ":function:default:nope does not exist");
    check_error(
        publish(d, R"({"versoin":"v2"})", {{"X-Emulator-Switches", "unknown_fields=reject"}}), 400,
        "FSS.0400", "Invalid parameter: unknown field versoin (switch unknown_fields=reject)");
    // with the matching digest it goes through
    auto digest = d.call(http::verb::get, function_target(unq) + "/config").body.at("digest");
    auto ok = publish(d, R"({"version":"v2","digest":)" + json::serialize(digest) + "}");
    BOOST_TEST(ok.status() == 200u, ok.res.body());
}

BOOST_AUTO_TEST_CASE(max_versions_answers_403) {
    demo_function d;
    const header cap{"X-Emulator-Switches", "max_versions=2"};
    d.publish(R"({"version":"v1"})");
    d.change("b");
    d.publish(R"({"version":"v2"})");
    d.change("c");
    check_error(publish(d, R"({"version":"v3"})", {cap}), 403, "FSS.0403",
                "Forbidden: function " + demo_unqualified() +
                    " already has 2 versions, the most a function may have is 2 (switch "
                    "max_versions)");
    // documented: no cap (D21: the cap of 10 is the strict preset's, tested with it in
    // strict_and_region_switches_test)
    BOOST_TEST(publish(d, R"({"version":"v3"})").status() == 200u);
}

BOOST_AUTO_TEST_CASE(list_versions_pages_with_marker_and_maxitems) {
    demo_function d;
    d.publish(R"({"version":"v1"})");
    d.change("b");
    d.publish(R"({"version":"v2"})");
    d.put_config(demo("v2"), R"({"max_async_event_age_in_seconds":120})");
    auto all = d.call(http::verb::get, versions_target(demo("!any")));
    BOOST_TEST_REQUIRE(all.status() == 200u, all.res.body());
    const auto& versions = all.body.at("versions").as_array();
    BOOST_TEST_REQUIRE(versions.size() == 3u);
    BOOST_TEST(versions[0].at("version") == "latest");
    BOOST_TEST(versions[0].at("func_urn") == json::value(demo("latest")));
    BOOST_TEST(versions[0].at("version_description") == "");
    BOOST_TEST(versions[1].at("version") == "v1");
    BOOST_TEST(versions[2].at("version") == "v2");
    BOOST_TEST(versions[2].at("function_async_config") ==
               json::value({{"max_async_event_age_in_seconds", 120},
                            {"max_async_retry_attempts", 1},
                            {"created_time", "2021-03-04T14:50:03+08:00"},
                            {"last_modified", "2021-03-04 14:50:03"}}));
    BOOST_TEST(all.body.at("count") == 3);
    BOOST_TEST(all.body.at("next_marker") == 0);
    auto page = d.call(http::verb::get, versions_target(demo_unqualified(), "marker=1&maxitems=1"));
    BOOST_TEST(page.body.at("versions").as_array().size() == 1u);
    BOOST_TEST(page.body.at("versions").at(0).at("version") == "v1");
    BOOST_TEST(page.body.at("next_marker") == 2);
    BOOST_TEST(page.body.at("count") == 3);
    check_error(d.call(http::verb::get, versions_target(demo_unqualified(), "maxitems=-1")), 400,
                "FSS.1001", "Invalid query parameter: maxitems must not be negative, got '-1'");
}

BOOST_AUTO_TEST_CASE(update_code_and_config_change_latest_only) {
    demo_function d;
    d.h.clock.advance(std::chrono::seconds(5));
    auto code =
        d.call(http::verb::put, function_target(demo_unqualified()) + "/code",
               R"({"code_type":"zip","code_filename":"a.zip","func_code":{"file":"aGVsbG8="}})");
    BOOST_TEST_REQUIRE(code.status() == 200u, code.res.body());
    BOOST_TEST(code.body.at("code_size") == 5);
    BOOST_TEST(code.body.at("code_type") == "zip");
    BOOST_TEST(code.body.at("last_modified") == "2021-03-04 14:50:07");
    BOOST_TEST(code.body.at("digest").as_string().starts_with("9b71d224bd62f378"));
    auto meta = d.call(http::verb::put, function_target("demo") + "/config",
                       metadata_body("described", 256));
    BOOST_TEST_REQUIRE(meta.status() == 200u, meta.res.body());
    BOOST_TEST(meta.body.at("memory_size") == 256);
    BOOST_TEST(meta.body.at("description") == "described");
    BOOST_TEST(meta.body.at("code_type") == "zip");
    // validated like create
    check_error(d.call(http::verb::put, function_target("demo") + "/config",
                       R"({"runtime":"Python3.9","handler":"index.handler","timeout":30})"),
                400, "FSS.0400", "Invalid parameter: memory_size is required");
    check_error(d.call(http::verb::put, function_target("demo") + "/config",
                       R"({"runtime":"Python3.9","handler":"index.handler","timeout":1,)"
                       R"("memory_size":128})"),
                400, "FSS.0400",
                "Invalid parameter: timeout must be an integer from 3 to 259200 seconds, got 1");
    check_error(d.call(http::verb::put, function_target("demo") + "/code", "{}"), 400, "FSS.0400",
                "Invalid parameter: code_type is required (except for runtime Custom Image)");
    check_error(d.call(http::verb::put, function_target("demo") + "/code",
                       R"({"code_type":"inline","func_code":{"file":1}})"),
                400, "FSS.0400",
                "Invalid parameter: func_code.file must be a string, got an integer");
    // only latest
    d.publish("{}");
    for (auto [suffix, body] :
         {std::pair{std::string("/code"), std::string(R"({"code_type":"inline"})")},
          {std::string("/config"), metadata_body("x")}}) {
        auto r = d.call(http::verb::put, function_target(demo("20210304-145007")) + suffix, body);
        check_error_has(r, 400, "FSS.0400",
                        {"Invalid parameter: only the ", " of latest can be changed; " +
                                                             demo("20210304-145007") +
                                                             " names version '20210304-145007'"});
    }
}

BOOST_AUTO_TEST_CASE(deleting_latest_is_refused_d23) {
    demo_function d;
    d.make_alias(R"({"name":"dev","version":"latest"})");
    for (const std::string& urn : {demo("latest"), std::string(project) + ":default:demo:latest"})
        check_error(d.call(http::verb::delete_, function_target(urn)), 400, "FSS.0400",
                    "Invalid parameter: latest cannot be deleted; delete the unqualified URN " +
                        demo_unqualified() + " to remove the whole function");
    check_error(d.call(http::verb::delete_, function_target(demo("!dev"))), 400, "FSS.0400",
                "Invalid parameter: alias 'dev' points at latest, and latest cannot be deleted; "
                "delete the unqualified URN " +
                    demo_unqualified() + " to remove the whole function");
    check_error(d.call(http::verb::delete_, function_target(demo("!nope"))), 404, "FSS.1053",
                "Not found the function alias: alias 'nope' of function " + demo_unqualified() +
                    " does not exist");
}

BOOST_AUTO_TEST_CASE(cascade_deletes_the_aliases_of_a_version_d23) {
    demo_function d;
    d.publish(R"({"version":"v1"})");
    d.make_alias(R"({"name":"prod","version":"v1"})");
    d.put_config(demo("!prod"), "{}");
    auto r = d.call(http::verb::delete_, function_target(demo("v1")), "",
                    {{"X-Emulator-Switches", "delete_aliased_version=cascade"}});
    BOOST_TEST(r.status() == 204u, r.res.body());
    BOOST_TEST(d.call(http::verb::get, aliases_target(demo("latest"))).body.as_array().empty());
    BOOST_TEST(d.call(http::verb::get, configs_target(demo("latest"))).body.at("count") == 0);
}

BOOST_AUTO_TEST_SUITE_END()
