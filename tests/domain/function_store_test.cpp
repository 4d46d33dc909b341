// Unit tests of domain/function_store: functions and their async-invoke-configs per project
// (spec §1-§4, §10), including the switches put_mode, missing_config, urn_project_mismatch
// and function_quota. Concurrent use is in function_store_concurrency_test.cpp.
#include "domain/function_store.hpp"

#include "config_test_support.hpp"
#include "store_test_support.hpp"
#include "support/domain_checks.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <map>
#include <optional>
#include <string>

namespace bdata = boost::unit_test::data;
using namespace emu::domain;
using namespace emu::domain::test;

BOOST_FIXTURE_TEST_SUITE(function_store_test, store_fixture)

// ---- functions -------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(create_assigns_identity_and_timestamps) {
    auto f = create("projA", "fn1");
    BOOST_TEST(f.project_id == "projA");
    BOOST_TEST(f.region == region);
    BOOST_TEST(f.func_id.size() == 36u);
    BOOST_TEST(f.func_id[14] == '4'); // UUID version 4
    BOOST_TEST(secs(f.created) == 1'700'000'000);
    BOOST_TEST(secs(f.last_modified) == 1'700'000'000);
    BOOST_TEST(f.func_urn() == "urn:fss:cn-north-4:projA:function:default:fn1:latest");

    auto got = store.get_function("projA", urn("projA", "fn1"), b);
    BOOST_TEST_REQUIRE(got.has_value());
    BOOST_TEST((*got == f));
}

BOOST_AUTO_TEST_CASE(every_urn_form_finds_the_function) {
    auto f = create("projA", "fn1", "pkg");
    for (auto text : {"pkg:fn1", "projA:pkg:fn1", "projA:pkg:fn1:latest",
                      "urn:fss:cn-north-4:projA:function:pkg:fn1",
                      "urn:fss:cn-north-4:projA:function:pkg:fn1:latest"}) {
        BOOST_TEST_CONTEXT(text) {
            auto got = store.get_function("projA", urn("projA", text), b);
            BOOST_TEST_REQUIRE(got.has_value());
            BOOST_TEST(got->func_id == f.func_id);
        }
    }
    // the package is part of the identity
    check_error(store.get_function("projA", urn("projA", "fn1"), b), errc::function_not_found);
}

BOOST_AUTO_TEST_CASE(projects_are_isolated) {
    create("projA", "fn1");
    put("projA", "fn1", age(120));
    auto in_b = urn("projB", "fn1");
    check_error(store.get_function("projB", in_b, b), errc::function_not_found);
    check_error(store.get_config("projB", in_b, b), errc::function_not_found);
    check_error(store.delete_config("projB", in_b, b), errc::function_not_found);
    check_error(store.delete_function("projB", in_b, b), errc::function_not_found);
    check_error(store.list_configs("projB", in_b, b, page_request{}), errc::function_not_found);
    BOOST_TEST(store.list_functions("projB", page_request{}).total == 0u);

    // the same name may exist in both projects, independently
    auto fb = create("projB", "fn1");
    BOOST_TEST(fb.project_id == "projB");
    check_error(store.get_config("projB", in_b, b), errc::config_not_found);
    auto a_config = store.get_config("projA", urn("projA", "fn1"), b);
    BOOST_TEST_REQUIRE(a_config.has_value());
    BOOST_TEST(a_config->max_async_event_age_in_seconds == 120);
    BOOST_TEST(store.list_functions("projA", page_request{}).total == 1u);
    BOOST_TEST(store.list_functions("projB", page_request{}).total == 1u);
}

BOOST_AUTO_TEST_CASE(duplicate_function_is_rejected) {
    create("projA", "fn1");
    auto r = store.create_function("projA", region, record("fn1"), b, clock.now());
    check_error(r, errc::function_exists, "func_name");
    BOOST_TEST(contains(r.error().detail, "fn1"), r.error().detail);
    // another package is another function
    BOOST_TEST(
        store.create_function("projA", region, record("fn1", "other"), b, clock.now()).has_value());
    BOOST_TEST(store.list_functions("projA", page_request{}).total == 2u);
}

BOOST_AUTO_TEST_CASE(function_quota_is_per_project) {
    b.function_quota = 2;
    create("projA", "fn1");
    create("projA", "fn2");
    auto r = store.create_function("projA", region, record("fn3"), b, clock.now());
    check_error(r, errc::function_quota_exceeded, "func_name");
    BOOST_TEST(contains(r.error().detail, "quota is 2"), r.error().detail);
    BOOST_TEST(store.list_functions("projA", page_request{}).total == 2u);
    create("projB", "fn3"); // another project has its own quota
    // deleting one frees a slot
    BOOST_TEST_REQUIRE(store.delete_function("projA", urn("projA", "fn1"), b).has_value());
    create("projA", "fn3");
}

BOOST_DATA_TEST_CASE(urn_naming_another_project,
                     bdata::make({"400", "404"}) ^
                         bdata::make({errc::urn_project_mismatch, errc::function_not_found}),
                     setting, expected) {
    BOOST_TEST_REQUIRE(set_switch(b, "urn_project_mismatch", setting).has_value());
    create("projA", "fn1");
    create("projB", "fn1");
    auto other = urn("projA", "projB:default:fn1"); // names projB, asked under projA
    check_error(store.get_function("projA", other, b), expected);
    check_error(store.get_config("projA", other, b), expected);
    check_error(store.put_config("projA", other, age(60), b, clock.now()), expected);
    check_error(store.delete_config("projA", other, b), expected);
    check_error(store.list_configs("projA", other, b, page_request{}), expected);
    check_error(store.delete_function("projA", other, b), expected);
    auto r = store.get_function("projA", other, b);
    BOOST_TEST(contains(r.error().detail, "projB"), r.error().detail);
    // nothing of projB was touched
    check_error(store.get_config("projB", urn("projB", "fn1"), b), errc::config_not_found);
    BOOST_TEST(store.get_function("projB", urn("projB", "fn1"), b).has_value());
}

BOOST_DATA_TEST_CASE(qualifiers_other_than_latest_are_not_found,
                     bdata::make({"projA:default:fn1:v1", "projA:default:fn1:!prod"}) ^
                         bdata::make({errc::version_not_found, errc::alias_not_found}) ^
                         bdata::make({"'v1'", "'prod'"}),
                     text, expected, named) {
    create("projA", "fn1");
    auto u = urn("projA", text);
    auto r = store.get_function("projA", u, b);
    check_error(r, expected);
    BOOST_TEST(contains(r.error().detail, named), r.error().detail);
    check_error(store.get_config("projA", u, b), expected);
    check_error(store.put_config("projA", u, age(60), b, clock.now()), expected);
    check_error(store.delete_config("projA", u, b), expected);
    check_error(store.delete_function("projA", u, b), expected);
    BOOST_TEST(store.get_function("projA", urn("projA", "fn1"), b).has_value());
    // of a missing function, the function is what is missing
    check_error(store.get_function("projA", urn("projA", "projA:default:nofn:v1"), b),
                errc::function_not_found);
}

BOOST_AUTO_TEST_CASE(delete_function_removes_it_and_its_configs) {
    create("projA", "fn1");
    create("projA", "fn2");
    put("projA", "fn1", age(120));
    BOOST_TEST_REQUIRE(store.delete_function("projA", urn("projA", "fn1"), b).has_value());
    check_error(store.get_function("projA", urn("projA", "fn1"), b), errc::function_not_found);
    check_error(store.get_config("projA", urn("projA", "fn1"), b), errc::function_not_found);
    check_error(store.delete_function("projA", urn("projA", "fn1"), b), errc::function_not_found);
    auto list = store.list_functions("projA", page_request{});
    BOOST_TEST_REQUIRE(list.items.size() == 1u);
    BOOST_TEST(list.items[0].func_name == "fn2");
    // a function created again under the same name starts without configs
    create("projA", "fn1");
    check_error(store.get_config("projA", urn("projA", "fn1"), b), errc::config_not_found);
}

BOOST_AUTO_TEST_CASE(list_functions_pages_in_creation_order) {
    for (auto name : {"c1", "a2", "b3", "d4", "e5"})
        create("projA", name);
    auto first = store.list_functions("projA", page_request{0, 2});
    BOOST_TEST(first.total == 5u);
    BOOST_TEST_REQUIRE(first.items.size() == 2u);
    BOOST_TEST(first.items[0].func_name == "c1");
    BOOST_TEST(first.items[1].func_name == "a2");
    auto last = store.list_functions("projA", page_request{4, 2});
    BOOST_TEST_REQUIRE(last.items.size() == 1u);
    BOOST_TEST(last.items[0].func_name == "e5");
    auto past = store.list_functions("projA", page_request{9, 2});
    BOOST_TEST(past.items.empty());
    BOOST_TEST(past.total == 5u);
}

BOOST_AUTO_TEST_CASE(missing_function_is_not_found) {
    auto u = urn("projA", "nofn");
    auto r = store.get_function("projA", u, b);
    check_error(r, errc::function_not_found);
    BOOST_TEST(contains(r.error().detail, u.unqualified()), r.error().detail);
    check_error(store.put_config("projA", u, age(60), b, clock.now()), errc::function_not_found);
    // the body is validated before the lock, but an unknown function is still reported first
    check_error(store.put_config("projA", u, age(0), b, clock.now()), errc::function_not_found);
    check_error(store.get_config("projA", u, b), errc::function_not_found);
    check_error(store.delete_config("projA", u, b), errc::function_not_found);
    check_error(store.list_configs("projA", u, b, page_request{}), errc::function_not_found);
}

// ---- configs ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(put_then_get_config) {
    create("projA", "fn1");
    config_input in;
    in.max_async_event_age_in_seconds = 10;
    in.max_async_retry_attempts = 3;
    in.enable_async_status_log = true;
    auto stored = put("projA", "fn1", in);
    BOOST_TEST(stored.func_urn == "urn:fss:cn-north-4:projA:function:default:fn1:latest");
    BOOST_TEST(stored.max_async_event_age_in_seconds == 10);
    BOOST_TEST(stored.max_async_retry_attempts == 3);
    BOOST_TEST((stored.enable_async_status_log == std::optional<bool>(true)));
    auto got = store.get_config("projA", urn("projA", "projA:default:fn1:latest"), b);
    BOOST_TEST_REQUIRE(got.has_value());
    BOOST_TEST((*got == stored));
}

