#include "api/router.hpp"

#include "api/alias_handlers.hpp"
#include "api/async_invoke_config_handlers.hpp"
#include "api/auth.hpp"
#include "api/control_handlers.hpp"
#include "api/error_catalog.hpp"
#include "api/fault_injector.hpp"
#include "api/function_handlers.hpp"
#include "api/handler_support.hpp"
#include "api/http_response.hpp"
#include "api/invocation_handlers.hpp"
#include "api/journal.hpp"
#include "api/time_format.hpp"
#include "api/uri.hpp"
#include "api/version_handlers.hpp"

#include <boost/json/monotonic_resource.hpp>

#include <cctype>
#include <cstddef>
#include <exception>
#include <iostream>

namespace emu::api {
namespace {

constexpr std::string_view switches_header = "X-Emulator-Switches";

bool is_param(std::string_view seg) {
    return !seg.empty() && seg.front() == '{';
}

bool is_project_id(std::string_view s) {
    if (s.empty() || s.size() > 64)
        return false;
    for (char c : s)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_')
            return false;
    return true;
}

bool is_json_media_type(std::string_view v) {
    v = v.substr(0, v.find(';'));
    while (!v.empty() && v.back() == ' ')
        v.remove_suffix(1);
    constexpr std::string_view json = "application/json";
    if (v.size() != json.size())
        return false;
    for (std::size_t i = 0; i < v.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(v[i])) != json[i])
            return false;
    return true;
}

/// Emulation: D08 — the pages mark Content-Type mandatory on every method; older pages
/// list no headers at all. Returns the rule broken, or an empty string.
std::string content_type_problem(const request& req, domain::content_type_rule rule) {
    using domain::content_type_rule;
    const bool has_body_method = req.method() == http::verb::post ||
                                 req.method() == http::verb::put ||
                                 req.method() == http::verb::patch;
    if (rule == content_type_rule::off || (rule == content_type_rule::body && !has_body_method))
        return {};
    auto it = req.find(http::field::content_type);
    if (it != req.end() && is_json_media_type(it->value()))
        return {};
    std::string got = it == req.end() ? "none" : "'" + std::string(it->value()) + "'";
    return "header Content-Type must be application/json on " + std::string(req.method_string()) +
           " requests, got " + got +
           " (switch require_content_type=" + (rule == content_type_rule::all ? "all" : "body") +
           ")";
}

/// The {project_id} segment of a /v2/{project_id}/… path, decoded; empty otherwise.
std::string project_of(std::string_view path) {
    constexpr std::string_view prefix = "v2/";
    if (path.starts_with('/')) // optional, as for split_path
        path.remove_prefix(1);
    std::string p;
    if (!path.starts_with(prefix))
        return p;
    const auto segment = path.substr(prefix.size(), path.find('/', prefix.size()) - prefix.size());
    if (percent_decode(segment, p) && is_project_id(p))
        return p;
    return {};
}

/// Damages a JSON body so that no parser accepts it (fault "malformed").
std::string malformed(const std::string& body) {
    return body.substr(0, body.size() / 2) + "<<injected malformed body";
}

} // namespace

router::router(service& svc) : svc_(svc) {
    using v = http::verb;
    auto add = [this](v method, std::string_view pattern, handler fn, bool open = false) {
        routes_.push_back(
            {method, split_path(pattern), fn, pattern.starts_with("/_emulator"), open});
    };
    constexpr std::string_view functions = "/v2/{project_id}/fgs/functions";
    constexpr std::string_view function = "/v2/{project_id}/fgs/functions/{function_urn}";
    static const std::string config = std::string(function) + "/async-invoke-config";
    static const std::string configs = std::string(function) + "/async-invoke-configs";
    static const std::string metadata = std::string(function) + "/config";
    add(v::post, functions, create_function);
    add(v::get, functions, list_functions);
    add(v::get, metadata, show_function_config);
    add(v::delete_, function, delete_function);
    add(v::put, config, update_function_async_invoke_config);
    add(v::get, config, show_function_async_invoke_config);
    add(v::delete_, config, delete_function_async_invoke_config);
    add(v::get, configs, list_function_async_invoke_config);
    static const std::string code = std::string(function) + "/code";
    static const std::string versions = std::string(function) + "/versions";
    static const std::string aliases = std::string(function) + "/aliases";
    static const std::string alias = aliases + "/{id}"; // {alias_name}, in ctx.resource_id
    add(v::put, code, update_function_code);
    add(v::put, metadata, update_function_config);
    add(v::post, versions, create_function_version);
    add(v::get, versions, list_function_versions);
    add(v::post, aliases, create_version_alias);
    add(v::get, aliases, list_version_aliases);
    add(v::get, alias, show_version_alias);
    add(v::put, alias, update_version_alias);
    add(v::delete_, alias, delete_version_alias);
    // Asynchronous invocations (spec §5–9). The two project-level paths are literal
    // segments where {function_urn} stands elsewhere; the router tries every pattern.
    // (Patterns must outlive the router: the table keeps views into them.)
    static const std::string invoke = std::string(function) + "/invocations-async";
    static const std::string records = std::string(function) + "/async-invocations";
    static const std::string active = std::string(function) + "/active-async-invocations";
    static const std::string cancel = std::string(function) + "/cancel";
    static const std::string enable_logs = std::string(functions) + "/enable-async-status-logs";
    static const std::string log_detail = std::string(functions) + "/async-status-log-detail";
    add(v::post, invoke, async_invoke_function);
    add(v::get, records, list_async_invocations);
    add(v::get, active, list_active_async_invocations);
    add(v::post, cancel, cancel_async_invocation);
    add(v::post, enable_logs, enable_async_status_log);
    add(v::get, log_detail, show_project_async_status_log_info);
    for (auto& r : control_routes())
        add(r.method, r.pattern, r.fn, r.open);
}

