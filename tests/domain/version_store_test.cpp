// Unit tests of function_store's version operations (version_store.cpp): changing latest
// (code, metadata), publishing (names, D21 switches, FSS.1016, digest, duplicates, the cap),
// listing, deleting versions (D23) and the configs of each qualifier.
#include "version_test_support.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>
#include <vector>

using namespace emu::domain;
using namespace emu::domain::test;

BOOST_FIXTURE_TEST_SUITE(version_store_test, versions_fixture)

// ---- changing latest --------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(update_config_changes_latest_and_last_modified) {
    clock.advance(std::chrono::seconds(30));
    function_input in = metadata("new");
    in.memory_size = 512;
    in.timeout = 60;
    in.func_name = "fn1";
    in.package = "default";
    auto r = store.update_function_config(project, fn_urn(), in, b, clock.now());
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST(r->memory_size == 512);
    BOOST_TEST(r->timeout == 60);
    BOOST_TEST(r->description == "new");
    BOOST_TEST(secs(r->last_modified) == secs(fn.created) + 30);
    BOOST_TEST(secs(r->created) == secs(fn.created));
    BOOST_TEST(r->digest == fn.digest);
    auto got = store.get_function(project, fn_urn(), b);
    BOOST_TEST((*got == *r));
}

BOOST_AUTO_TEST_CASE(update_config_validates_like_create) {
    function_input in = metadata("x");
    in.memory_size = 100;
    check_error(store.update_function_config(project, fn_urn(), in, b, clock.now()),
                errc::invalid_enum, "memory_size");
    in = metadata("x");
    in.handler.reset();
    check_error(store.update_function_config(project, fn_urn(), in, b, clock.now()),
                errc::missing_field, "handler");
    in = metadata("x");
    in.timeout = 2;
    check_error(store.update_function_config(project, fn_urn(), in, b, clock.now()),
                errc::value_out_of_range, "timeout");
    in = metadata("x");
    in.func_name = "other";
    auto renamed = store.update_function_config(project, fn_urn(), in, b, clock.now());
    check_error(renamed, errc::invalid_format, "func_name");
    BOOST_TEST(contains(renamed.error().detail, "cannot be renamed"), renamed.error().detail);
    in = metadata(std::string(513, 'd'));
    check_error(store.update_function_config(project, fn_urn(), in, b, clock.now()),
                errc::invalid_format, "description");
    // nothing changed by the refusals
    BOOST_TEST((*store.get_function(project, fn_urn(), b) == fn));
}

BOOST_AUTO_TEST_CASE(update_code_moves_the_digest) {
    function_input in;
    in.code_type = "zip";
    in.code_filename = "code.zip";
    in.func_code_file = "aGVsbG8="; // "hello"
    clock.advance(std::chrono::seconds(5));
    auto r = store.update_function_code(project, fn_urn(), in, b, clock.now());
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST(r->code_type == "zip");
    BOOST_TEST(r->code_filename == "code.zip");
    BOOST_TEST(r->code_size == 5);
    BOOST_TEST(r->digest.str().substr(0, 16) == "9b71d224bd62f378");
    BOOST_TEST(secs(r->last_modified) == secs(fn.created) + 5);
    in.func_code_file = "not base64!";
    check_error(store.update_function_code(project, fn_urn(), in, b, clock.now()),
                errc::invalid_format, "func_code.file");
    in = function_input{};
    check_error(store.update_function_code(project, fn_urn(), in, b, clock.now()),
                errc::missing_field, "code_type");
}

BOOST_AUTO_TEST_CASE(only_latest_changes) {
    publish("v1");
    make_alias("prod", "v1");
    for (auto q : {"v1", "!prod"}) {
        BOOST_TEST_CONTEXT(q) {
            auto r =
                store.update_function_config(project, fn_urn(q), metadata("x"), b, clock.now());
            check_error(r, errc::not_latest);
            BOOST_TEST(contains(r.error().detail, "only the metadata of latest can be changed"),
                       r.error().detail);
            function_input code;
            code.code_type = "inline";
            check_error(store.update_function_code(project, fn_urn(q), code, b, clock.now()),
                        errc::not_latest);
            check_error(store.publish_version(project, fn_urn(q), named("v2"), b, clock.now()),
                        errc::not_latest);
        }
    }
    // explicit latest is latest
    BOOST_TEST(
        store.update_function_config(project, fn_urn("latest"), metadata("y"), b, clock.now())
            .has_value());
}

