#include "control/handlers.hpp"

namespace emu::control {
using namespace api; // the control API is built from the public API's pieces
namespace {

constexpr std::string_view prefix = "/_emulator";

api::route_table<handler> make_control_routes() {
    using v = http::verb;
    api::route_table<handler> t;
    t.add(v::get, "/_emulator/health", "ControlHealth", control_health);
    t.add(v::get, "/_emulator/ready", "ControlReady", control_ready);
    t.add(v::post, "/_emulator/reset", "ControlReset", control_reset);
    t.add(v::get, "/_emulator/state", "ControlGetState", control_get_state);
    t.add(v::put, "/_emulator/state", "ControlPutState", control_put_state);
    t.add(v::post, "/_emulator/seed", "ControlSeed", control_seed);
    t.add(v::get, "/_emulator/journal", "ControlFindJournal", control_find_journal);
    t.add(v::get, "/_emulator/journal/count", "ControlCountJournal", control_count_journal);
    t.add(v::delete_, "/_emulator/journal", "ControlClearJournal", control_clear_journal);
    t.add(v::post, "/_emulator/faults", "ControlAddFault", control_add_fault);
    t.add(v::get, "/_emulator/faults", "ControlListFaults", control_list_faults);
    t.add(v::delete_, "/_emulator/faults", "ControlClearFaults", control_clear_faults);
    t.add(v::delete_, "/_emulator/faults/{id}", "ControlDeleteFault", control_delete_fault);
    t.add(v::get, "/_emulator/switches", "ControlGetSwitches", control_get_switches);
    t.add(v::put, "/_emulator/switches", "ControlPutSwitches", control_put_switches);
    t.add(v::delete_, "/_emulator/switches", "ControlDeleteSwitches", control_delete_switches);
    t.add(v::get, "/_emulator/clock", "ControlGetClock", control_get_clock);
    t.add(v::put, "/_emulator/clock", "ControlPutClock", control_put_clock);
    t.add(v::delete_, "/_emulator/clock", "ControlDeleteClock", control_delete_clock);
    t.add(v::put, "/_emulator/behaviours", "ControlPutBehaviour", control_put_behaviour);
    t.add(v::delete_, "/_emulator/behaviours", "ControlDeleteBehaviours",
          control_delete_behaviours);
    t.add(v::get, "/_emulator/invocations", "ControlListInvocations", control_list_invocations);
    t.add(v::get, "/_emulator/deliveries", "ControlListDeliveries", control_list_deliveries);
    // The dashboard's files and the OpenAPI document hold no data: open without the token.
    t.add(v::get, "/_emulator/ui", "DashboardRedirect", control_ui_redirect, true);
    t.add(v::get, "/_emulator/ui/", "Dashboard", control_ui_index, true);
    t.add(v::get, "/_emulator/ui/{file}", "DashboardFile", control_ui_file, true);
    t.add(v::get, "/_emulator/openapi.json", "OpenApiDocument", control_openapi, true);
    return t;
}

} // namespace

const api::route_table<handler>& control_routes() {
    static const api::route_table<handler> table = make_control_routes();
    return table;
}

bool is_control_path(std::string_view path) {
    return path.starts_with(prefix) && (path.size() == prefix.size() || path[prefix.size()] == '/');
}

} // namespace emu::control
