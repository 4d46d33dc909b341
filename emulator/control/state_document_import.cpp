#include "control/state_document.hpp"

#include "api/json_codec.hpp"
#include "api/time_format.hpp"
#include "control/handlers.hpp"
#include "domain/invocation_engine.hpp"
#include "domain/validation.hpp"
#include "gateway/auth.hpp"

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>

namespace emu::control {
using namespace api; // the control API is built from the public API's pieces
namespace json = boost::json;

namespace {

std::string at(const std::string& path, std::size_t i) {
    return path + "[" + std::to_string(i) + "]";
}

const json::array* array_member(const json::object& o, std::string_view key) {
    auto* v = o.if_contains(key);
    return v && v->is_array() ? &v->get_array() : nullptr;
}

/// Loads one document; errors are "path: message" without the source.
class loader {
public:
    /// `configs_only`: function entries name functions that exist already and only their
    /// async_invoke_configs load; a function or qualifier that is gone is skipped (reset
    /// ?kind=configs&to=start).
    explicit loader(service_state& svc, bool configs_only = false)
        : svc_(svc), configs_only_(configs_only) {}

    std::optional<std::string> document(const json::value& doc) {
        if (!doc.is_object() || !doc.get_object().contains("projects") ||
            !doc.get_object().at("projects").is_array())
            return "the document must be an object with a \"projects\" array";
        const auto& top = doc.get_object();
        if (auto b = switches(top, svc_.switches.defaults(), ""); !b)
            return b.error();
        else if (top.contains("profile") || top.contains("switches"))
            svc_.switches.set_defaults(**b);
        if (auto e = clock(top, "", ""))
            return e;
        if (auto e = credentials(top))
            return e;
        const auto& projects = top.at("projects").get_array();
        for (std::size_t p = 0; p < projects.size(); ++p)
            if (auto e = project(projects[p], at("projects", p)))
                return e;
        return std::nullopt;
    }

private:
    /// "profile" and "switches" of an object, applied on top of `base`.
    boost::system::result<std::optional<domain::switches>, std::string>
    switches(const json::object& o, domain::switches base, const std::string& path) {
        std::string prefix = path.empty() ? "" : path + ".";
        if (auto* p = o.if_contains("profile")) {
            auto b = p->is_string() ? domain::preset(std::string(p->get_string()))
                                    : domain::result<domain::switches>(domain::make_error(
                                          domain::errc::invalid_type, "profile", "not a string"));
            if (!b)
                return prefix + "profile: " + b.error().detail;
            base = *b;
        }
        if (auto* s = o.if_contains("switches")) {
            if (!s->is_object())
                return prefix + "switches must be an object of name: value";
            for (auto& kv : s->get_object()) {
                std::string value = kv.value().is_string() ? std::string(kv.value().get_string())
                                                           : json::serialize(kv.value());
                if (auto r = domain::set_switch(base, kv.key(), value); !r)
                    return prefix + "switches." + std::string(kv.key()) + ": " + r.error().detail;
            }
        }
        if (!o.contains("profile") && !o.contains("switches"))
            return std::optional<domain::switches>{};
        return std::optional<domain::switches>{base};
    }

    std::optional<std::string> clock(const json::object& o, std::string_view project,
                                     const std::string& path) {
        auto* c = o.if_contains("clock");
        if (!c)
            return std::nullopt;
        std::string where = (path.empty() ? "" : path + ".") + "clock";
        if (!c->is_object())
            return where + " must be an object";
        domain::clock_state s;
        auto& co = c->get_object();
        if (auto* f = co.if_contains("frozen"); f && f->is_bool())
            s.frozen = f->get_bool();
        if (auto* t = co.if_contains("time")) {
            auto parsed = t->is_string() ? parse_time(t->get_string()) : std::nullopt;
            if (!parsed)
                return where + ".time is not a timestamp like 2021-03-04T06:50:02Z";
            s.frozen_at = *parsed;
        }
        if (auto* off = co.if_contains("offset_ns")) {
            if (!off->is_int64())
                return where + ".offset_ns must be an integer";
            s.offset = std::chrono::duration_cast<domain::time_point::duration>(
                std::chrono::nanoseconds(off->get_int64()));
        }
        svc_.clocks.restore(project, s);
        return std::nullopt;
    }

