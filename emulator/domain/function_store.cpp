// function_store: functions, URN resolution and deletion. Versions and code/metadata updates
// are in version_store.cpp, aliases in alias_store.cpp, configs in config_store.cpp,
// snapshot import/export in store_snapshot.cpp.
#include "domain/function_store.hpp"

#include "domain/store_support.hpp"

#include <algorithm>
#include <iterator>
#include <mutex>

namespace emu::domain {

std::string function_record::unqualified_urn() const {
    return compose_urn(region, project_id, package, func_name);
}

std::string function_record::func_urn(std::string_view qualifier) const {
    return compose_urn(region, project_id, package, func_name, qualifier);
}

// ---- function_entry -------------------------------------------------------------------

const function_version* function_store::function_entry::version(std::string_view name) const {
    for (auto& v : versions)
        if (v.version == name)
            return &v;
    return nullptr;
}

const function_alias* function_store::function_entry::alias(std::string_view name) const {
    for (auto& a : aliases)
        if (a.name == name)
            return &a;
    return nullptr;
}

function_alias* function_store::function_entry::alias(std::string_view name) {
    return const_cast<function_alias*>(std::as_const(*this).alias(name));
}

function_store::stored_config::stored_config(async_invoke_config c,
                                             std::shared_ptr<const rare_parts>& last)
    : max_async_event_age_in_seconds(c.max_async_event_age_in_seconds),
      max_async_retry_attempts(c.max_async_retry_attempts), created_time(c.created_time),
      last_modified(c.last_modified), enable_async_status_log(c.enable_async_status_log) {
    if (c.destination_config.empty() && !c.log_group_id && !c.log_stream_id && !c.log_group_name &&
        !c.log_stream_name)
        return;
    rare_parts parts{std::move(c.destination_config), std::move(c.log_group_id),
                     std::move(c.log_stream_id), std::move(c.log_group_name),
                     std::move(c.log_stream_name)};
    if (!last || !(*last == parts))
        last = std::make_shared<const rare_parts>(std::move(parts));
    rare = last;
}

async_invoke_config function_store::stored_config::unpack(std::string func_urn) const {
    async_invoke_config c;
    c.func_urn = std::move(func_urn);
    c.max_async_event_age_in_seconds = max_async_event_age_in_seconds;
    c.max_async_retry_attempts = max_async_retry_attempts;
    c.enable_async_status_log = enable_async_status_log;
    c.created_time = created_time;
    c.last_modified = last_modified;
    if (rare) {
        c.destination_config = rare->destination_config;
        c.log_group_id = rare->log_group_id;
        c.log_stream_id = rare->log_stream_id;
        c.log_group_name = rare->log_group_name;
        c.log_stream_name = rare->log_stream_name;
    }
    return c;
}

async_invoke_config function_store::function_entry::config_of(std::string_view project,
                                                              const std::string& qualifier,
                                                              const stored_config& c) const {
    return c.unpack(
        compose_urn(record.region, project, record.package, record.func_name, qualifier));
}

function_snapshot function_store::function_entry::snapshot() const {
    function_snapshot s{record, versions, aliases, {}};
    s.configs.reserve(configs.size());
    for (auto& [q, c] : configs)
        s.configs.emplace_back(q, config_of(record.project_id, q, c));
    return s;
}

const function_store::stored_config*
function_store::function_entry::config(std::string_view qualifier) const {
    for (auto& [q, c] : configs)
        if (q == qualifier)
            return &c;
    return nullptr;
}

void function_store::function_entry::erase_config(std::string_view qualifier) {
    configs.erase(std::remove_if(configs.begin(), configs.end(),
                                 [&](auto& c) { return c.first == qualifier; }),
                  configs.end());
}

std::size_t function_store::name_hash::operator()(name_ref n) const {
    std::size_t h = std::hash<std::string_view>{}(n.package);
    return h ^
           (std::hash<std::string_view>{}(n.name) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2));
}

std::size_t function_store::name_hash::operator()(const name_slot& s) const {
    return (*this)(name_ref{s.entry->record.package, s.entry->record.func_name});
}

bool function_store::name_equal::operator()(name_ref a, const name_slot& b) const noexcept {
    return a.name == b.entry->record.func_name && a.package == b.entry->record.package;
}

bool function_store::name_equal::operator()(const name_slot& a, name_ref b) const noexcept {
    return (*this)(b, a);
}

bool function_store::name_equal::operator()(const name_slot& a, const name_slot& b) const noexcept {
    return (*this)(name_ref{a.entry->record.package, a.entry->record.func_name}, b);
}

// ---- lookup ---------------------------------------------------------------------------

