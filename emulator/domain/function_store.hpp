#pragma once
// The emulated service's state: functions and their async-invoke-configs, namespaced by
// project. Thread-safe: every member locks internally and returns copies; no lock is
// held while the caller serialises or does I/O.
#include "domain/async_invoke_config.hpp"
#include "domain/behaviour.hpp"
#include "domain/error.hpp"
#include "domain/function.hpp"
#include "domain/function_urn.hpp"
#include "domain/ids.hpp"
#include "domain/paging.hpp"

#include <map>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace emu::domain {

/// A function with the configs of its qualifiers (snapshots).
struct function_snapshot {
    function_record record;
    std::vector<std::pair<std::string, async_invoke_config>> configs; ///< qualifier → config
};

/// One page of a list answer.
template <class T> struct page {
    std::vector<T> items;
    std::size_t total = 0;
};

class function_store {
public:
    explicit function_store(id_generator& ids) : ids_(ids) {}

    /// Stores a validated function (from build_function) in `project` and assigns its id,
    /// region, project and timestamps. Errors: function_exists (409 FSS.1061),
    /// function_quota_exceeded (b.function_quota).
    result<function_record> create_function(std::string_view project, std::string_view region,
                                            function_record rec, const behaviour& b,
                                            time_point now);

    /// The function a URN names. Errors: urn_project_mismatch, function_not_found,
    /// version_not_found (any qualifier but latest), alias_not_found.
    result<function_record> get_function(std::string_view project, const function_urn& urn,
                                         const behaviour& b) const;

    /// Functions of a project ordered by creation, one page of them.
    page<function_record> list_functions(std::string_view project, const page_request& req) const;

    /// Removes a function, with every config. A qualified URN other than latest names a
    /// version, which does not exist here (version_not_found / alias_not_found).
    result<void> delete_function(std::string_view project, const function_urn& urn,
                                 const behaviour& b);

    /// Validates `in` and stores the config of the URN's qualifier (replace or merge per
    /// b.put_mode); returns the stored config. The stored config is unchanged on error.
    result<async_invoke_config> put_config(std::string_view project, const function_urn& urn,
                                           const config_input& in, const behaviour& b,
                                           time_point now);

    /// The config of the URN's qualifier. Errors: as get_function, config_not_found
    /// (unless b.no_config == defaults, which answers default_config).
    result<async_invoke_config> get_config(std::string_view project, const function_urn& urn,
                                           const behaviour& b) const;

    /// Removes the config of the URN's qualifier. Errors: as get_config.
    result<void> delete_config(std::string_view project, const function_urn& urn,
                               const behaviour& b);

    /// The configs of every qualifier of the URN's function, one page.
    result<page<async_invoke_config>> list_configs(std::string_view project,
                                                   const function_urn& urn, const behaviour& b,
                                                   const page_request& req) const;

    /// Stores a complete record as given (id, region, timestamps kept): snapshot import.
    /// Errors: function_exists.
    result<void> insert_function(std::string_view project, function_record rec);

    /// Stores a complete config as given (timestamps kept) for `qualifier` of a function.
    /// Errors: function_not_found, version_not_found, alias_not_found.
    result<void> insert_config(std::string_view project, const function_urn& urn,
                               async_invoke_config config);

    /// Every function of a project with its configs, in creation order.
    std::vector<function_snapshot> export_project(std::string_view project) const;

    /// Projects that hold any function, in name order.
    std::vector<std::string> projects() const;

    /// Removes everything, or everything of one project.
    void reset();
    void reset_project(std::string_view project);
    /// Removes every async-invoke-config (of all projects, or of one), keeping functions.
    void reset_configs(std::optional<std::string_view> project = std::nullopt);

private:
    struct function_entry {
        function_record record;
        /// qualifier → config, in the order the qualifiers were configured
        std::vector<std::pair<std::string, async_invoke_config>> configs;
    };
    struct project_state {
        std::vector<std::unique_ptr<function_entry>> functions; ///< creation order
        std::unordered_map<std::string, function_entry*> by_name; ///< "package:name"
    };

    static result<void> insert_locked(project_state& state, const function_record& rec);
    const function_entry* find(std::string_view project, const function_urn& urn,
                               const behaviour& b, error& err) const;
    function_entry* find(std::string_view project, const function_urn& urn, const behaviour& b,
                         error& err);

    id_generator& ids_;
    mutable std::shared_mutex mutex_;
    std::map<std::string, project_state, std::less<>> projects_;
};

} // namespace emu::domain
