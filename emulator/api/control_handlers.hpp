#pragma once
// The control API for tests, under /_emulator/ (docs/control-api.md): health and readiness,
// reset, state snapshots, seeding, the request journal, fault injection, switches and the
// virtual clocks. Not journaled, not subject to faults; optionally guarded by --admin-token.
#include "api/request_context.hpp"

#include <string_view>
#include <vector>

namespace emu::api {

/// One control route for the router's table.
struct control_route {
    http::verb method;
    std::string_view pattern;
    response (*fn)(request_context&);
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

// Switches and clocks (control_switch_handlers.cpp)
response control_get_switches(request_context& ctx);
response control_put_switches(request_context& ctx);
response control_delete_switches(request_context& ctx);
response control_get_clock(request_context& ctx);
response control_put_clock(request_context& ctx);
response control_delete_clock(request_context& ctx);

} // namespace emu::api
