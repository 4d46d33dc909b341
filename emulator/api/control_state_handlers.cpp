#include "api/control_handlers.hpp"

#include "api/auth.hpp"
#include "api/control_support.hpp"
#include "api/fault_injector.hpp"
#include "api/http_response.hpp"
#include "api/journal.hpp"
#include "api/snapshot.hpp"
#include "api/version.hpp"
#include "domain/invocation_engine.hpp"

#include <boost/json/array.hpp>

namespace emu::api {
namespace json = boost::json;

const std::vector<control_route>& control_routes() {
    using v = http::verb;
    static const std::vector<control_route> routes = {
        {v::get, "/_emulator/health", control_health},
        {v::get, "/_emulator/ready", control_ready},
        {v::post, "/_emulator/reset", control_reset},
        {v::get, "/_emulator/state", control_get_state},
        {v::put, "/_emulator/state", control_put_state},
        {v::post, "/_emulator/seed", control_seed},
        {v::get, "/_emulator/journal", control_find_journal},
        {v::get, "/_emulator/journal/count", control_count_journal},
        {v::delete_, "/_emulator/journal", control_clear_journal},
        {v::post, "/_emulator/faults", control_add_fault},
        {v::get, "/_emulator/faults", control_list_faults},
        {v::delete_, "/_emulator/faults", control_clear_faults},
        {v::delete_, "/_emulator/faults/{id}", control_delete_fault},
        {v::get, "/_emulator/switches", control_get_switches},
        {v::put, "/_emulator/switches", control_put_switches},
        {v::delete_, "/_emulator/switches", control_delete_switches},
        {v::get, "/_emulator/clock", control_get_clock},
        {v::put, "/_emulator/clock", control_put_clock},
        {v::delete_, "/_emulator/clock", control_delete_clock},
        {v::put, "/_emulator/behaviours", control_put_behaviour},
        {v::delete_, "/_emulator/behaviours", control_delete_behaviours},
        {v::get, "/_emulator/invocations", control_list_invocations},
        {v::get, "/_emulator/deliveries", control_list_deliveries},
        {v::get, "/_emulator/ui", control_ui_redirect, true},
        {v::get, "/_emulator/ui/", control_ui_index, true},
        {v::get, "/_emulator/ui/{file}", control_ui_file, true},
        {v::get, "/_emulator/openapi.json", control_openapi, true},
    };
    return routes;
}

response control_health(request_context& ctx) {
    return json_answer(ctx, {{"status", "ok"}, {"version", emulator_version}});
}

response control_ready(request_context& ctx) {
    return json_answer(ctx, {{"ready", true},
                             {"fixtures_loaded", ctx.svc.control.fixtures_loaded},
                             {"projects", ctx.svc.store.projects().size()}});
}

response control_reset(request_context& ctx) {
    static const std::vector<std::string_view> kinds = {
        "all", "functions", "configs", "journal", "faults", "switches", "clock", "invocations"};
    auto project = control_project(ctx);
    std::string kind(ctx.query_param("kind").value_or("all"));
    if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end())
        return control_error(ctx, "kind must be one of all, functions, configs, journal, "
                                  "faults, switches, clock, invocations; got '" +
                                      kind + "'");
    service& s = ctx.svc;
    const bool all = kind == "all";
    if (all || kind == "functions")
        project ? s.store.reset_project(*project) : s.store.reset();
    if (kind == "configs")
        project ? s.store.reset_configs(*project) : s.store.reset_configs();
    if (all || kind == "journal")
        s.journal.clear(project);
    if (all || kind == "faults")
        s.faults.clear(project);
    if (all || kind == "switches") {
        if (project) {
            s.behaviours.clear_project(*project);
        } else {
            s.behaviours.clear();
            s.behaviours.set_defaults(s.control.startup_switches);
        }
    }
    if (all || kind == "clock")
        project ? s.clocks.reset(*project) : s.clocks.reset_all();
    if ((all || kind == "invocations") && s.invocations)
        project ? s.invocations->reset(*project) : s.invocations->reset();
    json::object out{{"reset", kind}};
    out["project_id"] = project ? json::value(*project) : json::value(nullptr);
    return json_answer(ctx, out);
}

response control_get_state(request_context& ctx) {
    return json_answer(ctx, export_state(ctx.svc, control_project(ctx)));
}

response control_put_state(request_context& ctx) {
    json::object body;
    if (auto err = control_body(ctx, body))
        return std::move(*err);
    if (auto e = import_state(ctx.svc, body))
        return control_error(ctx, *e);
    json::array names;
    for (auto& p : body.at("projects").as_array())
        names.push_back(p.as_object().at("project_id"));
    return json_answer(ctx, {{"loaded_projects", std::move(names)}});
}

response control_seed(request_context& ctx) {
    json::object body;
    if (auto err = control_body(ctx, body))
        return std::move(*err);
    auto* seed = body.if_contains("seed");
    if (!seed || !(seed->is_int64() || seed->is_uint64()) ||
        (seed->is_int64() && seed->get_int64() < 0))
        return control_error(ctx, "seed must be a non-negative integer, e.g. {\"seed\": 42}");
    std::uint64_t n =
        seed->is_uint64() ? seed->get_uint64() : static_cast<std::uint64_t>(seed->get_int64());
    ctx.svc.ids.seed(n);
    ctx.svc.faults.seed(n);
    return json_answer(ctx, {{"seed", n}});
}

} // namespace emu::api
