#pragma once
// Value types of the async-invoke-config resource (seed tables 3–8). Member names equal
// the JSON keys so that the API codec is visibly one-to-one.
#include "domain/clock.hpp"
#include "domain/sent_integer.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>

namespace emu::domain {

/// FuncDestinationConfig: where a result goes. `param` is kept exactly as sent (a string
/// holding a JSON object), after validation.
struct destination_target {
    std::string destination; ///< OBS, SMN, FunctionGraph (DIS with allow_dis_destination)
    std::string param;
    friend bool operator==(const destination_target&, const destination_target&) = default;
};

/// FuncAsyncDestinationConfig.
struct async_destination_config {
    std::optional<destination_target> on_success;
    std::optional<destination_target> on_failure;
    bool empty() const { return !on_success && !on_failure; }
    friend bool operator==(const async_destination_config&,
                           const async_destination_config&) = default;
};

/// A stored async-invoke-config of one function qualifier.
struct async_invoke_config {
    std::string func_urn; ///< full URN with qualifier
    std::int64_t max_async_event_age_in_seconds = 3600;
    std::int64_t max_async_retry_attempts = 1;
    async_destination_config destination_config;
    std::optional<bool> enable_async_status_log;
    /// Fields only newer SDKs send (D07): stored, never echoed.
    std::optional<std::string> log_group_id, log_stream_id, log_group_name, log_stream_name;
    time_point created_time;
    time_point last_modified;
    friend bool operator==(const async_invoke_config&, const async_invoke_config&) = default;
};

/// An array or object inside `param` (never valid for a key we know).
struct param_other {
    friend bool operator==(const param_other&, const param_other&) = default;
};

/// One key of a destination's `param` object, as the API layer decoded it.
using param_value =
    std::variant<std::monostate /*null*/, bool, std::int64_t, double, std::string, param_other>;

/// A FuncDestinationConfig as received; every field optional.
struct destination_input {
    std::optional<std::string> destination;
    std::optional<std::string> param;
    /// What `param` holds, decoded: nullopt when absent or not a JSON object.
    std::optional<std::map<std::string, param_value>> param_fields;
    bool param_is_json_object = false;
    friend bool operator==(const destination_input&, const destination_input&) = default;
};

/// A PUT body as received, after type checks (the codec rejects wrong JSON types).
struct config_input {
    std::optional<std::int64_t> max_async_event_age_in_seconds;
    std::optional<std::int64_t> max_async_retry_attempts;
    bool has_destination_config = false;
    std::optional<destination_input> on_success;
    std::optional<destination_input> on_failure;
    std::optional<bool> enable_async_status_log;
    std::optional<std::string> log_group_id, log_stream_id, log_group_name, log_stream_name;
    sent_integers sent; ///< integer fields that did not fit in 64 bits, as sent
    friend bool operator==(const config_input&, const config_input&) = default;
};

} // namespace emu::domain