std::vector<std::pair<http::verb, std::string>> router::routes() const {
    std::vector<std::pair<http::verb, std::string>> out;
    for (auto& r : routes_) {
        std::string pattern;
        for (auto seg : r.pattern)
            pattern.append("/").append(seg);
        out.emplace_back(r.method, std::move(pattern));
    }
    return out;
}

outcome router::handle(const request& req) const {
    response_meta meta{req.version(), req.keep_alive(), svc_.ids.uuid()};
    try {
        // Enough for the JSON of a typical request and answer; more comes from the heap.
        alignas(std::max_align_t) unsigned char json_buffer[4096];
        boost::json::monotonic_resource json_memory(json_buffer, sizeof json_buffer);
        request_context ctx{req, svc_, {}, meta, {}, {}, {}, {}, {}, {}, &json_memory};
        std::string_view path = req.target().substr(0, req.target().find('?'));
        if (svc_.control.enabled && (path == "/_emulator" || path.starts_with("/_emulator/"))) {
            ctx.behaviour = svc_.behaviours.defaults();
            return {dispatch(ctx)};
        }
        return handle_public(ctx);
    } catch (const std::exception& e) {
        std::cerr << "fgs-emulator: internal error on " << req.method_string() << ' '
                  << req.target() << ": " << e.what() << '\n';
        return {make_error_response(describe(api_errc::internal, e.what(), {}), meta)};
    } catch (...) {
        std::cerr << "fgs-emulator: internal error on " << req.method_string() << ' '
                  << req.target() << '\n';
        return {make_error_response(describe(api_errc::internal, "unknown error", {}), meta)};
    }
}

outcome router::handle_public(request_context& ctx) const {
    const request& req = ctx.req;
    std::string_view target = req.target();
    std::string_view path = target.substr(0, target.find('?'));
    std::string project = project_of(path);
    ctx.behaviour =
        project.empty() ? svc_.behaviours.defaults() : svc_.behaviours.for_project(project);

    outcome out;
    auto fault = svc_.faults.match(req.method_string(), path, project);
    if (fault && fault->action == fault_action::error) {
        // The request is not applied: an error before the service saw it.
        out.res = make_error_response(
            {static_cast<http::status>(fault->status), fault->error_code, fault->error_msg},
            ctx.meta);
        ctx.rule = "fault " + fault->id + " (error)";
    } else if (fault && fault->action == fault_action::reset) {
        out.how = delivery::reset;
        ctx.rule = "fault " + fault->id + " (reset)";
    } else {
        out.res = dispatch(ctx);
        if (fault) {
            // Applied, then the answer is damaged or late, like a network fault after commit.
            static constexpr const char* names[] = {"error", "delay", "reset", "truncate",
                                                    "malformed"};
            ctx.rule = (ctx.rule.empty() ? "" : ctx.rule + "; ") + "fault " + fault->id + " (" +
                       names[static_cast<int>(fault->action)] + ")";
            if (fault->action == fault_action::delay)
                out.delay = fault->delay;
            else if (fault->action == fault_action::truncate)
                out.how = delivery::truncate;
            else if (fault->action == fault_action::malformed)
                out.res.body() = malformed(out.res.body());
        }
    }

    if (!svc_.journal.enabled())
        return out;
    // One buffer per thread for the header lines: no allocation per request once warm.
    thread_local std::string headers;
    headers.clear();
    for (auto& f : req)
        headers.append(f.name_string()).append(": ").append(f.value()).append("\r\n");
    const bool answered = out.how != delivery::reset;
    svc_.journal.record({.time = svc_.clocks.now(project),
                         .request_id = ctx.meta.request_id,
                         .method = req.method_string(),
                         .target = target,
                         .path = path,
                         .project = project,
                         .headers = headers,
                         .body = req.body(),
                         .status = answered ? out.res.result_int() : 0,
                         .response_body = answered ? std::string_view(out.res.body()) : "",
                         .rule = ctx.rule});
    return out;
}

