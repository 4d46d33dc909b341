#pragma once
// Value types of asynchronous invocations (spec §5–8): what a simulated function does on an
// attempt, the record of one invocation, and the notification delivered to a destination.
#include "domain/clock.hpp"
#include "domain/function_urn.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace emu::domain {

/// Status of an invocation record (spec §6.2).
enum class invocation_status { wait, running, success, fail, discard };

/// "WAIT", "RUNNING", "SUCCESS", "FAIL", "DISCARD".
const char* to_string(invocation_status s);
/// SUCCESS, FAIL or DISCARD: nothing more happens to the invocation.
bool is_final(invocation_status s);

/// What a simulated function does on one attempt.
struct attempt_outcome {
    enum class kind { succeed, fail, timeout };
    kind what = kind::succeed;
    std::optional<std::string> result; ///< succeed: the return value (nullopt: echo the event)
    std::string error_message;         ///< fail: the error the function reports
    std::chrono::milliseconds duration{100};
    friend bool operator==(const attempt_outcome&, const attempt_outcome&) = default;
};

/// The behaviour of a function qualifier: a script of outcomes for attempts 1, 2, …, then
/// `otherwise` for every later attempt. The default succeeds, echoing the event.
struct function_behaviour {
    std::vector<attempt_outcome> script;
    attempt_outcome otherwise;
    /// The outcome of attempt `n` (1-based).
    const attempt_outcome& for_attempt(int n) const {
        return n >= 1 && static_cast<std::size_t>(n) <= script.size() ? script[n - 1] : otherwise;
    }
    friend bool operator==(const function_behaviour&, const function_behaviour&) = default;
};

/// One asynchronous invocation and its progress.
struct invocation_record {
    std::string request_id;
    function_urn urn; ///< as invoked: the qualifier decides the config in force
    std::string payload;
    invocation_status status = invocation_status::wait;
    int attempts = 0;
    time_point enqueued;
    std::optional<time_point> start_time; ///< first attempt
    std::optional<time_point> end_time;
    int error_code = 0; ///< 0 on success; 4208 when canceled
    std::string error_message;
    std::string result;             ///< the last attempt's return value or error text
    std::vector<std::string> chain; ///< unqualified URNs that led here (loop detection)
};

/// The notification a destination receives (user guide; D24 for its field names).
struct notification {
    time_point timestamp;
    std::string request_id;
    std::string function_urn;
    std::string condition; ///< Success, RetriesExhausted, EventAgeExceeded
    int approximate_invoke_count = 0;
    std::string request_payload;
    int status_code = 200;
    std::string function_error; ///< empty on success
    std::string response_payload;
};

/// One delivery to a destination, kept for inspection by tests.
struct delivery {
    std::uint64_t seq = 0;
    std::string destination;              ///< OBS, SMN, FunctionGraph, DIS
    std::string on;                       ///< on_success or on_failure
    std::string target;                   ///< bucket, topic_urn, func_urn or stream_name
    std::string object_key;               ///< OBS: prefix + request id
    std::optional<time_point> expires_at; ///< OBS objects with expires > 0 days
    notification note;
    std::string outcome;            ///< "delivered", or why not (target missing, loop stopped)
    std::string chained_request_id; ///< FunctionGraph: the invocation it started
    time_point at;
};

} // namespace emu::domain
