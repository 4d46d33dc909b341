// function_store: the async-invoke-configs of a function's qualifiers (spec §1-§4). A config
// belongs to exactly the qualifier its URN names: latest, a version or an alias.
#include "domain/function_store.hpp"

#include "domain/validation.hpp"

#include <algorithm>
#include <mutex>

namespace emu::domain {

result<async_invoke_config> function_store::put_config(std::string_view project,
                                                       const function_urn& urn,
                                                       const config_input& in, const switches& b,
                                                       time_point now) {
    if (b.put_mode == update_mode::replace) {
        // Replaced, the new config needs nothing of the stored one but its created_time: it
        // is built and validated before the exclusive lock, which both I/O threads want on
        // every PUT (held through the validation, it made them sleep on each other).
        auto built = build_config(in, nullptr, b, urn_defaults{project, urn.region}, {}, now);
        std::unique_lock lock(mutex_);
        error err;
        resolved_qualifier q;
        auto* e = find(project, urn, b, err, q);
        if (!e)
            return err; // an unknown function is reported before an invalid body
        if (!built)
            return built.error();
        built->func_urn = e->record.func_urn(q.qualifier);
        auto it = std::find_if(e->configs.begin(), e->configs.end(),
                               [&](auto& c) { return c.first == q.qualifier; });
        if (it != e->configs.end()) {
            built->created_time = it->second.created_time;
            it->second = stored_config(*built, last_rare_);
        } else {
            e->configs.emplace_back(q.qualifier, stored_config(*built, last_rare_));
        }
        return built;
    }
    std::unique_lock lock(mutex_);
    error err;
    resolved_qualifier q;
    auto* e = find(project, urn, b, err, q);
    if (!e)
        return err;
    auto it = std::find_if(e->configs.begin(), e->configs.end(),
                           [&](auto& c) { return c.first == q.qualifier; });
    std::optional<async_invoke_config> existing;
    if (it != e->configs.end())
        existing = e->config_of(project, it->first, it->second);
    auto built =
        build_config(in, existing ? &*existing : nullptr, b, urn_defaults{project, urn.region},
                     e->record.func_urn(q.qualifier), now);
    if (!built)
        return built.error();
    if (it != e->configs.end())
        it->second = stored_config(*built, last_rare_);
    else
        e->configs.emplace_back(q.qualifier, stored_config(*built, last_rare_));
    return built;
}

result<async_invoke_config> function_store::get_config(std::string_view project,
                                                       const function_urn& urn,
                                                       const switches& b) const {
    std::shared_lock lock(mutex_);
    error err;
    resolved_qualifier q;
    auto* e = find(project, urn, b, err, q);
    if (!e)
        return err;
    if (auto* c = e->config(q.qualifier))
        return e->config_of(project, q.qualifier, *c);
    // Emulation: G — the spec does not say what GET of an unset config answers.
    if (b.missing_config == missing_config::defaults) {
        auto c = default_config(b, e->record.func_urn(q.qualifier));
        c.created_time = c.last_modified = e->record.created;
        return c;
    }
    return make_error(errc::config_not_found, "function_urn",
                      "function " + urn.full() + " has no async invoke config");
}

result<void> function_store::delete_config(std::string_view project, const function_urn& urn,
                                           const switches& b) {
    std::unique_lock lock(mutex_);
    error err;
    resolved_qualifier q;
    auto* e = find(project, urn, b, err, q);
    if (!e)
        return err;
    const auto removed = std::remove_if(e->configs.begin(), e->configs.end(),
                                        [&](auto& c) { return c.first == q.qualifier; });
    const auto n = e->configs.end() - removed;
    e->configs.erase(removed, e->configs.end());
    // Emulation: G — deleting an unset config is undocumented; see switch missing_config.
    if (n == 0 && b.missing_config == missing_config::not_found)
        return make_error(errc::config_not_found, "function_urn",
                          "function " + urn.full() + " has no async invoke config");
    return {};
}

result<page<async_invoke_config>> function_store::list_configs(std::string_view project,
                                                               const function_urn& urn,
                                                               const switches& b,
                                                               const page_request& req) const {
    std::vector<async_invoke_config> all;
    std::shared_lock lock(mutex_);
    error err;
    // The list covers every qualifier of the function, whatever the URN's qualifier.
    auto* e = find_function(project, urn, b, err);
    if (!e)
        return err;
    // Stable order (first configured first): walking marker/limit sees each config once.
    all.reserve(e->configs.size());
    for (auto& [qualifier, c] : e->configs)
        all.push_back(e->config_of(project, qualifier, c));
    lock.unlock();
    return slice(all, req);
}

void function_store::reset_configs(std::optional<std::string_view> project) {
    std::unique_lock lock(mutex_);
    for (auto& [name, state] : projects_)
        if (!project || name == *project)
            for (auto& slot : state.by_name)
                if (!slot.entry->configs.empty())
                    detach(slot)->configs.clear();
}

} // namespace emu::domain