// Configs with equal destinations share one stored block; changing one must leave the other.
BOOST_AUTO_TEST_CASE(configs_with_equal_destinations_change_independently) {
    create("projA", "fn1");
    create("projA", "fn2");
    auto obs = with_on_failure(dest("OBS", valid_param("OBS")));
    put("projA", "fn1", obs);
    put("projA", "fn2", obs);
    auto smn = with_on_failure(dest("SMN", valid_param("SMN")));
    put("projA", "fn2", smn);
    auto first = store.get_config("projA", urn("projA", "projA:default:fn1:latest"), b);
    auto second = store.get_config("projA", urn("projA", "projA:default:fn2:latest"), b);
    BOOST_TEST_REQUIRE(first.has_value());
    BOOST_TEST_REQUIRE(second.has_value());
    BOOST_TEST_REQUIRE(first->destination_config.on_failure.has_value());
    BOOST_TEST_REQUIRE(second->destination_config.on_failure.has_value());
    BOOST_TEST(first->destination_config.on_failure->destination == "OBS");
    BOOST_TEST(second->destination_config.on_failure->destination == "SMN");
    put("projA", "fn1", age(60)); // replace: no destination any more
    auto replaced = store.get_config("projA", urn("projA", "projA:default:fn1:latest"), b);
    BOOST_TEST_REQUIRE(replaced.has_value());
    BOOST_TEST(replaced->destination_config.empty());
    second = store.get_config("projA", urn("projA", "projA:default:fn2:latest"), b);
    BOOST_TEST_REQUIRE(second.has_value());
    BOOST_TEST(second->destination_config.on_failure->destination == "SMN");
}

