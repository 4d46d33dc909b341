#pragma once
// Published versions and aliases of a function (spec §10.5, §10.6, D21, D23), and what a
// URN's qualifier resolves to. Member names equal the JSON keys of the documentation.
#include "domain/async_invoke_config.hpp"
#include "domain/clock.hpp"
#include "domain/function.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace emu::domain {

/// A published version: an immutable copy of latest at publish time.
struct function_version {
    std::string version;     ///< its name; "latest" when a view shows the mutable head
    std::string description; ///< version_description
    function_record record;  ///< the function as published; last_modified = publish time
    friend bool operator==(const function_version&, const function_version&) = default;
};

/// VersionStrategyRules: one rule of rule-based traffic shifting. Every field is optional
/// in the documentation.
struct version_rule {
    std::optional<std::string> rule_type; ///< Header (sdk: header, cookie; switch alias_rule_types)
    std::optional<std::string> param;     ///< letters, digits, '_' and '-'
    std::optional<std::string> op;        ///< "=" or "in"
    std::optional<std::string> value;     ///< comma-separated values when op is "in"
    friend bool operator==(const version_rule&, const version_rule&) = default;
};

/// VersionStrategy: rules and how they combine.
struct version_strategy {
    std::optional<std::string> combine_type; ///< "and" or "or"
    std::optional<std::vector<version_rule>> rules;
    friend bool operator==(const version_strategy&, const version_strategy&) = default;
};

/// An alias: a name for latest or a published version, with optional traffic shifting.
struct function_alias {
    std::string name;
    std::string version; ///< "latest" or a published version name
    std::string description;
    std::map<std::string, std::int64_t> additional_version_weights;
    std::map<std::string, version_strategy> additional_version_strategy;
    time_point created;
    time_point last_modified;
    std::string alias_urn; ///< set by the store: the function's unqualified URN + ":!" + name
    /// The additional versions (keys of both maps) this alias shifts traffic to.
    std::vector<std::string> additional_versions() const {
        std::vector<std::string> out;
        for (auto& [v, w] : additional_version_weights)
            out.push_back(v);
        for (auto& [v, s] : additional_version_strategy)
            out.push_back(v);
        return out;
    }
    friend bool operator==(const function_alias&, const function_alias&) = default;
};

/// A POST/PUT aliases body after JSON type checks; every field optional.
struct alias_input {
    std::optional<std::string> name; ///< POST only (PUT names it in the path)
    std::optional<std::string> version;
    std::optional<std::string> description;
    std::optional<std::map<std::string, std::int64_t>> additional_version_weights;
    std::optional<std::map<std::string, version_strategy>> additional_version_strategy;
    sent_integers sent; ///< weights that did not fit in 64 bits, as sent
};

/// A POST versions body after JSON type checks.
struct publish_input {
    std::optional<std::string> digest;
    std::optional<std::string> version;
    std::optional<std::string> description;
};

/// What a URN's qualifier names.
enum class qualifier_kind { latest, version, alias };

/// A qualifier resolved against a function.
struct resolved_qualifier {
    qualifier_kind kind = qualifier_kind::latest;
    std::string qualifier = "latest"; ///< "latest", a version name or "!alias": the config key
    std::string version = "latest";   ///< the version it runs (an alias: the one it points at)
    friend bool operator==(const resolved_qualifier&, const resolved_qualifier&) = default;
};

/// One qualifier as seen by GET versions / publish: the version and its own config.
struct version_view {
    function_version version;
    std::optional<async_invoke_config> config;
};

} // namespace emu::domain
