#pragma once
// The request journal of the control API: the last N requests to the emulated API (control
// requests excluded), with what was sent, what was answered and, for every non-2xx, the rule
// that fired. Bounded (oldest first out). Thread-safe.
#include "domain/adaptive_mutex.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace emu::control {

struct journal_entry {
    std::uint64_t seq = 0;                      ///< 1, 2, … in arrival order
    std::chrono::system_clock::time_point time; ///< the project's clock
    std::string request_id;                     ///< X-Request-Id of the answer
    std::string method;
    std::string target; ///< path and query as sent
    std::string path;   ///< path only
    std::string project;
    std::string headers; ///< "Name: value\r\n" lines, as received (one allocation)
    std::string body;
    unsigned status = 0; ///< 0: no answer (connection reset by a fault)
    std::string response_body;
    std::string rule; ///< why a non-2xx answer was given (empty for 2xx)
};

/// What record() copies: views into the request and its answer, valid during the call.
struct journal_record {
    std::chrono::system_clock::time_point time;
    std::string_view request_id, method, target, path, project, headers, body;
    unsigned status = 0;
    std::string_view response_body, rule;
};

/// Filters; every given one must match.
struct journal_query {
    std::optional<std::string> method;       ///< exact, case-sensitive (GET, PUT, …)
    std::optional<std::string> path_pattern; ///< glob over the path (glob.hpp)
    std::optional<std::string> project;
    std::optional<unsigned> status;
    std::size_t limit = 100; ///< the newest `limit` matches are returned
};

class journal {
public:
    /// Bodies longer than this are cut (and marked) in the journal.
    static constexpr std::size_t max_body_bytes = 64 * 1024;

    explicit journal(std::size_t capacity) : capacity_(capacity) {}

    /// False when the capacity is 0: callers may skip building entries.
    bool enabled() const { return capacity_ > 0; }

    /// Appends an entry (assigning seq), evicting the oldest beyond capacity. Once full, each
    /// new entry is copied into the strings of the one it evicts, so recording costs no
    /// allocation in the steady state (this runs on every request).
    void record(const journal_record& r);
    /// Matching entries, oldest first, at most q.limit (the newest ones).
    std::vector<journal_entry> find(const journal_query& q) const;
    /// Number of matching entries.
    std::size_t count(const journal_query& q) const;
    /// Removes every entry, or those of one project.
    void clear(const std::optional<std::string>& project = std::nullopt);
    std::size_t capacity() const { return capacity_; }
    /// Entries dropped so far because the journal was full.
    std::uint64_t evicted() const;
    std::size_t size() const;

private:
    static bool matches(const journal_entry& e, const journal_query& q);
    /// The i-th entry, oldest first (0 ≤ i < ring_.size()); under the lock.
    const journal_entry& at(std::size_t i) const { return *ring_[(oldest_ + i) % ring_.size()]; }

    const std::size_t capacity_;
    // Both I/O threads take it on every request, for a pointer swap: spinning briefly beats a
    // futex sleep and wake-up (domain/adaptive_mutex.hpp).
    mutable domain::adaptive_mutex mutex_;
    // Grows to capacity_, then wraps at oldest_. Entries live behind pointers so that the one
    // recorded and the one evicted trade places by a pointer swap (moving the dozen strings of
    // an entry under the lock cost about 0.4 µs per request).
    std::vector<std::unique_ptr<journal_entry>> ring_;
    std::size_t oldest_ = 0;
    std::uint64_t next_seq_ = 1;
    std::uint64_t evicted_ = 0;
};

} // namespace emu::control
