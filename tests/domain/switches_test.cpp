// Unit tests of domain/switches: the switch table, presets and switch assignment
// (style "Deliberate discrepancies"; spec §13/§14).
#include "domain/switch_registry.hpp"
#include "domain/switches.hpp"

#include "support/domain_checks.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <new>
#include <set>
#include <string>
#include <vector>

namespace bdata = boost::unit_test::data;
using namespace emu::domain;

namespace {

using names = std::vector<std::string>;

names to_strings(const std::vector<std::string_view>& v) {
    return names(v.begin(), v.end());
}

names switch_names() {
    names out;
    for (auto& s : switch_table())
        out.emplace_back(s.name);
    return out;
}

const switch_info& info_of(std::string_view name) {
    auto& t = switch_table();
    auto it = std::find_if(t.begin(), t.end(), [&](auto& s) { return s.name == name; });
    BOOST_TEST_REQUIRE((it != t.end()), "no switch " << name);
    return *it;
}

using emu::test::contains;

/// Integer switches without a value list: name → [lo, hi] (from the summaries).
struct range_switch {
    std::string name;
    int lo, hi;
};
std::ostream& operator<<(std::ostream& os, const range_switch& r) {
    return os << r.name;
}

std::vector<range_switch> range_switches() {
    return {{"utc_offset_minutes", -720, 840},
            {"function_quota", 1, 100000},
            {"max_versions", 0, 100000},
            {"max_aliases", 1, 100000}};
}

} // namespace

BOOST_AUTO_TEST_SUITE(switches_test)

BOOST_AUTO_TEST_CASE(switch_table_is_well_formed) {
    std::set<std::string_view> seen;
    for (auto& s : switch_table()) {
        BOOST_TEST_CONTEXT("switch " << s.name) {
            BOOST_TEST(seen.insert(s.name).second, "duplicate switch name");
            BOOST_TEST(!s.ref.empty());
            BOOST_TEST(!s.summary.empty());
            // the documented preset's value is always one of the listed values
            if (!s.values.empty()) {
                auto v = get_switch(switches{}, s.name);
                BOOST_TEST((std::find(s.values.begin(), s.values.end(), v) != s.values.end()),
                           "default '" << v << "' not listed");
            }
        }
    }
    BOOST_TEST(get_switch(switches{}, "no_such_switch") == "");
}

BOOST_AUTO_TEST_CASE(switches_named_by_the_spec_exist) {
    const auto all = switch_names();
    for (auto name :
         {"event_age_min", "retry_max", "retry_default", "allow_dis_destination", "list_end_marker",
          "put_mode", "missing_config", "urn_project_mismatch", "strict_urn_length",
          "function_quota", "utc_offset_minutes", "region_profile"})
        BOOST_TEST((std::find(all.begin(), all.end(), name) != all.end()), name);
}

BOOST_AUTO_TEST_CASE(documented_defaults) {
    const switches b;
    BOOST_TEST(b.event_age_min == 1);                      // D01 request table
    BOOST_TEST(b.retry_max == 3);                          // D02 request table
    BOOST_TEST(b.retry_default == 1);                      // D02 request table
    BOOST_TEST(!b.allow_dis_destination);                  // D06 API pages
    BOOST_TEST(!b.strict_urn_length);                      // D09
    BOOST_TEST(b.function_quota == 400);                   // §11.1 FSS.1041
    BOOST_TEST(b.max_versions == 0);                       // D21: no cap on the current pages
    BOOST_TEST(!b.validate_instance_memory);               // D18: strict only
    BOOST_TEST(!b.reject_urn_spaces);                      // D23: strict only
    BOOST_TEST(get_switch(b, "region_profile") == "intl"); // D20
    BOOST_TEST(b.max_aliases == 10);                       // §10.6 user guides
    BOOST_TEST(b.unique_alias_version);                    // §10.6 FSS.1066
    BOOST_TEST(get_switch(b, "version_name_style") == "plain");
    BOOST_TEST(get_switch(b, "delete_aliased_version") == "refuse");
    BOOST_TEST(get_switch(b, "event_age_min") == "1");
    BOOST_TEST(get_switch(b, "retry_max") == "3");
    BOOST_TEST(get_switch(b, "retry_default") == "1");
    BOOST_TEST(get_switch(b, "allow_dis_destination") == "false");
    BOOST_TEST(get_switch(b, "list_end_marker") == "offset");
    BOOST_TEST(get_switch(b, "function_quota") == "400");
    BOOST_TEST(get_switch(b, "utc_offset_minutes") == "480");
}

