#include "domain/validation.hpp"

#include "crypto/digest.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace emu::domain {
namespace {

using namespace std::string_literals;

error out_of_range(std::string field, std::int64_t lo, std::int64_t hi, std::int64_t got,
                   std::string_view unit = "") {
    return make_error(errc::value_out_of_range, field,
                      field + " must be an integer from " + std::to_string(lo) + " to " +
                          std::to_string(hi) + std::string(unit) + ", got " +
                          std::to_string(got));
}

error missing(std::string field, std::string why = "") {
    return make_error(errc::missing_field, field, field + " is required" + why);
}

error bad_format(std::string field, std::string rule) {
    return make_error(errc::invalid_format, field, field + " " + rule);
}

std::string join(const std::vector<std::string_view>& v) {
    std::string out;
    for (auto s : v)
        out += (out.empty() ? "" : ", ") + std::string(s);
    return out;
}

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
    return std::all_of(s.begin(), s.end(), [&](char c) { return alnum(c) || c == '-' || c == '.'; });
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
                                                       const behaviour& b,
                                                       const urn_defaults& defaults) {
    if (!in.destination && !in.param)
        return std::optional<destination_target>{};
    if (!in.destination)
        return missing(path + ".destination", " when param is given");
    std::vector<std::string_view> allowed{"OBS", "SMN", "FunctionGraph"};
    // Emulation: D06 — the API pages list three destinations, the SDKs and Terraform four.
    if (b.allow_dis_destination)
        allowed.insert(allowed.begin() + 2, "DIS");
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

bool one_of(std::int64_t v, std::initializer_list<std::int64_t> list) {
    return std::find(list.begin(), list.end(), v) != list.end();
}

} // namespace

async_invoke_config default_config(const behaviour& b, std::string func_urn) {
    async_invoke_config c;
    c.func_urn = std::move(func_urn);
    c.max_async_event_age_in_seconds = 3600;
    // Emulation: D02 — request table default 1, response tables default 3.
    c.max_async_retry_attempts = b.retry_default;
    return c;
}

result<async_invoke_config> build_config(const config_input& in,
                                         const std::optional<async_invoke_config>& existing,
                                         const behaviour& b, const urn_defaults& defaults,
                                         std::string func_urn, time_point now) {
    // Emulation: spec §1.4 (G) — replace (omitted fields take their defaults) or merge.
    async_invoke_config c = existing && b.put_mode == update_mode::merge
                                ? *existing
                                : default_config(b, func_urn);
    c.func_urn = std::move(func_urn);
    if (auto v = in.max_async_event_age_in_seconds) {
        // Emulation: D01 — the request table says 1-86400, the response tables 60-86400.
        if (*v < b.event_age_min || *v > 86400)
            return out_of_range("max_async_event_age_in_seconds", b.event_age_min, 86400, *v,
                                " seconds");
        c.max_async_event_age_in_seconds = *v;
    }
    if (auto v = in.max_async_retry_attempts) {
        // Emulation: D02 — the request table says 0-3, the response tables 0-8.
        if (*v < 0 || *v > b.retry_max)
            return out_of_range("max_async_retry_attempts", 0, b.retry_max, *v);
        c.max_async_retry_attempts = *v;
    }
    if (in.has_destination_config) {
        async_destination_config d =
            b.put_mode == update_mode::merge ? c.destination_config : async_destination_config{};
        if (in.on_success) {
            auto t = build_target("destination_config.on_success", *in.on_success, b, defaults);
            if (!t)
                return t.error();
            d.on_success = *t;
        }
        if (in.on_failure) {
            auto t = build_target("destination_config.on_failure", *in.on_failure, b, defaults);
            if (!t)
                return t.error();
            d.on_failure = *t;
        }
        c.destination_config = std::move(d);
    }
    if (in.enable_async_status_log)
        c.enable_async_status_log = in.enable_async_status_log;
    for (auto [from, to] : {std::pair{&config_input::log_group_id, &async_invoke_config::log_group_id},
                            std::pair{&config_input::log_stream_id, &async_invoke_config::log_stream_id},
                            std::pair{&config_input::log_group_name, &async_invoke_config::log_group_name},
                            std::pair{&config_input::log_stream_name, &async_invoke_config::log_stream_name}})
        if (in.*from)
            c.*to = in.*from;
    c.created_time = existing ? existing->created_time : now;
    c.last_modified = now;
    return c;
}

