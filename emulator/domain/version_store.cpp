// function_store: changes of latest (code, metadata) and published versions (spec §10.5,
// D21). Versions are immutable copies of latest; only latest changes.
#include "domain/function_store.hpp"

#include "domain/store_support.hpp"
#include "domain/validation.hpp"

#include <mutex>

namespace emu::domain {
namespace {

/// The error of a change aimed at another qualifier than latest.
// Emulation: G — only latest can change: versions are immutable, and an alias would change
// the version it points at.
error only_latest(const function_urn& urn, std::string_view rule) {
    std::string named = urn.is_alias() ? "alias '" + urn.qualifier.substr(1) + "'"
                                       : "version '" + urn.qualifier + "'";
    return make_error(errc::not_latest, "function_urn",
                      std::string(rule) + "; " + urn.full() + " names " + named + " (use " +
                          urn.unqualified() + ")");
}

} // namespace

result<function_record> function_store::update_latest(
    std::string_view project, const function_urn& urn, const function_input& in, const switches& b,
    time_point now, const char* what,
    result<function_record> (*apply)(const function_input&, const function_record&)) {
    std::unique_lock lock(mutex_);
    error err;
    resolved_qualifier q;
    auto* e = find(project, urn, b, err, q);
    if (!e)
        return err;
    if (q.kind != qualifier_kind::latest)
        return only_latest(urn, std::string("only the ") + what + " of latest can be changed");
    auto updated = apply(in, e->record);
    if (!updated)
        return updated.error();
    updated->last_modified = now;
    e->record = *updated;
    return updated;
}

result<function_record> function_store::update_function_code(std::string_view project,
                                                             const function_urn& urn,
                                                             const function_input& in,
                                                             const switches& b, time_point now) {
    return update_latest(project, urn, in, b, now, "code", apply_function_code);
}

result<function_record> function_store::update_function_config(std::string_view project,
                                                               const function_urn& urn,
                                                               const function_input& in,
                                                               const switches& b, time_point now) {
    return update_latest(project, urn, in, b, now, "metadata", apply_function_config);
}

result<version_view> function_store::publish_version(std::string_view project,
                                                     const function_urn& urn,
                                                     const publish_input& in, const switches& b,
                                                     time_point now) {
    std::unique_lock lock(mutex_);
    error err;
    resolved_qualifier q;
    auto* e = find(project, urn, b, err, q);
    if (!e)
        return err;
    if (q.kind != qualifier_kind::latest)
        return only_latest(urn, "versions are published from latest only");
    if (auto r = check_publish_input(in); !r)
        return r.error();
    const std::string name = in.version ? *in.version : generated_version_name(now, b);
    const std::string& unqualified = e->record.unqualified_urn();
    // The publish page: digest absent → publish latest's current code.
    if (in.digest && *in.digest != e->record.digest)
        return make_error(errc::digest_mismatch, "digest",
                          "digest '" + in.digest->substr(0, 128) +
                              "' is not the digest of latest's code (" +
                              e->record.digest.str().substr(0, 16) + "...)");
    if (e->version(name))
        return make_error(errc::version_exists, "version",
                          "version '" + name + "' of function " + unqualified + " already exists");
    if (!e->versions.empty() && same_content(e->record, e->versions.back().record))
        return make_error(errc::nothing_to_publish, "function_urn",
                          "latest of function " + unqualified + " has not changed since version '" +
                              e->versions.back().version + "' was published");
    // Emulation: D21 — 10 versions per function on the old pages only, so the cap is the
    // strict preset's (max_versions=10); documented has none (0).
    if (b.max_versions > 0 && e->versions.size() >= static_cast<std::size_t>(b.max_versions))
        return make_error(errc::version_quota_exceeded, "function_urn",
                          "function " + unqualified + " already has " +
                              std::to_string(e->versions.size()) +
                              " versions, the most a function may have is " +
                              std::to_string(b.max_versions) + " (switch max_versions)");
    function_version v{name, in.description.value_or(""), e->record};
    v.record.created = v.record.last_modified = now;
    e->versions.push_back(v);
    // Emulation: D04 — publishing does not copy latest's async config (G); the new version
    // has none until one is PUT on it.
    return version_view{std::move(v), std::nullopt};
}

result<page<version_view>> function_store::list_versions(std::string_view project,
                                                         const function_urn& urn, const switches& b,
                                                         const page_request& req) const {
    std::vector<version_view> all;
    std::shared_lock lock(mutex_);
    error err;
    auto* e = find_function(project, urn, b, err);
    if (!e)
        return err;
    auto config_of = [&](const std::string& qualifier) {
        const stored_config* c = e->config(qualifier);
        return c ? std::optional<async_invoke_config>(e->config_of(project, qualifier, *c))
                 : std::nullopt;
    };
    all.push_back({function_version{"latest", "", e->record}, config_of("latest")});
    for (auto& v : e->versions)
        all.push_back({v, config_of(v.version)});
    lock.unlock();
    return slice(all, req);
}

} // namespace emu::domain
