#pragma once
// The control API for tests, under /_emulator/ (docs/control-api.md): health and readiness,
// reset, state snapshots, seeding, the request journal, fault injection, switches and the
// virtual clocks. Not journaled, not subject to faults; optionally guarded by --admin-token.
#include "api/request_context.hpp"

#include <boost/json/object.hpp>

#include <string_view>
#include <vector>

namespace emu::api {

/// One control route for the router's table.
struct control_route {
    http::verb method;
    std::string_view pattern;
    response (*fn)(request_context&);
    bool open = false; ///< served without --admin-token (the dashboard's static files)
};

/// Every control route.
const std::vector<control_route>& control_routes();

// Health and state (control_state_handlers.cpp)
response control_health(request_context& ctx);
response control_ready(request_context& ctx);
response control_reset(request_context& ctx);
response control_get_state(request_context& ctx);
response control_put_state(request_context& ctx);
response control_seed(request_context& ctx);

// Journal and faults (control_journal_handlers.cpp)
response control_find_journal(request_context& ctx);
response control_count_journal(request_context& ctx);
response control_clear_journal(request_context& ctx);
response control_add_fault(request_context& ctx);
response control_list_faults(request_context& ctx);
response control_delete_fault(request_context& ctx);
response control_clear_faults(request_context& ctx);

// Invocations (control_invocation_handlers.cpp)
response control_put_behaviour(request_context& ctx);
response control_delete_behaviours(request_context& ctx);
response control_list_invocations(request_context& ctx);
response control_list_deliveries(request_context& ctx);
/// Decodes a behaviour {"function_urn", "script": [outcome…], "otherwise": outcome} (outcome:
/// {"outcome": succeed|fail|timeout, "result", "error_message", "duration_ms"}) and sets it
/// for `project`; returns the problem, empty on success. Also used by fixture files.
std::string apply_behaviour(service& svc, const std::string& project,
                            const boost::json::object& body, std::string* full_urn = nullptr);
/// Performs every invocation step that is due on each project's clock (after a clock move).
void run_due_invocations(service& svc);

// Dashboard and OpenAPI document, embedded files (control_ui_handlers.cpp)
response control_ui_redirect(request_context& ctx);
response control_ui_index(request_context& ctx);
response control_ui_file(request_context& ctx);
response control_openapi(request_context& ctx);

// Switches and clocks (control_switch_handlers.cpp)
response control_get_switches(request_context& ctx);
response control_put_switches(request_context& ctx);
response control_delete_switches(request_context& ctx);
response control_get_clock(request_context& ctx);
response control_put_clock(request_context& ctx);
response control_delete_clock(request_context& ctx);

} // namespace emu::api