result<function_record> build_function(const function_input& in) {
    function_record f;
    if (!in.func_name)
        return missing("func_name");
    if (!is_valid_function_name(*in.func_name))
        return bad_format("func_name", "must be 1-60 letters, digits, '-' or '_', start with a "
                                       "letter and end with a letter or digit");
    f.func_name = *in.func_name;
    if (!in.package)
        return missing("package");
    if (!is_valid_package_name(*in.package))
        return bad_format("package", "must be 1-64 letters, digits, '-' or '_'");
    f.package = *in.package;

    static const std::vector<std::string_view> runtimes = {
        "Java8",          "Java11",         "Java17",         "Java21",
        "Node.js6.10",    "Node.js8.10",    "Node.js10.16",   "Node.js12.13",
        "Node.js14.18",   "Node.js16.17",   "Node.js18.15",   "Node.js20.15",
        "Python2.7",      "Python3.6",      "Python3.9",      "Python3.10",
        "Python3.12",     "Go1.8",          "Go1.x",          "C#(.NET Core 2.0)",
        "C#(.NET Core 2.1)", "C#(.NET Core 3.1)", "C#(.NET Core 6.0)", "Custom",
        "PHP7.3",         "PHP8.3",         "Cangjie1.0",     "http",
        "Custom Image"};
    if (!in.runtime)
        return missing("runtime");
    if (std::find(runtimes.begin(), runtimes.end(), *in.runtime) == runtimes.end())
        return make_error(errc::invalid_enum, "runtime",
                          "runtime must be one of " + join(runtimes) + ", got '" + *in.runtime +
                              "'");
    f.runtime = *in.runtime;
    const bool custom_image = f.runtime == "Custom Image";

    // Emulation: D22 — timeout 3-900 on older pages, 3-259200 on current ones.
    if (!in.timeout)
        return missing("timeout");
    if (*in.timeout < 3 || *in.timeout > 259200)
        return out_of_range("timeout", 3, 259200, *in.timeout, " seconds");
    f.timeout = *in.timeout;

    if (!in.handler)
        return missing("handler");
    if (!(custom_image && *in.handler == "-") &&
        (in.handler->size() < 3 || in.handler->size() > 128))
        return bad_format("handler", "must be 3-128 characters (\"-\" for Custom Image), got " +
                                         std::to_string(in.handler->size()));
    f.handler = *in.handler;

    if (!in.memory_size)
        return missing("memory_size");
    if (!one_of(*in.memory_size, {128, 256, 512, 768, 1024, 1280, 1536, 1792, 2048, 2560, 3072,
                                  3584, 4096}))
        return make_error(errc::invalid_enum, "memory_size",
                          "memory_size must be one of 128, 256, 512, 768, 1024, 1280, 1536, "
                          "1792, 2048, 2560, 3072, 3584, 4096 (MB), got " +
                              std::to_string(*in.memory_size));
    f.memory_size = *in.memory_size;

    static const std::vector<std::string_view> code_types = {"inline", "zip", "obs", "jar",
                                                             "Custom-Image-Swr"};
    if (!in.code_type && !custom_image)
        return missing("code_type", " (except for runtime Custom Image)");
    f.code_type = in.code_type.value_or("Custom-Image-Swr");
    if (std::find(code_types.begin(), code_types.end(), f.code_type) == code_types.end())
        return make_error(errc::invalid_enum, "code_type",
                          "code_type must be one of " + join(code_types) + ", got '" +
                              f.code_type + "'");

    std::string code;
    if (in.func_code_file && !crypto::base64_decode(*in.func_code_file, code))
        return bad_format("func_code.file", "must be base64");
    f.code_size = static_cast<std::int64_t>(code.size());
    f.digest = crypto::sha512_hex(code);
    f.func_code_link = in.func_code_link.value_or("");
    f.code_filename = in.code_filename.value_or(f.code_type == "inline" ? "index.zip" : "");

    f.type = in.type.value_or("v2");
    if (f.type != "v1" && f.type != "v2")
        return make_error(errc::invalid_enum, "type",
                          "type must be one of v1, v2, got '" + f.type + "'");
    f.description = in.description.value_or("");
    if (f.description.size() > 512)
        return bad_format("description", "must be at most 512 characters");
    return f;
}

} // namespace emu::domain
