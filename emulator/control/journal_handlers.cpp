#include "control/handlers.hpp"

#include "api/http_response.hpp"
#include "api/time_format.hpp"
#include "control/fault_injector.hpp"
#include "control/journal.hpp"
#include "control/support.hpp"

#include <boost/json/array.hpp>

#include <algorithm>
#include <charconv>

namespace emu::control {
using namespace api; // the control API is built from the public API's pieces
namespace json = boost::json;

namespace {

/// Reads the journal filters from the query; nullopt on a bad status or limit (err set).
std::optional<journal_query> query_of(context& ctx, std::string& err) {
    journal_query q;
    if (auto m = ctx.query_param("method"))
        q.method = std::string(*m);
    if (auto p = ctx.query_param("path"))
        q.path_pattern = std::string(*p);
    q.project = control_project(ctx);
    auto number = [&](const char* name, std::size_t& out) {
        auto v = ctx.query_param(name);
        if (!v)
            return true;
        auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
        if (ec != std::errc() || p != v->data() + v->size()) {
            err = std::string(name) + " must be a non-negative integer, got '" + std::string(*v) +
                  "'";
            return false;
        }
        return true;
    };
    std::size_t status = 0;
    if (!number("status", status) || !number("limit", q.limit))
        return std::nullopt;
    if (ctx.query_param("status"))
        q.status = static_cast<unsigned>(status);
    return q;
}

json::object entry_json(const journal_entry& e) {
    json::object headers;
    std::string_view lines = e.headers;
    while (!lines.empty()) {
        auto end = lines.find("\r\n");
        auto line = lines.substr(0, end);
        auto colon = line.find(": ");
        headers[line.substr(0, colon)] =
            colon == std::string_view::npos ? std::string_view{} : line.substr(colon + 2);
        lines = end == std::string_view::npos ? std::string_view{} : lines.substr(end + 2);
    }
    json::object o{{"seq", e.seq},
                   {"time", format_exact(e.time)},
                   {"request_id", e.request_id},
                   {"method", e.method},
                   {"target", e.target},
                   {"path", e.path},
                   {"project_id", e.project},
                   {"headers", std::move(headers)},
                   {"body", e.body},
                   {"status", e.status},
                   {"response_body", e.response_body}};
    if (!e.rule.empty())
        o["rule"] = e.rule;
    return o;
}

const char* action_name(fault_action a) {
    switch (a) {
    case fault_action::error:
        return "error";
    case fault_action::delay:
        return "delay";
    case fault_action::reset:
        return "reset";
    case fault_action::truncate:
        return "truncate";
    case fault_action::malformed:
        return "malformed";
    }
    return "error";
}

json::object fault_json(const fault_rule& r) {
    json::object o{{"id", r.id}, {"action", action_name(r.action)}, {"hits", r.hits}};
    o["method"] = r.method ? json::value(*r.method) : json::value(nullptr);
    o["path"] = r.path_pattern ? json::value(*r.path_pattern) : json::value(nullptr);
    o["project_id"] = r.project ? json::value(*r.project) : json::value(nullptr);
    if (r.action == fault_action::error) {
        o["status"] = r.status;
        o["error_code"] = r.error_code;
        o["error_msg"] = r.error_msg;
    }
    if (r.action == fault_action::delay)
        o["delay_ms"] = r.delay.count();
    o["times"] = r.remaining ? json::value(*r.remaining) : json::value(nullptr);
    o["probability"] = r.probability ? json::value(*r.probability) : json::value(nullptr);
    return o;
}

/// Decodes a fault rule body; returns the problem or an empty string.
std::string decode_fault(const json::object& b, fault_rule& r) {
    // A misspelt filter would silently widen the rule to every request: refuse it.
    static constexpr std::string_view fields[] = {"method", "path",       "project_id", "action",
                                                  "status", "error_code", "error_msg",  "delay_ms",
                                                  "times",  "probability"};
    for (auto& kv : b)
        if (std::find(std::begin(fields), std::end(fields), kv.key()) == std::end(fields))
            return "unknown field '" + std::string(kv.key()) +
                   "'; accepted: method, path, project_id, action, status, error_code, "
                   "error_msg, delay_ms, times, probability";
    auto text = [&](const char* key, std::optional<std::string>& out) -> std::string {
        if (auto* v = b.if_contains(key)) {
            if (!v->is_string())
                return std::string(key) + " must be a string";
            out = std::string(v->get_string());
        }
        return {};
    };
    for (auto [key, out] : {std::pair{"method", &r.method}, std::pair{"path", &r.path_pattern},
                            std::pair{"project_id", &r.project}})
        if (auto e = text(key, *out); !e.empty())
            return e;
    std::optional<std::string> action;
    if (auto e = text("action", action); !e.empty())
        return e;
    static const std::vector<std::pair<std::string_view, fault_action>> actions = {
        {"error", fault_action::error},
        {"delay", fault_action::delay},
        {"reset", fault_action::reset},
        {"truncate", fault_action::truncate},
        {"malformed", fault_action::malformed}};
    bool known = false;
    for (auto& [name, a] : actions)
        if (action.value_or("error") == name) {
            r.action = a;
            known = true;
        }
    if (!known)
        return "action must be one of error, delay, reset, truncate, malformed; got '" + *action +
               "'";
    auto integer = [&](const char* key, std::int64_t lo, std::int64_t hi,
                       std::int64_t& out) -> std::string {
        if (auto* v = b.if_contains(key)) {
            if (!v->is_int64() || v->get_int64() < lo || v->get_int64() > hi)
                return std::string(key) + " must be an integer from " + std::to_string(lo) +
                       " to " + std::to_string(hi);
            out = v->get_int64();
        }
        return {};
    };
    std::int64_t status = r.status, delay = 0, times = -1;
    if (auto e = integer("status", 100, 599, status); !e.empty())
        return e;
    if (auto e = integer("delay_ms", 0, 600000, delay); !e.empty())
        return e;
    if (auto e = integer("times", 1, 1000000000, times); !e.empty())
        return e;
    if (r.action == fault_action::delay && !b.contains("delay_ms"))
        return "a delay fault needs delay_ms";
    r.status = static_cast<unsigned>(status);
    r.delay = std::chrono::milliseconds(delay);
    if (times > 0)
        r.remaining = static_cast<std::uint64_t>(times);
    std::optional<std::string> code, msg;
    if (auto e = text("error_code", code); !e.empty())
        return e;
    if (auto e = text("error_msg", msg); !e.empty())
        return e;
    if (code)
        r.error_code = *code;
    if (msg)
        r.error_msg = *msg;
    if (auto* p = b.if_contains("probability")) {
        double d = p->is_double()  ? p->get_double()
                   : p->is_int64() ? static_cast<double>(p->get_int64())
                                   : -1.0;
        if (!(d >= 0.0 && d <= 1.0))
            return "probability must be a number from 0 to 1";
        r.probability = d;
    }
    return {};
}

} // namespace

api::answer control_find_journal(context& ctx) {
    std::string err;
    auto q = query_of(ctx, err);
    if (!q)
        return control_error(ctx, err);
    auto& j = ctx.state.journal;
    json::array entries;
    for (auto& e : j.find(*q))
        entries.push_back(entry_json(e));
    json::object out{{"count", j.count(*q)},
                     {"returned", entries.size()},
                     {"capacity", j.capacity()},
                     {"size", j.size()},
                     {"evicted", j.evicted()}};
    out["entries"] = std::move(entries);
    return json_answer(ctx, out);
}

api::answer control_count_journal(context& ctx) {
    std::string err;
    auto q = query_of(ctx, err);
    if (!q)
        return control_error(ctx, err);
    return json_answer(ctx, {{"count", ctx.state.journal.count(*q)}});
}

api::answer control_clear_journal(context& ctx) {
    ctx.state.journal.clear(control_project(ctx));
    return make_empty_response(http::status::no_content, ctx.meta);
}

api::answer control_add_fault(context& ctx) {
    json::object body;
    if (auto err = control_body(ctx, body))
        return std::move(*err);
    fault_rule r;
    if (auto e = decode_fault(body, r); !e.empty())
        return control_error(ctx, e);
    return json_answer(ctx, fault_json(ctx.state.faults.add(std::move(r))), http::status::created);
}

api::answer control_list_faults(context& ctx) {
    json::array faults;
    for (auto& r : ctx.state.faults.list(control_project(ctx)))
        faults.push_back(fault_json(r));
    return json_answer(ctx, {{"faults", std::move(faults)}});
}

api::answer control_delete_fault(context& ctx) {
    if (!ctx.state.faults.remove(ctx.resource_id))
        return error_answer(ctx, api_errc::control_not_found,
                            "no fault rule with id '" + ctx.resource_id + "'");
    return make_empty_response(http::status::no_content, ctx.meta);
}

api::answer control_clear_faults(context& ctx) {
    ctx.state.faults.clear(control_project(ctx));
    return make_empty_response(http::status::no_content, ctx.meta);
}

} // namespace emu::control
