#include "api/invocation_handlers.hpp"

#include "api/handler_support.hpp"
#include "api/http_response.hpp"
#include "api/json_codec.hpp"
#include "api/time_format.hpp"
#include "domain/invocation_engine.hpp"
#include "domain/validation.hpp"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <optional>
#include <string_view>

namespace emu::api {
namespace json = boost::json;

namespace {

// Emulation: D13 — the async-invocation pages answer "not found" as FSS.0404.
constexpr page_kind async_page = page_kind::async_invocation;

/// "YYYY-MM-DDTHH:MM:SS" in UTC, as the async-invocation pages show times.
std::string utc_text(domain::time_point t) {
    return format_exact(t).substr(0, 19);
}

domain::error bad_query(const char* name, std::string detail) {
    return domain::make_error(domain::errc::invalid_query_parameter, name, std::move(detail));
}

/// The filters shared by async-invocations and active-async-invocations.
domain::result<domain::record_filter> filter_of(const request_context& ctx,
                                                const domain::function_urn& urn) {
    domain::record_filter f;
    f.function = urn.unqualified();
    if (auto id = ctx.query_param("request_id"); id && !id->empty()) {
        if (id->size() > 64)
            return bad_query("request_id", "request_id must be at most 64 characters");
        f.request_id = std::string(*id);
    }
    if (auto s = ctx.query_param("status"); s && !s->empty()) {
        for (auto st : {domain::invocation_status::wait, domain::invocation_status::running,
                        domain::invocation_status::success, domain::invocation_status::fail,
                        domain::invocation_status::discard})
            if (*s == domain::to_string(st))
                f.status = st;
        if (!f.status)
            return bad_query("status", "status must be one of WAIT, RUNNING, SUCCESS, FAIL, "
                                       "DISCARD, got '" +
                                           std::string(*s) + "'");
    }
    // Documented defaults: the last hour up to now, in UTC; a trailing Z is accepted too.
    f.begin = ctx.now - std::chrono::hours(1);
    f.end = ctx.now;
    for (auto [name, slot] :
         {std::pair{"query_begin_time", &f.begin}, std::pair{"query_end_time", &f.end}}) {
        if (auto v = ctx.query_param(name); v && !v->empty()) {
            auto t = v->size() >= 19 && v->size() <= 20 ? parse_time(*v) : std::nullopt;
            if (!t)
                return bad_query(name, std::string(name) +
                                           " must be YYYY-MM-DDTHH:MM:SS (UTC), got '" +
                                           std::string(*v) + "'");
            *slot = *t;
        }
    }
    return f;
}

answer list_records(request_context& ctx, bool active) {
    if (!ctx.svc.invocations)
        return error_answer(ctx, api_errc::route_not_found, "invocations are not served here");
    auto urn = path_urn(ctx);
    if (!urn)
        return error_answer(ctx, urn.error(), async_page);
    if (auto f = ctx.svc.store.get_function(ctx.project_id, *urn, ctx.switches); !f)
        return error_answer(ctx, f.error(), async_page);
    auto filter = filter_of(ctx, *urn);
    if (!filter)
        return error_answer(ctx, filter.error(), async_page);
    filter->active_only = active;
    if (active) {
        if (auto list = ctx.query_param("requests"); list && !list->empty()) {
            std::vector<std::string> ids;
            for (std::string_view rest = *list; !rest.empty();) {
                auto comma = rest.find(',');
                ids.emplace_back(rest.substr(0, comma));
                rest = comma == std::string_view::npos ? "" : rest.substr(comma + 1);
            }
            if (ids.size() > 10 || list->size() > 640)
                return error_answer(ctx,
                                    bad_query("requests", "requests takes at most 10 request ids "
                                                          "(640 characters)"),
                                    async_page);
            filter->request_ids = std::move(ids);
        }
    }
    domain::paging_rules rules{"limit", 100, 500};
    auto page =
        domain::parse_page_request(ctx.query_param("marker"), ctx.query_param("limit"), rules);
    if (!page)
        return error_answer(ctx, page.error(), async_page);
    std::vector<domain::invocation_record> all;
    // Emulation: D27 — whether records need enable_async_status_log is undocumented.
    auto config = ctx.svc.store.get_config(ctx.project_id, *urn, ctx.switches);
    const bool visible = !ctx.switches.require_status_log_for_query ||
                         (config && config->enable_async_status_log.value_or(false));
    if (visible)
        all = ctx.svc.invocations->records(ctx.project_id, *filter);
    std::reverse(all.begin(), all.end()); // newest first (G)
    json::array items;
    for (std::size_t i = page->offset; i < all.size() && items.size() < page->limit; ++i) {
        const auto& r = all[i];
        items.push_back({{"request_id", r.request_id},
                         {"status", domain::to_string(r.status)},
                         {"error_message", r.error_message},
                         {"error_code", r.error_code},
                         // Emulation: D12 — unfinished records have an empty end_time (G).
                         {"start_time", r.start_time ? utc_text(*r.start_time) : ""},
                         {"end_time", r.end_time ? utc_text(*r.end_time) : ""}});
    }
    std::size_t next = page->offset + items.size();
    if (next >= all.size())
        next = 0;
    json::object out;
    out["invocations"] = std::move(items);
    out["count"] = all.size();
    // Emulation: D11 — documented as an integer; Terraform reads it as a string.
    out["next_marker"] = ctx.switches.async_next_marker_string ? json::value(std::to_string(next))
                                                               : json::value(next);
    return json_answer(ctx, out);
}

} // namespace

answer async_invoke_function(request_context& ctx) {
    if (!ctx.svc.invocations)
        return error_answer(ctx, api_errc::route_not_found, "invocations are not served here");
    auto urn = path_urn(ctx);
    if (!urn)
        return error_answer(ctx, urn.error());
    // Emulation: D18 — X-Cff-Instance-Memory is accepted, and checked only in strict.
    std::optional<std::string_view> memory;
    if (auto it = find_field(ctx.req, "X-Cff-Instance-Memory"); it != ctx.req.end())
        memory = it->value();
    if (auto r = domain::check_instance_memory(memory, ctx.switches); !r)
        return error_answer(ctx, r.error());
    std::string event = ctx.req.body();
    if (event.find_first_not_of(" \t\r\n") == std::string::npos) {
        event = "{}"; // no body: an empty event (G)
    } else if (!is_json_object_text(event)) {
        // Not a JSON object: the DOM parse words the error.
        json::value body(ctx.json); // parse_json_body fills it in place
        if (auto err = parse_json_body(ctx, body))
            return std::move(*err);
        if (!body.is_object())
            return error_answer(ctx, api_errc::body_not_object,
                                "request body must be a JSON object (the event)");
    }
    // Emulation: D17 — the body is the event as sent; a "body" wrapper is never unwrapped.
    auto s = ctx.svc.invocations->submit_and_run(ctx.project_id, *urn, std::move(event),
                                                 ctx.switches, ctx.now);
    if (!s)
        return error_answer(ctx, s.error());
    // The engine tells the runner when the queued work falls due (set_scheduled_observer).
    // Written directly (what serialising {"request_id": …} gives, without building it).
    const std::string id = json::serialize(json::string_view(s->request_id));
    std::string out = "{\"request_id\":" + id;
    // Emulation: D17 — an old page says the id also comes back as requestId.
    if (ctx.switches.emit_camel_request_id)
        out.append(",\"requestId\":").append(id);
    out += '}';
    return make_json_response(http::status::accepted, std::move(out), ctx.meta);
}

answer list_async_invocations(request_context& ctx) {
    return list_records(ctx, false);
}

answer list_active_async_invocations(request_context& ctx) {
    return list_records(ctx, true);
}

answer cancel_async_invocation(request_context& ctx) {
    if (!ctx.svc.invocations)
        return error_answer(ctx, api_errc::route_not_found, "invocations are not served here");
    auto urn = path_urn(ctx);
    if (!urn)
        return error_answer(ctx, urn.error(), async_page);
    if (auto f = ctx.svc.store.get_function(ctx.project_id, *urn, ctx.switches); !f)
        return error_answer(ctx, f.error(), async_page);
    json::value body(ctx.json); // parse_json_body fills it in place
    if (auto err = parse_json_body(ctx, body))
        return std::move(*err);
    auto* o = body.if_object();
    auto* id = o ? o->if_contains("request_id") : nullptr;
    if (!id || !id->is_string() || id->get_string().empty())
        return error_answer(ctx, domain::make_error(domain::errc::missing_field, "request_id",
                                                    "Invalid RequestId: request_id is required "
                                                    "(a string)"));
    if (auto* type = o->if_contains("type"))
        if (!type->is_string() ||
            (type->get_string() != "force" && type->get_string() != "recursive"))
            return error_answer(ctx, domain::make_error(domain::errc::invalid_enum, "type",
                                                        "type must be force or recursive"));
    // A request id of another function of the project is as unknown as any other (G).
    domain::record_filter mine;
    mine.request_id = std::string(id->get_string());
    mine.function = urn->unqualified();
    if (ctx.svc.invocations->records(ctx.project_id, mine).empty())
        return error_answer(ctx, domain::make_error(domain::errc::invalid_format, "request_id",
                                                    "Invalid RequestId: no waiting or running "
                                                    "invocation '" +
                                                        *mine.request_id + "'"));
    auto r = ctx.svc.invocations->cancel(ctx.project_id, id->get_string(), ctx.now);
    if (!r)
        return error_answer(ctx, r.error());
    // Emulation: D19 — the documented 200 body is the literal null.
    return make_json_response(http::status::ok, "null", ctx.meta);
}

answer enable_async_status_log(request_context& ctx) {
    if (!ctx.svc.invocations)
        return error_answer(ctx, api_errc::route_not_found, "invocations are not served here");
    ctx.svc.invocations->enable_status_log(ctx.project_id);
    return make_json_response(http::status::ok, "\"ok\"", ctx.meta);
}

answer show_project_async_status_log_info(request_context& ctx) {
    if (!ctx.svc.invocations)
        return error_answer(ctx, api_errc::route_not_found, "invocations are not served here");
    auto info = ctx.svc.invocations->status_log(ctx.project_id);
    if (!info)
        return error_answer(ctx, domain::make_error(domain::errc::config_not_found, "project_id",
                                                    "async status logs are not enabled for "
                                                    "project " +
                                                        ctx.project_id +
                                                        " (POST …/enable-async-status-logs)"));
    return json_answer(ctx, {{"group_name", info->group_name},
                             {"group_id", info->group_id},
                             {"stream_id", info->stream_id},
                             {"stream_name", info->stream_name}});
}

} // namespace emu::api
