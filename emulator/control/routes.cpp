#include "control/handlers.hpp"

namespace emu::control {
using namespace api; // the control API is built from the public API's pieces
namespace {

constexpr std::string_view prefix = "/_emulator";

api::route_table<handler> make_control_routes() {
    using v = http::verb;
    api::route_table<handler> t;
    t.add(v::get, "/_emulator/health", "Health", control_health);
    t.add(v::get, "/_emulator/ready", "Ready", control_ready);
    t.add(v::post, "/_emulator/reset", "Reset", control_reset);
    t.add(v::get, "/_emulator/state", "GetState", control_get_state);
    t.add(v::put, "/_emulator/state", "PutState", control_put_state);
    t.add(v::post, "/_emulator/seed", "Seed", control_seed);
    t.add(v::get, "/_emulator/journal", "FindJournal", control_find_journal);
    t.add(v::get, "/_emulator/journal/count", "CountJournal", control_count_journal);
    t.add(v::delete_, "/_emulator/journal", "ClearJournal", control_clear_journal);
    t.add(v::post, "/_emulator/faults", "AddFault", control_add_fault);
    t.add(v::get, "/_emulator/faults", "ListFaults", control_list_faults);
    t.add(v::delete_, "/_emulator/faults", "ClearFaults", control_clear_faults);
    t.add(v::delete_, "/_emulator/faults/{id}", "DeleteFault", control_delete_fault);
    t.add(v::get, "/_emulator/switches", "GetSwitches", control_get_switches);
    t.add(v::put, "/_emulator/switches", "PutSwitches", control_put_switches);
    t.add(v::delete_, "/_emulator/switches", "DeleteSwitches", control_delete_switches);
    t.add(v::get, "/_emulator/clock", "GetClock", control_get_clock);
    t.add(v::put, "/_emulator/clock", "PutClock", control_put_clock);
    t.add(v::delete_, "/_emulator/clock", "DeleteClock", control_delete_clock);
    t.add(v::put, "/_emulator/behaviours", "PutBehaviour", control_put_behaviour);
    t.add(v::delete_, "/_emulator/behaviours", "DeleteBehaviours", control_delete_behaviours);
    t.add(v::get, "/_emulator/invocations", "ListInvocations", control_list_invocations);
    t.add(v::get, "/_emulator/deliveries", "ListDeliveries", control_list_deliveries);
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
