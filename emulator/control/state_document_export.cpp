#include "control/state_document.hpp"

#include "api/json_codec.hpp"
#include "api/time_format.hpp"
#include "control/fault_injector.hpp"
#include "control/journal.hpp"
#include "control/state_document.hpp"
#include "domain/invocation_engine.hpp"
#include "gateway/auth.hpp"

#include <boost/json/array.hpp>

#include <set>

namespace emu::control {
using namespace api; // the control API is built from the public API's pieces
namespace json = boost::json;

namespace {

json::object switches_of(const domain::switches& b) {
    json::object o;
    for (auto& sw : domain::switch_table())
        o[sw.name] = domain::get_switch(b, sw.name);
    return o;
}

json::object clock_of(const domain::clock_state& s) {
    json::object o;
    o["frozen"] = s.frozen;
    o["time"] = format_exact(s.frozen_at);
    o["offset_ns"] = std::chrono::duration_cast<std::chrono::nanoseconds>(s.offset).count();
    return o;
}

json::object target_of(const domain::destination_target& t) {
    return {{"destination", t.destination}, {"param", t.param}};
}

json::object config_of(const std::string& qualifier, const domain::async_invoke_config& c) {
    json::object o;
    o["qualifier"] = qualifier;
    o["max_async_event_age_in_seconds"] = c.max_async_event_age_in_seconds;
    o["max_async_retry_attempts"] = c.max_async_retry_attempts;
    if (!c.destination_config.empty()) {
        json::object d;
        if (c.destination_config.on_success)
            d["on_success"] = target_of(*c.destination_config.on_success);
        if (c.destination_config.on_failure)
            d["on_failure"] = target_of(*c.destination_config.on_failure);
        o["destination_config"] = std::move(d);
    }
    if (c.enable_async_status_log)
        o["enable_async_status_log"] = *c.enable_async_status_log;
    for (auto [key, field] :
         {std::pair{"log_group_id", &c.log_group_id}, std::pair{"log_stream_id", &c.log_stream_id},
          std::pair{"log_group_name", &c.log_group_name},
          std::pair{"log_stream_name", &c.log_stream_name}})
        if (*field)
            o[key] = **field;
    o["created_time"] = format_exact(c.created_time);
    o["last_modified"] = format_exact(c.last_modified);
    return o;
}

/// The code and metadata of a record (a function's latest or a version's copy).
void record_fields(json::object& o, const domain::function_record& r) {
    o["runtime"] = r.runtime;
    o["timeout"] = r.timeout;
    o["handler"] = r.handler;
    o["memory_size"] = r.memory_size;
    o["code_type"] = r.code_type;
    o["code_filename"] = r.code_filename;
    o["code_size"] = r.code_size;
    o["digest"] = r.digest.str();
    o["func_code"] = {{"link", r.func_code_link}};
    o["description"] = r.description;
    o["type"] = r.type;
    o["created"] = format_exact(r.created);
    o["last_modified"] = format_exact(r.last_modified);
}

json::object version_of(const domain::function_version& v) {
    json::object o;
    o["version"] = v.version;
    o["version_description"] = v.description;
    record_fields(o, v.record);
    return o;
}

json::object alias_of(const domain::function_alias& a) {
    json::object o;
    o["name"] = a.name;
    o["version"] = a.version;
    o["description"] = a.description;
    json::object weights, strategy;
    for (auto& [v, w] : a.additional_version_weights)
        weights[v] = w;
    for (auto& [v, st] : a.additional_version_strategy)
        strategy[v] = encode_strategy(st);
    o["additional_version_weights"] = std::move(weights);
    o["additional_version_strategy"] = std::move(strategy);
    o["created"] = format_exact(a.created);
    o["last_modified"] = format_exact(a.last_modified);
    return o;
}

json::object function_of(const domain::function_snapshot& f) {
    const auto& r = f.record;
    json::object o;
    o["func_id"] = r.func_id;
    o["func_name"] = r.func_name;
    o["package"] = r.package;
    o["region"] = r.region;
    record_fields(o, r);
    json::array versions, aliases, configs;
    for (auto& v : f.versions)
        versions.push_back(version_of(v));
    for (auto& a : f.aliases)
        aliases.push_back(alias_of(a));
    for (auto& [qualifier, c] : f.configs)
        configs.push_back(config_of(qualifier, c));
    o["versions"] = std::move(versions);
    o["aliases"] = std::move(aliases);
    o["async_invoke_configs"] = std::move(configs);
    return o;
}

/// An outcome as PUT /_emulator/behaviours takes it, every field given (so that the decoder's
/// defaults do not matter: the round trip is exact).
json::object outcome_of(const domain::attempt_outcome& a) {
    using k = domain::attempt_outcome::kind;
    json::object o;
    o["outcome"] = a.what == k::succeed ? "succeed" : a.what == k::fail ? "fail" : "timeout";
    if (a.result)
        o["result"] = *a.result;
    o["error_message"] = a.error_message;
    o["duration_ms"] = a.duration.count();
    return o;
}

json::object behaviour_of(const std::string& key, const domain::function_behaviour& b) {
    json::array script;
    for (auto& step : b.script)
        script.push_back(outcome_of(step));
    return {{"function_urn", key},
            {"script", std::move(script)},
            {"otherwise", outcome_of(b.otherwise)}};
}

json::object project_of(const service_state& svc, const std::string& project, bool with_functions) {
    json::object o;
    o["project_id"] = project;
    if (auto b = svc.switches.project_override(project))
        o["switches"] = switches_of(*b);
    if (svc.clocks.has_own(project))
        o["clock"] = clock_of(svc.clocks.state(project));
    if (with_functions)
        o["functions"] = export_functions(svc.store.export_project(project));
    if (svc.engine) {
        json::array behaviours;
        for (auto& [key, b] : svc.engine->behaviours(project))
            behaviours.push_back(behaviour_of(key, b));
        if (!behaviours.empty())
            o["behaviours"] = std::move(behaviours);
        if (auto log = svc.engine->status_log(project))
            o["async_status_log"] = {{"group_id", log->group_id},
                                     {"group_name", log->group_name},
                                     {"stream_id", log->stream_id},
                                     {"stream_name", log->stream_name}};
    }
    return o;
}

} // namespace

json::array export_functions(const std::vector<domain::function_snapshot>& functions) {
    json::array out;
    out.reserve(functions.size());
    for (auto& f : functions)
        out.push_back(function_of(f));
    return out;
}

json::object export_state(const service_state& svc, const std::optional<std::string>& project,
                          bool with_functions) {
    json::object doc;
    doc["format"] = "fgs-emulator-state/1";
    json::array projects;
    if (project) {
        projects.push_back(project_of(svc, *project, with_functions));
    } else {
        doc["switches"] = switches_of(svc.switches.defaults());
        doc["clock"] = clock_of(svc.clocks.state(""));
        json::array creds, tokens;
        for (auto& c : svc.credentials.credentials())
            creds.push_back({{"access_key", c.access_key},
                             {"secret_key", c.secret_key},
                             {"project_id", c.project_id}});
        for (auto& t : svc.credentials.tokens())
            tokens.push_back({{"token", t.token}, {"project_id", t.project_id}});
        doc["credentials"] = std::move(creds);
        doc["tokens"] = std::move(tokens);
        std::set<std::string> names;
        for (auto& p : svc.store.projects())
            names.insert(p);
        for (auto& p : svc.switches.projects())
            names.insert(p);
        for (auto& p : svc.clocks.projects())
            names.insert(p);
        if (svc.engine)
            for (auto& p : svc.engine->configured_projects())
                names.insert(p);
        for (auto& p : names)
            projects.push_back(project_of(svc, p, with_functions));
    }
    doc["projects"] = std::move(projects);
    return doc;
}

std::optional<std::string> import_state(service_state& svc, const json::value& doc) {
    // Dry run on an empty scratch state built the same way, with today's default switches
    // (its engine validates the behaviours too).
    service_config config = svc.config;
    config.journal_size = 0;
    config.control.startup_switches = svc.switches.defaults();
    config.invocations = svc.engine.has_value();
    service_state scratch(svc.clocks.base(), config);
    if (auto e = load_state_document(scratch, doc, "state"))
        return e;
    for (auto& p : doc.at("projects").as_array())
        if (auto* id = p.as_object().if_contains("project_id")) {
            std::string name(id->as_string());
            svc.store.reset_project(name);
            svc.switches.clear_project(name);
            svc.clocks.reset(name);
            if (svc.engine) { // behaviours and status-log settings are the project's too
                svc.engine->clear_behaviours(name);
                svc.engine->restore_status_log(name, std::nullopt);
            }
        }
    return load_state_document(svc, doc, "state");
}

} // namespace emu::control
