// Unit tests of function_store's alias operations (alias_store.cpp) and of build_alias:
// create / get / update / delete / list, the name and traffic-shifting rules, and the
// switches unique_alias_version, max_aliases and alias_rule_types.
#include "version_test_support.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

namespace bdata = boost::unit_test::data;
using namespace emu::domain;
using namespace emu::domain::test;

namespace {

using weights = std::map<std::string, std::int64_t>;
using strategies = std::map<std::string, version_strategy>;

version_strategy rule(std::optional<std::string> rule_type, std::optional<std::string> param,
                      std::optional<std::string> op, std::optional<std::string> combine = "and") {
    return version_strategy{combine, std::vector<version_rule>{{rule_type, param, op, "v"}}};
}

/// One build_alias rule: how the valid input (prod → v1) is changed, and the error.
struct alias_rule_case {
    std::string label;
    std::function<void(alias_input&)> change;
    errc code;
    std::string field;
    std::string detail;
};
std::ostream& operator<<(std::ostream& os, const alias_rule_case& c) {
    return os << c.label;
}

std::vector<alias_rule_case> alias_rule_cases() {
    const std::string name_rule =
        "' must be 1-64 letters, digits, '-' or '_', start with a letter and end with a letter "
        "or digit";
    return {
        {"no name", [](alias_input& in) { in.name.reset(); }, errc::missing_field, "name",
         "name is required"},
        {"name starting with a digit", [](alias_input& in) { in.name = "1a"; },
         errc::invalid_alias_name, "name", "name '1a" + name_rule},
        {"empty name", [](alias_input& in) { in.name = ""; }, errc::invalid_alias_name, "name",
         "name '" + name_rule},
        {"name of 65", [](alias_input& in) { in.name = "a" + std::string(64, 'b'); },
         errc::invalid_alias_name, "name", "name 'a" + std::string(64, 'b') + name_rule},
        {"no version", [](alias_input& in) { in.version.reset(); }, errc::missing_field, "version",
         "version is required"},
        {"bad version", [](alias_input& in) { in.version = "v 1"; }, errc::invalid_version_name,
         "version",
         "version 'v 1' must be 'latest' or a version name: must be 1-64 letters, digits, '-', "
         "'_' or '.'"},
        {"long description", [](alias_input& in) { in.description = std::string(513, 'd'); },
         errc::invalid_format, "description", "description must be at most 512 characters"},
        {"latest as additional",
         [](alias_input& in) {
             in.additional_version_weights = weights{{"latest", 10}};
         },
         errc::invalid_version_name, "additional_version_weights",
         "additional_version_weights 'latest' cannot be an additional version; latest can only "
         "be an alias's version"},
        {"own version as additional",
         [](alias_input& in) {
             in.additional_version_weights = weights{{"v1", 10}};
         },
         errc::invalid_format, "additional_version_weights.v1",
         "additional_version_weights.v1 is the alias's own version; an additional version must "
         "differ from it"},
        {"weight 101",
         [](alias_input& in) {
             in.additional_version_weights = weights{{"v2", 101}};
         },
         errc::value_out_of_range, "additional_version_weights.v2",
         "additional_version_weights.v2 must be an integer from 0 to 100 percent, got 101"},
        {"weight -1",
         [](alias_input& in) {
             in.additional_version_weights = weights{{"v2", -1}};
         },
         errc::value_out_of_range, "additional_version_weights.v2",
         "additional_version_weights.v2 must be an integer from 0 to 100 percent, got -1"},
        {"two additional versions",
         [](alias_input& in) {
             in.additional_version_weights = weights{{"v2", 10}, {"v3", 10}};
         },
         errc::invalid_format, "additional_version_weights",
         "additional_version_weights names 2 versions; an alias points at two versions at most "
         "(its version and one additional version)"},
        {"weights and strategy",
         [](alias_input& in) {
             in.additional_version_weights = weights{{"v2", 10}};
             in.additional_version_strategy = strategies{{"v2", rule("Header", "x", "=")}};
         },
         errc::invalid_format, "additional_version_strategy",
         "additional_version_strategy cannot be given with additional_version_weights: an alias "
         "shifts traffic by percentage or by rule"},
        {"combine_type xor",
         [](alias_input& in) {
             in.additional_version_strategy =
                 strategies{{"v2", rule("Header", "x", "=", std::string("xor"))}};
         },
         errc::invalid_enum, "additional_version_strategy.v2.combine_type",
         "additional_version_strategy.v2.combine_type must be one of and, or, got 'xor'"},
        {"rule_type cookie (documented)",
         [](alias_input& in) {
             in.additional_version_strategy = strategies{{"v2", rule("cookie", "x", "=")}};
         },
         errc::invalid_enum, "additional_version_strategy.v2.rules[0].rule_type",
         "additional_version_strategy.v2.rules[0].rule_type must be one of Header, got 'cookie' "
         "(switch alias_rule_types)"},
        {"op like",
         [](alias_input& in) {
             in.additional_version_strategy = strategies{{"v2", rule("Header", "x", "like")}};
         },
         errc::invalid_enum, "additional_version_strategy.v2.rules[0].op",
         "additional_version_strategy.v2.rules[0].op must be one of =, in, got 'like'"},
        {"param with a space",
         [](alias_input& in) {
             in.additional_version_strategy = strategies{{"v2", rule("Header", "x y", "=")}};
         },
         errc::invalid_format, "additional_version_strategy.v2.rules[0].param",
         "additional_version_strategy.v2.rules[0].param must be 1-64 letters, digits, '_' or '-'"},
    };
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(alias_store_test, versions_fixture)

BOOST_AUTO_TEST_CASE(create_get_update_delete) {
    publish("v1");
    publish("v2");
    clock.advance(std::chrono::seconds(7));
    alias_input in = alias_to("prod", "v1");
    in.description = "production";
    in.additional_version_weights = weights{{"v2", 20}};
    auto a = store.create_alias(project, fn_urn(), in, b, clock.now());
    BOOST_TEST_REQUIRE(a.has_value(), (a ? std::string() : a.error().detail));
    BOOST_TEST(a->alias_urn == "urn:fss:cn-north-4:projA:function:default:fn1:!prod");
    BOOST_TEST(a->description == "production");
    BOOST_TEST((a->additional_version_weights == weights{{"v2", 20}}));
    BOOST_TEST(secs(a->created) == secs(a->last_modified));
    auto got = store.get_alias(project, fn_urn("latest"), "prod", b);
    BOOST_TEST_REQUIRE(got.has_value());
    BOOST_TEST((*got == *a));
    // PUT replaces: the strategy instead of weights, no description
    clock.advance(std::chrono::seconds(3));
    alias_input put_in;
    put_in.version = "v2";
    put_in.additional_version_strategy =
        strategies{{"v1", rule("Header", "x-user", "in", std::string("or"))}};
    auto u = store.update_alias(project, fn_urn(), "prod", put_in, b, clock.now());
    BOOST_TEST_REQUIRE(u.has_value(), (u ? std::string() : u.error().detail));
    BOOST_TEST(u->version == "v2");
    BOOST_TEST(u->description == "");
    BOOST_TEST(u->additional_version_weights.empty());
    BOOST_TEST(u->additional_version_strategy.count("v1") == 1u);
    BOOST_TEST(secs(u->created) == secs(a->created));
    BOOST_TEST(secs(u->last_modified) == secs(a->created) + 3);
    BOOST_TEST(u->alias_urn == a->alias_urn);
    // list, delete
    make_alias("dev", "latest");
    auto all = store.list_aliases(project, fn_urn(), b);
    BOOST_TEST_REQUIRE(all->size() == 2u);
    BOOST_TEST((*all)[0].name == "prod");
    BOOST_TEST((*all)[1].name == "dev");
    BOOST_TEST(store.delete_alias(project, fn_urn(), "prod", b).has_value());
    check_error(store.get_alias(project, fn_urn(), "prod", b), errc::alias_not_found, "alias_name");
    BOOST_TEST(store.list_aliases(project, fn_urn(), b)->size() == 1u);
}

BOOST_DATA_TEST_CASE_F(versions_fixture, build_alias_rules, bdata::make(alias_rule_cases()), c) {
    publish("v1");
    publish("v2");
    publish("v3");
    alias_input in = alias_to("prod", "v1");
    c.change(in);
    auto r = store.create_alias(project, fn_urn(), in, b, clock.now());
    BOOST_TEST_REQUIRE(r.has_error());
    BOOST_TEST(r.error().code == c.code);
    BOOST_TEST(r.error().field == c.field);
    BOOST_TEST(r.error().detail == c.detail);
    BOOST_TEST(store.list_aliases(project, fn_urn(), b)->empty());
}

BOOST_AUTO_TEST_CASE(sdk_rule_types_with_the_switch) {
    publish("v1");
    publish("v2");
    alias_input in = alias_to("prod", "v1");
    in.additional_version_strategy = strategies{{"v2", rule("cookie", "x", "=")}};
    b.alias_rule_types = strategy_rule_types::sdk;
    BOOST_TEST(store.create_alias(project, fn_urn(), in, b, clock.now()).has_value());
}

BOOST_AUTO_TEST_CASE(versions_must_exist) {
    publish("v1");
    auto r = store.create_alias(project, fn_urn(), alias_to("prod", "v9"), b, clock.now());
    check_error(r, errc::version_not_found, "version");
    BOOST_TEST(r.error().detail ==
               "version 'v9' of function urn:fss:cn-north-4:projA:function:default:fn1 does not "
               "exist");
    alias_input in = alias_to("prod", "latest");
    in.additional_version_weights = weights{{"v2", 5}};
    check_error(store.create_alias(project, fn_urn(), in, b, clock.now()), errc::version_not_found,
                "additional_version_weights");
    in.additional_version_weights.reset();
    in.additional_version_strategy = strategies{{"v2", version_strategy{}}};
    check_error(store.create_alias(project, fn_urn(), in, b, clock.now()), errc::version_not_found,
                "additional_version_strategy");
    check_error(
        store.create_alias(project, urn(project, "nofn"), alias_to("a", "latest"), b, clock.now()),
        errc::function_not_found);
}

BOOST_AUTO_TEST_CASE(conflicts) {
    publish("v1");
    make_alias("prod", "v1");
    auto dup = store.create_alias(project, fn_urn(), alias_to("prod", "latest"), b, clock.now());
    check_error(dup, errc::alias_exists, "name");
    // one alias per version (switch unique_alias_version)
    auto same = store.create_alias(project, fn_urn(), alias_to("blue", "v1"), b, clock.now());
    check_error(same, errc::version_in_use, "version");
    BOOST_TEST(same.error().detail ==
               "version 'v1' already has alias 'prod' (switch unique_alias_version=true)");
    // an alias may keep its own version on update
    BOOST_TEST(store.update_alias(project, fn_urn(), "prod", alias_to("", "v1"), b, clock.now())
                   .has_value());
    make_alias("dev", "latest");
    check_error(store.update_alias(project, fn_urn(), "dev", alias_to("", "v1"), b, clock.now()),
                errc::version_in_use, "version");
    b.unique_alias_version = false;
    BOOST_TEST(
        store.create_alias(project, fn_urn(), alias_to("blue", "v1"), b, clock.now()).has_value());
}

BOOST_AUTO_TEST_CASE(max_aliases_caps_the_aliases) {
    b.max_aliases = 2;
    b.unique_alias_version = false;
    make_alias("a1", "latest");
    make_alias("a2", "latest");
    auto r = store.create_alias(project, fn_urn(), alias_to("a3", "latest"), b, clock.now());
    check_error(r, errc::alias_quota_exceeded, "name");
    BOOST_TEST(r.error().detail == "function urn:fss:cn-north-4:projA:function:default:fn1 already "
                                   "has 2 aliases, the most a function may have is 2 (switch "
                                   "max_aliases)");
    BOOST_TEST(store.delete_alias(project, fn_urn(), "a1", b).has_value());
    BOOST_TEST(store.create_alias(project, fn_urn(), alias_to("a3", "latest"), b, clock.now())
                   .has_value());
}

BOOST_AUTO_TEST_CASE(unknown_and_malformed_alias_names) {
    check_error(store.get_alias(project, fn_urn(), "nope", b), errc::alias_not_found, "alias_name");
    check_error(
        store.update_alias(project, fn_urn(), "nope", alias_to("", "latest"), b, clock.now()),
        errc::alias_not_found, "alias_name");
    check_error(store.delete_alias(project, fn_urn(), "nope", b), errc::alias_not_found,
                "alias_name");
    for (auto bad : {"1a", "a-", "a b", ""})
        check_error(store.get_alias(project, fn_urn(), bad, b), errc::invalid_alias_name,
                    "alias_name");
}

BOOST_AUTO_TEST_CASE(deleting_an_alias_removes_its_config_only) {
    make_alias("dev", "latest");
    put(project, "projA:default:fn1:!dev", age(120));
    put(project, "projA:default:fn1", age(60));
    BOOST_TEST(store.delete_alias(project, fn_urn(), "dev", b).has_value());
    check_error(store.get_config(project, fn_urn("!dev"), b), errc::alias_not_found);
    auto configs = store.list_configs(project, fn_urn(), b, page_request{});
    BOOST_TEST_REQUIRE(configs->items.size() == 1u);
    BOOST_TEST(configs->items[0].func_urn ==
               "urn:fss:cn-north-4:projA:function:default:fn1:latest");
    // an alias of the same name starts without config
    make_alias("dev", "latest");
    check_error(store.get_config(project, fn_urn("!dev"), b), errc::config_not_found);
}

BOOST_AUTO_TEST_SUITE_END()
