#include "domain/validation.hpp"

#include "domain/validation_rules.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace emu::domain {
namespace {

/// A key of a destination's param: absent, or of the required JSON type.
template <class T>
result<const T*> param_key(const std::map<std::string, param_value>& fields,
                           const std::string& path, const char* key, bool required,
                           const char* type_name) {
    auto it = fields.find(key);
    if (it == fields.end()) {
        if (required)
            return missing(path + "." + key, " inside param");
        return static_cast<const T*>(nullptr);
    }
    if (auto* v = std::get_if<T>(&it->second))
        return v;
    return make_error(errc::invalid_type, path + "." + key,
                      path + "." + key + " must be " + type_name);
}

bool is_bucket_name(std::string_view s) {
    if (s.size() < 3 || s.size() > 63)
        return false;
    auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
    if (!alnum(s.front()) || !alnum(s.back()))
        return false;
    return std::all_of(s.begin(), s.end(),
                       [&](char c) { return alnum(c) || c == '-' || c == '.'; });
}

bool is_topic_urn(std::string_view s) {
    // urn:smn:<region>:<project_id>:<topic_name>
    if (s.substr(0, 8) != "urn:smn:")
        return false;
    s.remove_prefix(8);
    int fields = 1;
    for (char c : s) {
        if (c == ':')
            ++fields;
        else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                   c == '-' || c == '_'))
            return false;
    }
    return fields == 3 && s.front() != ':' && s.back() != ':' && s.find("::") == s.npos;
}

result<void> validate_param(const std::string& path, const std::string& destination,
                            const std::map<std::string, param_value>& fields,
                            const urn_defaults& defaults) {
    if (destination == "OBS") {
        auto bucket = param_key<std::string>(fields, path, "bucket", true, "a string");
        if (!bucket)
            return bucket.error();
        if (!is_bucket_name(**bucket))
            return bad_format(path + ".bucket",
                              "must be an OBS bucket name: 3-63 lower-case letters, digits, "
                              "'-' or '.', starting and ending with a letter or digit");
        auto prefix = param_key<std::string>(fields, path, "prefix", false, "a string");
        if (!prefix)
            return prefix.error();
        if (*prefix && (*prefix)->size() > 1024)
            return bad_format(path + ".prefix", "must be at most 1024 characters");
        auto expires = param_key<std::int64_t>(fields, path, "expires", false, "an integer");
        if (!expires)
            return expires.error();
        if (*expires && (**expires < 0 || **expires > 365))
            return out_of_range(path + ".expires", 0, 365, **expires, " days (0 = never)");
    } else if (destination == "SMN") {
        auto topic = param_key<std::string>(fields, path, "topic_urn", true, "a string");
        if (!topic)
            return topic.error();
        if (!is_topic_urn(**topic))
            return bad_format(path + ".topic_urn",
                              "must be an SMN topic URN urn:smn:<region>:<project_id>:<topic>");
    } else if (destination == "DIS") {
        auto stream = param_key<std::string>(fields, path, "stream_name", true, "a string");
        if (!stream)
            return stream.error();
        if ((*stream)->empty() || (*stream)->size() > 64)
            return bad_format(path + ".stream_name", "must be 1-64 characters");
    } else {
        auto urn = param_key<std::string>(fields, path, "func_urn", true, "a string");
        if (!urn)
            return urn.error();
        auto parsed = parse_function_urn(**urn, defaults);
        if (!parsed)
            return make_error(errc::invalid_urn, path + ".func_urn",
                              path + ".func_urn: " + parsed.error().detail);
    }
    return {};
}

