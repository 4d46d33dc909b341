#include "domain/invocation_engine.hpp"

#include "domain/validation.hpp"

#include <algorithm>

namespace emu::domain {

/// The engine's lock. Taking it applies the submissions waiting in the inbox (so that a
/// reader sees every submission that was answered before it asked); letting go applies those
/// that arrived meanwhile, then checks the inbox once more after unlocking: a submitter
/// whose try_lock failed pushed before it tried, so either this check sees its submission
/// (and takes the lock again to apply it) or its try_lock came after the unlock. The seq_cst
/// fences here and in submit_and_run pair up for that. Readers are const members: applying
/// submissions that were already accepted is not a change they make.
class invocation_engine::hold {
public:
    explicit hold(const invocation_engine& e) : e_(const_cast<invocation_engine&>(e)) {
        e_.mutex_.lock();
        apply_or_unlock();
    }
    hold(const invocation_engine& e, std::adopt_lock_t) : e_(const_cast<invocation_engine&>(e)) {
        apply_or_unlock();
    }
    hold(const hold&) = delete;
    hold& operator=(const hold&) = delete;

    ~hold() {
        std::vector<std::pair<std::string, time_point>> due;
        std::function<void(std::string_view, time_point)> scheduled;
        for (;;) {
            e_.apply_inbox(projects_);
            for (auto& project : projects_)
                if (auto p = e_.projects_.find(project);
                    p != e_.projects_.end() && !p->second.queue.empty())
                    due.emplace_back(std::move(project), p->second.queue.front().due);
            projects_.clear();
            if (!due.empty() && !scheduled)
                scheduled = e_.scheduled_; // read under the lock, called after it
            e_.mutex_.unlock();
            std::atomic_thread_fence(std::memory_order_seq_cst);
            if (!e_.inbox_waiting_.load() || !e_.mutex_.try_lock())
                break;
        }
        if (scheduled)
            for (auto& [project, when] : due)
                scheduled(project, when);
    }

private:
    /// A constructor that throws runs no destructor: the lock must not stay taken.
    void apply_or_unlock() {
        try {
            e_.apply_inbox(projects_);
        } catch (...) {
            e_.mutex_.unlock();
            throw;
        }
    }

