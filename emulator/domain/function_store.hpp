#pragma once
// The emulated service's state: functions and their async-invoke-configs, namespaced by
// project. Thread-safe: every member locks internally and returns copies; no lock is
// held while the caller serialises or does I/O.
#include "domain/async_invoke_config.hpp"
#include "domain/error.hpp"
#include "domain/function.hpp"
#include "domain/function_urn.hpp"
#include "domain/function_version.hpp"
#include "domain/ids.hpp"
#include "domain/paging.hpp"
#include "domain/switches.hpp"
#include "domain/versioned_mutex.hpp"

#include <boost/container/small_vector.hpp>
#include <boost/unordered/unordered_flat_set.hpp>

#include <algorithm>
#include <cstddef>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

namespace emu::domain {

/// A function with its versions, aliases and the configs of its qualifiers (snapshots).
struct function_snapshot {
    function_record record;
    std::vector<function_version> versions;                           ///< publish order
    std::vector<function_alias> aliases;                              ///< creation order
    std::vector<std::pair<std::string, async_invoke_config>> configs; ///< qualifier → config
};

/// One page of a list answer.
template <class T> struct page {
    std::vector<T> items;
    std::size_t total = 0;
};

/// The page of `all` that `req` asks for (offset past the end: no items).
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

class function_store {
    struct function_entry;

public:
    explicit function_store(id_generator& ids) : ids_(ids) {}

    /// Names the state of the store: it changes with every write (and is unique in the
    /// process), so an answer built from revision r stays right while revision() == r. Load
    /// it before the read the answer is built from.
    std::uint64_t revision() const { return mutex_.revision(); }

    /// The functions of every project as they were when frozen. It shares the store's entries
    /// (the store copies an entry before changing it), so holding one costs about a pointer
    /// per function. Immutable; safe to read from any thread.
    class frozen {
    public:
        /// As function_store::export_project at the moment of freezing.
        std::vector<function_snapshot> export_project(std::string_view project) const;

    private:
        friend class function_store;
        std::map<std::string, std::vector<std::shared_ptr<const function_entry>>, std::less<>>
            projects_;
    };

    /// The functions of every project now (reset ?to=start goes back to them).
    frozen freeze() const;

    /// Stores a validated function (from build_function) in `project` and assigns its id,
    /// region, project and timestamps. Errors: function_exists (409 FSS.1061),
    /// function_quota_exceeded (b.function_quota).
    result<function_record> create_function(std::string_view project, std::string_view region,
                                            function_record rec, const switches& b, time_point now);

    /// What the URN's qualifier names in its function: latest, a published version, or an
    /// alias (with the version it points at). Errors: urn_project_mismatch,
    /// function_not_found, version_not_found, alias_not_found.
    result<resolved_qualifier> resolve(std::string_view project, const function_urn& urn,
                                       const switches& b) const;

    /// The function record the URN's qualifier runs (an alias: its version's). Errors: as
    /// resolve.
    result<function_record> get_function(std::string_view project, const function_urn& urn,
                                         const switches& b) const;

    /// As get_function, with the version's name and description ("latest", "" for latest).
    result<function_version> get_version(std::string_view project, const function_urn& urn,
                                         const switches& b) const;

    /// Functions of a project ordered by creation, one page of them (their latest).
    page<function_record> list_functions(std::string_view project, const page_request& req) const;

    /// DELETE …/{urn} (D23): an unqualified URN removes the function with its versions,
    /// aliases and configs; a version (or an alias: the version it points at) removes that
    /// version and its config. Errors: as resolve, latest_not_deletable (latest itself, or an
    /// alias of latest), version_in_use (an alias points at it; switch
    /// delete_aliased_version=cascade removes the aliases whose version it is instead).
    result<void> delete_function(std::string_view project, const function_urn& urn,
                                 const switches& b);

    /// PUT …/code and PUT …/config: applies the body to latest with create's rules and
    /// sets last_modified. Errors: as resolve, not_latest (another qualifier), and the
    /// validation errors of apply_function_code / apply_function_config.
    result<function_record> update_function_code(std::string_view project, const function_urn& urn,
                                                 const function_input& in, const switches& b,
                                                 time_point now);
    result<function_record> update_function_config(std::string_view project,
                                                   const function_urn& urn,
                                                   const function_input& in, const switches& b,
                                                   time_point now);

    /// POST …/versions: publishes latest as a new version (name given or generated per
    /// version_name_style). The new version has no config. Errors: as resolve, not_latest,
    /// invalid_version_name, invalid_format, digest_mismatch, version_exists,
    /// nothing_to_publish (latest equals the last published version), version_quota_exceeded
    /// (switch max_versions).
    result<version_view> publish_version(std::string_view project, const function_urn& urn,
                                         const publish_input& in, const switches& b,
                                         time_point now);