BOOST_AUTO_TEST_CASE(presets_exist_in_order) {
    BOOST_TEST(to_strings(preset_names()) == (names{"documented", "observed", "example", "strict"}),
               boost::test_tools::per_element());
    for (auto n : preset_names())
        BOOST_TEST(preset(n).has_value(), n);
}

BOOST_AUTO_TEST_CASE(documented_preset_is_the_struct_defaults) {
    auto d = preset("documented");
    BOOST_TEST_REQUIRE(d.has_value());
    BOOST_TEST(differing_switches(*d, switches{}).empty());
}

BOOST_AUTO_TEST_CASE(observed_preset_differs_as_the_table_says) {
    auto d = preset("documented");
    auto o = preset("observed");
    BOOST_TEST_REQUIRE(d.has_value());
    BOOST_TEST_REQUIRE(o.has_value());
    BOOST_TEST(
        to_strings(differing_switches(*d, *o)) ==
            (names{"emit_empty_destination_config", "allow_dis_destination", "require_content_type",
                   "list_end_marker", "bad_json", "version_name_style", "delete_aliased_version",
                   "alias_rule_types", "async_next_marker_string"}),
        boost::test_tools::per_element());
    BOOST_TEST(o->allow_dis_destination);                                       // D06
    BOOST_TEST(o->emit_empty_destination_config);                               // D04
    BOOST_TEST((o->require_content_type == content_type_rule::body));           // D08
    BOOST_TEST((o->list_end_marker == list_end_marker::zero));                  // D10
    BOOST_TEST((o->bad_json == bad_json::fss_400));                             // D26
    BOOST_TEST((o->version_name_style == version_name_style::v_prefixed));      // D21
    BOOST_TEST((o->delete_aliased_version == aliased_version_delete::cascade)); // D23
    BOOST_TEST((o->alias_rule_types == strategy_rule_types::sdk));              // D21
}

BOOST_AUTO_TEST_CASE(example_preset_differs_as_the_table_says) {
    auto d = preset("documented");
    auto e = preset("example");
    BOOST_TEST_REQUIRE(d.has_value());
    BOOST_TEST_REQUIRE(e.has_value());
    BOOST_TEST(to_strings(differing_switches(*d, *e)) ==
                   (names{"response_body", "emit_enable_async_status_log", "alias_not_found_status",
                          "publish_answer_version", "notification_timestamp_quirk"}),
               boost::test_tools::per_element());
    BOOST_TEST((e->response_body == response_body::example));                 // D03
    BOOST_TEST((e->emit_enable_async_status_log == status_log_field::never)); // D04
    BOOST_TEST((e->publish_answer_version == publish_version_field::latest)); // D21
}

// The spec's "only in strict" checks (D07, D09, D18, D21, D23): the documented preset plus
// exactly those, each its own switch.
BOOST_AUTO_TEST_CASE(strict_preset_differs_as_the_table_says) {
    auto d = preset("documented");
    auto s = preset("strict");
    BOOST_TEST_REQUIRE(d.has_value());
    BOOST_TEST_REQUIRE(s.has_value());
    BOOST_TEST(to_strings(differing_switches(*d, *s)) ==
                   (names{"unknown_fields", "strict_urn_length", "reject_urn_spaces",
                          "max_versions", "validate_instance_memory"}),
               boost::test_tools::per_element());
    BOOST_TEST((s->unknown_fields == unknown_fields::reject)); // D07
    BOOST_TEST(s->strict_urn_length);                          // D09
    BOOST_TEST(s->validate_instance_memory);                   // D18
    BOOST_TEST(s->max_versions == 10);                         // D21
    BOOST_TEST(s->reject_urn_spaces);                          // D23
    // not a strict check: every region's routes stay
    BOOST_TEST((s->region_profile == region_profile::intl));
}

BOOST_AUTO_TEST_CASE(strict_checks_are_off_in_the_other_presets) {
    for (auto name : {"documented", "observed", "example"}) {
        BOOST_TEST_CONTEXT(name) {
            auto b = preset(name);
            BOOST_TEST_REQUIRE(b.has_value());
            BOOST_TEST((b->unknown_fields == unknown_fields::ignore));
            BOOST_TEST(!b->strict_urn_length);
            BOOST_TEST(!b->validate_instance_memory);
            BOOST_TEST(b->max_versions == 0);
            BOOST_TEST(!b->reject_urn_spaces);
        }
    }
}