    invocation_engine& e_;
    std::vector<std::string> projects_; ///< those the applied submissions went to
};

void invocation_engine::apply_inbox(std::vector<std::string>& projects) {
    if (!inbox_waiting_.load())
        return;
    {
        std::lock_guard lock(inbox_mutex_);
        applying_.swap(inbox_); // both keep their capacity: no allocation once warm
        inbox_waiting_.store(false);
    }
    for (auto& p : applying_) {
        auto& ps = state_of(p.project);
        enqueue(ps, std::move(p.record));
        touch();
        run_due_locked(ps, p.project, p.now, p.b);
        if (projects.empty() || projects.back() != p.project)
            projects.push_back(std::move(p.project));
    }
    applying_.clear();
}

invocation_engine::invocation_engine(function_store& store, id_generator& ids,
                                     invocation_codecs codecs, invocation_limits limits)
    : store_(store), ids_(ids), codecs_(std::move(codecs)), limits_(limits) {}

async_invoke_config invocation_engine::config_for(std::string_view project, const function_urn& urn,
                                                  const switches& b) const {
    auto& memo = config_memo_;
    const auto revision = store_.revision(); // before the read: see function_store::revision
    if (memo.revision == revision && memo.project == project && memo.urn == urn && memo.b == b)
        return memo.config;
    switches strict = b;
    strict.missing_config = missing_config::not_found;
    auto c = store_.get_config(project, urn, strict);
    // Emulation: G — a qualifier without a config runs with the documented defaults.
    memo.config = c ? std::move(*c) : default_config(b, urn.full());
    memo.revision = revision;
    memo.project.assign(project);
    memo.urn = urn;
    memo.b = b;
    return memo.config;
}

void invocation_engine::push(project_state& ps, time_point due, std::uint64_t record, bool finish,
                             attempt_outcome outcome) {
    ps.queue.push_back(event{due, ++seq_, record, finish, std::move(outcome)});
    std::push_heap(ps.queue.begin(), ps.queue.end(), std::greater<>{});
}

invocation_engine::project_state& invocation_engine::state_of(std::string_view project) {
    auto it = projects_.find(project);
    if (it == projects_.end())
        it = projects_.emplace(std::string(project), project_state{}).first;
    return it->second;
}

result<invocation_record> invocation_engine::submit(std::string_view project,
                                                    const function_urn& urn, std::string payload,
                                                    const switches& b, time_point now) {
    hold lock(*this);
    auto r = submit_locked(state_of(project), project, urn, std::move(payload), {}, b, now);
    touch();
    return r;
}

result<invocation_record> invocation_engine::new_record(std::string_view project,
                                                        const function_urn& urn,
                                                        std::string payload,
                                                        std::vector<std::string> chain,
                                                        const switches& b, time_point now) {
    // The same checks as get_function, without copying the function out of the store.
    if (auto q = store_.resolve(project, urn, b); !q)
        return q.error();
    invocation_record r;
    r.request_id = ids_.uuid();
    r.urn = urn;
    r.payload = std::move(payload);
    r.enqueued = now;
    r.chain = std::move(chain);
    return r;
}

void invocation_engine::enqueue(project_state& ps, invocation_record r) {
    const std::uint64_t serial = ++seq_;
    push(ps, r.enqueued, serial, false);
    ps.order.push_back(serial);
    const auto& stored = ps.by_serial.emplace(serial, std::move(r)).first->second;
    ps.by_id.insert_or_assign(stored.request_id,
                              serial); // a repeated id (seeded) names the new one
    trim(ps);
}

result<invocation_record> invocation_engine::submit_locked(
    project_state& ps, std::string_view project, const function_urn& urn, std::string payload,
    std::vector<std::string> chain, const switches& b, time_point now) {
    auto r = new_record(project, urn, std::move(payload), std::move(chain), b, now);
    if (r)
        enqueue(ps, *r);
    return r;
}

result<invocation_engine::submission>
invocation_engine::submit_and_run(std::string_view project, const function_urn& urn,
                                  std::string payload, const switches& b, time_point now) {
    // The function check and the new id need no engine state. Then the submission goes to
    // the inbox, and whoever holds the engine applies it: with a plain lock, the two I/O
    // threads slept and woke each other on nearly every POST (a fifth of its CPU time).
    auto r = new_record(project, urn, std::move(payload), {}, b, now);
    if (!r)
        return r.error();
    submission out{r->request_id};
    {
        std::lock_guard lock(inbox_mutex_);
        inbox_.push_back(pending{std::string(project), std::move(*r), b, now});
        inbox_waiting_.store(true);
    }
    std::atomic_thread_fence(std::memory_order_seq_cst); // pairs with ~hold's
    if (mutex_.try_lock()) {
        hold applied{*this, std::adopt_lock}; // applies the inbox, this submission included
    }
    return out;
}

void invocation_engine::run_due(std::string_view project, time_point now, const switches& b) {
    hold lock(*this);
    auto it = projects_.find(project);
    if (it == projects_.end())
        return;
    run_due_locked(it->second, project, now, b);
}

void invocation_engine::run_due_locked(project_state& ps, std::string_view project, time_point now,
                                       const switches& b) {
    while (!ps.queue.empty() && ps.queue.front().due <= now) {
        std::pop_heap(ps.queue.begin(), ps.queue.end(), std::greater<>{});
        event e = std::move(ps.queue.back());
        ps.queue.pop_back();
        auto r = ps.by_serial.find(e.record);
        if (r == ps.by_serial.end() || is_final(r->second.status))
            continue; // evicted or canceled meanwhile
        if (e.finish)
            finish_attempt(ps, project, e.record, r->second, e.outcome, b, e.due);
        else
            start_attempt(ps, project, e.record, r->second, b, e.due);
        touch();
    }
    trim(ps); // records that finished may now go over the cap
}

void invocation_engine::touch() {
    ++version_;
    if (observer_)
        observer_();
}

void invocation_engine::set_scheduled_observer(
    std::function<void(std::string_view project, time_point next_due)> scheduled) {
    hold lock(*this);
    scheduled_ = std::move(scheduled);
}

void invocation_engine::set_observer(std::function<void()> observer) {
    hold lock(*this);
    observer_ = std::move(observer);
}

std::uint64_t invocation_engine::version() const {
    hold lock(*this);
    return version_;
}

void invocation_engine::trim(project_state& ps) {
    // Oldest finished records go first; unfinished ones are kept while work is pending.
    for (auto it = ps.order.begin();
         ps.by_serial.size() > limits_.max_records && it != ps.order.end();) {
        auto r = ps.by_serial.find(*it);
        if (r == ps.by_serial.end() || is_final(r->second.status)) {
            if (r != ps.by_serial.end()) {
                if (auto id = ps.by_id.find(r->second.request_id);
                    id != ps.by_id.end() && id->second == r->first)
                    ps.by_id.erase(id);
                ps.by_serial.erase(r);
            }
            it = ps.order.erase(it);
            ++ps.evicted_records;
        } else {
            ++it;
        }
    }
}

std::optional<time_point> invocation_engine::next_due(std::string_view project) const {
    hold lock(*this);
    auto it = projects_.find(project);
    if (it == projects_.end() || it->second.queue.empty())
        return std::nullopt;
    return it->second.queue.front().due;
}

std::vector<std::string> invocation_engine::busy_projects() const {
    hold lock(*this);
    std::vector<std::string> out;
    for (auto& [name, ps] : projects_)
        if (!ps.queue.empty())
            out.push_back(name);
    return out;
}

result<invocation_record> invocation_engine::cancel(std::string_view project,
                                                    std::string_view request_id, time_point now) {
    hold lock(*this);
    auto p = projects_.find(project);
    if (p != projects_.end())
        if (auto serial = p->second.by_id.find(request_id); serial != p->second.by_id.end())
            if (auto r = p->second.by_serial.find(serial->second);
                r != p->second.by_serial.end() && !is_final(r->second.status)) {
                r->second.status = invocation_status::fail;
                r->second.error_code = 4208;
                r->second.error_message = "function invocation canceled";
                r->second.end_time = now;
                invocation_record out = r->second;
                trim(p->second);
                touch();
                return out;
            }
    return make_error(errc::invalid_format, "request_id",
                      "Invalid RequestId: no waiting or running invocation '" +
                          std::string(request_id) + "'");
}

void invocation_engine::set_behaviour(std::string_view project, const function_urn& urn,
                                      function_behaviour fb) {
    hold lock(*this);
    state_of(project).behaviours.insert_or_assign(behaviour_key(urn), std::move(fb));
}

void invocation_engine::clear_behaviours(std::string_view project) {
    hold lock(*this);
    if (auto p = projects_.find(project); p != projects_.end())
        p->second.behaviours.clear();
}

std::map<std::string, function_behaviour>
invocation_engine::behaviours(std::string_view project) const {
    hold lock(*this);
    auto p = projects_.find(project);
    if (p == projects_.end())
        return {};
    return {p->second.behaviours.begin(), p->second.behaviours.end()};
}

std::vector<invocation_record> invocation_engine::records(std::string_view project,
                                                          const record_filter& f) const {
    std::vector<invocation_record> out;
    hold lock(*this);
    auto p = projects_.find(project);
    if (p == projects_.end())
        return out;
    for (auto serial : p->second.order) {
        auto it = p->second.by_serial.find(serial);
        if (it == p->second.by_serial.end())
            continue;
        const auto& r = it->second;
        const auto when = r.start_time.value_or(r.enqueued);
        if ((f.request_id && r.request_id != *f.request_id) ||
            (f.request_ids && std::find(f.request_ids->begin(), f.request_ids->end(),
                                        r.request_id) == f.request_ids->end()) ||
            (f.status && r.status != *f.status) || (f.begin && when < *f.begin) ||
            (f.end && when > *f.end) || (f.function && r.urn.unqualified() != *f.function) ||
            (f.active_only && is_final(r.status)))
            continue;
        out.push_back(r);
    }
    return out;
}

std::vector<delivery> invocation_engine::deliveries(std::string_view project) const {
    hold lock(*this);
    auto p = projects_.find(project);
    return p == projects_.end()
               ? std::vector<delivery>{}
               : std::vector<delivery>(p->second.deliveries.begin(), p->second.deliveries.end());
}

std::uint64_t invocation_engine::evicted_records(std::string_view project) const {
    hold lock(*this);
    auto p = projects_.find(project);
    return p == projects_.end() ? 0 : p->second.evicted_records;
}

std::uint64_t invocation_engine::evicted_deliveries(std::string_view project) const {
    hold lock(*this);
    auto p = projects_.find(project);
    return p == projects_.end() ? 0 : p->second.evicted_deliveries;
}

invocation_engine::status_log_info invocation_engine::enable_status_log(std::string_view project) {
    hold lock(*this);
    auto& ps = state_of(project);
    // Emulation: G — enabling is idempotent and creates a fake LTS group and stream.
    if (!ps.status_log)
        ps.status_log = status_log_info{ids_.uuid(), "functiongraph-async-" + std::string(project),
                                        ids_.uuid(), "async-status-" + std::string(project)};
    return *ps.status_log;
}

std::optional<invocation_engine::status_log_info>
invocation_engine::status_log(std::string_view project) const {
    hold lock(*this);
    auto p = projects_.find(project);
    return p == projects_.end() ? std::nullopt : p->second.status_log;
}

void invocation_engine::restore_status_log(std::string_view project,
                                           std::optional<status_log_info> info) {
    hold lock(*this);
    if (info)
        state_of(project).status_log = std::move(info);
    else if (auto p = projects_.find(project); p != projects_.end())
        p->second.status_log.reset();
}

std::vector<std::string> invocation_engine::configured_projects() const {
    hold lock(*this);
    std::vector<std::string> out;
    for (auto& [name, ps] : projects_)
        if (!ps.behaviours.empty() || ps.status_log)
            out.push_back(name);
    return out;
}

void invocation_engine::reset(std::optional<std::string_view> project) {
    hold lock(*this);
    if (!project)
        projects_.clear();
    else if (auto p = projects_.find(*project); p != projects_.end())
        projects_.erase(p);
    touch();
}

} // namespace emu::domain
