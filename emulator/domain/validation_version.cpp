// Rules of the version and alias bodies (spec §10.5, §10.6, D21) that need no stored state.
#include "domain/validation.hpp"

#include "domain/validation_rules.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <set>

namespace emu::domain {
namespace {

const char* const version_name_rule = "must be 1-64 letters, digits, '-', '_' or '.'";

error bad_version(const std::string& field, const std::string& name, const std::string& rule) {
    return make_error(errc::invalid_version_name, field,
                      field + " '" + name.substr(0, 80) + "' " + rule);
}

bool is_rule_param(std::string_view s) {
    if (s.empty() || s.size() > 64)
        return false;
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-'))
            return false;
    return true;
}

template <class T>
result<void> one_of(const std::string& field, const std::optional<std::string>& value,
                    const std::vector<std::string_view>& allowed, const T& why) {
    if (!value || std::find(allowed.begin(), allowed.end(), *value) != allowed.end())
        return {};
    return make_error(errc::invalid_enum, field,
                      field + " must be one of " + join(allowed) + ", got '" + *value + "'" + why);
}

result<void> check_strategy(const std::string& path, const version_strategy& s, const switches& b) {
    if (auto r = one_of(path + ".combine_type", s.combine_type, {"and", "or"}, ""); !r)
        return r;
    if (!s.rules)
        return {};
    // Emulation: D21 — the API pages list rule_type Header only; the Go SDK header, cookie.
    const std::vector<std::string_view> types =
        b.alias_rule_types == strategy_rule_types::sdk
            ? std::vector<std::string_view>{"Header", "header", "cookie"}
            : std::vector<std::string_view>{"Header"};
    for (std::size_t i = 0; i < s.rules->size(); ++i) {
        const auto& rule = (*s.rules)[i];
        std::string at = path + ".rules[" + std::to_string(i) + "]";
        if (auto r = one_of(at + ".rule_type", rule.rule_type, types, " (switch alias_rule_types)");
            !r)
            return r;
        if (rule.param && !is_rule_param(*rule.param))
            return bad_format(at + ".param", "must be 1-64 letters, digits, '_' or '-'");
        if (auto r = one_of(at + ".op", rule.op, {"=", "in"}, ""); !r)
            return r;
        if (rule.value && rule.value->size() > 1024)
            return bad_format(at + ".value", "must be at most 1024 characters");
    }
    return {};
}

} // namespace

std::string generated_version_name(time_point now, const switches& b) {
    using namespace std::chrono;
    const int offset = b.time_style == time_style::utc_z ? 0 : b.utc_offset_minutes;
    auto local = floor<seconds>(now) + minutes(offset);
    auto day = floor<days>(local);
    year_month_day ymd{day};
    hh_mm_ss hms{local - day};
    char buf[32];
    // Emulation: D21 — the publish page says yyyymmdd-HHMMSS, the function model (and the
    // console) vYYYYMMDD-HHMMSS.
    std::snprintf(buf, sizeof buf, "%s%04d%02u%02u-%02ld%02ld%02ld",
                  b.version_name_style == version_name_style::v_prefixed ? "v" : "",
                  static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()), static_cast<long>(hms.hours().count()),
                  static_cast<long>(hms.minutes().count()),
                  static_cast<long>(hms.seconds().count()));
    return buf;
}

result<void> check_publish_input(const publish_input& in) {
    if (in.version && !is_valid_version_name(*in.version))
        return bad_version("version", *in.version,
                           std::string(version_name_rule) + ", other than 'latest'");
    if (in.description && in.description->size() > 512)
        return bad_format("description", "must be at most 512 characters");
    return {};
}

result<function_alias> build_alias(const alias_input& in, const std::optional<std::string>& name,
                                   const switches& b) {
    function_alias a;
    if (name) {
        a.name = *name;
    } else {
        if (!in.name)
            return missing("name");
        a.name = *in.name;
    }
    if (!is_valid_alias_name(a.name))
        return make_error(errc::invalid_alias_name, "name",
                          "name '" + a.name.substr(0, 80) +
                              "' must be 1-64 letters, digits, '-' or '_', start with a letter "
                              "and end with a letter or digit");
    if (!in.version)
        return missing("version");
    if (*in.version != "latest" && !is_valid_version_name(*in.version))
        return bad_version("version", *in.version,
                           "must be 'latest' or a version name: " + std::string(version_name_rule));
    a.version = *in.version;
    a.description = in.description.value_or("");
    if (a.description.size() > 512)
        return bad_format("description", "must be at most 512 characters");

    auto check_additional = [&](const std::string& field, const std::string& v) -> result<void> {
        std::string at = field + "." + v;
        if (v == "latest")
            return bad_version(field, v,
                               "cannot be an additional version; latest can only be "
                               "an alias's version");
        if (!is_valid_version_name(v))
            return bad_version(field, v, version_name_rule);
        if (v == a.version)
            return bad_format(at, "is the alias's own version; an additional version must "
                                  "differ from it");
        return {};
    };
    std::int64_t sum = 0;
    for (auto& [v, w] :
         in.additional_version_weights.value_or(decltype(a.additional_version_weights){})) {
        if (auto r = check_additional("additional_version_weights", v); !r)
            return r.error();
        if (w < 0 || w > 100)
            return out_of_range("additional_version_weights." + v, 0, 100,
                                shown_integer(in.sent, "additional_version_weights." + v, w),
                                " percent");
        sum += w;
        a.additional_version_weights.emplace(v, w);
    }
    if (sum > 100)
        return make_error(errc::value_out_of_range, "additional_version_weights",
                          "additional_version_weights must add up to at most 100 percent, got " +
                              std::to_string(sum));
    for (auto& [v, s] :
         in.additional_version_strategy.value_or(decltype(a.additional_version_strategy){})) {
        if (auto r = check_additional("additional_version_strategy", v); !r)
            return r.error();
        if (auto r = check_strategy("additional_version_strategy." + v, s, b); !r)
            return r.error();
        a.additional_version_strategy.emplace(v, s);
    }
    if (!a.additional_version_weights.empty() && !a.additional_version_strategy.empty())
        return bad_format("additional_version_strategy",
                          "cannot be given with additional_version_weights: an alias shifts "
                          "traffic by percentage or by rule");
    auto extra = a.additional_versions();
    if (std::set<std::string>(extra.begin(), extra.end()).size() > 1)
        return bad_format(a.additional_version_weights.empty() ? "additional_version_strategy"
                                                               : "additional_version_weights",
                          "names " + std::to_string(extra.size()) +
                              " versions; an alias points at two versions at most (its "
                              "version and one additional version)");
    return a;
}

} // namespace emu::domain
