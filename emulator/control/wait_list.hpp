#pragma once
// Control-API requests that wait (GET /_emulator/invocations and /_emulator/deliveries with
// min_count and wait_ms) are parked here instead of holding an I/O thread: a parked request
// keeps the sink its answer goes to. One thread re-checks the parked requests whenever the
// invocation engine records something, and answers each as soon as it is satisfied, or at
// its deadline with what there is.
#include "api/http_response.hpp"

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace emu::control {

class wait_list {
public:
    /// The answer of a parked request when it is satisfied, or always when `final` (its
    /// deadline passed, or the emulator is stopping); nullopt to keep waiting. Called on the
    /// wait thread; it reads the engine (never the request, which may be gone).
    using check = std::function<std::optional<api::answer>(bool final)>;

    wait_list() = default;
    /// Answers every parked request (final) and joins the thread.
    ~wait_list();
    wait_list(const wait_list&) = delete;
    wait_list& operator=(const wait_list&) = delete;

    /// Parks a request until `c` answers or `deadline` passes; the answer goes to `sink`.
    /// Starts the wait thread on first use. Thread-safe.
    void park(check c, std::chrono::steady_clock::time_point deadline, api::answer_sink sink);
    /// Something the parked requests may wait for has changed. Thread-safe, cheap, never
    /// blocks on the wait thread's work (the engine calls it with its lock held).
    void notify();
    /// Answers every parked request now with what there is, and every later one at once
    /// (shutdown: no request may hold the server up); returns when every answer has been
    /// handed to its sink. Thread-safe; not from a check or a sink.
    void release_all();
    /// How many requests are parked. Thread-safe.
    std::size_t parked() const;

private:
    struct waiter {
        check c;
        std::chrono::steady_clock::time_point deadline;
        api::answer_sink sink;
    };

    void run();
    /// Checks `ws` (final for those whose deadline passed, or all when `all_final`),
    /// answers those that are done, returns the others.
    static std::vector<waiter> settle(std::vector<waiter> ws, bool all_final);

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::vector<waiter> waiters_;
    std::size_t checking_ = 0; ///< taken out by the thread for a check
    bool changed_ = false;
    bool stopping_ = false;
    std::thread thread_; // last: started by park() once everything above exists
};

} // namespace emu::control
