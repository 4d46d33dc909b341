#pragma once
// Everything the emulator keeps, owned in one place: clocks, ids, switches, functions and
// configs, the invocation engine, credentials, the journal and the fault rules. The
// application, the dry run of a state import and the test harnesses each build one, the
// same way; the public API's handlers see it through `svc`.
#include "api/service.hpp"
#include "control/fault_injector.hpp"
#include "control/journal.hpp"
#include "control/wait_list.hpp"
#include "domain/clock.hpp"
#include "domain/clock_registry.hpp"
#include "domain/function_store.hpp"
#include "domain/ids.hpp"
#include "domain/invocation_engine.hpp"
#include "domain/switch_registry.hpp"
#include "domain/switches.hpp"
#include "gateway/auth.hpp"

#include <boost/json/object.hpp>

#include <cstddef>
#include <optional>
#include <string>

namespace emu::control {

/// What --state-file loaded at start-up (GET ready).
struct state_file_status {
    std::string path;
    bool loaded = false;      ///< the file existed and was loaded (false: created at start-up)
    std::size_t projects = 0; ///< projects of the loaded document
};

/// Settings of the control API (/_emulator/).
struct control_settings {
    bool enabled = true;                           ///< --admin on|off
    std::string token;                             ///< --admin-token; empty = no token needed
    std::size_t fixtures_loaded = 0;               ///< files loaded at start-up (GET ready)
    domain::switches startup_switches{};           ///< --profile/--set, restored by reset
    std::optional<state_file_status> state_file{}; ///< with --state-file (GET ready)
};

/// How a service_state is built (from the options; tests take the defaults).
struct service_config {
    gateway::auth_mode auth = gateway::auth_mode::any;
    std::string region = "cn-north-4";
    std::size_t max_body = 6 * 1024 * 1024;
    std::size_t journal_size = 1000;
    bool invocations = true; ///< run an invocation engine (the dry run of an import does not)
    domain::invocation_limits limits{};
    control_settings control{}; ///< control.startup_switches are the default switches
};

/// The emulator's whole state. Built once; every member is thread-safe on its own.
class service_state {
public:
    /// Builds an empty state whose clocks read `base` (not owned; must outlive this).
    explicit service_state(const domain::clock& base, const service_config& config = {});
    service_state(const service_state&) = delete;
    service_state& operator=(const service_state&) = delete;

    const service_config config; ///< as built (the import's dry run copies it)
    domain::clock_registry clocks;
    domain::id_generator ids;
    domain::switch_registry switches;
    domain::function_store store{ids};
    control::journal journal;
    fault_injector faults;
    gateway::credential_store credentials;
    std::optional<domain::invocation_engine> engine; ///< when config.invocations
    control_settings control;
    /// The state exported right after start-up (remember_startup_state), restored by
    /// POST /_emulator/reset?to=start; empty when nothing was remembered. Written once before
    /// the server starts, read-only afterwards.
    boost::json::object startup_state;
    /// The functions of startup_state (whose projects have no "functions": a document of
    /// 100k functions would cost more than the functions themselves).
    domain::function_store::frozen startup_functions;
    api::service svc; ///< the view the public API's handlers get
    /// Parked control-API waits; last, so that it answers them while the rest still exists.
    wait_list waits;
};

} // namespace emu::control
