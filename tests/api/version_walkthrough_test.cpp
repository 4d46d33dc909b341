// The issue's walkthrough through router::handle: publish → alias → configure latest, a
// version and an alias separately → list with limit=1 walks all three exactly once → delete
// one version → the list shows two → delete the function → 404 everywhere. Also the state
// document's round trip of versions and aliases (control::export_state / control::import_state).
#include "version_api_support.hpp"

#include "control/state_document.hpp"

#include <boost/test/unit_test.hpp>

#include <set>
#include <string>
#include <vector>

using namespace emu;
using namespace emu::test;

namespace {

/// Walks GET async-invoke-configs with limit=1 from marker 0 to next_marker 0 and returns the
/// func_urn of every entry, in order.
std::vector<std::string> walk_configs(const demo_function& d, const std::string& urn) {
    std::vector<std::string> seen;
    std::int64_t marker = 0;
    for (int guard = 0; guard < 20; ++guard) {
        auto a =
            d.call(http::verb::get, configs_target(urn, "limit=1&marker=" + std::to_string(marker)),
                   "", {{"X-Emulator-Switches", "list_end_marker=zero"}});
        BOOST_TEST_REQUIRE(a.status() == 200u, a.res.body());
        const auto& o = a.body.as_object();
        for (auto& c : o.at("async_invoke_configs").as_array())
            seen.emplace_back(c.at("func_urn").as_string());
        const auto& info = o.at("page_info").as_object();
        BOOST_TEST(info.at("previous_marker").as_int64() == marker);
        BOOST_TEST(info.at("current_count").as_int64() ==
                   static_cast<std::int64_t>(o.at("async_invoke_configs").as_array().size()));
        marker = info.at("next_marker").as_int64();
        if (marker == 0)
            return seen;
    }
    BOOST_FAIL("the walk did not end");
    return seen;
}

} // namespace

BOOST_AUTO_TEST_SUITE(version_walkthrough_test)

