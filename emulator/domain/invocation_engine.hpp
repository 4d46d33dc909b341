#pragma once
// The asynchronous invocation engine (spec §5–8): queued invocations that honour the
// async-invoke-config of the invoked qualifier — retries, event age, destinations — on each
// project's virtual clock. It never reads a clock itself: callers pass `now`, and
// run_due(now) performs, in time order, every attempt, retry, expiry and delivery that falls
// due. Thread-safe (one mutex; no callback runs under it except the codecs).
#include "domain/adaptive_mutex.hpp"
#include "domain/async_invoke_config.hpp"
#include "domain/error.hpp"
#include "domain/function_store.hpp"
#include "domain/ids.hpp"
#include "domain/invocation.hpp"
#include "domain/switches.hpp"

#include <atomic>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace emu::domain {

/// Representation work the domain leaves to the API layer (JSON both ways).
struct invocation_codecs {
    /// The notification as the destination receives it (the event of a chained invocation).
    std::function<std::string(const notification&, const switches&)> encode;
    /// The keys of a destination's `param` string (validated when the config was stored).
    std::function<std::map<std::string, param_value>(std::string_view param)> read_param;
};

/// Largest return value of an asynchronous run kept (spec §5.3: 256 KB); a larger one becomes
/// an empty result, in the record and in the notification.
inline constexpr std::size_t max_async_result_bytes = 256 * 1024;

/// Limits of what the engine keeps per project (oldest out first).
struct invocation_limits {
    std::size_t max_records = 10000;
    std::size_t max_deliveries = 10000;
};

/// Filters of list_records (every given one must match).
struct record_filter {
    std::optional<std::string> request_id;
    std::optional<std::vector<std::string>> request_ids;
    std::optional<invocation_status> status;
    std::optional<time_point> begin, end; ///< on start_time (enqueue time before the start)
    bool active_only = false;             ///< WAIT or RUNNING
    std::optional<std::string> function;  ///< unqualified URN
};

class invocation_engine {
public:
    invocation_engine(function_store& store, id_generator& ids, invocation_codecs codecs,
                      invocation_limits limits = {});

    /// Queues an invocation of `urn` (any qualifier) with `payload` as the event.
    /// Errors: those of function_store::get_function (function/version/alias not found).
    result<invocation_record> submit(std::string_view project, const function_urn& urn,
                                     std::string payload, const switches& b, time_point now);

    /// What submit_and_run gives: the request id of the queued record.
    struct submission {
        std::string request_id;
    };
    /// submit, then run_due(now) (the public API's POST invocations-async). Errors: those of
    /// submit, which are checked at once. The submission waits in an inbox when another
    /// thread holds the engine: that thread applies it, in order, before it lets go, so
    /// every later call (of any thread) sees it, and no caller sleeps on the lock.
    result<submission> submit_and_run(std::string_view project, const function_urn& urn,
                                      std::string payload, const switches& b, time_point now);

    /// Performs everything due at or before `now`, in time order.
    void run_due(std::string_view project, time_point now, const switches& b);

    /// When the next piece of work falls due, if any.
    std::optional<time_point> next_due(std::string_view project) const;
    /// Projects with pending work.
    std::vector<std::string> busy_projects() const;

    /// Cancels a waiting or running invocation: FAIL with 4208. Errors: invalid_format
    /// (unknown or finished request id, "Invalid RequestId").
    result<invocation_record> cancel(std::string_view project, std::string_view request_id,
                                     time_point now);

    /// Sets what a function qualifier does (key: unqualified URN + ":" + qualifier).
    void set_behaviour(std::string_view project, const function_urn& urn, function_behaviour fb);
    /// Drops the behaviours of a project (all functions succeed again).
    void clear_behaviours(std::string_view project);
    /// The behaviours of a project by key (unqualified URN + ":" + qualifier, i.e. the full
    /// URN), for the state snapshot.
    std::map<std::string, function_behaviour> behaviours(std::string_view project) const;

    /// Records, oldest first; `evicted` counts records dropped over the cap.
    std::vector<invocation_record> records(std::string_view project,
                                           const record_filter& f = {}) const;
    std::vector<delivery> deliveries(std::string_view project) const;
    std::uint64_t evicted_records(std::string_view project) const;
    std::uint64_t evicted_deliveries(std::string_view project) const;

    /// Project-level async status logs (spec §9): enabled → the fake LTS group and stream.
    struct status_log_info {
        std::string group_id, group_name, stream_id, stream_name;
    };
    status_log_info enable_status_log(std::string_view project);
    std::optional<status_log_info> status_log(std::string_view project) const;
    /// Sets the status-log settings as a snapshot holds them (nullopt: disabled).
    void restore_status_log(std::string_view project, std::optional<status_log_info> info);

    /// Projects with behaviours or enabled status logs (what a state snapshot holds).
    std::vector<std::string> configured_projects() const;

    /// Calls `observer` after every change (a submit, progress, cancel or reset), on the
    /// changing thread with the engine's lock held: it must not call back into the engine
    /// (the control API's wait list only notes that something changed). Set it once,
    /// before the engine is shared.
    void set_observer(std::function<void()> observer);
    /// Calls `scheduled` with when a project's next piece of work falls due, after
    /// submissions of submit_and_run were applied to it (without the engine's lock held;
    /// the real-clock runner re-plans its wait). Set it once, before the engine is shared.
    void set_scheduled_observer(
        std::function<void(std::string_view project, time_point next_due)> scheduled);
    /// A counter that moves with every change.
    std::uint64_t version() const;