/// Validates one FuncDestinationConfig; nullopt when it names no destination at all.
result<std::optional<destination_target>> build_target(const std::string& path,
                                                       const destination_input& in,
                                                       const switches& b,
                                                       const urn_defaults& defaults) {
    if (!in.destination && !in.param)
        return std::optional<destination_target>{};
    if (!in.destination)
        return missing(path + ".destination", " when param is given");
    // Emulation: D06 — the API pages list three destinations, the SDKs and Terraform four.
    static const std::vector<std::string_view> documented{"OBS", "SMN", "FunctionGraph"};
    static const std::vector<std::string_view> with_dis{"OBS", "SMN", "DIS", "FunctionGraph"};
    const auto& allowed = b.allow_dis_destination ? with_dis : documented;
    if (std::find(allowed.begin(), allowed.end(), *in.destination) == allowed.end())
        return make_error(errc::invalid_enum, path + ".destination",
                          path + ".destination must be one of " + join(allowed) + ", got '" +
                              *in.destination + "'" +
                              (*in.destination == "DIS"
                                   ? " (DIS is accepted with allow_dis_destination=true)"
                                   : ""));
    if (!in.param)
        return missing(path + ".param", " for destination " + *in.destination);
    if (!in.param_is_json_object || !in.param_fields)
        return bad_format(path + ".param", "must be a string holding a JSON object");
    if (auto r = validate_param(path + ".param", *in.destination, *in.param_fields, defaults); !r)
        return r.error();
    return std::optional<destination_target>{destination_target{*in.destination, *in.param}};
}

} // namespace

async_invoke_config default_config(const switches& b, std::string func_urn) {
    async_invoke_config c;
    c.func_urn = std::move(func_urn);
    c.max_async_event_age_in_seconds = 3600;
    // Emulation: D02 — request table default 1, response tables default 3.
    c.max_async_retry_attempts = b.retry_default;
    return c;
}

result<async_invoke_config> build_config(const config_input& in,
                                         const async_invoke_config* existing, const switches& b,
                                         const urn_defaults& defaults, std::string func_urn,
                                         time_point now) {
    // Emulation: G — spec §1.4: replace (omitted fields take their defaults) or merge.
    async_invoke_config c =
        existing && b.put_mode == update_mode::merge ? *existing : default_config(b, func_urn);
    c.func_urn = std::move(func_urn);
    if (auto v = in.max_async_event_age_in_seconds) {
        // Emulation: D01 — the request table says 1-86400, the response tables 60-86400.
        if (*v < b.event_age_min || *v > 86400)
            return out_of_range("max_async_event_age_in_seconds", b.event_age_min, 86400,
                                shown_integer(in.sent, "max_async_event_age_in_seconds", *v),
                                " seconds");
        c.max_async_event_age_in_seconds = *v;
    }
    if (auto v = in.max_async_retry_attempts) {
        // Emulation: D02 — the request table says 0-3, the response tables 0-8.
        if (*v < 0 || *v > b.retry_max)
            return out_of_range("max_async_retry_attempts", 0, b.retry_max,
                                shown_integer(in.sent, "max_async_retry_attempts", *v));
        c.max_async_retry_attempts = *v;
    }
    if (in.has_destination_config) {
        async_destination_config d =
            b.put_mode == update_mode::merge ? c.destination_config : async_destination_config{};
        if (in.on_success) {
            auto t = build_target("destination_config.on_success", *in.on_success, b, defaults);
            if (!t)
                return t.error();
            d.on_success = std::move(*t);
        }
        if (in.on_failure) {
            auto t = build_target("destination_config.on_failure", *in.on_failure, b, defaults);
            if (!t)
                return t.error();
            d.on_failure = std::move(*t);
        }
        c.destination_config = std::move(d);
    }
    if (in.enable_async_status_log)
        c.enable_async_status_log = in.enable_async_status_log;
    for (auto [from, to] :
         {std::pair{&config_input::log_group_id, &async_invoke_config::log_group_id},
          std::pair{&config_input::log_stream_id, &async_invoke_config::log_stream_id},
          std::pair{&config_input::log_group_name, &async_invoke_config::log_group_name},
          std::pair{&config_input::log_stream_name, &async_invoke_config::log_stream_name}})
        if (in.*from)
            c.*to = in.*from;
    c.created_time = existing ? existing->created_time : now;
    c.last_modified = now;
    return c;
}

} // namespace emu::domain