// ---- publishing -------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(publish_copies_latest) {
    clock.advance(std::chrono::seconds(10));
    auto v = store.publish_version(project, fn_urn(), named("v1", "first"), b, clock.now());
    BOOST_TEST_REQUIRE(v.has_value());
    BOOST_TEST(v->version.version == "v1");
    BOOST_TEST(v->version.description == "first");
    BOOST_TEST(!v->config.has_value());
    BOOST_TEST(v->version.record.func_id == fn.func_id);
    BOOST_TEST(v->version.record.digest == fn.digest);
    BOOST_TEST(secs(v->version.record.last_modified) == secs(fn.created) + 10);
    BOOST_TEST(v->version.record.func_urn("v1") ==
               "urn:fss:cn-north-4:projA:function:default:fn1:v1");
    // a later change of latest leaves the version alone
    change();
    auto got = store.get_version(project, fn_urn("v1"), b);
    BOOST_TEST_REQUIRE(got.has_value());
    BOOST_TEST(got->record.description == "");
    BOOST_TEST(store.get_function(project, fn_urn(), b)->description == "change 1");
}

BOOST_DATA_TEST_CASE(generated_names_follow_version_name_style,
                     boost::unit_test::data::make({"plain", "v-prefixed"}) ^
                         boost::unit_test::data::make({"20231114-222000", "v20231114-222000"}),
                     style, expected) {
    // 1'700'000'000 = 2023-11-14T22:13:20Z; in UTC and 400 s later: 2023-11-14 22:20:00
    BOOST_TEST_REQUIRE(set_switch(b, "version_name_style", style).has_value());
    BOOST_TEST_REQUIRE(set_switch(b, "utc_offset_minutes", "0").has_value());
    clock.advance(std::chrono::seconds(400));
    auto v = store.publish_version(project, fn_urn(), named(std::nullopt), b, clock.now());
    BOOST_TEST_REQUIRE(v.has_value());
    BOOST_TEST(v->version.version == expected);
}

BOOST_AUTO_TEST_CASE(generated_names_use_the_utc_offset) {
    // 2023-11-14T22:13:20Z at +08:00 is 2023-11-15 06:13:20
    BOOST_TEST(generated_version_name(clock.now(), b) == "20231115-061320");
    b.time_style = time_style::utc_z;
    BOOST_TEST(generated_version_name(clock.now(), b) == "20231114-221320");
}

BOOST_AUTO_TEST_CASE(publish_errors) {
    publish("v1");
    // nothing changed since v1
    auto same = store.publish_version(project, fn_urn(), named("v2"), b, clock.now());
    check_error(same, errc::nothing_to_publish);
    BOOST_TEST(contains(same.error().detail, "has not changed since version 'v1'"));
    change();
    // a name in use wins over the change check
    check_error(store.publish_version(project, fn_urn(), named("v1"), b, clock.now()),
                errc::version_exists, "version");
    // names
    for (const std::string& bad :
         std::vector<std::string>{"latest", "", "a b", "v/1", std::string(65, 'x')})
        check_error(store.publish_version(project, fn_urn(), named(bad), b, clock.now()),
                    errc::invalid_version_name, "version");
    check_error(store.publish_version(project, fn_urn(), named("v2", std::string(513, 'd')), b,
                                      clock.now()),
                errc::invalid_format, "description");
    // digest given: must be latest's
    publish_input in = named("v2");
    in.digest = "abc";
    check_error(store.publish_version(project, fn_urn(), in, b, clock.now()), errc::digest_mismatch,
                "digest");
    in.digest = store.get_function(project, fn_urn(), b)->digest.str();
    BOOST_TEST(store.publish_version(project, fn_urn(), in, b, clock.now()).has_value());
}

