#include "api/error_table.hpp"

namespace emu::api {
namespace {

using domain::errc;
using s = http::status;

/// A single answer.
constexpr error_variant answer(s status, std::string_view code, std::string_view message) {
    return {"", {}, status, code, message, false};
}

/// A single answer of the gateway (request_id in the body, prefix by switch gateway_prefix).
constexpr error_variant gateway_answer(s status, std::string_view code, std::string_view message) {
    return {"", {}, status, code, message, true};
}

/// `v`, picked when the row's switch has the value `value` (and on `page` only, when given).
constexpr error_variant if_switch(std::string_view value, error_variant v,
                                  std::optional<page_kind> page = {}) {
    v.when = value;
    v.page = page;
    return v;
}

// Answers shared by several kinds.
constexpr auto invalid_parameter = answer(s::bad_request, "FSS.0400", "Invalid parameter");
constexpr auto invalid_urn = answer(s::bad_request, "FSS.1309", "Invalid function URN");
constexpr auto api_not_found =
    gateway_answer(s::not_found, "{gateway_prefix}.0101",
                   "The API does not exist or has not been published in the environment");
constexpr auto function_not_found_1051 = answer(s::not_found, "FSS.1051", "Not found the function");
constexpr auto function_not_found_0404 = answer(s::not_found, "FSS.0404", "can not find function");

std::vector<error_row> build() {
    // Emulation: D13 — the lifecycle pages say FSS.1051 "Not found the function", the
    // async-invocation pages FSS.0404 "can not find function".
    // Emulation: D14 — gateway 401 APIGW.0301, or the FSS-level examples.
    // Emulation: D15 — APIGW.xxxx in the signing guide, APIG.xxxx in service FAQs.
    // Emulation: D16 — the alias query page files its FSS.1053 example under 401.
    // Emulation: D21 — the old pages cap versions at 10 without naming a code (G).
    // Emulation: D26 — an unknown method answers like an unknown API (the generic 405 has no
    // documented code: FSS.0405 is a guess); the error table says 406 FSS.0406 for a body
    // that is not JSON, the operation pages list only 400.
    std::vector<error_row> t = {
        {.kind = errc::invalid_type,
         .situation = "A field of the wrong JSON type (also `null`)",
         .variants = {invalid_parameter}},
        {.kind = errc::value_out_of_range,
         .situation = "A number outside its documented range",
         .variants = {invalid_parameter},
         .rule_switches = {{"max_async_event_age_in_seconds", "event_age_min"},
                           {"max_async_retry_attempts", "retry_max"}}},
        {.kind = errc::invalid_enum,
         .situation = "A string outside its documented enumeration",
         .variants = {invalid_parameter},
         .rule_switches = {{"*.destination", "allow_dis_destination"},
                           {"*.rule_type", "alias_rule_types"}}},
        {.kind = errc::invalid_format,
         .situation = "A string without its documented shape; cancel of an unknown, finished or "
                      "other function's `request_id` (`Invalid RequestId`)",
         .variants = {invalid_parameter}},
        {.kind = errc::missing_field,
         .situation = "A mandatory field is absent; cancel without a `request_id` string "
                      "(`Invalid RequestId`)",
         .variants = {invalid_parameter}},
        {.kind = errc::invalid_urn,
         .situation = "A function URN that does not parse",
         .variants = {invalid_urn}},
        {.kind = errc::urn_project_mismatch,
         .situation = "A URN naming another project than the path",
         .variants = {invalid_urn},
         .rule_switches = {{"", "urn_project_mismatch"}}},
        {.kind = errc::invalid_query_parameter,
         .situation = "Bad `marker` / `limit` / `maxitems`; async-invocations: bad `status`, "
                      "`query_begin_time`, `query_end_time`, `request_id` over 64, more than "
                      "10 `requests`",
         .variants = {answer(s::bad_request, "FSS.1001", "Invalid query parameter")}},
        {.kind = errc::function_not_found,
         .situation = "Function not found",
         .select = "not_found_style",
         .variants = {if_switch("uniform-1051", function_not_found_1051),
                      if_switch("uniform-0404", function_not_found_0404),
                      if_switch("per-page", function_not_found_0404, page_kind::async_invocation),
                      if_switch("per-page", function_not_found_1051)},
         .rule_switches = {{"", "not_found_style"}}},
        {.kind = errc::version_not_found,
         .situation = "Version not found",
         .variants = {answer(s::not_found, "FSS.1052", "Not found the function version")}},
        {.kind = errc::alias_not_found,
         .situation = "Alias not found",
         .select = "alias_not_found_status",
         .variants = {if_switch("401",
                                answer(s::unauthorized, "FSS.1053", "Not found the function alias"),
                                page_kind::alias_query),
                      answer(s::not_found, "FSS.1053", "Not found the function alias")},
         .rule_switches = {{"", "alias_not_found_status"}}},
        {.kind = errc::config_not_found,
         .situation = "Async config not set; async status logs not enabled "
                      "(async-status-log-detail)",
         .variants = {answer(s::not_found, "FSS.0404", "The specified resource was not found")},
         .rule_switches = {{"", "missing_config"}}},
        {.kind = errc::function_exists,
         .situation = "Function already exists",
         .variants = {answer(s::conflict, "FSS.1061", "The function already exists")}},
        {.kind = errc::function_quota_exceeded,
         .situation = "Function quota exceeded",
         .variants = {answer(s::forbidden, "FSS.1041", "Function quota exceeded")},
         .rule_switches = {{"", "function_quota"}}},
        {.kind = errc::version_exists,
         .situation = "Version already exists",
         .variants = {answer(s::conflict, "FSS.1062", "The function version already exists")}},
        {.kind = errc::alias_exists,
         .situation = "Alias already exists",
         .variants = {answer(s::conflict, "FSS.1063", "The function alias already exists")}},
        {.kind = errc::nothing_to_publish,
         .situation = "Publish with nothing changed since the last publish",
         .variants = {answer(s::bad_request, "FSS.1016", "Nothing changed since last publish")}},
        {.kind = errc::digest_mismatch,
         .situation = "Publish `digest` other than latest's",
         .variants = {invalid_parameter}},
        {.kind = errc::version_in_use,
         .situation = "Version already has an alias; DELETE of a version an alias points at (G)",
         .variants = {answer(s::conflict, "FSS.1066", "The function version is used by an alias")},
         .rule_switches = {{"version", "unique_alias_version"}, {"", "delete_aliased_version"}}},
        {.kind = errc::version_quota_exceeded,
         .situation = "Version cap reached (code guessed, D21)",
         .variants = {answer(s::forbidden, "FSS.0403", "Forbidden")},
         .rule_switches = {{"", "max_versions"}}},
        {.kind = errc::alias_quota_exceeded,
         .situation = "Alias quota exceeded",
         .variants = {answer(s::forbidden, "FSS.1043", "Alias quota exceeded")},
         .rule_switches = {{"", "max_aliases"}}},
        {.kind = errc::latest_not_deletable,
         .situation = "DELETE of latest itself (D23)",
         .variants = {invalid_parameter}},
        {.kind = errc::not_latest,
         .situation = "Change or publish through a version or alias URN",
         .variants = {invalid_parameter}},
        {.kind = errc::invalid_alias_name,
         .situation = "Bad alias name (body `name`, path `{alias_name}`)",
         .variants = {answer(s::bad_request, "FSS.1014", "Invalid function alias")}},
        {.kind = errc::invalid_version_name,
         .situation = "Bad version name (publish `version`, alias `version`, `latest` as an "
                      "additional version)",
         .variants = {answer(s::bad_request, "FSS.1015", "Invalid function version")}},

        {.kind = api_errc::route_not_found,
         .rule = "route_not_found",
         .situation = "Unknown path",
         .variants = {api_not_found}},
        {.kind = api_errc::method_not_allowed,
         .rule = "method_not_allowed",
         .situation = "Known path, other method (`405-fss` adds an `Allow` header)",
         .select = "method_not_allowed",
         .variants = {if_switch("404-gateway", api_not_found),
                      if_switch("405-fss",
                                answer(s::method_not_allowed, "FSS.0405", "Method not allowed"))},
         .rule_switches = {{"", "method_not_allowed"}}},
        {.kind = api_errc::malformed_json,
         .rule = "malformed_json",
         .situation = "Body is not JSON (or empty where a body is required)",
         .select = "bad_json",
         .variants = {if_switch("406", answer(s::not_acceptable, "FSS.0406", "Not acceptable")),
                      if_switch("400", invalid_parameter)},
         .rule_switches = {{"", "bad_json"}}},
        {.kind = api_errc::body_not_object,
         .rule = "body_not_object",
         .situation = "Body is JSON but not an object",
         .variants = {invalid_parameter}},
        {.kind = api_errc::body_too_large,
         .rule = "body_too_large (--max-body)",
         .situation = "Body over `--max-body`",
         .variants = {answer(s::payload_too_large, "FSS.0413", "The request body is too large")}},
        {.kind = api_errc::header_too_large,
         .rule = "header_too_large",
         .situation = "Header section too large",
         .variants = {gateway_answer(s::request_header_fields_too_large, "{gateway_prefix}.0201",
                                     "API request error")}},
        {.kind = api_errc::target_too_long,
         .rule = "target_too_long",
         .situation = "Request target too long",
         .variants = {gateway_answer(s::uri_too_long, "{gateway_prefix}.0201",
                                     "API request error")}},
        {.kind = api_errc::auth_failed,
         .rule = "auth_failed",
         .situation = "No credentials, or credentials that do not verify",
         .select = "auth_error_dialect",
         .variants = {if_switch("gateway", gateway_answer(s::unauthorized, "{gateway_prefix}.0301",
                                                          "Incorrect IAM authentication "
                                                          "information")),
                      if_switch("fss-401", answer(s::unauthorized, "FSS.0401", "invalid token")),
                      if_switch("fss-403", answer(s::forbidden, "FSS.0403", "invalid token"))},
         .rule_switches = {{"", "auth_error_dialect"}}},
        {.kind = api_errc::bad_content_type,
         .rule = "bad_content_type",
         .situation = "Content-Type missing or not JSON (D08)",
         .variants = {invalid_parameter},
         .rule_switches = {{"", "require_content_type"}}},
        {.kind = api_errc::invalid_switch,
         .rule = "invalid_switch",
         .situation = "Bad `X-Emulator-Switches` header",
         .variants = {invalid_parameter}},
        {.kind = api_errc::control_bad_request,
         .rule = "control",
         .situation = "Control API (`/_emulator/`): bad body or query",
         .variants = {answer(s::bad_request, "EMU.0400", "Invalid control request")}},
        {.kind = api_errc::control_unauthorized,
         .rule = "control",
         .situation = "Control API: `--admin-token` missing or wrong",
         .variants = {answer(s::unauthorized, "EMU.0401", "Control API token required")}},
        {.kind = api_errc::control_not_found,
         .rule = "control",
         .situation = "Control API: unknown fault, delivery or asset",
         .variants = {answer(s::not_found, "EMU.0404", "Not found")}},
        {.kind = api_errc::internal,
         .rule = "internal",
         .situation = "A bug in the emulator",
         .variants = {answer(s::internal_server_error, "FSS.0500", "Internal server error")}},
    };
    // The rule names of domain kinds are the domain's name column.
    for (auto& row : t)
        if (auto* e = std::get_if<errc>(&row.kind))
            row.rule = domain::to_string(*e);
    return t;
}

template <class Kind> const error_row& find_row(Kind k) {
    for (auto& row : error_table())
        if (auto* r = std::get_if<Kind>(&row.kind); r && *r == k)
            return row;
    return error_table().back(); // api_errc::internal; api_tests check every kind has a row
}

} // namespace

const std::vector<error_row>& error_table() {
    static const std::vector<error_row> table = build();
    return table;
}

const error_row& error_row_of(domain::errc e) {
    return find_row(e);
}

const error_row& error_row_of(api_errc e) {
    return find_row(e);
}

const error_variant& pick_variant(const error_row& row, const domain::switches& b, page_kind page) {
    std::string value = row.select.empty() ? std::string() : domain::get_switch(b, row.select);
    for (auto& v : row.variants)
        if ((v.when.empty() || v.when == value) && (!v.page || *v.page == page))
            return v;
    return error_table().back().variants.front(); // unreachable: api_tests try every value
}

std::string error_code_of(const error_variant& v, const domain::switches& b) {
    std::string code(v.code);
    auto open = code.find('{');
    auto close = code.find('}', open);
    if (open == std::string::npos || close == std::string::npos)
        return code;
    return code.substr(0, open) + domain::get_switch(b, code.substr(open + 1, close - open - 1)) +
           code.substr(close + 1);
}

} // namespace emu::api
