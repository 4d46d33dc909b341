#include "app/pipeline.hpp"

#include "api/content_type.hpp"
#include "api/error_catalog.hpp"
#include "api/handler_support.hpp"
#include "api/http_response.hpp"
#include "api/routes.hpp"
#include "app/access_log.hpp"
#include "control/context.hpp"
#include "control/handlers.hpp"
#include "gateway/auth.hpp"

#include <boost/json/monotonic_resource.hpp>

#include <chrono>
#include <cstddef>
#include <exception>
#include <iostream>
#include <iterator>

namespace emu {
namespace {

constexpr std::string_view switches_header = "X-Emulator-Switches";
using steady = std::chrono::steady_clock;

/// One request on its way through the stages: what handlers get, what was matched, and the
/// answer with how it leaves.
struct exchange {
    exchange(const request& req, control::service_state& state, response_meta meta, event_log* log,
             steady::time_point start)
        : ctx(req, state, std::move(meta)), log(log), start(start) {}

    control::context ctx;
    event_log* log;           ///< the access log; null: none
    steady::time_point start; ///< when the pipeline got the request
    bool control = false;     ///< a control-API request (under /_emulator/, control API on)
    const api::route_table<api::handler>::route* public_route = nullptr;
    const api::route_table<control::handler>::route* control_route = nullptr;
    api::answer out;
    server::reply_action action = server::reply_action::send;
    std::chrono::milliseconds delay{0};
};

/// The rest of the pipeline after a stage.
struct next_stages {
    std::size_t first;
    void operator()(exchange& x) const;
};

using stage = void (*)(exchange&, next_stages);

std::chrono::microseconds since(steady::time_point start) {
    return std::chrono::duration_cast<std::chrono::microseconds>(steady::now() - start);
}

/// One access line per request (public and control API) with the answer as it leaves:
/// status, error_code and the rule that fired. A deferred answer (a control-API wait) is
/// logged when it is given, by the sink pipeline::handle makes; at debug level a line
/// marks the deferral too.
void access_log(exchange& x, next_stages next) {
    next(x);
    if (!x.log || !x.log->access_enabled())
        return;
    const request& req = x.ctx.req;
    if (x.out.deferred) {
        x.log->event(log_level::debug, "deferred", "the answer waits (logged when given)",
                     {{"request_id", std::string_view(x.ctx.meta.request_id)},
                      {"method", req.method_string()},
                      {"path", req.target()}});
        return;
    }
    const bool answered = x.action != server::reply_action::reset;
    const unsigned status = answered ? x.out.res.result_int() : 0;
    x.log->access({.request_id = x.ctx.meta.request_id,
                   .project = x.ctx.project_id,
                   .method = req.method_string(),
                   .target = req.target(),
                   .status = status,
                   .error_code = status >= 300 ? error_code_of(x.out.res.body()) : "",
                   .rule = x.out.rule,
                   .duration = since(x.start),
                   .deferred = false});
}

/// Records the request and its answer in the journal (public API only).
void journal(exchange& x, next_stages next) {
    next(x);
    auto& state = x.ctx.state;
    if (x.control || !state.journal.enabled())
        return;
    const request& req = x.ctx.req;
    // One buffer per thread for the header lines: no allocation per request once warm.
    thread_local std::string headers;
    headers.clear();
    for (auto& f : req)
        headers.append(f.name_string()).append(": ").append(f.value()).append("\r\n");
    const bool answered = x.action != server::reply_action::reset;
    state.journal.record({.time = state.clocks.now(x.ctx.project_id),
                          .request_id = x.ctx.meta.request_id,
                          .method = req.method_string(),
                          .target = req.target(),
                          .path = x.ctx.path,
                          .project = x.ctx.project_id,
                          .headers = headers,
                          .body = req.body(),
                          .status = answered ? x.out.res.result_int() : 0,
                          .response_body = answered ? std::string_view(x.out.res.body()) : "",
                          .rule = x.out.rule});
}

/// Damages a JSON body so that no parser accepts it (fault "malformed").
std::string malformed(const std::string& body) {
    return body.substr(0, body.size() / 2) + "<<injected malformed body";
}

/// Injected faults (public API only): an error or a reset instead of the request; a delay,
/// truncation or damage of the answer after it was applied.
void faults(exchange& x, next_stages next) {
    if (x.control)
        return next(x);
    const request& req = x.ctx.req;
    auto fault = x.ctx.state.faults.match(req.method_string(), x.ctx.path, x.ctx.project_id);
    if (!fault)
        return next(x);
    using control::fault_action;
    if (fault->action == fault_action::error) { // the request is not applied
        x.out = {api::make_error_response({static_cast<http::status>(fault->status),
                                           fault->error_code, fault->error_msg},
                                          x.ctx.meta),
                 "fault " + fault->id + " (error)"};
        return;
    }
    if (fault->action == fault_action::reset) {
        x.action = server::reply_action::reset;
        x.out.rule = "fault " + fault->id + " (reset)";
        return;
    }
    // Applied, then the answer is damaged or late, like a network fault after commit.
    next(x);
    static constexpr const char* names[] = {"error", "delay", "reset", "truncate", "malformed"};
    x.out.rule = (x.out.rule.empty() ? "" : x.out.rule + "; ") + "fault " + fault->id + " (" +
                 names[static_cast<int>(fault->action)] + ")";
    if (fault->action == fault_action::delay)
        x.delay = fault->delay;
    else if (fault->action == fault_action::truncate)
        x.action = server::reply_action::truncate;
    else if (fault->action == fault_action::malformed)
        x.out.res.body() = malformed(x.out.res.body());
}

/// Names the switches that differ from the documented preset on an answer.
void name_switches(response& res, const domain::switches& in_force) {
    if (in_force == domain::switches{})
        return;
    std::string names;
    for (auto n : domain::differing_switches(domain::switches{}, in_force))
        names +=
            (names.empty() ? "" : ",") + std::string(n) + "=" + domain::get_switch(in_force, n);
    res.set(switches_header, names);
}

/// The switches in force: the project's (defaults for control requests and paths without a
/// project), then the request's X-Emulator-Switches; the answer names those that differ
/// from the documented preset.
void switches(exchange& x, next_stages next) {
    auto& ctx = x.ctx;
    ctx.switches = x.control || ctx.project_id.empty()
                       ? ctx.state.switches.defaults()
                       : ctx.state.switches.for_project(ctx.project_id);
    if (auto it = find_field(ctx.req, switches_header); it != ctx.req.end())
        if (auto r = domain::apply_switches(ctx.switches, it->value()); !r) {
            x.out = api::error_answer(ctx, api::api_errc::invalid_switch,
                                      std::string(switches_header) + ": " + r.error().detail);
            return;
        }
    next(x);
    if (!x.out.deferred)
        name_switches(x.out.res, ctx.switches);
}

/// (method, path) → operation of the control or the public route table; 404 or 405. A
/// public route absent under the switches in force (D20, region_profile) answers as if it
/// were not in the table, and the message says which operation and switch.
void route(exchange& x, next_stages next) {
    auto& ctx = x.ctx;
    std::string allowed;
    std::string absent;
    if (x.control) {
        auto m = control::control_routes().find(ctx.req.method(), ctx.segments);
        x.control_route = m.found;
        allowed = std::move(m.allowed);
    } else {
        auto m = api::public_routes().find(ctx.req.method(), ctx.segments, ctx.switches);
        x.public_route = m.found;
        allowed = std::move(m.allowed);
        if (m.absent)
            absent = " (" + std::string(m.absent->operation) +
                     " does not exist under switch region_profile=" +
                     domain::get_switch(ctx.switches, "region_profile") + ")";
    }
    if (x.control_route || x.public_route)
        return next(x);
    if (allowed.empty())
        x.out = api::error_answer(ctx, api::api_errc::route_not_found,
                                  "no API at " + std::string(ctx.req.method_string()) + " " +
                                      std::string(ctx.path.substr(0, 256)) + absent);
    else
        x.out = api::error_answer(ctx, api::api_errc::method_not_allowed,
                                  std::string(ctx.req.method_string()) +
                                      " is not supported here; allowed: " + allowed + absent);
    if (!absent.empty())
        x.out.rule +=
            " (switch region_profile=" + domain::get_switch(ctx.switches, "region_profile") + ")";
    if (x.out.res.result() == http::status::method_not_allowed)
        x.out.res.set(http::field::allow, allowed);
}

/// The matched pattern's parameters ({project_id}, {function_urn}, {alias_name}, {id},
/// decoded), and the clock's reading for the project.
void path_params(exchange& x, next_stages next) {
    auto& ctx = x.ctx;
    const auto& pattern = x.control ? x.control_route->segments : x.public_route->segments;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (!api::is_path_param(pattern[i]))
            continue;
        if (pattern[i] == "{project_id}") {
            if (ctx.project_invalid) {
                x.out = api::error_answer(
                    ctx, domain::make_error(domain::errc::invalid_format, "project_id",
                                            "project_id must be 1-64 letters, digits, '-' or '_'"));
                return;
            }
        } else if (pattern[i] == "{function_urn}") {
            if (!percent_decode(ctx.segments[i], ctx.function_urn)) {
                x.out = api::error_answer(
                    ctx, domain::make_error(domain::errc::invalid_urn, "function_urn",
                                            "the path segment is not valid percent-encoding"));
                return;
            }
        } else {
            percent_decode(ctx.segments[i], ctx.resource_id);
        }
    }
    ctx.now = ctx.state.clocks.now(ctx.project_id);
    next(x);
}

/// Control requests: the --admin-token. Public requests: X-Auth-Token or an SDK-HMAC-SHA256
/// signature, as --auth says (gateway/auth.hpp).
void authenticate(exchange& x, next_stages next) {
    auto& ctx = x.ctx;
    const auto& state = ctx.state;
    if (x.control) {
        if (!x.control_route->open && !state.control.token.empty() &&
            ctx.req["X-Emulator-Token"] != std::string_view(state.control.token)) {
            x.out = api::error_answer(ctx, api::api_errc::control_unauthorized,
                                      "send the --admin-token value in X-Emulator-Token");
            return;
        }
    } else if (auto why = gateway::authenticate(ctx.req, ctx.project_id, ctx.svc.auth,
                                                state.credentials, ctx.now)) {
        x.out = api::error_answer(ctx, api::api_errc::auth_failed, why->message);
        return;
    }
    next(x);
}

/// Content-Type: application/json on the public API (switch require_content_type).
// Emulation: D08 — current pages mark the header mandatory on every method, old pages list none.
void content_type(exchange& x, next_stages next) {
    if (!x.control)
        if (auto why = api::content_type_problem(x.ctx.req, x.ctx.switches.require_content_type);
            !why.empty()) {
            x.out = api::error_answer(x.ctx, api::api_errc::bad_content_type, why);
            return;
        }
    next(x);
}

/// The operation itself.
void call_handler(exchange& x, next_stages) {
    x.out = x.control ? x.control_route->fn(x.ctx) : x.public_route->fn(x.ctx);
}

// The stages, in order. Each either answers (sets x.out) and returns, or calls next(x) and
// may then adjust what the stages after it answered. Adding a stage is one line here.
constexpr stage stages[] = {
    access_log,   // one line per request on stderr, with the final answer
    journal,      // records what was asked and answered (public API)
    faults,       // injected errors, resets, delays, truncation, damage (public API)
    switches,     // the switches in force; X-Emulator-Switches on the answer
    route,        // the operation, or 404 / 405
    path_params,  // {project_id}, {function_urn}, {alias_name}, {id}; the clock
    authenticate, // --admin-token, or the gateway's token / signature
    content_type, // D08 (public API)
    call_handler, // the operation's handler
};

void next_stages::operator()(exchange& x) const {
    if (first < std::size(stages))
        stages[first](x, next_stages{first + 1});
}

server::reply to_reply(api::answer&& a) {
    return server::reply{std::move(a.res)};
}

/// The access line of an answer made outside the stages (internal errors, transport
/// rejections).
void log_answer(event_log* log, std::string_view method, std::string_view target,
                const response& res, const std::string& request_id, steady::time_point start,
                std::string_view rule) {
    if (log && log->access_enabled())
        log->access({.request_id = request_id,
                     .project = {},
                     .method = method,
                     .target = target,
                     .status = res.result_int(),
                     .error_code = error_code_of(res.body()),
                     .rule = rule,
                     .duration = since(start),
                     .deferred = false});
}

} // namespace

