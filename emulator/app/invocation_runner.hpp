#pragma once
// Runs the invocation engine on real time: a thread that sleeps until the next attempt,
// retry or delivery falls due on some project's clock, and performs it. Frozen clocks are
// left alone — their work runs when the control API moves them.
#include "domain/clock.hpp"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>

namespace emu {

namespace api {
struct service;
}

class invocation_runner {
public:
    /// Starts the thread. `svc.invocations` must be set.
    explicit invocation_runner(api::service& svc);
    /// Stops and joins.
    ~invocation_runner();
    invocation_runner(const invocation_runner&) = delete;
    invocation_runner& operator=(const invocation_runner&) = delete;

    /// New work or a moved clock: re-plan the wait. Thread-safe, cheap.
    void wake();
    /// Work was queued for `project` and its due work run (`next_due`: when its next piece
    /// of work falls due): wakes the thread only when that is more than min_wait before
    /// the thread's planned wake-up (under load most submissions leave the plan as it is,
    /// and cost no thread switch).
    void queued(std::string_view project, std::optional<domain::time_point> next_due);

private:
    void run();

    api::service& svc_;
    std::mutex mutex_;
    std::condition_variable cv_;
    bool stopping_ = false;
    bool woken_ = false;
    /// The shortest wait: work falls due at most this much before it runs.
    static constexpr std::chrono::milliseconds min_wait{1};

    bool sleeping_ = false;                                        ///< waiting, until wake_at_
    std::optional<std::chrono::steady_clock::time_point> wake_at_; ///< nullopt: no work
    std::thread thread_;
};

} // namespace emu
