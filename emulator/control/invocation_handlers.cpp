#include "control/handlers.hpp"

#include "api/http_response.hpp"
#include "api/notification_codec.hpp"
#include "api/time_format.hpp"
#include "control/support.hpp"
#include "domain/invocation_engine.hpp"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <charconv>
#include <chrono>
#include <functional>
#include <optional>
#include <string>

namespace emu::control {
using namespace api; // the control API is built from the public API's pieces
namespace json = boost::json;

namespace {

/// Decodes {"outcome": succeed|fail|timeout, "result", "error_message", "duration_ms"}.
std::string decode_outcome(const json::value& v, const std::string& path,
                           domain::attempt_outcome& out) {
    auto* o = v.if_object();
    if (!o)
        return path + " must be an object";
    for (auto& kv : *o)
        if (kv.key() != "outcome" && kv.key() != "result" && kv.key() != "error_message" &&
            kv.key() != "duration_ms")
            return path + ": unknown field '" + std::string(kv.key()) +
                   "'; accepted: outcome, result, error_message, duration_ms";
    std::string what = "succeed";
    if (auto* w = o->if_contains("outcome")) {
        if (!w->is_string())
            return path + ".outcome must be succeed, fail or timeout";
        what = w->get_string();
    }
    using k = domain::attempt_outcome::kind;
    if (what == "succeed")
        out.what = k::succeed;
    else if (what == "fail")
        out.what = k::fail;
    else if (what == "timeout")
        out.what = k::timeout;
    else
        return path + ".outcome must be succeed, fail or timeout, got '" + what + "'";
    if (auto* r = o->if_contains("result")) {
        if (!r->is_string())
            return path + ".result must be a string (the function's return value)";
        out.result = std::string(r->get_string());
    }
    out.error_message = "function failed";
    if (auto* e = o->if_contains("error_message")) {
        if (!e->is_string())
            return path + ".error_message must be a string";
        out.error_message = e->get_string();
    }
    if (auto* d = o->if_contains("duration_ms")) {
        if (!d->is_int64() || d->get_int64() < 0 || d->get_int64() > 12LL * 3600 * 1000)
            return path + ".duration_ms must be an integer from 0 to 43200000 (12 h)";
        out.duration = std::chrono::milliseconds(d->get_int64());
    }
    return {};
}

/// Optional "min_count" and "wait_ms" of the waiting inspection endpoints.
bool wait_params(context& ctx, std::size_t& min_count, std::size_t& wait_ms, std::string& err) {
    for (auto [name, out, max] : {std::tuple{"min_count", &min_count, std::size_t{1000000}},
                                  std::tuple{"wait_ms", &wait_ms, std::size_t{30000}}}) {
        auto v = ctx.query_param(name);
        if (!v)
            continue;
        auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), *out);
        if (ec != std::errc() || p != v->data() + v->size() || *out > max) {
            err = std::string(name) + " must be an integer from 0 to " + std::to_string(max);
            return false;
        }
    }
    return true;
}

/// The body of a waiting answer when it is ready (or `final`); nullopt to keep waiting.
using ready_body = std::function<std::optional<json::object>(bool final)>;

/// Answers now when `body` is ready, no wait was asked for or waiting is not possible here;
/// otherwise parks the request on the wait list (no thread waits) until `body` is ready or
/// `wait_ms` passed. Only a real clock makes waiting useful: with a virtual clock, what is
/// due has already run when the clock moved.
api::answer answer_when_ready(context& ctx, std::size_t wait_ms, ready_body body) {
    if (auto now = body(wait_ms == 0 || !ctx.defer))
        return json_answer(ctx, *now);
    ctx.state.waits.park(
        [body = std::move(body), meta = ctx.meta](bool final) -> std::optional<api::answer> {
            auto ready = body(final);
            if (!ready)
                return std::nullopt;
            return api::answer(make_json_response(http::status::ok, json::serialize(*ready), meta));
        },
        std::chrono::steady_clock::now() + std::chrono::milliseconds(wait_ms), ctx.defer());
    return api::answer::later();
}

