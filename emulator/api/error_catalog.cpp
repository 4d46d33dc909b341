#include "api/error_catalog.hpp"

#include "api/http_response.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace emu::api {
namespace {

using domain::errc;

std::string with_detail(std::string msg, const std::string& detail) {
    if (!detail.empty())
        msg += ": " + detail;
    return msg;
}

std::string gateway_code(const domain::switches& b, const char* number) {
    // Emulation: D15 — APIGW.xxxx in the signing guide, APIG.xxxx in service FAQs.
    return std::string(b.gateway_prefix == domain::gateway_prefix::apig ? "APIG." : "APIGW.") +
           number;
}

} // namespace

error_entry describe(const domain::error& e, const domain::switches& b, page_kind page) {
    using s = http::status;
    const std::string& d = e.detail;
    switch (e.code) {
    case errc::invalid_type:
    case errc::value_out_of_range:
    case errc::invalid_enum:
    case errc::invalid_format:
    case errc::missing_field:
        return {s::bad_request, "FSS.0400", with_detail("Invalid parameter", d)};
    case errc::invalid_urn:
    case errc::urn_project_mismatch:
        return {s::bad_request, "FSS.1309", with_detail("Invalid function URN", d)};
    case errc::invalid_query_parameter:
        return {s::bad_request, "FSS.1001", with_detail("Invalid query parameter", d)};
    case errc::function_not_found: {
        // Emulation: D13 — the lifecycle pages say FSS.1051 "Not found the function",
        // the async-invocation pages FSS.0404 "can not find function".
        bool use_0404 = b.not_found_style == domain::not_found_style::uniform_0404 ||
                        (b.not_found_style == domain::not_found_style::per_page &&
                         page == page_kind::async_invocation);
        if (use_0404)
            return {s::not_found, "FSS.0404", with_detail("can not find function", d)};
        return {s::not_found, "FSS.1051", with_detail("Not found the function", d)};
    }
    case errc::version_not_found:
        return {s::not_found, "FSS.1052", with_detail("Not found the function version", d)};
    case errc::alias_not_found:
        return {s::not_found, "FSS.1053", with_detail("Not found the function alias", d)};
    case errc::config_not_found:
        return {s::not_found, "FSS.0404", with_detail("The specified resource was not found", d)};
    case errc::function_exists:
        return {s::conflict, "FSS.1061", with_detail("The function already exists", d)};
    case errc::function_quota_exceeded:
        return {s::forbidden, "FSS.1041", with_detail("Function quota exceeded", d)};
    case errc::version_exists:
        return {s::conflict, "FSS.1062", with_detail("The function version already exists", d)};
    case errc::alias_exists:
        return {s::conflict, "FSS.1063", with_detail("The function alias already exists", d)};
    case errc::version_in_use:
        // The error table: 409 FSS.1066, a version used by another alias. Also (G) the
        // refusal to delete a version an alias points at.
        return {s::conflict, "FSS.1066",
                with_detail("The function version is used by an alias", d)};
    case errc::nothing_to_publish:
        return {s::bad_request, "FSS.1016", with_detail("Nothing changed since last publish", d)};
    case errc::alias_quota_exceeded:
        return {s::forbidden, "FSS.1043", with_detail("Alias quota exceeded", d)};
    case errc::version_quota_exceeded:
        // Emulation: D21 — the old pages cap versions at 10 without naming a code (G).
        return {s::forbidden, "FSS.0403", with_detail("Forbidden", d)};
    case errc::invalid_alias_name:
        return {s::bad_request, "FSS.1014", with_detail("Invalid function alias", d)};
    case errc::invalid_version_name:
        return {s::bad_request, "FSS.1015", with_detail("Invalid function version", d)};
    case errc::digest_mismatch:
    case errc::latest_not_deletable:
    case errc::not_latest:
        return {s::bad_request, "FSS.0400", with_detail("Invalid parameter", d)};
    }
    return {s::internal_server_error, "FSS.0500", with_detail("Internal server error", d)};
}

