// function_store: export of a project and the exact re-insertion of what was exported (the
// state document, api/snapshot.cpp and api/fixture_loader.cpp).
#include "domain/function_store.hpp"

#include "domain/store_support.hpp"

#include <mutex>

namespace emu::domain {

result<void> function_store::insert_function(std::string_view project, function_record rec) {
    rec.project_id = project;
    std::unique_lock lock(mutex_);
    return insert_locked(projects_[std::string(project)], rec);
}

result<void> function_store::insert_version(std::string_view project, const function_urn& urn,
                                            function_version version) {
    std::unique_lock lock(mutex_);
    error err;
    auto* e = find_function(project, urn, switches{}, err);
    if (!e)
        return err;
    if (version.version == "latest" || e->version(version.version))
        return make_error(errc::version_exists, "version",
                          "version '" + version.version + "' of function " +
                              e->record.unqualified_urn() + " already exists");
    // The identity of a version is its function's.
    version.record.func_id = e->record.func_id;
    version.record.region = e->record.region;
    version.record.project_id = e->record.project_id;
    version.record.package = e->record.package;
    version.record.func_name = e->record.func_name;
    e->versions.push_back(std::move(version));
    return {};
}

result<void> function_store::insert_alias(std::string_view project, const function_urn& urn,
                                          function_alias alias) {
    std::unique_lock lock(mutex_);
    error err;
    auto* e = find_function(project, urn, switches{}, err);
    if (!e)
        return err;
    if (e->alias(alias.name))
        return make_error(errc::alias_exists, "name",
                          "alias '" + alias.name + "' of function " + e->record.unqualified_urn() +
                              " already exists");
    switches lenient;
    lenient.unique_alias_version = false; // a snapshot is restored as it was
    if (auto r = check_alias_versions(*e, alias, lenient); !r)
        return r;
    alias.alias_urn = e->record.func_urn("!" + alias.name);
    e->aliases.push_back(std::move(alias));
    return {};
}

result<void> function_store::insert_config(std::string_view project, const function_urn& urn,
                                           async_invoke_config config) {
    std::unique_lock lock(mutex_);
    error err;
    resolved_qualifier q;
    auto* e = find(project, urn, switches{}, err, q);
    if (!e)
        return err;
    for (auto& c : e->configs)
        if (c.first == q.qualifier) {
            c.second = stored_config(std::move(config), last_rare_);
            return {};
        }
    e->configs.emplace_back(q.qualifier, stored_config(std::move(config), last_rare_));
    return {};
}

function_store::frozen function_store::freeze() const {
    frozen out;
    std::shared_lock lock(mutex_);
    for (auto& [name, state] : projects_)
        if (!state.functions.empty())
            out.projects_.emplace(name, std::vector<std::shared_ptr<const function_entry>>(
                                            state.functions.begin(), state.functions.end()));
    return out;
}

std::vector<function_snapshot>
function_store::frozen::export_project(std::string_view project) const {
    std::vector<function_snapshot> out;
    if (auto p = projects_.find(project); p != projects_.end())
        for (auto& e : p->second)
            out.push_back(e->snapshot());
    return out;
}

std::vector<function_snapshot> function_store::export_project(std::string_view project) const {
    std::vector<function_snapshot> out;
    std::shared_lock lock(mutex_);
    if (auto p = projects_.find(project); p != projects_.end())
        for (auto& e : p->second.functions)
            out.push_back(e->snapshot());
    return out;
}

} // namespace emu::domain
