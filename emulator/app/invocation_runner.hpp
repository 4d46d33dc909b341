#pragma once
// Runs the invocation engine on real time: a thread that sleeps until the next attempt,
// retry or delivery falls due on some project's clock, and performs it. Frozen clocks are
// left alone — their work runs when the control API moves them.
#include <condition_variable>
#include <mutex>
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

private:
    void run();

    api::service& svc_;
    std::mutex mutex_;
    std::condition_variable cv_;
    bool stopping_ = false;
    bool woken_ = false;
    std::thread thread_;
};

} // namespace emu