    /// "credentials": [{access_key, secret_key, project_id?}], "tokens": [{token, project_id?}]
    std::optional<std::string> credentials(const json::object& o) {
        auto text = [](const json::object& x, std::string_view key) {
            auto* v = x.if_contains(key);
            return v && v->is_string() ? std::string(v->get_string()) : std::string();
        };
        if (const json::array* list = array_member(o, "credentials"))
            for (std::size_t i = 0; i < list->size(); ++i) {
                const auto* c = (*list)[i].if_object();
                gateway::credential cred{c ? text(*c, "access_key") : "",
                                         c ? text(*c, "secret_key") : "",
                                         c ? text(*c, "project_id") : ""};
                if (cred.access_key.empty() || cred.secret_key.empty())
                    return at("credentials", i) + " needs access_key and secret_key (strings)";
                svc_.credentials.add(std::move(cred));
            }
        if (const json::array* list = array_member(o, "tokens"))
            for (std::size_t i = 0; i < list->size(); ++i) {
                const auto* t = (*list)[i].if_object();
                gateway::auth_token token{t ? text(*t, "token") : "",
                                          t ? text(*t, "project_id") : ""};
                if (token.token.empty())
                    return at("tokens", i) + " needs a token (a string)";
                svc_.credentials.add(std::move(token));
            }
        return std::nullopt;
    }

    std::optional<std::string> timestamp(const json::object& o, std::string_view key,
                                         const std::string& path, domain::time_point& out) {
        auto* v = o.if_contains(key);
        if (!v)
            return std::nullopt;
        auto t = v->is_string() ? parse_time(v->get_string()) : std::nullopt;
        if (!t)
            return path + "." + std::string(key) +
                   " is not a timestamp like 2021-03-04T06:50:02.000000000Z";
        out = *t;
        return std::nullopt;
    }

    std::optional<std::string> project(const json::value& v, const std::string& path) {
        if (!v.is_object())
            return path + " must be an object";
        const auto& o = v.get_object();
        auto* id = o.if_contains("project_id");
        if (!id || !id->is_string() || id->get_string().empty())
            return path + ".project_id is required (a string)";
        std::string project_id(id->get_string());
        if (auto b = switches(o, svc_.switches.defaults(), path); !b)
            return b.error();
        else if (*b)
            svc_.switches.set_project(project_id, **b);
        if (auto e = clock(o, project_id, path))
            return e;
        const json::array* functions = array_member(o, "functions");
        for (std::size_t f = 0; functions && f < functions->size(); ++f)
            if (auto e = function(project_id, (*functions)[f], path + "." + at("functions", f)))
                return e;
        // "behaviours": what the project's functions do when invoked asynchronously.
        const json::array* behaviours = array_member(o, "behaviours");
        for (std::size_t i = 0; behaviours && i < behaviours->size(); ++i) {
            std::string where = path + "." + at("behaviours", i);
            if (!(*behaviours)[i].is_object())
                return where + " must be an object";
            if (!svc_.engine)
                continue; // a service without an engine (unit-test harnesses) runs nothing
            if (auto e = apply_behaviour(svc_, project_id, (*behaviours)[i].get_object());
                !e.empty())
                return where + ": " + e;
        }
        if (auto* log = o.if_contains("async_status_log"))
            if (auto e = status_log(project_id, *log, path + ".async_status_log"))
                return e;
        return std::nullopt;
    }

    /// "async_status_log": true (enabled, new ids), false, or the settings of a snapshot
    /// {group_id, group_name, stream_id, stream_name} (POST …/enable-async-status-logs).
    std::optional<std::string> status_log(const std::string& project, const json::value& v,
                                          const std::string& where) {
        const char* expected = " must be true, false or {\"group_id\", \"group_name\", "
                               "\"stream_id\", \"stream_name\"} (strings)";
        if (v.is_bool()) {
            if (v.get_bool() && svc_.engine)
                svc_.engine->enable_status_log(project);
            return std::nullopt;
        }
        if (!v.is_object())
            return where + expected;
        domain::invocation_engine::status_log_info info;
        for (auto [key, field] :
             {std::pair{"group_id", &info.group_id}, std::pair{"group_name", &info.group_name},
              std::pair{"stream_id", &info.stream_id},
              std::pair{"stream_name", &info.stream_name}}) {
            auto* f = v.get_object().if_contains(key);
            if (!f || !f->is_string() || f->get_string().empty())
                return where + "." + key + " is required (a non-empty string)";
            *field = f->get_string();
        }
        if (svc_.engine)
            svc_.engine->restore_status_log(project, std::move(info));
        return std::nullopt;
    }