error_entry describe(api_errc e, const std::string& detail, const domain::switches& b) {
    using s = http::status;
    switch (e) {
    case api_errc::route_not_found:
        return {s::not_found, gateway_code(b, "0101"),
                with_detail("The API does not exist or has not been published in the "
                            "environment",
                            detail),
                true};
    case api_errc::method_not_allowed:
        // Emulation: D26 — the gateway answers an unknown method like an unknown API; the
        // generic 405 has no documented FSS code (FSS.0405 is our guess).
        if (b.method_not_allowed == domain::method_not_allowed::fss_405)
            return {s::method_not_allowed, "FSS.0405", with_detail("Method not allowed", detail)};
        return describe(api_errc::route_not_found, detail, b);
    case api_errc::malformed_json:
        // Emulation: D26 — the error table says 406 FSS.0406, the pages list only 400.
        if (b.bad_json == domain::bad_json::fss_400)
            return {s::bad_request, "FSS.0400", with_detail("Invalid parameter", detail)};
        return {s::not_acceptable, "FSS.0406", with_detail("Not acceptable", detail)};
    case api_errc::body_not_object:
    case api_errc::bad_content_type:
    case api_errc::invalid_switch:
        return {s::bad_request, "FSS.0400", with_detail("Invalid parameter", detail)};
    case api_errc::body_too_large:
        return {s::payload_too_large, "FSS.0413",
                with_detail("The request body is too large", detail)};
    case api_errc::header_too_large:
        return {s::request_header_fields_too_large, gateway_code(b, "0201"),
                with_detail("API request error", detail), true};
    case api_errc::target_too_long:
        return {s::uri_too_long, gateway_code(b, "0201"), with_detail("API request error", detail),
                true};
    case api_errc::auth_failed:
        // Emulation: D14 — gateway 401 APIGW.0301, or the FSS-level examples.
        switch (b.auth_error_dialect) {
        case domain::auth_dialect::fss_401:
            return {s::unauthorized, "FSS.0401", with_detail("invalid token", detail)};
        case domain::auth_dialect::fss_403:
            return {s::forbidden, "FSS.0403", with_detail("invalid token", detail)};
        case domain::auth_dialect::gateway:
            break;
        }
        return {s::unauthorized, gateway_code(b, "0301"),
                with_detail("Incorrect IAM authentication information", detail), true};
    case api_errc::control_bad_request:
        return {s::bad_request, "EMU.0400", with_detail("Invalid control request", detail)};
    case api_errc::control_unauthorized:
        return {s::unauthorized, "EMU.0401", with_detail("Control API token required", detail)};
    case api_errc::control_not_found:
        return {s::not_found, "EMU.0404", with_detail("Not found", detail)};
    case api_errc::internal:
        break;
    }
    return {s::internal_server_error, "FSS.0500", with_detail("Internal server error", detail)};
}

std::string rule_of(const domain::error& e, const domain::switches& b) {
    std::string rule = domain::to_string(e.code);
    if (!e.field.empty())
        rule += ": " + e.field;
    auto with_switch = [&](std::string_view name) {
        rule += " (switch " + std::string(name) + "=" + domain::get_switch(b, name) + ")";
    };
    switch (e.code) {
    case errc::value_out_of_range:
        if (e.field == "max_async_event_age_in_seconds")
            with_switch("event_age_min");
        else if (e.field == "max_async_retry_attempts")
            with_switch("retry_max");
        break;
    case errc::invalid_enum:
        if (e.field.ends_with(".destination"))
            with_switch("allow_dis_destination");
        else if (e.field.ends_with(".rule_type"))
            with_switch("alias_rule_types");
        break;
    case errc::version_quota_exceeded:
        with_switch("max_versions");
        break;
    case errc::alias_quota_exceeded:
        with_switch("max_aliases");
        break;
    case errc::version_in_use:
        with_switch(e.field == "version" ? "unique_alias_version" : "delete_aliased_version");
        break;
    case errc::function_not_found:
        with_switch("not_found_style");
        break;
    case errc::urn_project_mismatch:
        with_switch("urn_project_mismatch");
        break;
    case errc::config_not_found:
        with_switch("missing_config");
        break;
    case errc::function_quota_exceeded:
        with_switch("function_quota");
        break;
    default:
        break;
    }
    return rule;
}

std::string rule_of(api_errc e, const domain::switches& b) {
    auto sw = [&](const char* name, std::string_view sw_name) {
        return std::string(name) + " (switch " + std::string(sw_name) + "=" +
               domain::get_switch(b, sw_name) + ")";
    };
    switch (e) {
    case api_errc::route_not_found:
        return "route_not_found";
    case api_errc::method_not_allowed:
        return sw("method_not_allowed", "method_not_allowed");
    case api_errc::malformed_json:
        return sw("malformed_json", "bad_json");
    case api_errc::body_not_object:
        return "body_not_object";
    case api_errc::body_too_large:
        return "body_too_large (--max-body)";
    case api_errc::header_too_large:
        return "header_too_large";
    case api_errc::target_too_long:
        return "target_too_long";
    case api_errc::auth_failed:
        return sw("auth_failed", "auth_error_dialect");
    case api_errc::bad_content_type:
        return sw("bad_content_type", "require_content_type");
    case api_errc::invalid_switch:
        return "invalid_switch";
    case api_errc::control_bad_request:
    case api_errc::control_unauthorized:
    case api_errc::control_not_found:
        return "control";
    case api_errc::internal:
        break;
    }
    return "internal";
}

response make_error_response(const error_entry& e, const response_meta& meta) {
    boost::json::object body;
    body["error_code"] = e.error_code;
    body["error_msg"] = e.error_msg;
    if (e.gateway)
        body["request_id"] = meta.request_id;
    return make_json_response(e.status, boost::json::serialize(body), meta);
}

} // namespace emu::api
