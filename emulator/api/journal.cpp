#include "api/journal.hpp"

#include "api/glob.hpp"

namespace emu::api {
namespace {

void cut(std::string& body) {
    if (body.size() > journal::max_body_bytes) {
        body.resize(journal::max_body_bytes);
        body += "…[truncated]";
    }
}

} // namespace

bool journal::matches(const journal_entry& e, const journal_query& q) {
    return (!q.method || *q.method == e.method) && (!q.project || *q.project == e.project) &&
           (!q.status || *q.status == e.status) &&
           (!q.path_pattern || glob_match(*q.path_pattern, e.path));
}

void journal::record(journal_entry e) {
    cut(e.body);
    cut(e.response_body);
    std::lock_guard lock(mutex_);
    if (capacity_ == 0) {
        ++evicted_;
        return;
    }
    e.seq = next_seq_++;
    entries_.push_back(std::move(e));
    while (entries_.size() > capacity_) {
        entries_.pop_front();
        ++evicted_;
    }
}

std::vector<journal_entry> journal::find(const journal_query& q) const {
    std::vector<journal_entry> out;
    std::lock_guard lock(mutex_);
    for (auto it = entries_.rbegin(); it != entries_.rend() && out.size() < q.limit; ++it)
        if (matches(*it, q))
            out.push_back(*it);
    return {out.rbegin(), out.rend()};
}

std::size_t journal::count(const journal_query& q) const {
    std::lock_guard lock(mutex_);
    std::size_t n = 0;
    for (auto& e : entries_)
        n += matches(e, q) ? 1 : 0;
    return n;
}

void journal::clear(const std::optional<std::string>& project) {
    std::lock_guard lock(mutex_);
    if (!project)
        entries_.clear();
    else
        std::erase_if(entries_, [&](const journal_entry& e) { return e.project == *project; });
}

std::uint64_t journal::evicted() const {
    std::lock_guard lock(mutex_);
    return evicted_;
}

std::size_t journal::size() const {
    std::lock_guard lock(mutex_);
    return entries_.size();
}

} // namespace emu::api
