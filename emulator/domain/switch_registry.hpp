#pragma once
// The switches in force: a default set (from --profile/--set) and per-project overrides
// (control API). Thread-safe; answers copies.
#include "domain/switches.hpp"

#include <atomic>
#include <cstdint>
#include <map>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

namespace emu::domain {

class switch_registry {
public:
    explicit switch_registry(switches defaults = {});

    /// The switches in force for `project`.
    switches for_project(std::string_view project) const;
    /// The default switches (projects without overrides).
    switches defaults() const;
    void set_defaults(const switches& b);
    /// Replaces the switches of one project.
    void set_project(std::string_view project, const switches& b);
    /// Drops the overrides of one project (it follows the defaults again).
    void clear_project(std::string_view project);
    /// Drops every project override.
    void clear();
    /// The switches a project has of its own, if any.
    std::optional<switches> project_override(std::string_view project) const;
    /// Projects with switches of their own, in name order.
    std::vector<std::string> projects() const;

private:
    class writer;
    /// The defaults, from this thread's copy while no writer has run since it was taken.
    switches cached_defaults() const;

    mutable std::shared_mutex mutex_;
    // Read on every request by every I/O thread, written by the control API now and then: a
    // reader that finds no project overrides (`plain_`) and an unchanged `version_` uses its
    // thread's copy of the defaults without touching the lock's cache line. Versions are
    // unique in the process (a registry at a reused address never matches a stale copy).
    std::atomic<std::uint64_t> version_;
    std::atomic<bool> plain_{true};
    switches defaults_;
    std::map<std::string, switches, std::less<>> projects_;
};

} // namespace emu::domain