BOOST_AUTO_TEST_CASE(publish_alias_configure_list_delete) {
    demo_function d;
    const std::string latest = demo("latest"), v1 = demo("v1"), prod = demo("!prod");

    // publish v1, change latest, publish v2; alias prod → v2
    auto published = d.publish(R"({"version":"v1","description":"first"})");
    BOOST_TEST(published.at("version") == "v1");
    BOOST_TEST(published.at("func_urn") == json::value(v1));
    d.change("second");
    d.publish(R"({"version":"v2"})");
    auto alias = d.make_alias(R"({"name":"prod","version":"v2"})");
    BOOST_TEST(alias.at("alias_urn") == json::value(prod));

    // configure latest, a version and an alias, each separately
    d.put_config(latest, R"({"max_async_event_age_in_seconds":100})");
    d.put_config(v1, R"({"max_async_event_age_in_seconds":101})");
    d.put_config(prod, R"({"max_async_event_age_in_seconds":102})");
    for (auto [urn, age] : {std::pair{latest, 100}, {v1, 101}, {prod, 102}}) {
        auto g = d.call(http::verb::get, api_harness::config(urn));
        BOOST_TEST(g.status() == 200u);
        BOOST_TEST(g.body.at("func_urn") == json::value(urn));
        BOOST_TEST(g.body.at("max_async_event_age_in_seconds") == age);
    }
    // v2 (prod's version) has none of its own
    check_error(d.call(http::verb::get, api_harness::config(demo("v2"))), 404, "FSS.0404",
                "The specified resource was not found: function " + demo("v2") +
                    " has no async invoke config");

    // the list, one per page, whatever URN form names the function: each exactly once
    for (const std::string& urn :
         {demo_unqualified(), latest, v1, prod, std::string("demo"), std::string("default:demo")}) {
        BOOST_TEST_CONTEXT(urn) {
            auto seen = walk_configs(d, urn);
            BOOST_TEST(seen == (std::vector<std::string>{latest, v1, prod}),
                       boost::test_tools::per_element());
        }
    }
    auto all = d.call(http::verb::get, configs_target(latest));
    BOOST_TEST(all.body.at("count") == 3);
    BOOST_TEST(all.body.at("page_info") ==
               json::value({{"next_marker", 3}, {"previous_marker", 0}, {"current_count", 3}}));

    // delete one version: only it and its config go; the list shows two
    auto del = d.call(http::verb::delete_, function_target(v1));
    BOOST_TEST(del.status() == 204u);
    BOOST_TEST(del.res.body().empty());
    BOOST_TEST(walk_configs(d, latest) == (std::vector<std::string>{latest, prod}),
               boost::test_tools::per_element());
    check_error(d.call(http::verb::get, api_harness::config(v1)), 404, "FSS.1052",
                "Not found the function version: version 'v1' of function " + demo_unqualified() +
                    " does not exist");
    BOOST_TEST(d.call(http::verb::get, versions_target(latest)).body.at("count") == 2);

    // v2 is prod's version: refused, directly and through the alias (D23)
    const std::string in_use =
        "The function version is used by an alias: version 'v2' is the version of alias "
        "'prod'; delete or repoint the alias first (switch delete_aliased_version=refuse)";
    check_error(d.call(http::verb::delete_, function_target(demo("v2"))), 409, "FSS.1066", in_use);
    check_error(d.call(http::verb::delete_, function_target(prod)), 409, "FSS.1066", in_use);
    BOOST_TEST(walk_configs(d, latest).size() == 2u);

    // delete the function: 404 everywhere
    BOOST_TEST(d.call(http::verb::delete_, function_target(demo_unqualified())).status() == 204u);
    const std::string gone =
        "Not found the function: function " + demo_unqualified() + " does not exist";
    const std::vector<std::pair<http::verb, std::string>> everywhere = {
        {http::verb::get, function_target(latest) + "/config"},
        {http::verb::get, function_target(v1) + "/config"},
        {http::verb::put, function_target(latest) + "/config"},
        {http::verb::put, function_target(latest) + "/code"},
        {http::verb::delete_, function_target(demo_unqualified())},
        {http::verb::delete_, function_target(v1)},
        {http::verb::post, versions_target(latest)},
        {http::verb::get, versions_target(latest)},
        {http::verb::post, aliases_target(latest)},
        {http::verb::get, aliases_target(latest)},
        {http::verb::get, alias_target(latest, "prod")},
        {http::verb::put, alias_target(latest, "prod")},
        {http::verb::delete_, alias_target(latest, "prod")},
        {http::verb::put, api_harness::config(latest)},
        {http::verb::get, api_harness::config(v1)},
        {http::verb::get, api_harness::config(prod)},
        {http::verb::delete_, api_harness::config(prod)},
        {http::verb::get, configs_target(latest)},
    };
    const std::string bodies[] = {"", R"({"runtime":"Python3.9","handler":"index.handler",)"
                                      R"("timeout":30,"memory_size":128,"code_type":"inline",)"
                                      R"("name":"prod","version":"latest"})"};
    for (auto& [verb, target] : everywhere) {
        BOOST_TEST_CONTEXT(http::to_string(verb) << " " << target) {
            bool has_body = verb == http::verb::put || verb == http::verb::post;
            check_error(d.call(verb, target, bodies[has_body ? 1 : 0]), 404, "FSS.1051", gone);
        }
    }
}