BOOST_AUTO_TEST_CASE(unknown_preset_lists_the_known_ones) {
    auto r = preset("lenient");
    BOOST_TEST_REQUIRE(r.has_error());
    BOOST_TEST(r.error().code == errc::invalid_enum);
    BOOST_TEST(r.error().field == "profile");
    BOOST_TEST(contains(r.error().detail, "'lenient'"), r.error().detail);
    BOOST_TEST(contains(r.error().detail, "documented, observed, example, strict"),
               r.error().detail);
}

BOOST_DATA_TEST_CASE(every_listed_value_round_trips, bdata::make(switch_names()), name) {
    const auto& info = info_of(name);
    for (auto value : info.values) {
        BOOST_TEST_CONTEXT(name << "=" << value) {
            switches b;
            const switches before = b;
            auto r = set_switch(b, name, value);
            BOOST_TEST_REQUIRE(r.has_value());
            BOOST_TEST(get_switch(b, name) == std::string(value));
            // only this switch moved
            auto diff = to_strings(differing_switches(before, b));
            if (get_switch(before, name) == value)
                BOOST_TEST(diff.empty());
            else
                BOOST_TEST(diff == names{name}, boost::test_tools::per_element());
        }
    }
}

BOOST_DATA_TEST_CASE(invalid_value_changes_nothing_and_lists_accepted_values,
                     bdata::make(switch_names()), name) {
    const auto& info = info_of(name);
    switches b;
    b.allow_dis_destination = true; // a non-default struct, to see that nothing is reset
    b.function_quota = 7;
    const switches before = b;
    auto r = set_switch(b, name, "bogus");
    BOOST_TEST_REQUIRE(r.has_error());
    BOOST_TEST(r.error().code == errc::invalid_enum);
    BOOST_TEST(r.error().field == name);
    BOOST_TEST(contains(r.error().detail, name), r.error().detail);
    BOOST_TEST(contains(r.error().detail, "'bogus'"), r.error().detail);
    for (auto v : info.values)
        BOOST_TEST(contains(r.error().detail, v),
                   "'" << v << "' missing from " << r.error().detail);
    BOOST_TEST(differing_switches(before, b).empty());
    BOOST_TEST(b.function_quota == 7);
    BOOST_TEST(b.allow_dis_destination);
}

BOOST_AUTO_TEST_CASE(set_switch_writes_the_struct_member) {
    switches b;
    BOOST_TEST_REQUIRE(set_switch(b, "event_age_min", "60").has_value());
    BOOST_TEST(b.event_age_min == 60);
    BOOST_TEST_REQUIRE(set_switch(b, "event_age_output_floor", "60").has_value());
    BOOST_TEST(b.event_age_output_floor == 60);
    BOOST_TEST_REQUIRE(set_switch(b, "retry_max", "8").has_value());
    BOOST_TEST(b.retry_max == 8);
    BOOST_TEST_REQUIRE(set_switch(b, "retry_default", "3").has_value());
    BOOST_TEST(b.retry_default == 3);
    BOOST_TEST_REQUIRE(set_switch(b, "allow_dis_destination", "true").has_value());
    BOOST_TEST(b.allow_dis_destination);
    BOOST_TEST_REQUIRE(set_switch(b, "strict_urn_length", "true").has_value());
    BOOST_TEST(b.strict_urn_length);
    BOOST_TEST_REQUIRE(set_switch(b, "list_end_marker", "zero").has_value());
    BOOST_TEST((b.list_end_marker == list_end_marker::zero));
    BOOST_TEST_REQUIRE(set_switch(b, "put_mode", "merge").has_value());
    BOOST_TEST((b.put_mode == update_mode::merge));
    BOOST_TEST_REQUIRE(set_switch(b, "missing_config", "defaults").has_value());
    BOOST_TEST((b.missing_config == missing_config::defaults));
    BOOST_TEST_REQUIRE(set_switch(b, "urn_project_mismatch", "404").has_value());
    BOOST_TEST((b.urn_project_mismatch == urn_mismatch::not_found));
    BOOST_TEST_REQUIRE(set_switch(b, "time_style", "utc-z").has_value());
    BOOST_TEST((b.time_style == time_style::utc_z));
    BOOST_TEST_REQUIRE(set_switch(b, "not_found_style", "uniform-0404").has_value());
    BOOST_TEST((b.not_found_style == not_found_style::uniform_0404));
    BOOST_TEST_REQUIRE(set_switch(b, "function_quota", "2").has_value());
    BOOST_TEST(b.function_quota == 2);
    BOOST_TEST_REQUIRE(set_switch(b, "utc_offset_minutes", "-330").has_value());
    BOOST_TEST(b.utc_offset_minutes == -330);
    BOOST_TEST_REQUIRE(set_switch(b, "reject_urn_spaces", "true").has_value());
    BOOST_TEST(b.reject_urn_spaces);
    BOOST_TEST_REQUIRE(set_switch(b, "validate_instance_memory", "true").has_value());
    BOOST_TEST(b.validate_instance_memory);
    BOOST_TEST_REQUIRE(set_switch(b, "max_versions", "10").has_value());
    BOOST_TEST(b.max_versions == 10);
    BOOST_TEST_REQUIRE(set_switch(b, "region_profile", "otc").has_value());
    BOOST_TEST((b.region_profile == region_profile::otc));
    BOOST_TEST_REQUIRE(set_switch(b, "region_profile", "kl").has_value());
    BOOST_TEST((b.region_profile == region_profile::kl));
}

