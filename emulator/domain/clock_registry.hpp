#pragma once
// Virtual clocks, one per project (plus the default every other project follows). A clock is
// either real (the base clock plus an offset) or frozen at an instant; the control API sets,
// advances, freezes and unfreezes it. Thread-safe.
#include "domain/clock.hpp"

#include <atomic>
#include <map>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

namespace emu::domain {

/// The state of one virtual clock.
struct clock_state {
    bool frozen = false;
    time_point frozen_at{};        ///< when frozen
    time_point::duration offset{}; ///< added to the base clock when running
    friend bool operator==(const clock_state&, const clock_state&) = default;
};

class clock_registry {
public:
    /// `base` (not owned) is the source of real time: the wall clock, or a manual_clock in
    /// tests.
    explicit clock_registry(const clock& base) : base_(base) {}

    /// The source of real time.
    const clock& base() const { return base_; }
    /// The time of `project` (its own clock, or the default one).
    time_point now(std::string_view project) const;
    /// The state in force for `project` (empty project: the default clock).
    clock_state state(std::string_view project) const;
    /// Whether `project` has a clock of its own.
    bool has_own(std::string_view project) const;

    /// Freezes the clock at `t` (empty project: the default clock).
    void freeze_at(std::string_view project, time_point t);
    /// Freezes the clock at its current time.
    void freeze(std::string_view project);
    /// Lets the clock run again from its current time.
    void unfreeze(std::string_view project);
    /// Moves the clock forward (or back, with a negative duration).
    void advance(std::string_view project, time_point::duration d);
    /// Replaces a clock's state (snapshots).
    void restore(std::string_view project, const clock_state& s);
    /// Drops a project's own clock (it follows the default again); empty: resets the default.
    void reset(std::string_view project);
    /// Drops every project clock and resets the default to real time.
    void reset_all();
    /// Projects with a clock of their own, in name order.
    std::vector<std::string> projects() const;

private:
    time_point read(const clock_state& s) const;
    clock_state& own(std::string_view project); ///< creates from the default (lock held)

    class writer;

    const clock& base_;
    mutable std::shared_mutex mutex_;
    // True while every project follows a default clock that is plain real time (the usual
    // case): now() then reads the base clock without taking the lock.
    std::atomic<bool> real_time_{true};
    clock_state default_;
    std::map<std::string, clock_state, std::less<>> projects_;
};

} // namespace emu::domain
