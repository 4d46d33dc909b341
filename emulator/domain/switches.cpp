#include "domain/switches.hpp"

#include <algorithm>
#include <charconv>
#include <functional>
#include <utility>

namespace emu::domain {
namespace {

struct switch_def {
    switch_info info;
    std::function<std::string(const switches&)> get;
    std::function<bool(switches&, std::string_view)> set; ///< false: value not accepted
};

template <class E>
switch_def enum_switch(std::string_view name, std::string_view ref, std::string_view summary,
                       E switches::*member, std::vector<std::pair<std::string_view, E>> names) {
    switch_info info{name, ref, summary, {}};
    for (auto& n : names)
        info.values.push_back(n.first);
    return {std::move(info),
            [member, names](const switches& b) {
                for (auto& [text, value] : names)
                    if (b.*member == value)
                        return std::string(text);
                return std::string();
            },
            [member, names](switches& b, std::string_view v) {
                for (auto& [text, value] : names)
                    if (text == v) {
                        b.*member = value;
                        return true;
                    }
                return false;
            }};
}

switch_def bool_switch(std::string_view name, std::string_view ref, std::string_view summary,
                       bool switches::*member) {
    return {{name, ref, summary, {"true", "false"}},
            [member](const switches& b) { return std::string(b.*member ? "true" : "false"); },
            [member](switches& b, std::string_view v) {
                if (v != "true" && v != "false")
                    return false;
                b.*member = v == "true";
                return true;
            }};
}

/// An integer switch; `values` lists the accepted numbers, or is empty for [lo, hi].
switch_def int_switch(std::string_view name, std::string_view ref, std::string_view summary,
                      int switches::*member, std::vector<std::string_view> values, int lo = 0,
                      int hi = 0) {
    return {{name, ref, summary, values},
            [member](const switches& b) { return std::to_string(b.*member); },
            [member, values, lo, hi](switches& b, std::string_view v) {
                int n = 0;
                auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
                if (ec != std::errc() || p != v.data() + v.size())
                    return false;
                if (values.empty() ? (n < lo || n > hi)
                                   : std::find(values.begin(), values.end(), v) == values.end())
                    return false;
                b.*member = n;
                return true;
            }};
}

const std::vector<switch_def>& defs() {
    using b = switches;
    static const std::vector<switch_def> table = {
        int_switch("event_age_min", "D01", "lowest accepted max_async_event_age_in_seconds",
                   &b::event_age_min, {"1", "60"}),
        int_switch("event_age_output_floor", "D01",
                   "responses report max(floor, stored event age); 0 = as stored",
                   &b::event_age_output_floor, {"0", "60"}),
        int_switch("retry_max", "D02", "highest accepted max_async_retry_attempts", &b::retry_max,
                   {"3", "8"}),
        int_switch("retry_default", "D02", "max_async_retry_attempts when omitted",
                   &b::retry_default, {"1", "3"}),
        enum_switch("response_body", "D03/D10",
                    "state = answer from stored state; example = replay the documentation's "
                    "example responses",
                    &b::response_body,
                    {{"state", response_body::state}, {"example", response_body::example}}),
        enum_switch("emit_enable_async_status_log", "D04",
                    "whether responses carry enable_async_status_log",
                    &b::emit_enable_async_status_log,
                    {{"always", status_log_field::always},
                     {"never", status_log_field::never},
                     {"when_set", status_log_field::when_set}}),
        bool_switch("emit_empty_destination_config", "D04",
                    "emit destination_config as {} when none is configured",
                    &b::emit_empty_destination_config),
        enum_switch("time_style", "D05",
                    "doc-mixed: created_time 2021-03-04T14:50:02+08:00, last_modified "
                    "2021-03-04 14:50:02; rfc3339: both with offset; utc-z: both ...Z",
                    &b::time_style,
                    {{"doc-mixed", time_style::doc_mixed},
                     {"rfc3339", time_style::rfc3339},
                     {"utc-z", time_style::utc_z}}),
        int_switch("utc_offset_minutes", "D05",
                   "zone of emitted timestamps in minutes east of UTC (-720..840)",
                   &b::utc_offset_minutes, {}, -720, 840),
        bool_switch("allow_dis_destination", "D06", "accept DIS as a destination",
                    &b::allow_dis_destination),
        enum_switch("unknown_fields", "D07", "unknown request body fields: ignore or reject",
                    &b::unknown_fields,
                    {{"ignore", unknown_fields::ignore}, {"reject", unknown_fields::reject}}),
        enum_switch("require_content_type", "D08",
                    "which requests must send Content-Type: application/json",
                    &b::require_content_type,
                    {{"all", content_type_rule::all},
                     {"body", content_type_rule::body},
                     {"off", content_type_rule::off}}),
        bool_switch("strict_urn_length", "D09", "reject function URNs longer than 269 chars",
                    &b::strict_urn_length),
        bool_switch("reject_urn_spaces", "D23",
                    "reject a function URN containing a space with 400 FSS.1309 (strict); "
                    "false: nothing is trimmed and the space is part of the name",
                    &b::reject_urn_spaces),
        enum_switch("list_end_marker", "D10",
                    "page_info.next_marker on the last page: offset (as the example) or 0",
                    &b::list_end_marker,
                    {{"offset", list_end_marker::offset}, {"zero", list_end_marker::zero}}),
        enum_switch("not_found_style", "D13",
                    "per-page: FSS.1051 on lifecycle pages, FSS.0404 on async-invocation pages",
                    &b::not_found_style,
                    {{"per-page", not_found_style::per_page},
                     {"uniform-1051", not_found_style::uniform_1051},
                     {"uniform-0404", not_found_style::uniform_0404}}),
        enum_switch("auth_error_dialect", "D14",
                    "gateway: 401 APIGW.0301; fss-401: 401 FSS.0401; fss-403: 403 FSS.0403",
                    &b::auth_error_dialect,
                    {{"gateway", auth_dialect::gateway},
                     {"fss-401", auth_dialect::fss_401},
                     {"fss-403", auth_dialect::fss_403}}),
        enum_switch("gateway_prefix", "D15", "prefix of gateway error codes", &b::gateway_prefix,
                    {{"APIGW", gateway_prefix::apigw}, {"APIG", gateway_prefix::apig}}),
        int_switch("alias_not_found_status", "D16",
                   "status of an unknown alias on GET of the alias (ShowVersionAlias): 404 "
                   "(error table) or 401 (the page's example); code 1053 either way",
                   &b::alias_not_found_status, {"404", "401"}),
        enum_switch("method_not_allowed", "D26",
                    "wrong method on a known path: 404 APIGW.0101 or 405 FSS.0405",
                    &b::method_not_allowed,
                    {{"404-gateway", method_not_allowed::gateway_404},
                     {"405-fss", method_not_allowed::fss_405}}),
        enum_switch("bad_json", "D26", "body that is not JSON: 406 FSS.0406 or 400 FSS.0400",
                    &b::bad_json, {{"406", bad_json::fss_406}, {"400", bad_json::fss_400}}),
        enum_switch("put_mode", "spec 1.4 (G)",
                    "PUT async-invoke-config replaces (omitted fields take defaults) or merges",
                    &b::put_mode,
                    {{"replace", update_mode::replace}, {"merge", update_mode::merge}}),
        enum_switch(
            "missing_config", "spec 2-3 (G)",
            "GET/DELETE of an unset config: not_found (404 FSS.0404) or defaults "
            "(GET answers the defaults, DELETE 204)",
            &b::missing_config,
            {{"not_found", missing_config::not_found}, {"defaults", missing_config::defaults}}),
        enum_switch("urn_project_mismatch", "spec 10.1 (G)",
                    "URN naming another project than the path: 400 FSS.1309 or 404 FSS.1051",
                    &b::urn_project_mismatch,
                    {{"400", urn_mismatch::bad_request}, {"404", urn_mismatch::not_found}}),
        int_switch("function_quota", "spec 11.1",
                   "functions per project before 403 FSS.1041 (1..100000)", &b::function_quota, {},
                   1, 100000),
        enum_switch(
            "version_name_style", "D21",
            "generated version names: plain 20210304-145002 (publish page) or "
            "v-prefixed v20210304-145002 (function model, console)",
            &b::version_name_style,
            {{"plain", version_name_style::plain}, {"v-prefixed", version_name_style::v_prefixed}}),
        int_switch("max_versions", "D21",
                   "published versions per function before 403 FSS.0403 (0 = unlimited, "
                   "0..100000; strict: 10)",
                   &b::max_versions, {}, 0, 100000),
        enum_switch("publish_answer_version", "D21",
                    "version in publish / alias answers: requested (the name published) or "
                    "latest (as the publish and alias examples, with an unqualified func_urn)",
                    &b::publish_answer_version,
                    {{"requested", publish_version_field::requested},
                     {"latest", publish_version_field::latest}}),
        int_switch("max_aliases", "spec 10.6",
                   "aliases per function before 403 FSS.1043 (1..100000)", &b::max_aliases, {}, 1,
                   100000),
        bool_switch("unique_alias_version", "spec 10.6",
                    "a version may be the version of one alias only (409 FSS.1066)",
                    &b::unique_alias_version),
        enum_switch("delete_aliased_version", "D23",
                    "DELETE of a version an alias points at: refuse (409 FSS.1066) or cascade "
                    "(the aliases whose version it is go with it)",
                    &b::delete_aliased_version,
                    {{"refuse", aliased_version_delete::refuse},
                     {"cascade", aliased_version_delete::cascade}}),
        enum_switch(
            "alias_rule_types", "D21",
            "rule_type of additional_version_strategy rules: documented (Header) or "
            "sdk (Header, header, cookie)",
            &b::alias_rule_types,
            {{"documented", strategy_rule_types::documented}, {"sdk", strategy_rule_types::sdk}}),
        bool_switch("async_next_marker_string", "D11",
                    "next_marker of async-invocations as a string (Terraform reads one) instead "
                    "of the documented integer",
                    &b::async_next_marker_string),
        bool_switch("emit_camel_request_id", "D17",
                    "invocations-async also answers requestId (an old page's claim)",
                    &b::emit_camel_request_id),
        bool_switch("validate_instance_memory", "D18",
                    "X-Cff-Instance-Memory on invocations-async must be one of the 15 memory "
                    "sizes of the synchronous API (strict); false: any value is accepted",
                    &b::validate_instance_memory),
        enum_switch("region_profile", "D20",
                    "which operations exist: intl (all), kl (no active-async-invocations), "
                    "otc (no active-async-invocations, enable-async-status-logs, "
                    "async-status-log-detail); absent ones answer as unknown routes",
                    &b::region_profile,
                    {{"intl", region_profile::intl},
                     {"kl", region_profile::kl},
                     {"otc", region_profile::otc}}),
        bool_switch("notification_camel_status", "D24",
                    "notifications carry response_context.statusCode (parameter table) "
                    "instead of status_code (example)",
                    &b::notification_camel_status),
        bool_switch(
            "notification_timestamp_quirk", "D24",
            "notification timestamps as the guide's example: 2020-08-20T12:00:00.000Z+08:00",
            &b::notification_timestamp_quirk),
        bool_switch("require_status_log_for_query", "D27",
                    "async-invocations lists records only when enable_async_status_log is on",
                    &b::require_status_log_for_query),
        int_switch("async_retry_base_seconds", "spec 5.3 (G)",
                   "delay before retry n: base * 2^(n-1) seconds (0..86400)",
                   &b::async_retry_base_seconds, {}, 0, 86400),
    };
    return table;
}

const switch_def* find_def(std::string_view name) {
    for (auto& d : defs())
        if (d.info.name == name)
            return &d;
    return nullptr;
}

/// Presets as data: each is the documented defaults plus assignments.
const std::vector<std::pair<std::string_view, std::string_view>>& preset_table() {
    static const std::vector<std::pair<std::string_view, std::string_view>> table = {
        {"documented", ""},
        {"observed", "allow_dis_destination=true,emit_empty_destination_config=true,"
                     "require_content_type=body,list_end_marker=zero,bad_json=400,"
                     "version_name_style=v-prefixed,delete_aliased_version=cascade,"
                     "alias_rule_types=sdk,async_next_marker_string=true"},
        {"example", "response_body=example,emit_enable_async_status_log=never,"
                    "publish_answer_version=latest,notification_timestamp_quirk=true,"
                    "alias_not_found_status=401"},
        // The spec's checks "only in strict" (D07, D09, D18, D21, D23) on top of documented.
        {"strict", "unknown_fields=reject,strict_urn_length=true,reject_urn_spaces=true,"
                   "max_versions=10,validate_instance_memory=true"},
    };
    return table;
}

} // namespace

const std::vector<switch_info>& switch_table() {
    static const std::vector<switch_info> infos = [] {
        std::vector<switch_info> v;
        for (auto& d : defs())
            v.push_back(d.info);
        return v;
    }();
    return infos;
}

const std::vector<std::string_view>& preset_names() {
    static const std::vector<std::string_view> names = [] {
        std::vector<std::string_view> v;
        for (auto& p : preset_table())
            v.push_back(p.first);
        return v;
    }();
    return names;
}

result<switches> preset(std::string_view name) {
    for (auto& [n, assignments] : preset_table())
        if (n == name) {
            switches b;
            if (auto r = apply_switches(b, assignments); !r)
                return r.error();
            return b;
        }
    std::string known;
    for (auto n : preset_names())
        known += (known.empty() ? "" : ", ") + std::string(n);
    return make_error(errc::invalid_enum, "profile",
                      "unknown profile '" + std::string(name) + "'; known: " + known);
}

result<void> set_switch(switches& b, std::string_view name, std::string_view value) {
    const switch_def* d = find_def(name);
    if (!d)
        return make_error(errc::invalid_enum, std::string(name),
                          "unknown switch '" + std::string(name) + "'");
    switches copy = b;
    if (!d->set(copy, value)) {
        std::string allowed;
        for (auto v : d->info.values)
            allowed += (allowed.empty() ? "" : ", ") + std::string(v);
        errc code = errc::invalid_enum;
        if (allowed.empty()) {
            allowed = std::string(d->info.summary);
            // An integer switch without a value list: a well-formed integer (even one too
            // large for int) that was refused is outside the range.
            long long n = 0;
            auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
            if ((ec == std::errc() || ec == std::errc::result_out_of_range) &&
                p == value.data() + value.size() && !value.empty())
                code = errc::value_out_of_range;
        }
        return make_error(code, std::string(name),
                          "switch " + std::string(name) + " does not accept '" +
                              std::string(value) + "'; accepted: " + allowed);
    }
    b = copy;
    return {};
}

std::string get_switch(const switches& b, std::string_view name) {
    const switch_def* d = find_def(name);
    return d ? d->get(b) : std::string();
}

result<void> apply_switches(switches& b, std::string_view assignments) {
    switches copy = b;
    while (!assignments.empty()) {
        auto comma = assignments.find(',');
        std::string_view item = assignments.substr(0, comma);
        assignments =
            comma == std::string_view::npos ? std::string_view{} : assignments.substr(comma + 1);
        while (!item.empty() && item.front() == ' ')
            item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ')
            item.remove_suffix(1);
        if (item.empty())
            continue;
        auto eq = item.find('=');
        if (eq == std::string_view::npos)
            return make_error(errc::invalid_format, std::string(item),
                              "switch assignment '" + std::string(item) +
                                  "' is not of the form name=value");
        if (auto r = set_switch(copy, item.substr(0, eq), item.substr(eq + 1)); !r)
            return r.error();
    }
    b = copy;
    return {};
}

std::vector<std::string_view> differing_switches(const switches& a, const switches& b) {
    std::vector<std::string_view> out;
    for (auto& d : defs())
        if (d.get(a) != d.get(b))
            out.push_back(d.info.name);
    return out;
}

} // namespace emu::domain