BOOST_AUTO_TEST_CASE(region_profile_lists_the_spec_regions) {
    BOOST_TEST(to_strings(info_of("region_profile").values) == (names{"intl", "kl", "otc"}),
               boost::test_tools::per_element());
    switches b;
    auto r = set_switch(b, "region_profile", "eu");
    BOOST_TEST_REQUIRE(r.has_error());
    BOOST_TEST(contains(r.error().detail, "accepted: intl, kl, otc"), r.error().detail);
    BOOST_TEST((b.region_profile == region_profile::intl));
}

BOOST_AUTO_TEST_CASE(listed_integer_values_are_an_enumeration) {
    switches b;
    for (auto value : {"2", "59", "61", "01", "1 ", ""}) {
        BOOST_TEST_CONTEXT("event_age_min=" << value) {
            auto r = set_switch(b, "event_age_min", value);
            BOOST_TEST_REQUIRE(r.has_error());
            BOOST_TEST(r.error().code == errc::invalid_enum);
            BOOST_TEST(contains(r.error().detail, "accepted: 1, 60"), r.error().detail);
            BOOST_TEST(b.event_age_min == 1);
        }
    }
}

BOOST_DATA_TEST_CASE(integer_switch_ranges, bdata::make(range_switches()), s) {
    switches b;
    for (int ok : {s.lo, s.hi, (s.lo + s.hi) / 2}) {
        BOOST_TEST_CONTEXT(s.name << "=" << ok) {
            BOOST_TEST_REQUIRE(set_switch(b, s.name, std::to_string(ok)).has_value());
            BOOST_TEST(get_switch(b, s.name) == std::to_string(ok));
        }
    }
    BOOST_TEST_REQUIRE(set_switch(b, s.name, std::to_string(s.hi)).has_value());
    const switches before = b;
    // Header contract: value_out_of_range for an integer outside its range.
    for (long long bad :
         {static_cast<long long>(s.lo) - 1, static_cast<long long>(s.hi) + 1, 99999999999LL}) {
        BOOST_TEST_CONTEXT(s.name << "=" << bad) {
            auto r = set_switch(b, s.name, std::to_string(bad));
            BOOST_TEST_REQUIRE(r.has_error());
            BOOST_TEST(r.error().code == errc::value_out_of_range);
            BOOST_TEST(r.error().field == s.name);
            const std::string range = std::to_string(s.lo) + ".." + std::to_string(s.hi);
            BOOST_TEST(contains(r.error().detail, range), r.error().detail);
            BOOST_TEST(differing_switches(before, b).empty());
        }
    }
    // not an integer at all: an invalid value, not a range error
    for (auto bad : {"abc", "1.5", " 5", "+5", ""}) {
        BOOST_TEST_CONTEXT(s.name << "='" << bad << "'") {
            auto r = set_switch(b, s.name, bad);
            BOOST_TEST_REQUIRE(r.has_error());
            BOOST_TEST(r.error().code == errc::invalid_enum);
            BOOST_TEST(differing_switches(before, b).empty());
        }
    }
}

BOOST_AUTO_TEST_CASE(unknown_switch_is_rejected) {
    switches b;
    auto r = set_switch(b, "no_such_switch", "1");
    BOOST_TEST_REQUIRE(r.has_error());
    BOOST_TEST(r.error().code == errc::invalid_enum);
    BOOST_TEST(r.error().field == "no_such_switch");
    BOOST_TEST(contains(r.error().detail, "unknown switch 'no_such_switch'"), r.error().detail);
    BOOST_TEST(differing_switches(b, switches{}).empty());
}