    /// GET …/versions: latest first, then the versions in publish order, each with its own
    /// config; one page. The URN's qualifier is not looked at. Errors: function_not_found,
    /// urn_project_mismatch.
    result<page<version_view>> list_versions(std::string_view project, const function_urn& urn,
                                             const switches& b, const page_request& req) const;

    /// POST …/aliases. Errors: function_not_found, the errors of build_alias, alias_exists,
    /// version_not_found (version or an additional version), version_in_use (switch
    /// unique_alias_version), alias_quota_exceeded (switch max_aliases).
    result<function_alias> create_alias(std::string_view project, const function_urn& urn,
                                        const alias_input& in, const switches& b, time_point now);

    /// GET / PUT / DELETE …/aliases/{name}. Errors: function_not_found, invalid_alias_name,
    /// alias_not_found; PUT also as create_alias (but alias_exists and the quota).
    /// DELETE removes the alias's config too.
    result<function_alias> get_alias(std::string_view project, const function_urn& urn,
                                     const std::string& name, const switches& b) const;
    result<function_alias> update_alias(std::string_view project, const function_urn& urn,
                                        const std::string& name, const alias_input& in,
                                        const switches& b, time_point now);
    result<void> delete_alias(std::string_view project, const function_urn& urn,
                              const std::string& name, const switches& b);

    /// GET …/aliases: every alias of the function in creation order.
    result<std::vector<function_alias>>
    list_aliases(std::string_view project, const function_urn& urn, const switches& b) const;

    /// Validates `in` and stores the config of exactly the URN's qualifier — latest, a version
    /// or an alias each have their own (replace or merge per b.put_mode); returns the stored
    /// config. Errors: as resolve, and build_config's. The stored config is unchanged on error.
    result<async_invoke_config> put_config(std::string_view project, const function_urn& urn,
                                           const config_input& in, const switches& b,
                                           time_point now);

    /// The config of the URN's qualifier. Errors: as get_function, config_not_found
    /// (unless b.no_config == defaults, which answers default_config).
    result<async_invoke_config> get_config(std::string_view project, const function_urn& urn,
                                           const switches& b) const;

    /// Removes the config of the URN's qualifier. Errors: as get_config.
    result<void> delete_config(std::string_view project, const function_urn& urn,
                               const switches& b);

    /// The configs of every qualifier of the URN's function (whatever qualifier the URN
    /// names; it is not looked up), in the order first configured, one page.
    result<page<async_invoke_config>> list_configs(std::string_view project,
                                                   const function_urn& urn, const switches& b,
                                                   const page_request& req) const;

    /// Stores a complete record as given (id, region, timestamps kept): snapshot import.
    /// Errors: function_exists.
    result<void> insert_function(std::string_view project, function_record rec);

    /// Stores a complete version / alias as given (timestamps kept): snapshot import.
    /// Errors: function_not_found, version_exists / alias_exists, version_not_found (an
    /// alias's versions must exist).
    result<void> insert_version(std::string_view project, const function_urn& urn,
                                function_version version);
    result<void> insert_alias(std::string_view project, const function_urn& urn,
                              function_alias alias);

    /// Stores a complete config as given (timestamps kept) for the URN's qualifier.
    /// Errors: function_not_found, version_not_found, alias_not_found.
    result<void> insert_config(std::string_view project, const function_urn& urn,
                               async_invoke_config config);

    /// Every function of a project with its versions, aliases and configs, in creation order.
    std::vector<function_snapshot> export_project(std::string_view project) const;

    /// Projects that hold any function, in name order.
    std::vector<std::string> projects() const;

    /// Removes everything, or everything of one project.
    void reset();
    void reset_project(std::string_view project);
    /// Removes every async-invoke-config (of all projects, or of one), keeping functions.
    void reset_configs(std::optional<std::string_view> project = std::nullopt);

private:
    /// A config as an entry keeps it: its func_urn is the function's URN with the qualifier
    /// (built on the way out), and the parts rarely set are shared out of line (immutable).
    struct stored_config {
        struct rare_parts {
            async_destination_config destination_config;
            std::optional<std::string> log_group_id, log_stream_id, log_group_name, log_stream_name;
            friend bool operator==(const rare_parts&, const rare_parts&) = default;
        };
        std::int64_t max_async_event_age_in_seconds = 0;
        std::int64_t max_async_retry_attempts = 0;
        time_point created_time;
        time_point last_modified;
        std::optional<bool> enable_async_status_log;
        std::shared_ptr<const rare_parts> rare; ///< null: none of them set