pipeline::pipeline(control::service_state& state, event_log* log) : state_(state), log_(log) {}

std::optional<server::reply> pipeline::handle(const request& req,
                                              const server::deferral& later) const {
    const auto start = steady::now();
    response_meta meta{req.version(), req.keep_alive(), state_.ids.uuid()};
    std::string why;
    try {
        // Enough for the JSON of a typical request and answer; more comes from the heap.
        alignas(std::max_align_t) unsigned char json_buffer[4096];
        boost::json::monotonic_resource json_memory(json_buffer, sizeof json_buffer);
        exchange x(req, state_, meta, log_, start);
        x.ctx.json = &json_memory;
        x.control = state_.control.enabled && control::is_control_path(x.ctx.path);
        // A handler that answers later gets a sink that finishes its answer like the
        // stages after it would have (control requests: only the switches header), and
        // writes its access line.
        x.ctx.defer = [&later, &x]() -> api::answer_sink {
            struct logged {
                event_log* log;
                std::string request_id, project, method, target;
                steady::time_point start;
            };
            std::shared_ptr<logged> line;
            if (x.log && x.log->access_enabled())
                line =
                    std::make_shared<logged>(logged{x.log, x.ctx.meta.request_id, x.ctx.project_id,
                                                    std::string(x.ctx.req.method_string()),
                                                    std::string(x.ctx.req.target()), x.start});
            return [sink = later(), in_force = x.ctx.switches, line](api::answer a) {
                name_switches(a.res, in_force);
                if (line) {
                    const unsigned status = a.res.result_int();
                    line->log->access(
                        {.request_id = line->request_id,
                         .project = line->project,
                         .method = line->method,
                         .target = line->target,
                         .status = status,
                         .error_code = status >= 300 ? error_code_of(a.res.body()) : "",
                         .rule = a.rule,
                         .duration = since(line->start),
                         .deferred = true});
                }
                sink(to_reply(std::move(a)));
            };
        };
        next_stages{0}(x);
        if (x.out.deferred)
            return std::nullopt;
        return server::reply{std::move(x.out.res), x.delay, x.action};
    } catch (const std::exception& e) {
        why = e.what();
    } catch (...) {
        why = "unknown error";
    }
    if (log_)
        log_->event(log_level::error, "internal_error", why,
                    {{"request_id", std::string_view(meta.request_id)},
                     {"method", req.method_string()},
                     {"path", req.target()}});
    else
        std::cerr << "fgs-emulator: internal error on " << req.method_string() << ' '
                  << req.target() << ": " << why << '\n';
    auto res = api::make_error_response(api::describe(api::api_errc::internal, why, {}), meta);
    log_answer(log_, req.method_string(), req.target(), res, meta.request_id, start,
               "internal error");
    return to_reply(std::move(res));
}

server::reply pipeline::reject(server::transport_error why,
                               const server::request_header& head) const {
    const auto start = steady::now();
    const auto defaults = state_.switches.defaults();
    response_meta meta{11, false, state_.ids.uuid()};
    api::error_entry error;
    switch (why) {
    case server::transport_error::header_too_large:
        error = api::describe(api::api_errc::header_too_large,
                              "the request header fields are too large", defaults);
        break;
    case server::transport_error::target_too_long:
        error = api::describe(api::api_errc::target_too_long, "the request target is too long",
                              defaults);
        break;
    case server::transport_error::body_too_large:
        meta.version = head.version();
        error = api::describe(api::api_errc::body_too_large,
                              "the limit is " + std::to_string(state_.svc.max_body) +
                                  " bytes (--max-body)",
                              defaults);
        break;
    }
    auto res = api::make_error_response(error, meta);
    // What the transport read of the request line (a target too long is cut in the log).
    log_answer(log_, head.method_string(), head.target().substr(0, 1024), res, meta.request_id,
               start, "");
    return to_reply(std::move(res));
}

} // namespace emu