BOOST_AUTO_TEST_CASE(created_time_survives_updates_while_last_modified_moves) {
    create("projA", "fn1");
    auto first = put("projA", "fn1", age(100));
    BOOST_TEST(secs(first.created_time) == 1'700'000'000);
    BOOST_TEST(secs(first.last_modified) == 1'700'000'000);

    clock.advance(std::chrono::hours(1));
    auto second = put("projA", "fn1", age(200));
    BOOST_TEST(secs(second.created_time) == 1'700'000'000);
    BOOST_TEST(secs(second.last_modified) == 1'700'003'600);

    auto got = store.get_config("projA", urn("projA", "fn1"), b);
    BOOST_TEST_REQUIRE(got.has_value());
    BOOST_TEST(secs(got->created_time) == 1'700'000'000);
    BOOST_TEST(secs(got->last_modified) == 1'700'003'600);
    BOOST_TEST(got->max_async_event_age_in_seconds == 200);

    // after a delete the next put creates anew
    clock.advance(std::chrono::hours(1));
    BOOST_TEST_REQUIRE(store.delete_config("projA", urn("projA", "fn1"), b).has_value());
    auto third = put("projA", "fn1", age(300));
    BOOST_TEST(secs(third.created_time) == 1'700'007'200);
}

BOOST_DATA_TEST_CASE(put_mode_decides_what_omitted_fields_become,
                     bdata::make({"replace", "merge"}) ^ bdata::make({3600, 100}), mode,
                     expected_age) {
    BOOST_TEST_REQUIRE(set_switch(b, "put_mode", mode).has_value());
    create("projA", "fn1");
    put("projA", "fn1", age(100));
    config_input retries;
    retries.max_async_retry_attempts = 2;
    auto r = put("projA", "fn1", retries);
    BOOST_TEST(r.max_async_event_age_in_seconds == expected_age);
    BOOST_TEST(r.max_async_retry_attempts == 2);
}

BOOST_AUTO_TEST_CASE(rejected_put_leaves_the_stored_config_unchanged) {
    create("projA", "fn1");
    config_input in;
    in.max_async_event_age_in_seconds = 100;
    in.enable_async_status_log = true;
    auto before = put("projA", "fn1", in);

    clock.advance(std::chrono::minutes(5));
    config_input bad;
    bad.max_async_retry_attempts = 1;       // valid...
    bad.max_async_event_age_in_seconds = 0; // ...but this is not
    auto r = store.put_config("projA", urn("projA", "fn1"), bad, b, clock.now());
    check_error(r, errc::value_out_of_range, "max_async_event_age_in_seconds");

    config_input bad_destination;
    bad_destination.has_destination_config = true;
    bad_destination.on_success = destination_input{std::string("Kafka"), std::string("{}"),
                                                   std::map<std::string, param_value>{}, true};
    auto r2 = store.put_config("projA", urn("projA", "fn1"), bad_destination, b, clock.now());
    check_error(r2, errc::invalid_enum, "destination_config.on_success.destination");

    auto after = store.get_config("projA", urn("projA", "fn1"), b);
    BOOST_TEST_REQUIRE(after.has_value());
    BOOST_TEST((*after == before));
}

BOOST_AUTO_TEST_CASE(rejected_first_put_creates_nothing) {
    create("projA", "fn1");
    auto r = store.put_config("projA", urn("projA", "fn1"), age(86401), b, clock.now());
    check_error(r, errc::value_out_of_range, "max_async_event_age_in_seconds");
    check_error(store.get_config("projA", urn("projA", "fn1"), b), errc::config_not_found);
    auto list = store.list_configs("projA", urn("projA", "fn1"), b, page_request{});
    BOOST_TEST_REQUIRE(list.has_value());
    BOOST_TEST(list->total == 0u);
}

BOOST_AUTO_TEST_CASE(put_uses_the_behaviour_switches) {
    create("projA", "fn1");
    b.event_age_min = 60;
    auto r = store.put_config("projA", urn("projA", "fn1"), age(10), b, clock.now());
    check_error(r, errc::value_out_of_range, "max_async_event_age_in_seconds");
    b.event_age_min = 1;
    b.retry_default = 3;
    auto ok = put("projA", "fn1", age(10));
    BOOST_TEST(ok.max_async_retry_attempts == 3);
}

BOOST_AUTO_TEST_CASE(unset_config_is_not_found_by_default) {
    create("projA", "fn1");
    auto u = urn("projA", "fn1");
    auto r = store.get_config("projA", u, b);
    check_error(r, errc::config_not_found);
    BOOST_TEST(contains(r.error().detail, u.full()), r.error().detail);
    check_error(store.delete_config("projA", u, b), errc::config_not_found);
}

BOOST_AUTO_TEST_CASE(unset_config_with_missing_config_defaults) {
    BOOST_TEST_REQUIRE(set_switch(b, "missing_config", "defaults").has_value());
    b.retry_default = 3;
    create("projA", "fn1");
    auto u = urn("projA", "fn1");
    auto r = store.get_config("projA", u, b);
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST(r->func_urn == "urn:fss:cn-north-4:projA:function:default:fn1:latest");
    BOOST_TEST(r->max_async_event_age_in_seconds == 3600);
    BOOST_TEST(r->max_async_retry_attempts == 3);
    BOOST_TEST(r->destination_config.empty());
    BOOST_TEST(store.delete_config("projA", u, b).has_value());
    // answering defaults stores nothing
    auto list = store.list_configs("projA", u, b, page_request{});
    BOOST_TEST_REQUIRE(list.has_value());
    BOOST_TEST(list->total == 0u);
    // a missing function is still missing
    check_error(store.get_config("projA", urn("projA", "nofn"), b), errc::function_not_found);
}

BOOST_AUTO_TEST_CASE(delete_config_removes_only_the_config) {
    create("projA", "fn1");
    put("projA", "fn1", age(120));
    auto u = urn("projA", "fn1");
    BOOST_TEST_REQUIRE(store.delete_config("projA", u, b).has_value());
    check_error(store.get_config("projA", u, b), errc::config_not_found);
    check_error(store.delete_config("projA", u, b), errc::config_not_found);
    BOOST_TEST(store.get_function("projA", u, b).has_value());
}

BOOST_AUTO_TEST_CASE(configs_of_functions_are_independent) {
    create("projA", "fn1");
    create("projA", "fn2");
    put("projA", "fn1", age(111));
    put("projA", "fn2", age(222));
    BOOST_TEST_REQUIRE(store.delete_config("projA", urn("projA", "fn1"), b).has_value());
    auto fn2 = store.get_config("projA", urn("projA", "fn2"), b);
    BOOST_TEST_REQUIRE(fn2.has_value());
    BOOST_TEST(fn2->max_async_event_age_in_seconds == 222);
}

BOOST_AUTO_TEST_CASE(list_configs_pages) {
    create("projA", "fn1");
    put("projA", "fn1", age(120));
    auto u = urn("projA", "fn1");
    auto all = store.list_configs("projA", u, b, page_request{});
    BOOST_TEST_REQUIRE(all.has_value());
    BOOST_TEST(all->total == 1u);
    BOOST_TEST_REQUIRE(all->items.size() == 1u);
    BOOST_TEST(all->items[0].max_async_event_age_in_seconds == 120);
    BOOST_TEST(all->items[0].func_urn == "urn:fss:cn-north-4:projA:function:default:fn1:latest");
    // the list covers the function whatever qualifier the URN names
    auto via_version =
        store.list_configs("projA", urn("projA", "projA:default:fn1:v1"), b, page_request{});
    BOOST_TEST_REQUIRE(via_version.has_value());
    BOOST_TEST(via_version->total == 1u);
    auto past = store.list_configs("projA", u, b, page_request{1, 10});
    BOOST_TEST_REQUIRE(past.has_value());
    BOOST_TEST(past->items.empty());
    BOOST_TEST(past->total == 1u);
    auto zero_limit = store.list_configs("projA", u, b, page_request{0, 0});
    BOOST_TEST_REQUIRE(zero_limit.has_value());
    BOOST_TEST(zero_limit->items.empty());
}

BOOST_AUTO_TEST_CASE(reset_removes_everything) {
    create("projA", "fn1");
    create("projB", "fn1");
    put("projA", "fn1", age(120));
    store.reset();
    check_error(store.get_function("projA", urn("projA", "fn1"), b), errc::function_not_found);
    check_error(store.get_function("projB", urn("projB", "fn1"), b), errc::function_not_found);
    BOOST_TEST(store.list_functions("projA", page_request{}).total == 0u);
    // the store is usable again, configs start from nothing
    create("projA", "fn1");
    check_error(store.get_config("projA", urn("projA", "fn1"), b), errc::config_not_found);
}

BOOST_AUTO_TEST_CASE(reset_project_keeps_other_projects) {
    create("projA", "fn1");
    create("projB", "fn1");
    put("projB", "fn1", age(120));
    store.reset_project("projA");
    check_error(store.get_function("projA", urn("projA", "fn1"), b), errc::function_not_found);
    auto kept = store.get_config("projB", urn("projB", "fn1"), b);
    BOOST_TEST_REQUIRE(kept.has_value());
    BOOST_TEST(kept->max_async_event_age_in_seconds == 120);
    store.reset_project("nobody"); // unknown project: no effect, no error
    BOOST_TEST(store.list_functions("projB", page_request{}).total == 1u);
}

// ---- freeze ----------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_frozen_copy_keeps_the_state_it_was_taken_in) {
    create("projA", "fn1");
    create("projA", "fn2");
    put("projA", "fn1", age(120));
    auto before = store.export_project("projA");
    auto frozen = store.freeze();
    // Every way of changing a shared entry copies it first.
    put("projA", "fn1", age(240));
    store.reset_configs();
    BOOST_TEST_REQUIRE(store.delete_function("projA", urn("projA", "fn2"), b).has_value());
    create("projA", "fn3");
    auto kept = frozen.export_project("projA");
    BOOST_TEST_REQUIRE(kept.size() == 2u);
    for (std::size_t i = 0; i < kept.size(); ++i) {
        BOOST_TEST((kept[i].record == before[i].record));
        BOOST_TEST((kept[i].configs == before[i].configs));
    }
    BOOST_TEST(kept[0].configs.at(0).second.max_async_event_age_in_seconds == 120);
    BOOST_TEST(kept[0].configs.at(0).second.func_urn ==
               "urn:fss:cn-north-4:projA:function:default:fn1:latest");
    BOOST_TEST(frozen.export_project("projB").empty());
    // The store moved on.
    auto now = store.export_project("projA");
    BOOST_TEST_REQUIRE(now.size() == 2u);
    BOOST_TEST(now[0].record.func_name == "fn1");
    BOOST_TEST(now[0].configs.empty());
    BOOST_TEST(now[1].record.func_name == "fn3");
}

BOOST_AUTO_TEST_SUITE_END()