/// The ?project_id of a control request on invocations; nullopt when both it is given and
/// invocations are served, otherwise the error answer.
std::optional<api::answer> invocations_project(context& ctx, std::string& project) {
    if (!ctx.svc.invocations)
        return control_error(ctx, "invocations are not served here");
    auto p = control_project(ctx);
    if (!p)
        return control_error(ctx, "project_id is required (?project_id=…)");
    project = std::move(*p);
    return std::nullopt;
}

} // namespace

std::string apply_behaviour(service_state& svc, const std::string& project,
                            const json::object& body, std::string* full_urn) {
    if (!svc.engine)
        return "invocations are not served here";
    auto* urn_text = body.if_contains("function_urn");
    if (!urn_text || !urn_text->is_string())
        return "function_urn is required (any URN form; a qualifier selects a version or alias)";
    auto urn = domain::parse_function_urn(urn_text->get_string(), {project, svc.config.region});
    if (!urn)
        return "function_urn: " + urn.error().detail;
    domain::function_behaviour fb;
    for (auto& kv : body)
        if (kv.key() != "function_urn" && kv.key() != "script" && kv.key() != "otherwise")
            return "unknown field '" + std::string(kv.key()) +
                   "'; accepted: function_urn, script, otherwise";
    if (auto* script = body.if_contains("script")) {
        if (!script->is_array())
            return "script must be an array of outcomes";
        for (std::size_t i = 0; i < script->get_array().size(); ++i) {
            domain::attempt_outcome o;
            if (auto e =
                    decode_outcome(script->get_array()[i], "script[" + std::to_string(i) + "]", o);
                !e.empty())
                return e;
            fb.script.push_back(o);
        }
    }
    if (auto* otherwise = body.if_contains("otherwise"))
        if (auto e = decode_outcome(*otherwise, "otherwise", fb.otherwise); !e.empty())
            return e;
    svc.engine->set_behaviour(project, *urn, fb);
    if (full_urn)
        *full_urn = urn->full();
    return {};
}

api::answer control_put_behaviour(context& ctx) {
    json::object body;
    if (auto err = control_body(ctx, body))
        return std::move(*err);
    auto project = control_project(ctx);
    if (!project)
        return control_error(ctx, "project_id is required (?project_id=…)");
    std::string urn;
    if (auto e = apply_behaviour(ctx.state, *project, body, &urn); !e.empty())
        return control_error(ctx, e);
    std::size_t steps = body.contains("script") ? body.at("script").as_array().size() : 0;
    return json_answer(ctx, {{"project_id", *project}, {"function_urn", urn}, {"script", steps}});
}

api::answer control_delete_behaviours(context& ctx) {
    std::string project;
    if (auto err = invocations_project(ctx, project))
        return std::move(*err);
    ctx.svc.invocations->clear_behaviours(project);
    return make_empty_response(http::status::no_content, ctx.meta);
}

namespace {

/// ?project_id, min_count and wait_ms of a waiting inspection request; nullopt when all are
/// valid, otherwise the error answer.
std::optional<api::answer> waiting_request(context& ctx, std::string& project,
                                           std::size_t& min_count, std::size_t& wait_ms) {
    if (auto err = invocations_project(ctx, project))
        return err;
    std::string why;
    if (!wait_params(ctx, min_count, wait_ms, why))
        return control_error(ctx, why);
    return std::nullopt;
}

} // namespace

