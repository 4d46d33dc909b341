#include "api/json_codec.hpp"

#include <boost/json/parse.hpp>

#include <initializer_list>
#include <limits>
#include <string_view>

namespace emu::api {
namespace json = boost::json;
using domain::errc;
using domain::make_error;

namespace {

std::string kind_of(const json::value& v) {
    switch (v.kind()) {
    case json::kind::null:
        return "null";
    case json::kind::bool_:
        return "a boolean";
    case json::kind::int64:
    case json::kind::uint64:
        return "an integer";
    case json::kind::double_:
        return "a number with a fraction or exponent";
    case json::kind::string:
        return "a string";
    case json::kind::array:
        return "an array";
    case json::kind::object:
        return "an object";
    }
    return "a value";
}

domain::error type_error(const std::string& path, std::string_view expected,
                         const json::value& v) {
    return make_error(errc::invalid_type, path,
                      path + " must be " + std::string(expected) + ", got " + kind_of(v));
}

std::string join_path(const std::string& parent, std::string_view key) {
    return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}

/// Walks the members of an object: known keys go to `on_key`, unknown ones are ignored
/// or rejected (Emulation: D07, switch unknown_fields).
template <class F>
domain::result<void> for_members(const json::object& o, const std::string& path,
                                 std::initializer_list<std::string_view> known, bool reject,
                                 F&& on_key) {
    for (auto& kv : o) {
        std::string_view key = kv.key();
        bool is_known = false;
        for (auto k : known)
            is_known = is_known || k == key;
        if (is_known) {
            if (auto r = on_key(key, kv.value(), join_path(path, key)); !r)
                return r;
        } else if (reject) {
            return make_error(errc::invalid_format, join_path(path, key),
                              "unknown field " + join_path(path, key) +
                                  " (switch unknown_fields=reject)");
        }
    }
    return {};
}

domain::result<std::int64_t> as_int(const json::value& v, const std::string& path) {
    if (v.is_int64())
        return v.get_int64();
    if (v.is_uint64()) // above INT64_MAX: outside every documented range
        return std::numeric_limits<std::int64_t>::max();
    return type_error(path, "an integer", v);
}

domain::result<std::string> as_string(const json::value& v, const std::string& path) {
    if (v.is_string())
        return std::string(v.get_string());
    return type_error(path, "a string", v);
}

domain::result<bool> as_bool(const json::value& v, const std::string& path) {
    if (v.is_bool())
        return v.get_bool();
    return type_error(path, "a boolean", v);
}

/// Stores a decoded value in an optional member, or returns the decoding error.
template <class T, class U>
domain::result<void> assign(std::optional<T>& out, domain::result<U> r) {
    if (!r)
        return r.error();
    out = std::move(*r);
    return {};
}

void decode_param(domain::destination_input& d) {
    json::parse_options opt;
    opt.max_depth = 16;
    boost::system::error_code ec;
    json::value v = json::parse(*d.param, ec, {}, opt);
    if (ec || !v.is_object())
        return;
    d.param_is_json_object = true;
    auto& fields = d.param_fields.emplace();
    for (auto& kv : v.get_object()) {
        const json::value& x = kv.value();
        domain::param_value pv;
        if (x.is_null())
            pv = std::monostate{};
        else if (x.is_bool())
            pv = x.get_bool();
        else if (x.is_int64())
            pv = x.get_int64();
        else if (x.is_uint64())
            pv = std::numeric_limits<std::int64_t>::max();
        else if (x.is_double())
            pv = x.get_double();
        else if (x.is_string())
            pv = std::string(x.get_string());
        else
            pv = domain::param_other{};
        fields.emplace(std::string(kv.key()), std::move(pv));
    }
}

domain::result<domain::destination_input> decode_destination(const json::value& v,
                                                             const std::string& path,
                                                             bool reject) {
    if (!v.is_object())
        return type_error(path, "an object", v);
    domain::destination_input d;
    auto r = for_members(v.get_object(), path, {"destination", "param"}, reject,
                         [&](std::string_view key, const json::value& x,
                             const std::string& p) -> domain::result<void> {
                             if (key == "destination")
                                 return assign(d.destination, as_string(x, p));
                             if (!x.is_string())
                                 return type_error(p, "a string holding a JSON object", x);
                             d.param = std::string(x.get_string());
                             decode_param(d);
                             return {};
                         });
    if (!r)
        return r.error();
    return d;
}

} // namespace

domain::result<domain::config_input> decode_config_input(const json::value& body,
                                                         const domain::behaviour& b) {
    if (!body.is_object())
        return type_error("request body", "a JSON object", body);
    const bool reject = b.unknown == domain::unknown_fields::reject;
    domain::config_input in;
    auto r = for_members(
        body.get_object(), "",
        {"max_async_event_age_in_seconds", "max_async_retry_attempts", "destination_config",
         "enable_async_status_log", "log_group_id", "log_stream_id", "log_group_name",
         "log_stream_name"},
        reject,
        [&](std::string_view key, const json::value& v,
            const std::string& path) -> domain::result<void> {
            if (key == "max_async_event_age_in_seconds")
                return assign(in.max_async_event_age_in_seconds, as_int(v, path));
            if (key == "max_async_retry_attempts")
                return assign(in.max_async_retry_attempts, as_int(v, path));
            if (key == "enable_async_status_log")
                return assign(in.enable_async_status_log, as_bool(v, path));
            if (key == "log_group_id")
                return assign(in.log_group_id, as_string(v, path));
            if (key == "log_stream_id")
                return assign(in.log_stream_id, as_string(v, path));
            if (key == "log_group_name")
                return assign(in.log_group_name, as_string(v, path));
            if (key == "log_stream_name")
                return assign(in.log_stream_name, as_string(v, path));
            // destination_config
            if (!v.is_object())
                return type_error(path, "an object", v);
            in.has_destination_config = true;
            return for_members(v.get_object(), path, {"on_success", "on_failure"}, reject,
                               [&](std::string_view k, const json::value& x,
                                   const std::string& p) -> domain::result<void> {
                                   return assign(k == "on_success" ? in.on_success
                                                                   : in.on_failure,
                                                 decode_destination(x, p, reject));
                               });
        });
    if (!r)
        return r.error();
    return in;
}

domain::result<domain::function_input> decode_function_input(const json::value& body) {
    if (!body.is_object())
        return type_error("request body", "a JSON object", body);
    domain::function_input in;
    auto r = for_members(
        body.get_object(), "",
        {"func_name", "package", "runtime", "handler", "code_type", "code_filename",
         "description", "type", "timeout", "memory_size", "func_code"},
        false,
        [&](std::string_view key, const json::value& v,
            const std::string& path) -> domain::result<void> {
            if (key == "timeout")
                return assign(in.timeout, as_int(v, path));
            if (key == "memory_size")
                return assign(in.memory_size, as_int(v, path));
            if (key == "func_code") {
                if (!v.is_object())
                    return type_error(path, "an object", v);
                return for_members(v.get_object(), path, {"file", "link"}, false,
                                   [&](std::string_view k, const json::value& x,
                                       const std::string& p) -> domain::result<void> {
                                       return assign(k == "file" ? in.func_code_file
                                                                 : in.func_code_link,
                                                     as_string(x, p));
                                   });
            }
            std::optional<std::string>* target =
                key == "func_name"       ? &in.func_name
                : key == "package"       ? &in.package
                : key == "runtime"       ? &in.runtime
                : key == "handler"       ? &in.handler
                : key == "code_type"     ? &in.code_type
                : key == "code_filename" ? &in.code_filename
                : key == "description"   ? &in.description
                                         : &in.type;
            return assign(*target, as_string(v, path));
        });
    if (!r)
        return r.error();
    return in;
}

} // namespace emu::api
