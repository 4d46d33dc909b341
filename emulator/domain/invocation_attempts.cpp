// What happens to one invocation on the engine's clock: its attempts, their outcome, and the
// delivery of the result to a destination (the engine's lock is held throughout; the entry
// points that take it are in invocation_engine.cpp).
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

} // namespace

bool is_final(invocation_status s) {
    return s == invocation_status::success || s == invocation_status::fail ||
           s == invocation_status::discard;
}

std::string invocation_engine::behaviour_key(const function_urn& urn) {
    return urn.unqualified() + ":" + urn.qualifier;
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
    // (Most projects set no behaviour: the key is not even written then.)
    auto fb =
        ps.behaviours.empty() ? ps.behaviours.end() : ps.behaviours.find(behaviour_key(r.urn));
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

} // namespace emu::domain