api::answer control_list_invocations(context& ctx) {
    std::string project;
    std::size_t min_count = 0, wait_ms = 0;
    if (auto err = waiting_request(ctx, project, min_count, wait_ms))
        return std::move(*err);
    domain::record_filter f;
    if (auto id = ctx.query_param("request_id"))
        f.request_id = std::string(*id);
    if (auto s = ctx.query_param("status"))
        for (auto st : {domain::invocation_status::wait, domain::invocation_status::running,
                        domain::invocation_status::success, domain::invocation_status::fail,
                        domain::invocation_status::discard})
            if (*s == domain::to_string(st))
                f.status = st;
    if (ctx.query_param("status") && !f.status)
        return control_error(ctx, "status must be WAIT, RUNNING, SUCCESS, FAIL or DISCARD");
    auto& engine = *ctx.svc.invocations;
    return answer_when_ready(
        ctx, wait_ms, [&engine, project, f, min_count](bool final) -> std::optional<json::object> {
            json::array items;
            for (auto& r : engine.records(project, f))
                items.push_back({{"request_id", r.request_id},
                                 {"function_urn", r.urn.full()},
                                 {"status", domain::to_string(r.status)},
                                 {"attempts", r.attempts},
                                 {"payload", r.payload},
                                 {"result", r.result},
                                 {"error_code", r.error_code},
                                 {"error_message", r.error_message},
                                 {"enqueued", format_exact(r.enqueued)},
                                 {"start_time", r.start_time ? format_exact(*r.start_time) : ""},
                                 {"end_time", r.end_time ? format_exact(*r.end_time) : ""}});
            if (items.size() < min_count && !final)
                return std::nullopt;
            json::object out{{"count", items.size()}, {"evicted", engine.evicted_records(project)}};
            out["invocations"] = std::move(items);
            return out;
        });
}

api::answer control_list_deliveries(context& ctx) {
    std::string project;
    std::size_t min_count = 0, wait_ms = 0;
    if (auto err = waiting_request(ctx, project, min_count, wait_ms))
        return std::move(*err);
    auto destination = ctx.query_param("destination");
    auto target = ctx.query_param("target");
    // The notification as the project's switches (D24) shape it, with this request's
    // X-Emulator-Switches on top: a control request otherwise carries only the defaults.
    domain::switches shape = ctx.svc.switches.for_project(project);
    if (auto it = ctx.req.find("X-Emulator-Switches"); it != ctx.req.end())
        (void)domain::apply_switches(shape, it->value()); // validated by the router
    auto& engine = *ctx.svc.invocations;
    return answer_when_ready(
        ctx, wait_ms,
        [&engine, &clocks = ctx.svc.clocks, project, min_count, shape,
         destination = std::optional<std::string>(destination),
         target = std::optional<std::string>(target)](bool final) -> std::optional<json::object> {
            auto now = clocks.now(project); // at each check (real clock)
            json::array items;
            for (auto& d : engine.deliveries(project)) {
                if ((destination && d.destination != *destination) ||
                    (target && d.target != *target))
                    continue;
                json::object o{{"seq", d.seq},         {"destination", d.destination},
                               {"on", d.on},           {"target", d.target},
                               {"outcome", d.outcome}, {"at", format_exact(d.at)}};
                if (d.destination == "OBS") {
                    o["object_key"] = d.object_key;
                    o["expires_at"] = d.expires_at ? json::value(format_exact(*d.expires_at))
                                                   : json::value(nullptr);
                    // Emulation: G — OBS objects past `expires` days are reported as expired.
                    o["expired"] = d.expires_at && *d.expires_at <= now;
                }
                if (!d.chained_request_id.empty())
                    o["chained_request_id"] = d.chained_request_id;
                o["notification"] = json::parse(encode_notification(d.note, shape));
                items.push_back(std::move(o));
            }
            if (items.size() < min_count && !final)
                return std::nullopt;
            json::object out{{"count", items.size()},
                             {"evicted", engine.evicted_deliveries(project)}};
            out["deliveries"] = std::move(items);
            return out;
        });
}

void run_due_invocations(service_state& svc) {
    if (!svc.engine)
        return;
    for (auto& p : svc.engine->busy_projects())
        svc.engine->run_due(p, svc.clocks.now(p), svc.switches.for_project(p));
    if (svc.svc.invocation_work)
        svc.svc.invocation_work();
}

} // namespace emu::control
