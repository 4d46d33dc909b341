#include "api/json_codec.hpp"

#include "api/json_decode_support.hpp"

#include <cstddef>
#include <initializer_list>
#include <limits>
#include <string_view>

namespace emu::api {
namespace json = boost::json;
using domain::errc;
using domain::make_error;
using namespace decode;

namespace {

domain::result<domain::destination_input> decode_destination(const json::value& v,
                                                             const field_path& path, bool reject) {
    if (!v.is_object())
        return type_error(path, "an object", v);
    domain::destination_input d;
    auto r = for_members(v.get_object(), path, {"destination", "param"}, reject,
                         [&](std::string_view key, const json::value& x,
                             const field_path& p) -> domain::result<void> {
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

domain::result<domain::config_input>
decode_config_input(const json::value& body, const domain::switches& b, std::string_view source) {
    if (!body.is_object())
        return type_error("request body", "a JSON object", body);
    const bool reject = b.unknown_fields == domain::unknown_fields::reject;
    domain::config_input in;
    auto r = for_members(
        body.get_object(), field_path::body(source),
        {"max_async_event_age_in_seconds", "max_async_retry_attempts", "destination_config",
         "enable_async_status_log", "log_group_id", "log_stream_id", "log_group_name",
         "log_stream_name"},
        reject,
        [&](std::string_view key, const json::value& v,
            const field_path& path) -> domain::result<void> {
            if (key == "max_async_event_age_in_seconds")
                return assign(in.max_async_event_age_in_seconds, as_int(v, path, in.sent));
            if (key == "max_async_retry_attempts")
                return assign(in.max_async_retry_attempts, as_int(v, path, in.sent));
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
                                   const field_path& p) -> domain::result<void> {
                                   return assign(k == "on_success" ? in.on_success : in.on_failure,
                                                 decode_destination(x, p, reject));
                               });
        });
    if (!r)
        return r.error();
    return in;
}

domain::result<domain::function_input> decode_function_input(const json::value& body,
                                                             std::string_view source) {
    if (!body.is_object())
        return type_error("request body", "a JSON object", body);
    domain::function_input in;
    auto r =
        for_members(body.get_object(), field_path::body(source),
                    {"func_name", "package", "runtime", "handler", "code_type", "code_filename",
                     "description", "type", "timeout", "memory_size", "func_code"},
                    false,
                    [&](std::string_view key, const json::value& v,
                        const field_path& path) -> domain::result<void> {
                        if (key == "timeout")
                            return assign(in.timeout, as_int(v, path, in.sent));
                        if (key == "memory_size")
                            return assign(in.memory_size, as_int(v, path, in.sent));
                        if (key == "func_code") {
                            if (!v.is_object())
                                return type_error(path, "an object", v);
                            return for_members(v.get_object(), path, {"file", "link"}, false,
                                               [&](std::string_view k, const json::value& x,
                                                   const field_path& p) -> domain::result<void> {
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