    /// Forgets everything of one project, or of all.
    void reset(std::optional<std::string_view> project = std::nullopt);

private:
    struct event {
        time_point due;
        std::uint64_t seq;
        std::uint64_t record;    ///< the serial of its record
        bool finish;             ///< false: start an attempt; true: its outcome is known
        attempt_outcome outcome; ///< finish: what the attempt does, fixed when it started
        bool operator>(const event& o) const { return due != o.due ? due > o.due : seq > o.seq; }
    };
    struct project_state {
        /// A min-heap on (due, seq) kept with std::push_heap and std::pop_heap, so that the
        /// earliest event can be moved out (a priority_queue only lends it as const).
        std::vector<event> queue;
        /// Records by serial (the seq_ value given when queued): every attempt and trim finds
        /// one by a number, not by hashing and comparing its 36-character request id.
        std::unordered_map<std::uint64_t, invocation_record> by_serial;
        /// Serials by request id (views of the records' own ids), for cancel.
        std::unordered_map<std::string_view, std::uint64_t> by_id;
        std::deque<std::uint64_t> order; ///< serials, oldest first
        std::deque<delivery> deliveries;
        std::map<std::string, function_behaviour, std::less<>> behaviours;
        std::uint64_t evicted_records = 0, evicted_deliveries = 0;
        std::optional<status_log_info> status_log;
    };

    /// A new record for `urn` if the function exists: needs no lock of the engine's.
    result<invocation_record> new_record(std::string_view project, const function_urn& urn,
                                         std::string payload, std::vector<std::string> chain,
                                         const switches& b, time_point now);
    /// Queues a new record (lock held).
    void enqueue(project_state& ps, invocation_record r);
    result<invocation_record> submit_locked(project_state& ps, std::string_view project,
                                            const function_urn& urn, std::string payload,
                                            std::vector<std::string> chain, const switches& b,
                                            time_point now);
    project_state& state_of(std::string_view project); ///< created on first use (lock held)
    void run_due_locked(project_state& ps, std::string_view project, time_point now,
                        const switches& b);
    void start_attempt(project_state& ps, std::string_view project, std::uint64_t serial,
                       invocation_record& r, const switches& b, time_point now);
    void finish_attempt(project_state& ps, std::string_view project, std::uint64_t serial,
                        invocation_record& r, const attempt_outcome& outcome, const switches& b,
                        time_point now);
    void conclude(project_state& ps, std::string_view project, invocation_record& r,
                  const async_invoke_config& c, const std::string& condition, const switches& b,
                  time_point now);
    void deliver(project_state& ps, std::string_view project, const invocation_record& r,
                 const destination_target& t, const char* on, notification note, const switches& b,
                 time_point now);
    async_invoke_config config_for(std::string_view project, const function_urn& urn,
                                   const switches& b) const;
    void push(project_state& ps, time_point due, std::uint64_t record, bool finish,
              attempt_outcome outcome = {});
    /// The keys of a destination's `param` (lock held): the last one read is kept, as
    /// deliveries mostly go to the same destination again.
    const std::map<std::string, param_value>& param_fields(const std::string& param);
    void touch(); ///< a change: bumps version_ and tells the observer (lock held)
    /// The key of a qualifier's behaviour: unqualified URN + ":" + qualifier.
    static std::string behaviour_key(const function_urn& urn);
    void trim(project_state& ps);

    function_store& store_;
    id_generator& ids_;
    invocation_codecs codecs_;
    invocation_limits limits_;
    std::uint64_t seq_ = 0;
    mutable adaptive_mutex mutex_;
    std::function<void()> observer_;
    std::function<void(std::string_view, time_point)> scheduled_;
    /// A submission of submit_and_run that found the engine busy.
    struct pending {
        std::string project;
        invocation_record record;
        switches b;
        time_point now;
    };
    /// Holds mutex_ (the only way it is taken): applies the inbox when it takes it and
    /// again before it lets go, then tells scheduled_ (see invocation_engine.cpp).
    class hold;
    std::mutex inbox_mutex_;        ///< guards inbox_ only: held for a push or a swap
    std::vector<pending> inbox_;    ///< in arrival order
    std::vector<pending> applying_; ///< the inbox being applied (mutex_ held)
    std::atomic<bool> inbox_waiting_{false};
    /// Applies the submissions waiting in the inbox (mutex_ held); notes their projects.
    void apply_inbox(std::vector<std::string>& projects);
    std::uint64_t version_ = 0;
    std::map<std::string, project_state, std::less<>> projects_;
    std::optional<std::string> last_param_;                ///< param_fields' cache: the text
    std::map<std::string, param_value> last_param_fields_; ///< and its keys
    /// config_for's cache (lock held): the config it read last, with what it was read for.
    /// Each attempt reads the config twice (start and finish), and copying it out of the
    /// store took a tenth of an invocation's instructions; the store's revision tells
    /// whether it may have changed since.
    struct config_memo {
        std::uint64_t revision = 0; // function_store::revision() starts at 1
        std::string project;
        function_urn urn;
        switches b;
        async_invoke_config config;
    };
    mutable config_memo config_memo_;
};

} // namespace emu::domain