BOOST_AUTO_TEST_CASE(state_round_trips_versions_aliases_and_their_configs) {
    demo_function d;
    d.publish(R"({"version":"v1","description":"first"})");
    d.h.clock.advance(std::chrono::milliseconds(1234));
    d.change("second");
    d.publish(R"({"version":"v2"})");
    d.make_alias(R"({"name":"prod","version":"v1","description":"p",)"
                 R"("additional_version_weights":{"v2":25}})");
    d.make_alias(R"({"name":"canary","version":"latest","additional_version_strategy":)"
                 R"({"v2":{"combine_type":"or","rules":[{"rule_type":"Header","param":"x-user",)"
                 R"("op":"in","value":"a,b"}]}}})");
    d.put_config(demo("!prod"), R"({"max_async_retry_attempts":2})");
    d.put_config(demo("v2"), R"({"max_async_event_age_in_seconds":77})");
    d.put_config(demo("latest"), R"({"enable_async_status_log":true})");

    auto before = control::export_state(d.h.state, std::string(project));
    const auto& fn = before.at("projects").at(0).at("functions").at(0).as_object();
    BOOST_TEST(fn.at("versions").as_array().size() == 2u);
    BOOST_TEST(fn.at("aliases").as_array().size() == 2u);
    BOOST_TEST(fn.at("async_invoke_configs").as_array().size() == 3u);
    auto answers = [&] {
        return std::vector<json::value>{
            d.call(http::verb::get, versions_target(demo("latest"))).body,
            d.call(http::verb::get, aliases_target(demo("latest"))).body,
            d.call(http::verb::get, configs_target(demo("latest"))).body,
            d.call(http::verb::get, function_target(demo("!prod")) + "/config").body};
    };
    auto answers_before = answers();

    d.h.store.reset();
    BOOST_TEST(d.call(http::verb::get, versions_target(demo("latest"))).status() == 404u);
    auto err = control::import_state(d.h.state, before);
    BOOST_TEST_REQUIRE(!err.has_value(), *err);
    BOOST_TEST(control::export_state(d.h.state, std::string(project)) == before);
    BOOST_TEST(answers() == answers_before, boost::test_tools::per_element());
    // and the restored state behaves: v1 is still prod's version
    check_error_has(d.call(http::verb::delete_, function_target(demo("v1"))), 409, "FSS.1066",
                    {"alias 'prod'"});
}

BOOST_AUTO_TEST_CASE(fixture_documents_declare_versions_and_aliases) {
    api_harness h;
    const std::string doc = R"({"projects":[{"project_id":")" + std::string(project) +
                            R"(","functions":[{"func_name":"demo","package":"default",)"
                            R"("runtime":"Python3.9","handler":"index.handler","memory_size":128,)"
                            R"("timeout":30,"code_type":"inline",)"
                            R"("versions":[{"version":"v1","version_description":"first",)"
                            R"("runtime":"Python3.9","handler":"index.handler","memory_size":256,)"
                            R"("timeout":30,"code_type":"inline"}],)"
                            R"("aliases":[{"name":"prod","version":"v1"}],)"
                            R"("async_invoke_configs":[{"qualifier":"!prod",)"
                            R"("max_async_retry_attempts":2}]}]}]})";
    auto err = control::load_fixture_text(h.state, doc, "doc");
    BOOST_TEST_REQUIRE(!err.has_value(), *err);
    auto v1 = h.call(http::verb::get, function_target(demo("v1")) + "/config");
    BOOST_TEST(v1.body.at("memory_size") == 256);
    BOOST_TEST(h.call(http::verb::get, function_target(demo("latest")) + "/config")
                   .body.at("memory_size") == 128);
    auto config = h.call(http::verb::get, api_harness::config(demo("!prod")));
    BOOST_TEST(config.body.at("max_async_retry_attempts") == 2);
    BOOST_TEST(config.body.at("func_urn") == json::value(demo("!prod")));
    // an alias of a version the document does not declare names the path
    api_harness other;
    std::string bad = doc;
    bad.replace(bad.find(R"("name":"prod","version":"v1")"), 28, R"("name":"prod","version":"v7")");
    auto e = control::load_fixture_text(other.state, bad, "doc");
    BOOST_TEST_REQUIRE(e.has_value());
    BOOST_TEST(*e == "doc: projects[0].functions[0].aliases[0].version: version 'v7' of function " +
                         demo_unqualified() + " does not exist");
}

BOOST_AUTO_TEST_SUITE_END()