const function_store::name_slot* function_store::lookup(std::string_view project,
                                                        const function_urn& urn, const switches& b,
                                                        error& err) const {
    if (urn.project_id != project) {
        // Emulation: G — a URN naming another project than the path; the spec leaves the
        // answer open, the switch urn_project_mismatch picks it.
        err =
            b.urn_project_mismatch == urn_mismatch::bad_request
                ? make_error(errc::urn_project_mismatch, "function_urn",
                             "its project '" + urn.project_id +
                                 "' differs from the path's project '" + std::string(project) + "'")
                : make_error(errc::function_not_found, "function_urn",
                             "function " + urn.unqualified() + " does not exist in project " +
                                 std::string(project));
        return nullptr;
    }
    if (auto p = projects_.find(project); p != projects_.end())
        if (auto f = p->second.by_name.find(name_ref{urn.package, urn.function_name});
            f != p->second.by_name.end())
            return &*f;
    err = make_error(errc::function_not_found, "function_urn",
                     "function " + urn.unqualified() + " does not exist");
    return nullptr;
}

function_store::function_entry* function_store::detach(const name_slot& slot) {
    // Only frozen copies share entries, and they never change them: under the unique lock
    // nothing else can start sharing this one meanwhile.
    if (std::shared_ptr<function_entry>& shared = *slot.node; shared.use_count() > 1) {
        shared = std::make_shared<function_entry>(std::as_const(*shared));
        slot.entry = shared.get();
    }
    return slot.entry;
}

const function_store::function_entry* function_store::find_function(std::string_view project,
                                                                    const function_urn& urn,
                                                                    const switches& b,
                                                                    error& err) const {
    auto* slot = lookup(project, urn, b, err);
    return slot ? slot->entry : nullptr;
}

function_store::function_entry* function_store::find_function(std::string_view project,
                                                              const function_urn& urn,
                                                              const switches& b, error& err) {
    auto* slot = lookup(project, urn, b, err);
    return slot ? detach(*slot) : nullptr;
}

result<resolved_qualifier> function_store::resolve_in(const function_entry& e,
                                                      const function_urn& urn) {
    resolved_qualifier q;
    q.qualifier = urn.qualifier;
    if (urn.is_latest())
        return q;
    if (urn.is_alias()) {
        const function_alias* a = e.alias(urn.qualifier.substr(1));
        if (!a)
            return alias_missing(urn.unqualified(), urn.qualifier.substr(1));
        q.kind = qualifier_kind::alias;
        q.version = a->version;
        return q;
    }
    if (!e.version(urn.qualifier))
        return version_missing(urn.unqualified(), urn.qualifier);
    q.kind = qualifier_kind::version;
    q.version = urn.qualifier;
    return q;
}

const function_store::function_entry* function_store::find(std::string_view project,
                                                           const function_urn& urn,
                                                           const switches& b, error& err,
                                                           resolved_qualifier& q) const {
    const function_entry* e = find_function(project, urn, b, err);
    if (!e)
        return nullptr;
    auto r = resolve_in(*e, urn);
    if (!r) {
        err = r.error();
        return nullptr;
    }
    q = *r;
    return e;
}

function_store::function_entry* function_store::find(std::string_view project,
                                                     const function_urn& urn, const switches& b,
                                                     error& err, resolved_qualifier& q) {
    auto* slot = lookup(project, urn, b, err);
    if (!slot)
        return nullptr;
    auto r = resolve_in(*slot->entry, urn);
    if (!r) {
        err = r.error();
        return nullptr;
    }
    q = *r;
    return detach(*slot); // the caller changes it
}

result<resolved_qualifier> function_store::resolve(std::string_view project,
                                                   const function_urn& urn,
                                                   const switches& b) const {
    std::shared_lock lock(mutex_);
    error err;
    resolved_qualifier q;
    if (!find(project, urn, b, err, q))
        return err;
    return q;
}

// ---- functions ------------------------------------------------------------------------

result<function_record> function_store::create_function(std::string_view project,
                                                        std::string_view region,
                                                        function_record rec, const switches& b,
                                                        time_point now) {
    rec.project_id = project;
    rec.region = region;
    rec.created = rec.last_modified = now;
    rec.func_id = ids_.uuid();
    std::unique_lock lock(mutex_);
    auto& state = projects_[std::string(project)];
    if (state.functions.size() >= static_cast<std::size_t>(b.function_quota) &&
        !state.by_name.contains(name_ref{rec.package, rec.func_name}))
        return make_error(errc::function_quota_exceeded, "func_name",
                          "project " + std::string(project) + " already has " +
                              std::to_string(state.functions.size()) + " functions, the quota is " +
                              std::to_string(b.function_quota) + " (switch function_quota)");
    if (auto r = insert_locked(state, rec); !r)
        return r.error();
    return rec;
}