response router::dispatch(request_context& ctx) const {
    const request& req = ctx.req;
    std::string_view target = req.target();
    auto qmark = target.find('?');
    std::string_view path = target.substr(0, qmark);
    auto segments = split_path(path);

    const route* found = nullptr;
    std::string allowed;
    for (auto& r : routes_) {
        if (r.pattern.size() != segments.size() || (r.control && !svc_.control.enabled))
            continue;
        bool match = true;
        for (std::size_t i = 0; match && i < segments.size(); ++i)
            match = is_param(r.pattern[i]) ? !segments[i].empty() : r.pattern[i] == segments[i];
        if (!match)
            continue;
        if (r.method == req.method()) {
            found = &r;
            break;
        }
        allowed += (allowed.empty() ? "" : ", ") + std::string(http::to_string(r.method));
    }

    // Per-request switch overrides for tests: "X-Emulator-Switches: name=value,...".
    if (auto it = req.find(switches_header); it != req.end())
        if (auto r = domain::apply_switches(ctx.behaviour, it->value()); !r)
            return error_answer(ctx, api_errc::invalid_switch,
                                std::string(switches_header) + ": " + r.error().detail);

    response res;
    if (!found && allowed.empty()) {
        res = error_answer(ctx, api_errc::route_not_found,
                           "no API at " + std::string(req.method_string()) + " " +
                               std::string(path.substr(0, 256)));
    } else if (!found) {
        res = error_answer(ctx, api_errc::method_not_allowed,
                           std::string(req.method_string()) +
                               " is not supported here; allowed: " + allowed);
        if (res.result() == http::status::method_not_allowed)
            res.set(http::field::allow, allowed);
    } else {
        res = [&]() -> response {
            for (std::size_t i = 0; i < segments.size(); ++i) {
                if (found->pattern[i] == "{project_id}") {
                    if (!percent_decode(segments[i], ctx.project_id) ||
                        !is_project_id(ctx.project_id))
                        return error_answer(
                            ctx, domain::make_error(domain::errc::invalid_format, "project_id",
                                                    "project_id must be 1-64 letters, digits, "
                                                    "'-' or '_'"));
                } else if (found->pattern[i] == "{function_urn}") {
                    if (!percent_decode(segments[i], ctx.function_urn))
                        return error_answer(ctx, domain::make_error(domain::errc::invalid_urn,
                                                                    "function_urn",
                                                                    "the path segment is not valid "
                                                                    "percent-encoding"));
                } else if (found->pattern[i] == "{id}") {
                    percent_decode(segments[i], ctx.resource_id);
                }
            }
            if (qmark != std::string_view::npos)
                ctx.query = parse_query(target.substr(qmark + 1));
            ctx.now = svc_.clocks.now(ctx.project_id);
            if (found->control) {
                if (!found->open && !svc_.control.token.empty() &&
                    req["X-Emulator-Token"] != std::string_view(svc_.control.token))
                    return error_answer(ctx, api_errc::control_unauthorized,
                                        "send the --admin-token value in X-Emulator-Token");
            } else {
                if (auto why =
                        authenticate(req, ctx.project_id, svc_.auth, svc_.credentials, ctx.now))
                    return error_answer(ctx, api_errc::auth_failed, why->message);
                if (auto why = content_type_problem(req, ctx.behaviour.require_content_type);
                    !why.empty())
                    return error_answer(ctx, api_errc::bad_content_type, why);
            }
            return found->fn(ctx);
        }();
    }
    // Tell the client which switches (differing from the documented preset) shaped it.
    if (!(ctx.behaviour == domain::behaviour{})) {
        std::string names;
        for (auto n : domain::differing_switches(domain::behaviour{}, ctx.behaviour))
            names += (names.empty() ? "" : ",") + std::string(n) + "=" +
                     domain::get_switch(ctx.behaviour, n);
        res.set(switches_header, names);
    }
    return res;
}

response router::body_too_large(unsigned version) const {
    response_meta meta{version, false, svc_.ids.uuid()};
    return make_error_response(
        describe(api_errc::body_too_large,
                 "the limit is " + std::to_string(svc_.max_body) + " bytes (--max-body)",
                 svc_.behaviours.defaults()),
        meta);
}

response router::header_too_large() const {
    response_meta meta{11, false, svc_.ids.uuid()};
    return make_error_response(describe(api_errc::header_too_large,
                                        "the request header fields are too large",
                                        svc_.behaviours.defaults()),
                               meta);
}

response router::target_too_long() const {
    response_meta meta{11, false, svc_.ids.uuid()};
    return make_error_response(describe(api_errc::target_too_long, "the request target is too long",
                                        svc_.behaviours.defaults()),
                               meta);
}

} // namespace emu::api
