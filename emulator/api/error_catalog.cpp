#include "api/error_catalog.hpp"

#include "api/http_response.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace emu::api {
namespace {

error_entry resolve(const error_row& row, const std::string& detail, const domain::switches& b,
                    page_kind page) {
    const error_variant& v = pick_variant(row, b, page);
    std::string msg(v.message);
    if (!detail.empty())
        msg += ": " + detail;
    return {v.status, error_code_of(v, b), std::move(msg), v.gateway};
}

bool field_matches(std::string_view pattern, std::string_view field) {
    if (pattern.empty())
        return true;
    if (pattern.starts_with('*'))
        return field.ends_with(pattern.substr(1));
    return field == pattern;
}

std::string rule_text(const error_row& row, const std::string& field, const domain::switches& b) {
    std::string rule(row.rule);
    if (!field.empty())
        rule += ": " + field;
    for (auto& sw : row.rule_switches)
        if (field_matches(sw.field, field)) {
            rule += " (switch " + std::string(sw.name) + "=" + domain::get_switch(b, sw.name) + ")";
            break;
        }
    return rule;
}

} // namespace

error_entry describe(const domain::error& e, const domain::switches& b, page_kind page) {
    return resolve(error_row_of(e.code), e.detail, b, page);
}

error_entry describe(api_errc e, const std::string& detail, const domain::switches& b) {
    return resolve(error_row_of(e), detail, b, page_kind::lifecycle);
}

std::string rule_of(const domain::error& e, const domain::switches& b) {
    return rule_text(error_row_of(e.code), e.field, b);
}

std::string rule_of(api_errc e, const domain::switches& b) {
    return rule_text(error_row_of(e), {}, b);
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