result<void> function_store::insert_locked(project_state& state, const function_record& rec) {
    state.functions.push_back(std::make_shared<function_entry>());
    state.functions.back()->record = rec;
    if (!state.by_name.insert({std::prev(state.functions.end()), state.functions.back().get()})
             .second) { // one hash, not two
        state.functions.pop_back();
        return make_error(errc::function_exists, "func_name",
                          "function " + rec.func_urn() + " already exists");
    }
    return {};
}

result<function_version> function_store::get_version(std::string_view project,
                                                     const function_urn& urn,
                                                     const switches& b) const {
    std::shared_lock lock(mutex_);
    error err;
    resolved_qualifier q;
    auto* e = find(project, urn, b, err, q);
    if (!e)
        return err;
    if (q.version == "latest")
        return function_version{"latest", "", e->record};
    return *e->version(q.version);
}

result<function_record> function_store::get_function(std::string_view project,
                                                     const function_urn& urn,
                                                     const switches& b) const {
    auto v = get_version(project, urn, b);
    if (!v)
        return v.error();
    return std::move(v->record);
}

page<function_record> function_store::list_functions(std::string_view project,
                                                     const page_request& req) const {
    // Only the page's records are copied: a project may hold 100k functions.
    page<function_record> p;
    std::shared_lock lock(mutex_);
    auto it = projects_.find(project);
    if (it == projects_.end())
        return p;
    const auto& functions = it->second.functions;
    p.total = functions.size();
    if (req.offset < functions.size()) {
        auto first = std::next(functions.begin(), static_cast<std::ptrdiff_t>(req.offset));
        for (; first != functions.end() && p.items.size() < req.limit; ++first)
            p.items.push_back((*first)->record);
    }
    return p;
}

void function_store::erase_function(std::string_view project, const function_entry& e) {
    auto& state = projects_.find(project)->second;
    auto slot = state.by_name.find(name_ref{e.record.package, e.record.func_name});
    const auto node = slot->node;
    state.by_name.erase(slot);
    state.functions.erase(node);
}

result<void> function_store::remove_version(function_entry& e, const std::string& name,
                                            const switches& b) {
    std::vector<std::string> main_users;
    for (auto& a : e.aliases) {
        auto extra = a.additional_versions();
        // The alias pages: "To delete the additional version of an alias, delete the alias
        // first" — under either switch value.
        if (std::find(extra.begin(), extra.end(), name) != extra.end())
            return make_error(errc::version_in_use, "function_urn",
                              "version '" + name + "' is an additional version of alias '" +
                                  a.name +
                                  "'; delete the alias or change its traffic shifting "
                                  "first");
        if (a.version == name)
            main_users.push_back(a.name);
    }
    // Emulation: D23 — the issue and the alias pages refuse; the old user guide and
    // Terraform ("deleting a function version, also deleting all aliases beneath it") cascade.
    if (!main_users.empty() && b.delete_aliased_version == aliased_version_delete::refuse)
        return make_error(errc::version_in_use, "function_urn",
                          "version '" + name + "' is the version of alias '" + main_users.front() +
                              "'; delete or repoint the alias first (switch "
                              "delete_aliased_version=refuse)");
    for (auto& alias : main_users) {
        std::erase_if(e.aliases, [&](auto& a) { return a.name == alias; });
        e.erase_config("!" + alias);
    }
    std::erase_if(e.versions, [&](auto& v) { return v.version == name; });
    e.erase_config(name);
    return {};
}

result<void> function_store::delete_function(std::string_view project, const function_urn& urn,
                                             const switches& b) {
    std::unique_lock lock(mutex_);
    error err;
    auto* e = find_function(project, urn, b, err);
    if (!e)
        return err;
    // Emulation: D23 — "7 fields mean latest" does not hold here: an unqualified URN
    // deletes the whole function with its versions, aliases and configs.
    if (!urn.qualified) {
        erase_function(project, *e);
        return {};
    }
    auto q = resolve_in(*e, urn);
    if (!q)
        return q.error();
    if (q->version == "latest")
        return make_error(errc::latest_not_deletable, "function_urn",
                          (q->kind == qualifier_kind::alias ? "alias '" + urn.qualifier.substr(1) +
                                                                  "' points at latest, and latest"
                                                            : std::string("latest")) +
                              " cannot be deleted; delete the unqualified URN " +
                              urn.unqualified() + " to remove the whole function");
    // A version, or (documented) the version an alias points at.
    return remove_version(*e, q->version, b);
}

std::vector<std::string> function_store::projects() const {
    std::vector<std::string> out;
    std::shared_lock lock(mutex_);
    for (auto& [name, state] : projects_)
        if (!state.functions.empty())
            out.push_back(name);
    return out;
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
