#include "domain/function_store.hpp"

#include "domain/validation.hpp"

#include <algorithm>
#include <mutex>

namespace emu::domain {
namespace {

std::string name_key(std::string_view package, std::string_view name) {
    std::string k(package);
    k += ':';
    k += name;
    return k;
}

template <class T> page<T> slice(const std::vector<T>& all, const page_request& req) {
    page<T> p;
    p.total = all.size();
    if (req.offset < all.size()) {
        auto end = std::min(all.size(), req.offset + req.limit);
        p.items.assign(all.begin() + static_cast<std::ptrdiff_t>(req.offset),
                       all.begin() + static_cast<std::ptrdiff_t>(end));
    }
    return p;
}

error not_found_for(const function_urn& urn) {
    if (urn.is_alias())
        return make_error(errc::alias_not_found, "function_urn",
                          "alias '" + urn.qualifier.substr(1) + "' of function " +
                              urn.unqualified() + " does not exist");
    return make_error(errc::version_not_found, "function_urn",
                      "version '" + urn.qualifier + "' of function " + urn.unqualified() +
                          " does not exist");
}

} // namespace

std::string function_record::func_urn() const {
    return "urn:fss:" + region + ":" + project_id + ":function:" + package + ":" + func_name +
           ":latest";
}

const function_store::function_entry* function_store::find(std::string_view project,
                                                            const function_urn& urn,
                                                            const behaviour& b,
                                                            error& err) const {
    if (urn.project_id != project) {
        // Emulation: a URN naming another project than the path; the spec leaves the
        // answer open (G), the switch urn_project_mismatch picks it.
        err = b.urn_project == urn_mismatch::bad_request
                  ? make_error(errc::urn_project_mismatch, "function_urn",
                               "its project '" + urn.project_id +
                                   "' differs from the path's project '" +
                                   std::string(project) + "'")
                  : make_error(errc::function_not_found, "function_urn",
                               "function " + urn.unqualified() + " does not exist in project " +
                                   std::string(project));
        return nullptr;
    }
    auto p = projects_.find(project);
    const function_entry* e = nullptr;
    if (p != projects_.end()) {
        auto f = p->second.by_name.find(name_key(urn.package, urn.function_name));
        if (f != p->second.by_name.end())
            e = f->second;
    }
    if (!e) {
        err = make_error(errc::function_not_found, "function_urn",
                         "function " + urn.unqualified() + " does not exist");
        return nullptr;
    }
    if (!urn.is_latest()) {
        err = not_found_for(urn);
        return nullptr;
    }
    return e;
}

function_store::function_entry* function_store::find(std::string_view project,
                                                      const function_urn& urn,
                                                      const behaviour& b, error& err) {
    return const_cast<function_entry*>(std::as_const(*this).find(project, urn, b, err));
}

result<function_record> function_store::create_function(std::string_view project,
                                                        std::string_view region,
                                                        function_record rec,
                                                        const behaviour& b, time_point now) {
    rec.project_id = project;
    rec.region = region;
    rec.created = rec.last_modified = now;
    rec.func_id = ids_.uuid();
    std::unique_lock lock(mutex_);
    auto& state = projects_[std::string(project)];
    if (state.functions.size() >= static_cast<std::size_t>(b.function_quota) &&
        !state.by_name.count(name_key(rec.package, rec.func_name)))
        return make_error(errc::function_quota_exceeded, "func_name",
                          "project " + std::string(project) + " already has " +
                              std::to_string(state.functions.size()) +
                              " functions, the quota is " + std::to_string(b.function_quota) +
                              " (switch function_quota)");
    if (auto r = insert_locked(state, rec); !r)
        return r.error();
    return rec;
}

result<void> function_store::insert_locked(project_state& state, const function_record& rec) {
    auto key = name_key(rec.package, rec.func_name);
    if (state.by_name.count(key))
        return make_error(errc::function_exists, "func_name",
                          "function " + rec.func_urn() + " already exists");
    auto entry = std::make_unique<function_entry>();
    entry->record = rec;
    state.by_name.emplace(std::move(key), entry.get());
    state.functions.push_back(std::move(entry));
    return {};
}

result<void> function_store::insert_function(std::string_view project, function_record rec) {
    rec.project_id = project;
    std::unique_lock lock(mutex_);
    return insert_locked(projects_[std::string(project)], rec);
}

result<void> function_store::insert_config(std::string_view project, const function_urn& urn,
                                           async_invoke_config config) {
    std::unique_lock lock(mutex_);
    error err;
    auto* e = find(project, urn, behaviour{}, err);
    if (!e)
        return err;
    config.func_urn = e->record.func_urn();
    for (auto& c : e->configs)
        if (c.first == urn.qualifier) {
            c.second = std::move(config);
            return {};
        }
    e->configs.emplace_back(urn.qualifier, std::move(config));
    return {};
}

std::vector<function_snapshot> function_store::export_project(std::string_view project) const {
    std::vector<function_snapshot> out;
    std::shared_lock lock(mutex_);
    if (auto p = projects_.find(project); p != projects_.end())
        for (auto& e : p->second.functions)
            out.push_back({e->record, e->configs});
    return out;
}

std::vector<std::string> function_store::projects() const {
    std::vector<std::string> out;
    std::shared_lock lock(mutex_);
    for (auto& [name, state] : projects_)
        if (!state.functions.empty())
            out.push_back(name);
    return out;
}

void function_store::reset_configs(std::optional<std::string_view> project) {
    std::unique_lock lock(mutex_);
    for (auto& [name, state] : projects_)
        if (!project || name == *project)
            for (auto& e : state.functions)
                e->configs.clear();
}

result<function_record> function_store::get_function(std::string_view project,
                                                     const function_urn& urn,
                                                     const behaviour& b) const {
    std::shared_lock lock(mutex_);
    error err;
    if (auto* e = find(project, urn, b, err))
        return e->record;
    return err;
}

page<function_record> function_store::list_functions(std::string_view project,
                                                     const page_request& req) const {
    std::vector<function_record> all;
    std::shared_lock lock(mutex_);
    if (auto p = projects_.find(project); p != projects_.end())
        for (auto& e : p->second.functions)
            all.push_back(e->record);
    lock.unlock();
    return slice(all, req);
}

result<void> function_store::delete_function(std::string_view project, const function_urn& urn,
                                             const behaviour& b) {
    std::unique_lock lock(mutex_);
    error err;
    auto* e = find(project, urn, b, err);
    if (!e)
        return err;
    // Emulation: D23 — an unqualified URN (or :latest) deletes the whole function here;
    // published versions arrive with the versions issue.
    auto& state = projects_.find(project)->second;
    state.by_name.erase(name_key(urn.package, urn.function_name));
    std::erase_if(state.functions, [e](auto& p) { return p.get() == e; });
    return {};
}

result<async_invoke_config> function_store::put_config(std::string_view project,
                                                       const function_urn& urn,
                                                       const config_input& in,
                                                       const behaviour& b, time_point now) {
    std::unique_lock lock(mutex_);
    error err;
    auto* e = find(project, urn, b, err);
    if (!e)
        return err;
    auto it = std::find_if(e->configs.begin(), e->configs.end(),
                           [&](auto& c) { return c.first == urn.qualifier; });
    std::optional<async_invoke_config> existing;
    if (it != e->configs.end())
        existing = it->second;
    auto built = build_config(in, existing, b, urn_defaults{project, urn.region},
                              e->record.func_urn(), now);
    if (!built)
        return built.error();
    if (it != e->configs.end())
        it->second = *built;
    else
        e->configs.emplace_back(urn.qualifier, *built);
    return built;
}

result<async_invoke_config> function_store::get_config(std::string_view project,
                                                       const function_urn& urn,
                                                       const behaviour& b) const {
    std::shared_lock lock(mutex_);
    error err;
    auto* e = find(project, urn, b, err);
    if (!e)
        return err;
    for (auto& [qualifier, config] : e->configs)
        if (qualifier == urn.qualifier)
            return config;
    // Emulation: the spec does not say what GET of an unset config answers (G).
    if (b.no_config == missing_config::defaults) {
        auto c = default_config(b, e->record.func_urn());
        c.created_time = c.last_modified = e->record.created;
        return c;
    }
    return make_error(errc::config_not_found, "function_urn",
                      "function " + urn.full() + " has no async invoke config");
}

result<void> function_store::delete_config(std::string_view project, const function_urn& urn,
                                           const behaviour& b) {
    std::unique_lock lock(mutex_);
    error err;
    auto* e = find(project, urn, b, err);
    if (!e)
        return err;
    auto n = std::erase_if(e->configs, [&](auto& c) { return c.first == urn.qualifier; });
    // Emulation: deleting an unset config is undocumented (G); see switch missing_config.
    if (n == 0 && b.no_config == missing_config::not_found)
        return make_error(errc::config_not_found, "function_urn",
                          "function " + urn.full() + " has no async invoke config");
    return {};
}

result<page<async_invoke_config>> function_store::list_configs(std::string_view project,
                                                               const function_urn& urn,
                                                               const behaviour& b,
                                                               const page_request& req) const {
    function_urn head = urn;
    head.qualifier = "latest"; // the list covers every qualifier of the function
    std::vector<async_invoke_config> all;
    std::shared_lock lock(mutex_);
    error err;
    auto* e = find(project, head, b, err);
    if (!e)
        return err;
    for (auto& c : e->configs)
        all.push_back(c.second);
    lock.unlock();
    return slice(all, req);
}

void function_store::reset() {
    std::unique_lock lock(mutex_);
    projects_.clear();
}

void function_store::reset_project(std::string_view project) {
    std::unique_lock lock(mutex_);
    if (auto p = projects_.find(project); p != projects_.end())
        projects_.erase(p);
}

} // namespace emu::domain
