// Decoding of the version and alias bodies (spec §10.5, §10.6): JSON types only; ranges,
// enums and names are the domain's (validation_version.cpp).
#include "api/json_codec.hpp"

#include "api/json_decode_support.hpp"

namespace emu::api {
namespace json = boost::json;
using namespace decode;

namespace {

bool rejects(const domain::switches& b) {
    // Emulation: D07 — unknown fields are ignored unless unknown_fields=reject.
    return b.unknown_fields == domain::unknown_fields::reject;
}

domain::result<domain::version_rule> decode_rule(const json::value& v, const field_path& path,
                                                 bool reject) {
    if (!v.is_object())
        return type_error(path, "an object", v);
    domain::version_rule rule;
    auto r = for_members(v.get_object(), path, {"rule_type", "param", "op", "value"}, reject,
                         [&](std::string_view key, const json::value& x,
                             const field_path& p) -> domain::result<void> {
                             auto& target = key == "rule_type" ? rule.rule_type
                                            : key == "param"   ? rule.param
                                            : key == "op"      ? rule.op
                                                               : rule.value;
                             return assign(target, as_string(x, p));
                         });
    if (!r)
        return r.error();
    return rule;
}

domain::result<domain::version_strategy> decode_strategy(const json::value& v,
                                                         const field_path& path, bool reject) {
    if (!v.is_object())
        return type_error(path, "an object", v);
    domain::version_strategy s;
    auto r = for_members(v.get_object(), path, {"combine_type", "rules"}, reject,
                         [&](std::string_view key, const json::value& x,
                             const field_path& p) -> domain::result<void> {
                             if (key == "combine_type")
                                 return assign(s.combine_type, as_string(x, p));
                             if (!x.is_array())
                                 return type_error(p, "an array", x);
                             auto& rules = s.rules.emplace();
                             for (std::size_t i = 0; i < x.get_array().size(); ++i) {
                                 auto rule =
                                     decode_rule(x.get_array()[i], field_path(p, i), reject);
                                 if (!rule)
                                     return rule.error();
                                 rules.push_back(std::move(*rule));
                             }
                             return {};
                         });
    if (!r)
        return r.error();
    return s;
}

/// A JSON object of name → T, each value decoded by `one`.
template <class T, class F>
domain::result<std::map<std::string, T>> decode_map(const json::value& v, const field_path& path,
                                                    F&& one) {
    if (!v.is_object())
        return type_error(path, "an object", v);
    std::map<std::string, T> out;
    for (auto& kv : v.get_object()) {
        auto item = one(kv.value(), field_path(path, kv.key()));
        if (!item)
            return item.error();
        out.emplace(std::string(kv.key()), std::move(*item));
    }
    return out;
}

} // namespace

domain::result<domain::publish_input> decode_publish_input(const json::value& body,
                                                           const domain::switches& b) {
    if (!body.is_object())
        return type_error("request body", "a JSON object", body);
    domain::publish_input in;
    auto r = for_members(body.get_object(), {}, {"digest", "version", "description"}, rejects(b),
                         [&](std::string_view key, const json::value& v,
                             const field_path& path) -> domain::result<void> {
                             auto& target = key == "digest"    ? in.digest
                                            : key == "version" ? in.version
                                                               : in.description;
                             return assign(target, as_string(v, path));
                         });
    if (!r)
        return r.error();
    return in;
}

domain::result<domain::alias_input>
decode_alias_input(const json::value& body, const domain::switches& b, std::string_view source) {
    if (!body.is_object())
        return type_error("request body", "a JSON object", body);
    const bool reject = rejects(b);
    domain::alias_input in;
    auto r = for_members(
        body.get_object(), field_path::body(source),
        {"name", "version", "description", "additional_version_weights",
         "additional_version_strategy"},
        reject,
        [&](std::string_view key, const json::value& v,
            const field_path& path) -> domain::result<void> {
            if (key == "additional_version_weights")
                return assign(in.additional_version_weights,
                              decode_map<std::int64_t>(
                                  v, path, [&](const json::value& x, const field_path& p) {
                                      return as_int(x, p, in.sent);
                                  }));
            if (key == "additional_version_strategy")
                return assign(in.additional_version_strategy,
                              decode_map<domain::version_strategy>(
                                  v, path, [&](const json::value& x, const field_path& p) {
                                      return decode_strategy(x, p, reject);
                                  }));
            auto& target = key == "name" ? in.name : key == "version" ? in.version : in.description;
            return assign(target, as_string(v, path));
        });
    if (!r)
        return r.error();
    return in;
}

} // namespace emu::api
