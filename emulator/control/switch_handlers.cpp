#include "control/handlers.hpp"

#include "api/http_response.hpp"
#include "api/time_format.hpp"
#include "control/support.hpp"
#include "domain/invocation_engine.hpp"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

namespace emu::control {
using namespace api; // the control API is built from the public API's pieces
namespace json = boost::json;

namespace {

api::answer switches_answer(context& ctx, const std::optional<std::string>& project) {
    auto& reg = ctx.svc.switches;
    domain::switches b = project ? reg.for_project(*project) : reg.defaults();
    json::object switches;
    for (auto& sw : domain::switch_table())
        switches[sw.name] = domain::get_switch(b, sw.name);
    json::array presets;
    for (auto name : domain::preset_names())
        presets.push_back(json::string(name));
    json::object out;
    out["project_id"] = project ? json::value(*project) : json::value(nullptr);
    out["own"] = project ? reg.project_override(*project).has_value() : true;
    out["switches"] = std::move(switches);
    out["presets"] = std::move(presets);
    return json_answer(ctx, out);
}

api::answer clock_answer(context& ctx, const std::optional<std::string>& project) {
    std::string p = project.value_or("");
    auto state = ctx.svc.clocks.state(p);
    json::object out;
    out["project_id"] = project ? json::value(p) : json::value(nullptr);
    out["mode"] = state.frozen ? "frozen" : "real";
    out["now"] = format_exact(ctx.svc.clocks.now(p));
    out["offset_ms"] = std::chrono::duration_cast<std::chrono::milliseconds>(state.offset).count();
    out["own"] = project ? ctx.svc.clocks.has_own(p) : true;
    return json_answer(ctx, out);
}

} // namespace

api::answer control_get_switches(context& ctx) {
    return switches_answer(ctx, control_project(ctx));
}

api::answer control_put_switches(context& ctx) {
    json::object body;
    if (auto err = control_body(ctx, body))
        return std::move(*err);
    auto project = control_project(ctx);
    auto& reg = ctx.svc.switches;
    domain::switches b = project ? reg.for_project(*project) : reg.defaults();
    if (auto* p = body.if_contains("profile")) {
        auto preset = p->is_string() ? domain::preset(std::string(p->get_string()))
                                     : domain::result<domain::switches>(domain::make_error(
                                           domain::errc::invalid_type, "profile", ""));
        if (!preset)
            return control_error(ctx, "profile: " + (preset.error().detail.empty()
                                                         ? std::string("must be a string")
                                                         : preset.error().detail));
        b = *preset;
    }
    if (auto* s = body.if_contains("switches")) {
        if (!s->is_object())
            return control_error(ctx, "switches must be an object of name: value");
        for (auto& kv : s->get_object()) {
            std::string value = kv.value().is_string() ? std::string(kv.value().get_string())
                                                       : json::serialize(kv.value());
            if (auto r = domain::set_switch(b, kv.key(), value); !r)
                return control_error(ctx,
                                     "switches." + std::string(kv.key()) + ": " + r.error().detail);
        }
    }
    for (auto& kv : body)
        if (kv.key() != "profile" && kv.key() != "switches")
            return control_error(ctx, "unknown field '" + std::string(kv.key()) +
                                          "'; send {\"profile\": NAME, \"switches\": {...}}");
    project ? reg.set_project(*project, b) : reg.set_defaults(b);
    return switches_answer(ctx, project);
}

api::answer control_delete_switches(context& ctx) {
    auto project = control_project(ctx);
    if (project)
        ctx.svc.switches.clear_project(*project);
    else
        ctx.svc.switches.set_defaults(ctx.state.control.startup_switches);
    return switches_answer(ctx, project);
}

api::answer control_get_clock(context& ctx) {
    return clock_answer(ctx, control_project(ctx));
}

api::answer control_put_clock(context& ctx) {
    json::object body;
    if (auto err = control_body(ctx, body))
        return std::move(*err);
    auto project = control_project(ctx);
    std::string p = project.value_or("");
    auto& clocks = ctx.svc.clocks;
    for (auto& kv : body)
        if (kv.key() != "mode" && kv.key() != "time" && kv.key() != "advance_seconds" &&
            kv.key() != "advance_ms")
            return control_error(ctx, "unknown field '" + std::string(kv.key()) +
                                          "'; accepted: mode, time, advance_seconds, advance_ms");
    std::optional<domain::time_point> at;
    if (auto* t = body.if_contains("time")) {
        at = t->is_string() ? parse_time(t->get_string()) : std::nullopt;
        if (!at)
            return control_error(ctx, "time must be a timestamp like 2021-03-04T06:50:02Z");
    }
    std::optional<std::string> mode;
    if (auto* m = body.if_contains("mode")) {
        if (!m->is_string() || (m->get_string() != "frozen" && m->get_string() != "real"))
            return control_error(ctx, "mode must be \"frozen\" or \"real\"");
        mode = std::string(m->get_string());
    }
    std::optional<std::chrono::milliseconds> advance;
    for (auto [key, scale] : {std::pair{"advance_seconds", 1000}, std::pair{"advance_ms", 1}})
        if (auto* a = body.if_contains(key)) {
            // Bounded (±100 years) so that the clock can never wrap around.
            constexpr std::int64_t max_ms = 100LL * 366 * 24 * 3600 * 1000;
            if (!a->is_int64() || a->get_int64() > max_ms / scale ||
                a->get_int64() < -max_ms / scale)
                return control_error(ctx,
                                     std::string(key) + " must be an integer of at most 100 years");
            advance = advance.value_or(std::chrono::milliseconds(0)) +
                      std::chrono::milliseconds(a->get_int64() * scale);
        }
    if (!at && !mode && !advance)
        return control_error(ctx, "send time, mode and/or advance_seconds / advance_ms");
    if (at)
        clocks.freeze_at(p, *at);
    if (mode == "frozen" && !at)
        clocks.freeze(p);
    if (advance)
        clocks.advance(p, *advance);
    if (mode == "real")
        clocks.unfreeze(p);
    // Everything that fell due on the new time runs before the answer (issue: no sleeps).
    run_due_invocations(ctx.state);
    return clock_answer(ctx, project);
}

api::answer control_delete_clock(context& ctx) {
    auto project = control_project(ctx);
    ctx.svc.clocks.reset(project.value_or(""));
    run_due_invocations(ctx.state);
    return clock_answer(ctx, project);
}

} // namespace emu::control
