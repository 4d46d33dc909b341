#include "api/json_codec.hpp"

#include "api/time_format.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>

namespace emu::api {
namespace json = boost::json;

namespace {

json::object encode_target(const domain::destination_target& t, const json::storage_ptr& sp) {
    json::object o(2, sp);
    o["destination"] = t.destination;
    o["param"] = t.param;
    return o;
}

/// False when none of the 8 bytes at p is below 0x20, a quote or a backslash (the usual
/// has-zero-byte test on the word and on its XORs; it may say true wrongly, never false).
bool may_need_escape(const char* p) {
    constexpr std::uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
    std::uint64_t v;
    std::memcpy(&v, p, sizeof v);
    const std::uint64_t quote = v ^ (ones * '"'), backslash = v ^ (ones * '\\');
    const std::uint64_t control = (v - ones * 0x20) & ~v;
    return ((control | ((quote - ones) & ~quote) | ((backslash - ones) & ~backslash)) & high) != 0;
}

/// Appends `s` as a JSON string, escaped as boost::json::serialize escapes it: quote,
/// backslash, \b \t \n \f \r, other control characters as \u00xx; every other byte as is.
/// Written into room made for the worst case (six bytes for one), then trimmed: no capacity
/// check per byte.
void append_string(std::string& out, std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    const std::size_t start = out.size();
    out.resize(start + 2 + 6 * s.size());
    char* o = out.data() + start;
    *o++ = '"';
    const char* p = s.data();
    const char* const end = p + s.size();
    while (p != end) {
        // Eight bytes at a time while none needs escaping (most of every answer); a word that
        // may hold one is then looked at byte by byte.
        if (end - p >= 8 && !may_need_escape(p)) {
            std::memcpy(o, p, 8);
            o += 8;
            p += 8;
            continue;
        }
        for (const char* stop = std::min(p + 8, end); p != stop; ++p) {
            const auto c = static_cast<unsigned char>(*p);
            if (c >= 0x20 && c != '"' && c != '\\') {
                *o++ = static_cast<char>(c);
                continue;
            }
            *o++ = '\\';
            switch (c) {
            case '"':
            case '\\':
                *o++ = static_cast<char>(c);
                break;
            case '\b':
                *o++ = 'b';
                break;
            case '\t':
                *o++ = 't';
                break;
            case '\n':
                *o++ = 'n';
                break;
            case '\f':
                *o++ = 'f';
                break;
            case '\r':
                *o++ = 'r';
                break;
            default:
                *o++ = 'u';
                *o++ = '0';
                *o++ = '0';
                *o++ = hex[c >> 4];
                *o++ = hex[c & 0xF];
            }
        }
    }
    *o++ = '"';
    out.resize(static_cast<std::size_t>(o - out.data()));
}

/// Appends `"key":` (keys here need no escapes).
void append_key(std::string& out, std::string_view key) {
    out.append(1, '"').append(key).append("\":");
}

void append_int(std::string& out, std::int64_t n) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, n);
    out.append(buf, r.ptr);
}

void append_target(std::string& out, const domain::destination_target& t) {
    append_key(out, "destination");
    append_string(out, t.destination);
    out += ',';
    append_key(out, "param");
    append_string(out, t.param);
}

} // namespace

