#pragma once
// Everything the handlers work on, owned by the application and passed by reference.
#include "domain/behaviour_registry.hpp"
#include "domain/clock_registry.hpp"
#include "domain/function_store.hpp"
#include "domain/ids.hpp"

#include <cstddef>
#include <functional>
#include <string>

namespace emu::domain {
class invocation_engine;
}

namespace emu::api {

class journal;
class fault_injector;
class credential_store;
enum class auth_mode;

/// Settings of the control API (/_emulator/).
struct control_settings {
    bool enabled = true;                  ///< --admin on|off
    std::string token;                    ///< --admin-token; empty = no token needed
    std::size_t fixtures_loaded = 0;      ///< files loaded at start-up (GET ready)
    domain::behaviour startup_switches{}; ///< --profile/--set, restored by reset
};

struct service {
    domain::function_store& store;
    domain::clock_registry& clocks;
    domain::id_generator& ids;
    domain::behaviour_registry& behaviours;
    api::journal& journal;
    api::fault_injector& faults;
    api::credential_store& credentials;
    auth_mode auth;
    std::string region = "cn-north-4"; ///< region of created functions' URNs
    std::size_t max_body = 6 * 1024 * 1024;
    control_settings control{};
    /// The asynchronous invocation engine; null where invocations are not served (the dry
    /// run of a state import, fuzz targets).
    domain::invocation_engine* invocations = nullptr;
    /// Called after work was queued or a clock moved, so that the real-clock runner
    /// re-plans its wait (may be empty).
    std::function<void()> invocation_work;
};

} // namespace emu::api