BOOST_AUTO_TEST_CASE(max_versions_caps_the_published_versions) {
    b.max_versions = 2;
    publish("v1");
    publish("v2");
    change();
    auto r = store.publish_version(project, fn_urn(), named("v3"), b, clock.now());
    check_error(r, errc::version_quota_exceeded);
    BOOST_TEST(contains(r.error().detail, "already has 2 versions, the most a function may have "
                                          "is 2 (switch max_versions)"),
               r.error().detail);
    // deleting one makes room; 0 = unlimited
    BOOST_TEST(store.delete_function(project, fn_urn("v1"), b).has_value());
    BOOST_TEST(store.publish_version(project, fn_urn(), named("v3"), b, clock.now()).has_value());
    b.max_versions = 0;
    publish("v4");
    publish("v5");
    BOOST_TEST(store.list_versions(project, fn_urn(), b, page_request{})->total == 5u);
}

BOOST_AUTO_TEST_CASE(list_versions_starts_with_latest_and_pages) {
    publish("v1");
    publish("v2");
    put(project, "projA:default:fn1:v2", age(120));
    auto all = store.list_versions(project, fn_urn("!whatever-qualifier"), b, page_request{});
    BOOST_TEST_REQUIRE(all.has_value());
    BOOST_TEST(all->total == 3u);
    BOOST_TEST_REQUIRE(all->items.size() == 3u);
    BOOST_TEST(all->items[0].version.version == "latest");
    BOOST_TEST(all->items[1].version.version == "v1");
    BOOST_TEST(all->items[2].version.version == "v2");
    BOOST_TEST(!all->items[1].config.has_value());
    BOOST_TEST_REQUIRE(all->items[2].config.has_value());
    BOOST_TEST(all->items[2].config->max_async_event_age_in_seconds == 120);
    auto second = store.list_versions(project, fn_urn(), b, page_request{1, 1});
    BOOST_TEST_REQUIRE(second->items.size() == 1u);
    BOOST_TEST(second->items[0].version.version == "v1");
    check_error(store.list_versions(project, urn(project, "nofn"), b, page_request{}),
                errc::function_not_found);
}

// ---- deleting (D23) ---------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(deleting_a_version_removes_only_it_and_its_config) {
    publish("v1");
    publish("v2");
    put(project, "projA:default:fn1", age(100));
    put(project, "projA:default:fn1:v1", age(101));
    put(project, "projA:default:fn1:v2", age(102));
    BOOST_TEST(store.delete_function(project, fn_urn("v1"), b).has_value());
    check_error(store.get_function(project, fn_urn("v1"), b), errc::version_not_found);
    auto configs = store.list_configs(project, fn_urn(), b, page_request{});
    BOOST_TEST_REQUIRE(configs->items.size() == 2u);
    BOOST_TEST(configs->items[0].max_async_event_age_in_seconds == 100);
    BOOST_TEST(configs->items[1].max_async_event_age_in_seconds == 102);
    // a re-published v1 starts without config
    publish("v1");
    check_error(store.get_config(project, fn_urn("v1"), b), errc::config_not_found);
}

BOOST_AUTO_TEST_CASE(latest_cannot_be_deleted) {
    make_alias("dev", "latest");
    auto r = store.delete_function(project, fn_urn("latest"), b);
    check_error(r, errc::latest_not_deletable);
    BOOST_TEST(r.error().detail ==
               "latest cannot be deleted; delete the unqualified URN "
               "urn:fss:cn-north-4:projA:function:default:fn1 to remove the whole function");
    auto via_alias = store.delete_function(project, fn_urn("!dev"), b);
    check_error(via_alias, errc::latest_not_deletable);
    BOOST_TEST(contains(via_alias.error().detail, "alias 'dev' points at latest"));
    BOOST_TEST(store.get_function(project, fn_urn(), b).has_value());
}

