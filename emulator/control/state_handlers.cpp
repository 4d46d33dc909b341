#include "control/handlers.hpp"

#include "api/http_response.hpp"
#include "control/fault_injector.hpp"
#include "control/journal.hpp"
#include "control/state_document.hpp"
#include "control/support.hpp"
#include "control/version.hpp"
#include "domain/invocation_engine.hpp"
#include "gateway/auth.hpp"

#include <boost/json/array.hpp>

namespace emu::control {
using namespace api; // the control API is built from the public API's pieces
namespace json = boost::json;

api::answer control_health(context& ctx) {
    return json_answer(ctx, {{"status", "ok"}, {"version", emulator_version()}});
}

api::answer control_ready(context& ctx) {
    json::object out{{"ready", true},
                     {"fixtures_loaded", ctx.state.control.fixtures_loaded},
                     {"projects", ctx.svc.store.projects().size()}};
    json::value file = nullptr;
    if (auto& f = ctx.state.control.state_file)
        file = {{"path", f->path}, {"loaded", f->loaded}, {"projects", f->projects}};
    out["state_file"] = std::move(file);
    return json_answer(ctx, out);
}

api::answer control_reset(context& ctx) {
    static const std::vector<std::string_view> kinds = {
        "all", "functions", "configs", "journal", "faults", "switches", "clock", "invocations"};
    auto project = control_project(ctx);
    std::string kind(ctx.query_param("kind").value_or("all"));
    if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end())
        return control_error(ctx, "kind must be one of all, functions, configs, journal, "
                                  "faults, switches, clock, invocations; got '" +
                                      kind + "'");
    // Default "start": a suite that resets between tests keeps what --fixtures or
    // --state-file loaded (as WireMock's reset keeps its file-loaded stubs).
    std::string to(ctx.query_param("to").value_or("start"));
    if (to != "start" && to != "empty")
        return control_error(ctx, "to must be start (the state right after start-up: fixtures "
                                  "or the state file) or empty; got '" +
                                      to + "'");
    service_state& s = ctx.state;
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
            s.switches.clear_project(*project);
        } else {
            s.switches.clear();
            s.switches.set_defaults(s.control.startup_switches);
        }
    }
    if (all || kind == "clock")
        project ? s.clocks.reset(*project) : s.clocks.reset_all();
    if ((all || kind == "invocations") && s.engine)
        project ? s.engine->reset(*project) : s.engine->reset();
    if (to == "start")
        if (auto e = restore_startup_state(s, kind, project))
            return control_error(ctx, "reset to start: " + *e);
    json::object out{{"reset", kind}};
    out["project_id"] = project ? json::value(*project) : json::value(nullptr);
    out["to"] = to;
    return json_answer(ctx, out);
}

api::answer control_get_state(context& ctx) {
    return json_answer(ctx, export_state(ctx.state, control_project(ctx)));
}

api::answer control_put_state(context& ctx) {
    json::object body;
    if (auto err = control_body(ctx, body))
        return std::move(*err);
    if (auto e = import_state(ctx.state, body))
        return control_error(ctx, *e);
    json::array names;
    for (auto& p : body.at("projects").as_array())
        names.push_back(p.as_object().at("project_id"));
    return json_answer(ctx, {{"loaded_projects", std::move(names)}});
}

api::answer control_seed(context& ctx) {
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
    ctx.state.faults.seed(n);
    return json_answer(ctx, {{"seed", n}});
}

} // namespace emu::control
