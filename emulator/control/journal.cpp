#include "control/journal.hpp"

#include "control/glob.hpp"

namespace emu::control {
namespace {

constexpr std::string_view truncated_mark = "…[truncated]";

/// s = v, reusing s's buffer unless it is much larger than needed (a huge body once must not
/// pin its memory in the ring for good).
void assign(std::string& s, std::string_view v) {
    if (s.capacity() > 4096 && v.size() < s.capacity() / 4)
        std::string(v).swap(s);
    else
        s.assign(v);
}

/// A body, cut (and marked) beyond journal::max_body_bytes.
void assign_body(std::string& s, std::string_view v) {
    if (v.size() <= journal::max_body_bytes)
        return assign(s, v);
    assign(s, v.substr(0, journal::max_body_bytes));
    s.append(truncated_mark);
}

} // namespace

bool journal::matches(const journal_entry& e, const journal_query& q) {
    return (!q.method || *q.method == e.method) && (!q.project || *q.project == e.project) &&
           (!q.status || *q.status == e.status) &&
           (!q.path_pattern || glob_match(*q.path_pattern, e.path));
}

void journal::record(const journal_record& r) {
    // The copies are made into this thread's spare entry without the lock (both I/O threads
    // record every request); under it, the spare and the slot trade places, and the evicted
    // entry's strings become the next spare, reused without allocating.
    if (capacity_ == 0) {
        std::lock_guard lock(mutex_);
        ++evicted_;
        return;
    }
    thread_local std::unique_ptr<journal_entry> spare_slot;
    if (!spare_slot)
        spare_slot = std::make_unique<journal_entry>();
    auto& spare = *spare_slot;
    spare.time = r.time;
    assign(spare.request_id, r.request_id);
    assign(spare.method, r.method);
    assign(spare.target, r.target);
    assign(spare.path, r.path);
    assign(spare.project, r.project);
    assign(spare.headers, r.headers);
    assign_body(spare.body, r.body);
    spare.status = r.status;
    assign_body(spare.response_body, r.response_body);
    assign(spare.rule, r.rule);
    std::lock_guard lock(mutex_);
    spare.seq = next_seq_++;
    if (ring_.size() < capacity_) { // filling up: the spare stays in the ring
        ring_.push_back(std::move(spare_slot));
        return; // the next call makes a new spare
    }
    ring_[oldest_].swap(spare_slot);
    oldest_ = (oldest_ + 1) % ring_.size();
    ++evicted_;
}

std::vector<journal_entry> journal::find(const journal_query& q) const {
    std::vector<journal_entry> out;
    std::lock_guard lock(mutex_);
    for (std::size_t i = ring_.size(); i-- > 0 && out.size() < q.limit;)
        if (matches(at(i), q))
            out.push_back(at(i));
    return {out.rbegin(), out.rend()};
}

std::size_t journal::count(const journal_query& q) const {
    std::lock_guard lock(mutex_);
    std::size_t n = 0;
    for (auto& e : ring_)
        n += matches(*e, q) ? 1 : 0;
    return n;
}

void journal::clear(const std::optional<std::string>& project) {
    std::lock_guard lock(mutex_);
    std::vector<std::unique_ptr<journal_entry>> kept;
    if (project)
        for (std::size_t i = 0; i < ring_.size(); ++i)
            if (at(i).project != *project)
                kept.push_back(std::move(ring_[(oldest_ + i) % ring_.size()]));
    ring_ = std::move(kept);
    oldest_ = 0;
}

std::uint64_t journal::evicted() const {
    std::lock_guard lock(mutex_);
    return evicted_;
}

std::size_t journal::size() const {
    std::lock_guard lock(mutex_);
    return ring_.size();
}

} // namespace emu::control
