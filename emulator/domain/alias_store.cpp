// function_store: aliases of a function (spec §10.6). An alias names latest or a published
// version, optionally shifting traffic to one additional published version.
#include "domain/function_store.hpp"

#include "domain/store_support.hpp"
#include "domain/validation.hpp"

#include <mutex>

namespace emu::domain {
namespace {

error bad_alias_name(const std::string& name) {
    return make_error(errc::invalid_alias_name, "alias_name",
                      "alias_name '" + name.substr(0, 80) +
                          "' must be 1-64 letters, digits, '-' or '_', start with a letter and "
                          "end with a letter or digit");
}

} // namespace

result<void> function_store::check_alias_versions(const function_entry& e, const function_alias& a,
                                                  const switches& b) {
    const std::string unqualified = e.record.unqualified_urn();
    if (a.version != "latest" && !e.version(a.version))
        return version_missing(unqualified, a.version, "version");
    for (auto& [v, w] : a.additional_version_weights)
        if (!e.version(v))
            return version_missing(unqualified, v, "additional_version_weights");
    for (auto& [v, s] : a.additional_version_strategy)
        if (!e.version(v))
            return version_missing(unqualified, v, "additional_version_strategy");
    // Emulation: G — spec §10.6: FSS.1066 "version used by another alias", the intl user guide
    // ("Only one alias can be created for each version") and Terraform (one alias per
    // version) make a version's alias unique; switch unique_alias_version=false lifts it.
    if (b.unique_alias_version)
        for (auto& other : e.aliases)
            if (other.name != a.name && other.version == a.version)
                return make_error(errc::version_in_use, "version",
                                  "version '" + a.version + "' already has alias '" + other.name +
                                      "' (switch unique_alias_version=true)");
    return {};
}

result<function_alias> function_store::create_alias(std::string_view project,
                                                    const function_urn& urn, const alias_input& in,
                                                    const switches& b, time_point now) {
    auto built = build_alias(in, std::nullopt, b);
    if (!built)
        return built.error();
    std::unique_lock lock(mutex_);
    error err;
    auto* e = find_function(project, urn, b, err);
    if (!e)
        return err;
    if (e->alias(built->name))
        return make_error(errc::alias_exists, "name",
                          "alias '" + built->name + "' of function " + e->record.unqualified_urn() +
                              " already exists");
    if (auto r = check_alias_versions(*e, *built, b); !r)
        return r.error();
    // Emulation: G — spec §10.6: the user guides allow 10 aliases per function (switch
    // max_aliases).
    if (e->aliases.size() >= static_cast<std::size_t>(b.max_aliases))
        return make_error(errc::alias_quota_exceeded, "name",
                          "function " + e->record.unqualified_urn() + " already has " +
                              std::to_string(e->aliases.size()) +
                              " aliases, the most a function may have is " +
                              std::to_string(b.max_aliases) + " (switch max_aliases)");
    built->created = built->last_modified = now;
    built->alias_urn = e->record.func_urn("!" + built->name);
    e->aliases.push_back(*built);
    return built;
}

result<function_alias> function_store::get_alias(std::string_view project, const function_urn& urn,
                                                 const std::string& name, const switches& b) const {
    if (!is_valid_alias_name(name))
        return bad_alias_name(name);
    std::shared_lock lock(mutex_);
    error err;
    auto* e = find_function(project, urn, b, err);
    if (!e)
        return err;
    if (auto* a = e->alias(name))
        return *a;
    return alias_missing(e->record.unqualified_urn(), name, "alias_name");
}

result<function_alias> function_store::update_alias(std::string_view project,
                                                    const function_urn& urn,
                                                    const std::string& name, const alias_input& in,
                                                    const switches& b, time_point now) {
    if (!is_valid_alias_name(name))
        return bad_alias_name(name);
    std::unique_lock lock(mutex_);
    error err;
    auto* e = find_function(project, urn, b, err);
    if (!e)
        return err;
    function_alias* a = e->alias(name);
    if (!a)
        return alias_missing(e->record.unqualified_urn(), name, "alias_name");
    // Emulation: G — PUT replaces the alias (omitted description and maps become empty).
    auto built = build_alias(in, name, b);
    if (!built)
        return built.error();
    if (auto r = check_alias_versions(*e, *built, b); !r)
        return r.error();
    built->created = a->created;
    built->last_modified = now;
    built->alias_urn = a->alias_urn;
    *a = *built;
    return built;
}

result<void> function_store::delete_alias(std::string_view project, const function_urn& urn,
                                          const std::string& name, const switches& b) {
    if (!is_valid_alias_name(name))
        return bad_alias_name(name);
    std::unique_lock lock(mutex_);
    error err;
    auto* e = find_function(project, urn, b, err);
    if (!e)
        return err;
    if (!e->alias(name))
        return alias_missing(e->record.unqualified_urn(), name, "alias_name");
    std::erase_if(e->aliases, [&](auto& a) { return a.name == name; });
    e->erase_config("!" + name);
    return {};
}

result<std::vector<function_alias>> function_store::list_aliases(std::string_view project,
                                                                 const function_urn& urn,
                                                                 const switches& b) const {
    std::shared_lock lock(mutex_);
    error err;
    auto* e = find_function(project, urn, b, err);
    if (!e)
        return err;
    return e->aliases;
}

} // namespace emu::domain