std::string encode_config_text(const domain::async_invoke_config& c, const domain::switches& b) {
    // The same fields in the same order as encode_config.
    std::string out;
    out.reserve(384 + 6 * c.func_urn.size()); // append_string makes room for the worst case
    out += '{';
    append_key(out, "func_urn");
    append_string(out, c.func_urn);
    out += ',';
    append_key(out, "max_async_event_age_in_seconds");
    // Emulation: D01 — optionally report the response tables' floor of 60 seconds.
    append_int(out,
               std::max<std::int64_t>(c.max_async_event_age_in_seconds, b.event_age_output_floor));
    out += ',';
    append_key(out, "max_async_retry_attempts");
    append_int(out, c.max_async_retry_attempts);
    // Emulation: D04 — examples always show destination_config; the tables mark it optional.
    if (!c.destination_config.empty() || b.emit_empty_destination_config) {
        out += ',';
        append_key(out, "destination_config");
        out += '{';
        const auto& on_success = c.destination_config.on_success;
        const auto& on_failure = c.destination_config.on_failure;
        if (on_success) {
            append_key(out, "on_success");
            out += '{';
            append_target(out, *on_success);
            out += '}';
        }
        if (on_failure) {
            if (on_success)
                out += ',';
            append_key(out, "on_failure");
            out += '{';
            append_target(out, *on_failure);
            out += '}';
        }
        out += '}';
    }
    // Emulation: D05 — created_time and last_modified have different documented shapes.
    out += ',';
    append_key(out, "created_time");
    out += '"';
    append_time(out, c.created_time, time_field::created, b);
    out += "\",";
    append_key(out, "last_modified");
    out += '"';
    append_time(out, c.last_modified, time_field::modified, b);
    out += '"';
    // Emulation: D04 — in every response table, in no response example.
    std::optional<bool> status_log;
    switch (b.emit_enable_async_status_log) {
    case domain::status_log_field::always:
        status_log = c.enable_async_status_log.value_or(false);
        break;
    case domain::status_log_field::when_set:
        status_log = c.enable_async_status_log;
        break;
    case domain::status_log_field::never:
        break;
    }
    if (status_log) {
        out += ',';
        append_key(out, "enable_async_status_log");
        out += *status_log ? "true" : "false";
    }
    out += '}';
    return out;
}

json::object encode_config(const domain::async_invoke_config& c, const domain::switches& b,
                           const json::storage_ptr& sp) {
    json::object o(8, sp);
    o["func_urn"] = c.func_urn;
    // Emulation: D01 — optionally report the response tables' floor of 60 seconds.
    o["max_async_event_age_in_seconds"] =
        std::max<std::int64_t>(c.max_async_event_age_in_seconds, b.event_age_output_floor);
    o["max_async_retry_attempts"] = c.max_async_retry_attempts;
    // Emulation: D04 — examples always show destination_config; the tables mark it optional.
    if (!c.destination_config.empty() || b.emit_empty_destination_config) {
        json::object d(2, sp);
        if (c.destination_config.on_success)
            d["on_success"] = encode_target(*c.destination_config.on_success, sp);
        if (c.destination_config.on_failure)
            d["on_failure"] = encode_target(*c.destination_config.on_failure, sp);
        o["destination_config"] = std::move(d);
    }
    // Emulation: D05 — created_time and last_modified have different documented shapes.
    o["created_time"] = format_time(c.created_time, time_field::created, b);
    o["last_modified"] = format_time(c.last_modified, time_field::modified, b);
    // Emulation: D04 — in every response table, in no response example.
    switch (b.emit_enable_async_status_log) {
    case domain::status_log_field::always:
        o["enable_async_status_log"] = c.enable_async_status_log.value_or(false);
        break;
    case domain::status_log_field::when_set:
        if (c.enable_async_status_log)
            o["enable_async_status_log"] = *c.enable_async_status_log;
        break;
    case domain::status_log_field::never:
        break;
    }
    return o;
}

json::object encode_function(const domain::function_record& f, const domain::switches& b,
                             std::string_view version) {
    json::object o;
    o["func_id"] = f.func_id;
    o["func_urn"] = f.func_urn(version);
    o["func_name"] = f.func_name;
    // Emulation: G — no IAM here: the account (domain) id is the project id.
    o["domain_id"] = f.project_id;
    o["namespace"] = f.project_id;
    o["project_name"] = f.region;
    o["package"] = f.package;
    o["runtime"] = f.runtime;
    o["timeout"] = f.timeout;
    o["handler"] = f.handler;
    o["memory_size"] = f.memory_size;
    // Emulation: G — CPU share derived from memory: 300 millicores per 256 MB.
    o["cpu"] = f.memory_size * 300 / 256;
    o["code_type"] = f.code_type;
    o["code_filename"] = f.code_filename;
    o["code_size"] = f.code_size;
    o["digest"] = f.digest.str();
    o["version"] = version;
    o["image_name"] = version;
    o["description"] = f.description;
    o["type"] = f.type;
    o["last_modified"] = format_time(f.last_modified, time_field::modified, b);
    json::object code;
    code["file"] = "";
    code["link"] = f.func_code_link;
    o["func_code"] = std::move(code);
    json::object strategy;
    strategy["concurrency"] = -1;
    o["strategy_config"] = std::move(strategy);
    return o;
}

} // namespace emu::api
