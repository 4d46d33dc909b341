#pragma once
// The control API for tests, under /_emulator/ (docs/control-api.md): health and readiness,
// reset, state snapshots, seeding, the request journal, fault injection, switches and the
// virtual clocks. Not journaled, not subject to faults; optionally guarded by --admin-token.
#include "api/http_response.hpp"
#include "api/route_table.hpp"
#include "control/context.hpp"

#include <boost/json/object.hpp>

#include <string_view>
#include <vector>

namespace emu::control {

/// A handler of one control operation.
using handler = api::answer (*)(context&);

/// The control route table (docs/control-api.md). Built once; thread-safe.
const api::route_table<handler>& control_routes();

/// Whether `path` (without the query) is under the control API's prefix /_emulator.
bool is_control_path(std::string_view path);

// Health and state (state_handlers.cpp)
api::answer control_health(context& ctx);
api::answer control_ready(context& ctx);
api::answer control_reset(context& ctx);
api::answer control_get_state(context& ctx);
api::answer control_put_state(context& ctx);
api::answer control_seed(context& ctx);

// Journal and faults (journal_handlers.cpp)
api::answer control_find_journal(context& ctx);
api::answer control_count_journal(context& ctx);
api::answer control_clear_journal(context& ctx);
api::answer control_add_fault(context& ctx);
api::answer control_list_faults(context& ctx);
api::answer control_delete_fault(context& ctx);
api::answer control_clear_faults(context& ctx);

// Invocations (invocation_handlers.cpp)
api::answer control_put_behaviour(context& ctx);
api::answer control_delete_behaviours(context& ctx);
api::answer control_list_invocations(context& ctx);
api::answer control_list_deliveries(context& ctx);
/// Decodes a behaviour {"function_urn", "script": [outcome…], "otherwise": outcome} (outcome:
/// {"outcome": succeed|fail|timeout, "result", "error_message", "duration_ms"}) and sets it
/// for `project`; returns the problem, empty on success. Also used by fixture files.
std::string apply_behaviour(service_state& state, const std::string& project,
                            const boost::json::object& body, std::string* full_urn = nullptr);
/// Performs every invocation step that is due on each project's clock (after a clock move).
void run_due_invocations(service_state& state);

// The dashboard and the OpenAPI document (ui_handlers.cpp), served without --admin-token
api::answer control_ui_redirect(context& ctx);
api::answer control_ui_index(context& ctx);
api::answer control_ui_file(context& ctx);
api::answer control_openapi(context& ctx);

// Switches and clocks (switch_handlers.cpp)
api::answer control_get_switches(context& ctx);
api::answer control_put_switches(context& ctx);
api::answer control_delete_switches(context& ctx);
api::answer control_get_clock(context& ctx);
api::answer control_put_clock(context& ctx);
api::answer control_delete_clock(context& ctx);

} // namespace emu::control