    std::optional<std::string> function(const std::string& project, const json::value& v,
                                        const std::string& path) {
        auto fail = [&](const domain::error& e) { return path + "." + e.field + ": " + e.detail; };
        if (configs_only_)
            return existing_function_configs(project, v);
        auto input = decode_function_input(v);
        if (!input)
            return fail(input.error());
        auto record = domain::build_function(*input);
        if (!record)
            return fail(record.error());
        const auto& o = v.get_object();
        domain::switches b = svc_.switches.for_project(project);
        b.unknown_fields = domain::unknown_fields::ignore; // "qualifier" and timestamps are ours
        domain::function_record stored;
        if (auto* id = o.if_contains("func_id"); id && id->is_string()) {
            // A snapshot entry: restored exactly as exported.
            record->func_id = id->get_string();
            record->region = svc_.config.region;
            if (auto* r = o.if_contains("region"); r && r->is_string())
                record->region = r->get_string();
            if (auto* d = o.if_contains("digest"); d && d->is_string())
                record->digest = std::string(d->get_string());
            if (auto* n = o.if_contains("code_size"); n && n->is_int64())
                record->code_size = n->get_int64();
            record->created = record->last_modified = svc_.clocks.now(project);
            if (auto e = timestamp(o, "created", path, record->created))
                return e;
            if (auto e = timestamp(o, "last_modified", path, record->last_modified))
                return e;
            record->project_id = project;
            if (auto r = svc_.store.insert_function(project, *record); !r)
                return fail(r.error());
            stored = *record;
        } else {
            auto created = svc_.store.create_function(
                project, svc_.config.region, std::move(*record), b, svc_.clocks.now(project));
            if (!created)
                return fail(created.error());
            stored = *created;
        }
        const json::array* versions = array_member(o, "versions");
        for (std::size_t i = 0; versions && i < versions->size(); ++i)
            if (auto e = version(project, stored, (*versions)[i], path + "." + at("versions", i)))
                return e;
        const json::array* aliases = array_member(o, "aliases");
        for (std::size_t i = 0; aliases && i < aliases->size(); ++i)
            if (auto e = alias(project, stored, (*aliases)[i], b, path + "." + at("aliases", i)))
                return e;
        const json::array* configs = array_member(o, "async_invoke_configs");
        for (std::size_t c = 0; configs && c < configs->size(); ++c)
            if (auto e = config(project, stored, (*configs)[c], b,
                                path + "." + at("async_invoke_configs", c)))
                return e;
        return std::nullopt;
    }

    /// The configs of a function entry whose function exists (configs_only_ mode).
    std::optional<std::string> existing_function_configs(const std::string& project,
                                                         const json::value& v) {
        const auto* o = v.if_object();
        auto text = [&](std::string_view key, std::string fallback) {
            auto* f = o ? o->if_contains(key) : nullptr;
            return f && f->is_string() ? std::string(f->get_string()) : fallback;
        };
        domain::switches b = svc_.switches.for_project(project);
        b.unknown_fields = domain::unknown_fields::ignore;
        auto urn = domain::parse_function_urn(
            "urn:fss:" + text("region", svc_.config.region) + ":" + project +
                ":function:" + text("package", "default") + ":" + text("func_name", "") + ":latest",
            {project, svc_.config.region});
        auto stored = urn ? svc_.store.get_function(project, *urn, b)
                          : domain::result<domain::function_record>(urn.error());
        const json::array* configs = o ? array_member(*o, "async_invoke_configs") : nullptr;
        for (std::size_t c = 0; stored && configs && c < configs->size(); ++c)
            (void)config(project, *stored, (*configs)[c], b, {}); // a gone qualifier: skipped
        return std::nullopt;
    }

    /// The unqualified URN of a stored function, parsed.
    domain::function_urn urn_of(const std::string& project, const domain::function_record& f) {
        return *domain::parse_function_urn(f.unqualified_urn(), {project, svc_.config.region});
    }