BOOST_AUTO_TEST_CASE(a_version_an_alias_points_at_is_refused_or_cascades) {
    publish("v1");
    publish("v2");
    make_alias("prod", "v1");
    put(project, "projA:default:fn1:!prod", age(99));
    auto r = store.delete_function(project, fn_urn("v1"), b);
    check_error(r, errc::version_in_use);
    BOOST_TEST(r.error().detail ==
               "version 'v1' is the version of alias 'prod'; delete or "
               "repoint the alias first (switch delete_aliased_version=refuse)");
    // D23: through the alias, the version it points at — refused for the same reason
    check_error(store.delete_function(project, fn_urn("!prod"), b), errc::version_in_use);
    BOOST_TEST(store.get_function(project, fn_urn("v1"), b).has_value());
    // cascade: the alias and its config go with the version
    b.delete_aliased_version = aliased_version_delete::cascade;
    BOOST_TEST(store.delete_function(project, fn_urn("!prod"), b).has_value());
    check_error(store.get_function(project, fn_urn("v1"), b), errc::version_not_found);
    BOOST_TEST(store.list_aliases(project, fn_urn(), b)->empty());
    BOOST_TEST(store.list_configs(project, fn_urn(), b, page_request{})->total == 0u);
}

BOOST_AUTO_TEST_CASE(an_additional_version_is_refused_under_both_switch_values) {
    publish("v1");
    publish("v2");
    alias_input in = alias_to("prod", "v1");
    in.additional_version_weights = std::map<std::string, std::int64_t>{{"v2", 10}};
    BOOST_TEST_REQUIRE(store.create_alias(project, fn_urn(), in, b, clock.now()).has_value());
    for (auto mode : {aliased_version_delete::refuse, aliased_version_delete::cascade}) {
        b.delete_aliased_version = mode;
        auto r = store.delete_function(project, fn_urn("v2"), b);
        check_error(r, errc::version_in_use);
        BOOST_TEST(contains(r.error().detail, "is an additional version of alias 'prod'"));
    }
}

BOOST_AUTO_TEST_CASE(unqualified_delete_removes_everything) {
    publish("v1");
    make_alias("prod", "v1");
    put(project, "projA:default:fn1:!prod", age(99));
    put(project, "projA:default:fn1:v1", age(98));
    BOOST_TEST(store.delete_function(project, fn_urn(), b).has_value());
    check_error(store.get_function(project, fn_urn(), b), errc::function_not_found);
    // a new function of that name starts empty
    create(project, "fn1");
    BOOST_TEST(store.list_versions(project, fn_urn(), b, page_request{})->total == 1u);
    BOOST_TEST(store.list_aliases(project, fn_urn(), b)->empty());
    BOOST_TEST(store.list_configs(project, fn_urn(), b, page_request{})->total == 0u);
    check_error(store.get_function(project, fn_urn("v1"), b), errc::version_not_found);
}

// ---- configs of versions and aliases -------------------------------------------------------

BOOST_AUTO_TEST_CASE(configs_belong_to_exactly_their_qualifier) {
    publish("v1");
    make_alias("prod", "v1");
    auto latest = put(project, "projA:default:fn1", age(100));
    auto version = put(project, "projA:default:fn1:v1", age(101));
    auto alias = put(project, "projA:default:fn1:!prod", age(102));
    BOOST_TEST(latest.func_urn == "urn:fss:cn-north-4:projA:function:default:fn1:latest");
    BOOST_TEST(version.func_urn == "urn:fss:cn-north-4:projA:function:default:fn1:v1");
    BOOST_TEST(alias.func_urn == "urn:fss:cn-north-4:projA:function:default:fn1:!prod");
    BOOST_TEST(store.get_config(project, fn_urn("v1"), b)->max_async_event_age_in_seconds == 101);
    BOOST_TEST(store.get_config(project, fn_urn("!prod"), b)->max_async_event_age_in_seconds ==
               102);
    BOOST_TEST(store.delete_config(project, fn_urn("!prod"), b).has_value());
    check_error(store.get_config(project, fn_urn("!prod"), b), errc::config_not_found);
    BOOST_TEST(store.get_config(project, fn_urn("v1"), b).has_value());
    BOOST_TEST(store.get_config(project, fn_urn(), b).has_value());
    // unknown qualifiers
    check_error(store.put_config(project, fn_urn("v9"), age(60), b, clock.now()),
                errc::version_not_found);
    check_error(store.put_config(project, fn_urn("!nope"), age(60), b, clock.now()),
                errc::alias_not_found);
}

BOOST_AUTO_TEST_SUITE_END()
