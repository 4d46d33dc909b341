// Encoding of version and alias objects (spec §10.5, §10.6, D04, D05).
#include "api/json_codec.hpp"

#include "api/time_format.hpp"

#include <boost/json/array.hpp>

namespace emu::api {
namespace json = boost::json;

json::object encode_strategy(const domain::version_strategy& s) {
    json::object o;
    if (s.combine_type)
        o["combine_type"] = *s.combine_type;
    if (s.rules) {
        json::array rules;
        for (auto& r : *s.rules) {
            json::object rule;
            for (auto [key, field] :
                 {std::pair{"rule_type", &r.rule_type}, std::pair{"param", &r.param},
                  std::pair{"op", &r.op}, std::pair{"value", &r.value}})
                if (*field)
                    rule[key] = **field;
            rules.push_back(std::move(rule));
        }
        o["rules"] = std::move(rules);
    }
    return o;
}

json::object encode_version(const domain::version_view& v, const domain::switches& b) {
    json::object o = encode_function(v.version.record, b, v.version.version);
    o["version_description"] = v.version.description;
    // Emulation: D04 — FunctionAsyncConfig has no func_urn and no enable_async_status_log;
    // a qualifier without config answers null (G).
    if (v.config) {
        json::object c = encode_config(*v.config, b);
        c.erase("func_urn");
        c.erase("enable_async_status_log");
        o["function_async_config"] = std::move(c);
    } else {
        o["function_async_config"] = nullptr;
    }
    return o;
}

json::object encode_alias(const domain::function_alias& a, const domain::switches& b) {
    json::object o;
    o["name"] = a.name;
    o["version"] = a.version;
    o["description"] = a.description;
    // Emulation: D05 — alias pages show last_modified as 2019-10-31 11:37:58.
    o["last_modified"] = format_time(a.last_modified, time_field::modified, b);
    o["alias_urn"] = a.alias_urn;
    json::object weights;
    for (auto& [version, w] : a.additional_version_weights)
        weights[version] = w;
    o["additional_version_weights"] = std::move(weights);
    json::object strategy;
    for (auto& [version, s] : a.additional_version_strategy)
        strategy[version] = encode_strategy(s);
    o["additional_version_strategy"] = std::move(strategy);
    return o;
}

} // namespace emu::api