    /// A version entry: "version", "version_description", the metadata and code fields of
    /// a create body, and (snapshots) "digest", "code_size", "created", "last_modified".
    std::optional<std::string> version(const std::string& project, const domain::function_record& f,
                                       const json::value& v, const std::string& path) {
        auto fail = [&](const domain::error& e) { return path + "." + e.field + ": " + e.detail; };
        if (!v.is_object())
            return path + " must be an object";
        const auto& o = v.get_object();
        auto* name = o.if_contains("version");
        if (!name || !name->is_string() ||
            !domain::is_valid_version_name(std::string_view(name->get_string())))
            return path + ".version is required: a version name (not latest)";
        auto input = decode_function_input(v);
        if (!input)
            return fail(input.error());
        auto record = domain::apply_function_config(*input, f);
        if (record)
            record = domain::apply_function_code(*input, *record);
        if (!record)
            return fail(record.error());
        if (auto* d = o.if_contains("digest"); d && d->is_string())
            record->digest = std::string(d->get_string());
        if (auto* n = o.if_contains("code_size"); n && n->is_int64())
            record->code_size = n->get_int64();
        if (auto* t = o.if_contains("type"); t && t->is_string())
            record->type = t->get_string();
        record->created = record->last_modified = svc_.clocks.now(project);
        if (auto e = timestamp(o, "created", path, record->created))
            return e;
        if (auto e = timestamp(o, "last_modified", path, record->last_modified))
            return e;
        std::string description;
        if (auto* d = o.if_contains("version_description"); d && d->is_string())
            description = d->get_string();
        domain::function_version fv{std::string(name->get_string()), description, *record};
        if (auto r = svc_.store.insert_version(project, urn_of(project, f), std::move(fv)); !r)
            return fail(r.error());
        return std::nullopt;
    }

    /// An alias entry: a POST aliases body, and (snapshots) "created", "last_modified".
    std::optional<std::string> alias(const std::string& project, const domain::function_record& f,
                                     const json::value& v, const domain::switches& b,
                                     const std::string& path) {
        auto fail = [&](const domain::error& e) { return path + "." + e.field + ": " + e.detail; };
        auto input = decode_alias_input(v, b);
        if (!input)
            return fail(input.error());
        auto built = domain::build_alias(*input, std::nullopt, b);
        if (!built)
            return fail(built.error());
        built->created = built->last_modified = svc_.clocks.now(project);
        if (auto e = timestamp(v.get_object(), "created", path, built->created))
            return e;
        if (auto e = timestamp(v.get_object(), "last_modified", path, built->last_modified))
            return e;
        if (auto r = svc_.store.insert_alias(project, urn_of(project, f), *built); !r)
            return fail(r.error());
        return std::nullopt;
    }

    std::optional<std::string> config(const std::string& project, const domain::function_record& f,
                                      const json::value& v, const domain::switches& b,
                                      const std::string& path) {
        auto fail = [&](const domain::error& e) { return path + "." + e.field + ": " + e.detail; };
        auto input = decode_config_input(v, b);
        if (!input)
            return fail(input.error());
        std::string qualifier = "latest";
        if (auto* q = v.get_object().if_contains("qualifier"); q && q->is_string())
            qualifier = q->get_string();
        auto head = f.func_urn();
        auto urn = domain::parse_function_urn(head.substr(0, head.rfind(':')) + ":" + qualifier,
                                              {project, svc_.config.region});
        if (!urn)
            return fail(urn.error());
        auto now = svc_.clocks.now(project);
        auto built = domain::build_config(*input, nullptr, b, {project, svc_.config.region},
                                          urn->full(), now);
        if (!built)
            return fail(built.error());
        if (auto e = timestamp(v.get_object(), "created_time", path, built->created_time))
            return e;
        if (auto e = timestamp(v.get_object(), "last_modified", path, built->last_modified))
            return e;
        if (auto r = svc_.store.insert_config(project, *urn, *built); !r)
            return fail(r.error());
        return std::nullopt;
    }

    service_state& svc_;
    const bool configs_only_;
};

} // namespace

std::optional<std::string> load_state_document(service_state& svc, const json::value& doc,
                                               const std::string& source, bool configs_only) {
    if (auto e = loader(svc, configs_only).document(doc))
        return source + ": " + *e;
    return std::nullopt;
}

} // namespace emu::control
