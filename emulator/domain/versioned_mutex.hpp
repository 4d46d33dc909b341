#pragma once
// A shared mutex that tells, without being taken, whether anything was written since: every
// exclusive section ends by giving the mutex a new revision. Revisions come from one counter
// for the whole process, so a revision names one state of one store: a cache keyed by it
// (api/config_answer_cache.hpp) cannot mistake two stores, even at the same address.
#include <atomic>
#include <cstdint>
#include <shared_mutex>

namespace emu::domain {

class versioned_shared_mutex {
public:
    versioned_shared_mutex() : revision_(next()) {}
    versioned_shared_mutex(const versioned_shared_mutex&) = delete;
    versioned_shared_mutex& operator=(const versioned_shared_mutex&) = delete;

    void lock() { mutex_.lock(); }
    bool try_lock() { return mutex_.try_lock(); }
    /// The new revision is published before the writer lets go: a reader that takes the
    /// mutex after this writer, or loads revision() after its answer, sees the new value.
    void unlock() {
        revision_.store(next(), std::memory_order_release);
        mutex_.unlock();
    }
    void lock_shared() { mutex_.lock_shared(); }
    bool try_lock_shared() { return mutex_.try_lock_shared(); }
    void unlock_shared() { mutex_.unlock_shared(); }

    /// The revision of the state last written. Loaded before reading under the shared lock,
    /// it never names a state newer than the one read.
    std::uint64_t revision() const { return revision_.load(std::memory_order_acquire); }

private:
    static std::uint64_t next() {
        static std::atomic<std::uint64_t> counter{0};
        return counter.fetch_add(1, std::memory_order_relaxed) + 1;
    }

    std::shared_mutex mutex_;
    std::atomic<std::uint64_t> revision_;
};

} // namespace emu::domain
