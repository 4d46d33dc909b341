#include "api/content_type.hpp"

#include <cctype>
#include <cstddef>
#include <string_view>

namespace emu::api {
namespace {

bool is_json_media_type(std::string_view v) {
    v = v.substr(0, v.find(';'));
    while (!v.empty() && v.back() == ' ')
        v.remove_suffix(1);
    constexpr std::string_view json = "application/json";
    if (v.size() != json.size())
        return false;
    for (std::size_t i = 0; i < v.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(v[i])) != json[i])
            return false;
    return true;
}

} // namespace

// Emulation: D08 — the pages mark Content-Type mandatory on every method; older pages list
// no headers at all.
std::string content_type_problem(const request& req, domain::content_type_rule rule) {
    using domain::content_type_rule;
    const bool has_body_method = req.method() == http::verb::post ||
                                 req.method() == http::verb::put ||
                                 req.method() == http::verb::patch;
    if (rule == content_type_rule::off || (rule == content_type_rule::body && !has_body_method))
        return {};
    auto it = find_field(req, http::field::content_type);
    if (it != req.end() && is_json_media_type(it->value()))
        return {};
    std::string got = it == req.end() ? "none" : "'" + std::string(it->value()) + "'";
    return "header Content-Type must be application/json on " + std::string(req.method_string()) +
           " requests, got " + got +
           " (switch require_content_type=" + (rule == content_type_rule::all ? "all" : "body") +
           ")";
}

} // namespace emu::api
