#pragma once
// Time source for the emulator. Timestamps are stored as system_clock time points;
// formatting (and its documented inconsistencies) belongs to the API layer.
#include <atomic>
#include <chrono>

namespace emu::domain {

using time_point = std::chrono::system_clock::time_point;

/// Interface of every clock; implementations are thread-safe.
class clock {
public:
    virtual ~clock() = default;
    virtual time_point now() const = 0;
};

/// Wall-clock time.
class real_clock final : public clock {
public:
    time_point now() const override { return std::chrono::system_clock::now(); }
};

/// A clock that only moves when told to (tests and the control API). Thread-safe.
class manual_clock final : public clock {
public:
    explicit manual_clock(time_point start = time_point{})
        : now_(start.time_since_epoch().count()) {}
    time_point now() const override {
        return time_point(time_point::duration(now_.load(std::memory_order_acquire)));
    }
    void set(time_point t) { now_.store(t.time_since_epoch().count(), std::memory_order_release); }
    void advance(time_point::duration d) { now_.fetch_add(d.count(), std::memory_order_acq_rel); }

private:
    std::atomic<time_point::duration::rep> now_;
};

} // namespace emu::domain