BOOST_AUTO_TEST_CASE(apply_switches_trims_spaces_and_skips_empty_items) {
    switches b;
    auto r = apply_switches(b, "  event_age_min=60 ,, retry_max=8,  ,put_mode=merge  ,");
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST(b.event_age_min == 60);
    BOOST_TEST(b.retry_max == 8);
    BOOST_TEST((b.put_mode == update_mode::merge));
    BOOST_TEST(to_strings(differing_switches(switches{}, b)) ==
                   (names{"event_age_min", "retry_max", "put_mode"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(apply_switches_accepts_nothing) {
    switches b;
    BOOST_TEST(apply_switches(b, "").has_value());
    BOOST_TEST(apply_switches(b, " , ,").has_value());
    BOOST_TEST(differing_switches(b, switches{}).empty());
}

BOOST_AUTO_TEST_CASE(apply_switches_later_items_win) {
    switches b;
    BOOST_TEST_REQUIRE(apply_switches(b, "retry_max=8,retry_max=3").has_value());
    BOOST_TEST(b.retry_max == 3);
}

BOOST_AUTO_TEST_CASE(apply_switches_needs_name_equals_value) {
    switches b;
    auto r = apply_switches(b, "event_age_min=60,allow_dis_destination");
    BOOST_TEST_REQUIRE(r.has_error());
    BOOST_TEST(r.error().code == errc::invalid_format);
    BOOST_TEST(r.error().field == "allow_dis_destination");
    BOOST_TEST(contains(r.error().detail, "'allow_dis_destination'"), r.error().detail);
    BOOST_TEST(contains(r.error().detail, "name=value"), r.error().detail);
    BOOST_TEST(b.event_age_min == 1); // atomic
}

BOOST_AUTO_TEST_CASE(apply_switches_is_atomic) {
    switches b;
    auto r = apply_switches(b, "event_age_min=60,allow_dis_destination=true,retry_max=5");
    BOOST_TEST_REQUIRE(r.has_error());
    BOOST_TEST(r.error().code == errc::invalid_enum);
    BOOST_TEST(r.error().field == "retry_max");
    BOOST_TEST(contains(r.error().detail, "accepted: 3, 8"), r.error().detail);
    BOOST_TEST(differing_switches(b, switches{}).empty());

    auto unknown = apply_switches(b, "retry_max=8,nope=1");
    BOOST_TEST_REQUIRE(unknown.has_error());
    BOOST_TEST(unknown.error().field == "nope");
    BOOST_TEST(b.retry_max == 3);
}

BOOST_AUTO_TEST_CASE(differing_switches_lists_names_in_table_order) {
    switches a, b;
    BOOST_TEST(differing_switches(a, b).empty());
    b.function_quota = 2;
    b.event_age_min = 60;
    b.time_style = time_style::rfc3339;
    BOOST_TEST(to_strings(differing_switches(a, b)) ==
                   (names{"event_age_min", "time_style", "function_quota"}),
               boost::test_tools::per_element());
    BOOST_TEST(to_strings(differing_switches(b, a)) == to_strings(differing_switches(a, b)),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

// for_project() serves the defaults from a per-thread copy while nothing changed: every change
// must reach the next read, also for a new registry built where an old one lived.
BOOST_AUTO_TEST_SUITE(switch_registry_test)

BOOST_AUTO_TEST_CASE(changes_reach_the_next_read) {
    switch_registry r;
    BOOST_TEST((r.for_project("p1").put_mode == switches{}.put_mode));
    switches merge;
    merge.put_mode = update_mode::merge;
    r.set_defaults(merge);
    BOOST_TEST((r.for_project("p1").put_mode == update_mode::merge));
    r.set_project("p2", switches{});
    BOOST_TEST((r.for_project("p2").put_mode == switches{}.put_mode));
    BOOST_TEST((r.for_project("p1").put_mode == update_mode::merge));
    r.clear();
    BOOST_TEST((r.for_project("p2").put_mode == update_mode::merge));
    r.set_defaults(switches{});
    BOOST_TEST((r.defaults().put_mode == switches{}.put_mode));
}

BOOST_AUTO_TEST_CASE(a_registry_at_a_reused_address_is_not_served_a_stale_copy) {
    switches merge;
    merge.put_mode = update_mode::merge;
    // Explicit storage (GCC 12 sees a std::optional's map as maybe uninitialized here).
    alignas(switch_registry) unsigned char storage[sizeof(switch_registry)];
    auto* first = new (storage) switch_registry(merge);
    BOOST_TEST((first->for_project("p").put_mode == update_mode::merge));
    first->~switch_registry();
    auto* second = new (storage) switch_registry(switches{}); // same storage
    BOOST_TEST((second->for_project("p").put_mode == switches{}.put_mode));
    second->~switch_registry();
}

BOOST_AUTO_TEST_SUITE_END()
