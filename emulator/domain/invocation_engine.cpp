#include "domain/invocation_engine.hpp"

#include "domain/validation.hpp"

#include <algorithm>

namespace emu::domain {

const char* to_string(invocation_status s) {
    switch (s) {
    case invocation_status::wait:
        return "WAIT";
    case invocation_status::running:
        return "RUNNING";
    case invocation_status::success:
        return "SUCCESS";
    case invocation_status::fail:
        return "FAIL";
    case invocation_status::discard:
        return "DISCARD";
    }
    return "WAIT";
}

namespace {

std::string behaviour_key(const function_urn& urn) {
    return urn.unqualified() + ":" + urn.qualifier;
}

std::string text_of(const std::map<std::string, param_value>& fields, const char* key) {
    auto it = fields.find(key);
    if (it == fields.end())
        return {};
    if (auto* s = std::get_if<std::string>(&it->second))
        return *s;
    return {};
}

std::int64_t int_of(const std::map<std::string, param_value>& fields, const char* key) {
    auto it = fields.find(key);
    if (it == fields.end())
        return 0;
    if (auto* n = std::get_if<std::int64_t>(&it->second))
        return *n;
    return 0;
}

bool finished(invocation_status s) {
    return s == invocation_status::success || s == invocation_status::fail ||
           s == invocation_status::discard;
}

} // namespace

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
        e_.apply_inbox(projects_);
    }
    hold(const invocation_engine& e, std::adopt_lock_t) : e_(const_cast<invocation_engine&>(e)) {
        e_.apply_inbox(projects_);
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
    switches strict = b;
    strict.missing_config = missing_config::not_found;
    if (auto c = store_.get_config(project, urn, strict))
        return *c;
    // Emulation: G — a qualifier without a config runs with the documented defaults.
    return default_config(b, urn.full());
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
    if (auto f = store_.get_function(project, urn, b); !f)
        return f.error();
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
        if (r == ps.by_serial.end() || finished(r->second.status))
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

void invocation_engine::start_attempt(project_state& ps, std::string_view project,
                                      std::uint64_t serial, invocation_record& r, const switches& b,
                                      time_point now) {
    auto config = config_for(project, r.urn, b);
    // The event age is checked with the config in force at this attempt.
    if (now - r.enqueued > std::chrono::seconds(config.max_async_event_age_in_seconds))
        return conclude(ps, project, r, config, "EventAgeExceeded", b, now);
    ++r.attempts;
    r.status = invocation_status::running;
    if (!r.start_time)
        r.start_time = now;
    static const function_behaviour default_behaviour; // succeed, echoing the event
    auto fb = ps.behaviours.find(behaviour_key(r.urn));
    const attempt_outcome& outcome =
        (fb != ps.behaviours.end() ? fb->second : default_behaviour).for_attempt(r.attempts);
    // The outcome travels with the event: a behaviour set while the attempt runs applies
    // to later attempts only.
    push(ps, now + outcome.duration, serial, true, outcome);
}

void invocation_engine::finish_attempt(project_state& ps, std::string_view project,
                                       std::uint64_t serial, invocation_record& r,
                                       const attempt_outcome& outcome, const switches& b,
                                       time_point now) {
    auto config = config_for(project, r.urn, b);
    if (outcome.what == attempt_outcome::kind::succeed) {
        r.result = outcome.result.value_or(r.payload);
        // Documented (spec §5.3, international user guide): the return value of an
        // asynchronous run is capped at 256 KB; a larger one becomes an empty result.
        if (r.result.size() > max_async_result_bytes)
            r.result.clear();
        r.error_code = 0;
        r.error_message.clear();
        return conclude(ps, project, r, config, "Success", b, now);
    }
    r.error_message = outcome.what == attempt_outcome::kind::timeout
                          ? "function invocation timed out"
                          : outcome.error_message;
    r.result = r.error_message;
    const int retries_done = r.attempts - 1;
    if (retries_done >= config.max_async_retry_attempts)
        return conclude(ps, project, r, config, "RetriesExhausted", b, now);
    // Emulation: G — the retry interval is undocumented: base, 2×base, 4×base.
    auto delay =
        std::chrono::seconds(b.async_retry_base_seconds) * (1 << std::min(retries_done, 16));
    auto next = now + delay;
    // An event whose next attempt would start after its maximum age is discarded now.
    if (next - r.enqueued > std::chrono::seconds(config.max_async_event_age_in_seconds))
        return conclude(ps, project, r, config, "EventAgeExceeded", b, now);
    r.status = invocation_status::wait;
    push(ps, next, serial, false);
}

void invocation_engine::conclude(project_state& ps, std::string_view project, invocation_record& r,
                                 const async_invoke_config& c, const std::string& condition,
                                 const switches& b, time_point now) {
    const bool ok = condition == "Success";
    r.status = ok                                ? invocation_status::success
               : condition == "EventAgeExceeded" ? invocation_status::discard
                                                 : invocation_status::fail;
    // Emulation: G — only 0 (success) and 4208 (canceled) are documented; other failures use 1.
    if (!ok && r.error_code == 0)
        r.error_code = 1;
    if (condition == "EventAgeExceeded" && r.error_message.empty())
        r.error_message = "the event exceeded max_async_event_age_in_seconds";
    r.end_time = now;
    notification note;
    note.timestamp = now;
    note.request_id = r.request_id;
    note.function_urn = r.urn.full();
    note.condition = condition;
    note.approximate_invoke_count = r.attempts;
    note.request_payload = r.payload;
    note.status_code = ok ? 200 : 500;
    note.function_error = ok ? "" : r.error_message;
    note.response_payload = r.result;
    const auto& target = ok ? c.destination_config.on_success : c.destination_config.on_failure;
    if (target)
        deliver(ps, project, r, *target, ok ? "on_success" : "on_failure", std::move(note), b, now);
}

void invocation_engine::deliver(project_state& ps, std::string_view project,
                                const invocation_record& r, const destination_target& t,
                                const char* on, notification note, const switches& b,
                                time_point now) {
    delivery d;
    d.seq = ++seq_;
    d.destination = t.destination;
    d.on = on;
    d.at = now;
    d.outcome = "delivered";
    const auto& fields = param_fields(t.param);
    if (t.destination == "OBS") {
        d.target = text_of(fields, "bucket");
        d.object_key = text_of(fields, "prefix") + r.request_id;
        if (auto days = int_of(fields, "expires"); days > 0)
            d.expires_at = now + std::chrono::hours(24 * days);
    } else if (t.destination == "SMN") {
        d.target = text_of(fields, "topic_urn");
    } else if (t.destination == "DIS") {
        d.target = text_of(fields, "stream_name");
    } else {
        d.target = text_of(fields, "func_urn");
        auto target = parse_function_urn(d.target, {project, r.urn.region});
        std::vector<std::string> chain = r.chain;
        chain.push_back(r.urn.unqualified());
        if (!target) {
            d.outcome = "not delivered: " + target.error().detail;
        } else if (std::find(chain.begin(), chain.end(), target->unqualified()) != chain.end()) {
            std::string path;
            for (auto& c : chain)
                path += c + " -> ";
            d.outcome = "loop stopped: " + path + target->unqualified();
        } else {
            auto chained =
                submit_locked(ps, project, *target, codecs_.encode(note, b), chain, b, now);
            if (chained)
                d.chained_request_id = chained->request_id;
            else
                d.outcome = "not delivered: " + chained.error().detail;
        }
    }
    d.note = std::move(note);
    ps.deliveries.push_back(std::move(d));
    while (ps.deliveries.size() > limits_.max_deliveries) {
        ps.deliveries.pop_front();
        ++ps.evicted_deliveries;
    }
}

const std::map<std::string, param_value>&
invocation_engine::param_fields(const std::string& param) {
    if (last_param_ != param) {
        last_param_fields_ = codecs_.read_param(param);
        last_param_ = param;
    }
    return last_param_fields_;
}

void invocation_engine::trim(project_state& ps) {
    // Oldest finished records go first; unfinished ones are kept while work is pending.
    for (auto it = ps.order.begin();
         ps.by_serial.size() > limits_.max_records && it != ps.order.end();) {
        auto r = ps.by_serial.find(*it);
        if (r == ps.by_serial.end() || finished(r->second.status)) {
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
                r != p->second.by_serial.end() && !finished(r->second.status)) {
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
            (f.active_only && finished(r.status)))
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