        /// `last`: the block of the config stored before; equal parts share it (fixtures
        /// often give many functions the same destinations), and a new block becomes `last`.
        stored_config(async_invoke_config c, std::shared_ptr<const rare_parts>& last);
        async_invoke_config unpack(std::string func_urn) const;
    };
    struct function_entry {
        /// qualifier → config, in the order the qualifiers were configured. The first lives in
        /// the entry itself (most functions have one config, of latest): a GET of a config at
        /// 100k functions then misses no extra block for it. First: next to the record's name.
        boost::container::small_vector<std::pair<std::string, stored_config>, 1> configs;
        function_record record;                 ///< latest
        std::vector<function_version> versions; ///< publish order
        std::vector<function_alias> aliases;    ///< creation order

        const function_version* version(std::string_view name) const;
        const function_alias* alias(std::string_view name) const;
        function_alias* alias(std::string_view name);
        const stored_config* config(std::string_view qualifier) const;
        void erase_config(std::string_view qualifier);
        /// The config of `qualifier` as the API sees it. `project` is the entry's project (the
        /// text of record.project_id, which a lookup would otherwise read from its own block).
        async_invoke_config config_of(std::string_view project, const std::string& qualifier,
                                      const stored_config& c) const;
        function_snapshot snapshot() const;
    };
    /// Entries are shared with frozen copies; a shared one is copied before it changes
    /// (detach).
    using entry_list = std::list<std::shared_ptr<function_entry>>;
    /// A function's name in its project; by_name finds entries by it without a key copy.
    struct name_ref {
        std::string_view package, name;
    };
    /// A function's place in its project: the node of the creation-order list (to erase it,
    /// and to copy a shared entry before a change) and the entry itself, so that a lookup
    /// goes from the table straight to the entry, without the list's node in between.
    struct name_slot {
        entry_list::iterator node;
        mutable function_entry* entry; ///< node's entry: detach() keeps it current
    };
    struct name_hash {
        using is_transparent = void;
        std::size_t operator()(name_ref n) const;
        std::size_t operator()(const name_slot& s) const;
    };
    struct name_equal {
        using is_transparent = void;
        bool operator()(name_ref a, const name_slot& b) const noexcept;
        bool operator()(const name_slot& a, name_ref b) const noexcept;
        bool operator()(const name_slot& a, const name_slot& b) const noexcept;
    };
    struct project_state {
        entry_list functions; ///< creation order
        /// Open addressing (Boost.Unordered): a lookup reads one group of the table and the
        /// entry, where a node-based set read a bucket, a node and the list's node first.
        boost::unordered_flat_set<name_slot, name_hash, name_equal> by_name;
    };

    static result<void> insert_locked(project_state& state, const function_record& rec);
    /// The entry `slot` holds, copied first if a frozen copy shares it.
    static function_entry* detach(const name_slot& slot);
    /// The slot of the function a URN names, whatever its qualifier.
    const name_slot* lookup(std::string_view project, const function_urn& urn, const switches& b,
                            error& err) const;
    /// The function a URN names, whatever its qualifier (the non-const one detaches it).
    const function_entry* find_function(std::string_view project, const function_urn& urn,
                                        const switches& b, error& err) const;
    function_entry* find_function(std::string_view project, const function_urn& urn,
                                  const switches& b, error& err);
    /// The function a URN names, with its qualifier resolved into `q`.
    const function_entry* find(std::string_view project, const function_urn& urn, const switches& b,
                               error& err, resolved_qualifier& q) const;
    function_entry* find(std::string_view project, const function_urn& urn, const switches& b,
                         error& err, resolved_qualifier& q);
    static result<resolved_qualifier> resolve_in(const function_entry& e, const function_urn& urn);
    /// update_function_code and update_function_config: `apply` the body to latest (only
    /// latest; `what` names the part for the not_latest message) and set last_modified.
    result<function_record>
    update_latest(std::string_view project, const function_urn& urn, const function_input& in,
                  const switches& b, time_point now, const char* what,
                  result<function_record> (*apply)(const function_input&, const function_record&));
    /// The checks shared by create_alias and update_alias against the stored versions.
    static result<void> check_alias_versions(const function_entry& e, const function_alias& a,
                                             const switches& b);
    /// Removes published version `name` (and its config) under delete_aliased_version.
    static result<void> remove_version(function_entry& e, const std::string& name,
                                       const switches& b);
    void erase_function(std::string_view project, const function_entry& e);

    id_generator& ids_;
    mutable versioned_shared_mutex mutex_; // revision(): see above
    /// The rare parts of the config stored last (under the exclusive lock): see stored_config.
    std::shared_ptr<const stored_config::rare_parts> last_rare_;
    std::map<std::string, project_state, std::less<>> projects_;
};

} // namespace emu::domain
