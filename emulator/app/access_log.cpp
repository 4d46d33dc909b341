#include "app/access_log.hpp"

#include <algorithm>
#include <ctime>

namespace emu {
namespace {

/// "2024-05-01T12:34:56.123456Z": the wall clock in UTC, to the microsecond. The calendar
/// part is computed once a second per thread.
void append_time(std::string& out) {
    using namespace std::chrono;
    const auto now = time_point_cast<microseconds>(system_clock::now());
    const auto secs = time_point_cast<seconds>(now);
    thread_local std::time_t cached_second = -1;
    thread_local char cached[32];
    const std::time_t t = system_clock::to_time_t(secs);
    if (t != cached_second) {
        std::tm tm{};
        ::gmtime_r(&t, &tm);
        std::strftime(cached, sizeof cached, "%Y-%m-%dT%H:%M:%S", &tm);
        cached_second = t;
    }
    out += cached;
    const auto us = static_cast<unsigned>((now - secs).count());
    char frac[9] = {'.', 0, 0, 0, 0, 0, 0, 'Z', 0};
    for (int i = 6, v = static_cast<int>(us); i >= 1; --i, v /= 10)
        frac[i] = static_cast<char>('0' + v % 10);
    out.append(frac, 8);
}

void append_uint(std::string& out, std::uint64_t v) {
    char digits[20];
    int n = 0;
    do
        digits[n++] = static_cast<char>('0' + v % 10);
    while (v /= 10);
    while (n)
        out.push_back(digits[--n]);
}

/// Length of the valid UTF-8 sequence at s[i], or 0.
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = b(i);
    std::size_t n = c < 0x80           ? 1
                    : (c >> 5) == 0x6  ? 2
                    : (c >> 4) == 0xE  ? 3
                    : (c >> 3) == 0x1E ? 4
                                       : 0;
    if (n == 0 || i + n > s.size() || (n == 2 && c < 0xC2))
        return 0;
    for (std::size_t k = 1; k < n; ++k)
        if ((b(i + k) & 0xC0) != 0x80)
            return 0;
    if (n == 3) {
        const unsigned cp = ((c & 0x0Fu) << 12) | ((b(i + 1) & 0x3Fu) << 6);
        if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
    }
    if (n == 4) {
        const unsigned cp = ((c & 0x07u) << 18) | ((b(i + 1) & 0x3Fu) << 12);
        if (cp < 0x10000 || cp > 0x10FFFF)
            return 0;
    }
    return n;
}

/// A JSON string: quotes, escapes, and U+FFFD for bytes that are not UTF-8. Runs of plain
/// characters are copied at once (this runs for every request).
void append_json_string(std::string& out, std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    out.push_back('"');
    std::size_t plain = 0; // start of the run not copied yet
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
            ++i;
            continue;
        }
        if (c >= 0x80) {
            if (const auto n = utf8_sequence(s, i)) {
                i += n;
                continue;
            }
        }
        out.append(s.substr(plain, i - plain));
        if (c >= 0x80) {
            out += "\\ufffd";
        } else if (c == '"' || c == '\\') {
            out.push_back('\\');
            out.push_back(static_cast<char>(c));
        } else {
            out += "\\u00";
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 0xF]);
        }
        plain = ++i;
    }
    out.append(s.substr(plain));
    out.push_back('"');
}

/// A value of a text line: as is when it is a plain word, else a JSON string.
void append_text_value(std::string& out, std::string_view s) {
    const bool plain = !s.empty() && std::all_of(s.begin(), s.end(), [](char ch) {
        const auto c = static_cast<unsigned char>(ch);
        return c > 0x20 && c < 0x7f && c != '"' && c != '=' && c != '\\';
    });
    if (plain)
        out.append(s);
    else
        append_json_string(out, s);
}

/// The request target of a text line: bytes that would split or garble the line
/// (controls, spaces, non-ASCII, '"') percent-encoded, as in a URL.
void append_text_target(std::string& out, std::string_view s) {
    static constexpr char hex[] = "0123456789ABCDEF";
    if (s.empty())
        out.push_back('-');
    std::size_t plain = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c > 0x20 && c < 0x7f && c != '"')
            continue;
        out.append(s.substr(plain, i - plain));
        out.push_back('%');
        out.push_back(hex[c >> 4]);
        out.push_back(hex[c & 0xF]);
        plain = i + 1;
    }
    out.append(s.substr(plain));
}

/// The line under construction, one buffer per thread (no allocation once warm).
std::string& line_buffer() {
    thread_local std::string line;
    line.clear();
    return line;
}

} // namespace

std::optional<log_format> parse_log_format(std::string_view name) {
    if (name == "text")
        return log_format::text;
    if (name == "json")
        return log_format::json;
    return std::nullopt;
}

std::optional<log_level> parse_log_level(std::string_view name) {
    for (auto l : {log_level::error, log_level::warn, log_level::info, log_level::debug})
        if (name == log_level_name(l))
            return l;
    return std::nullopt;
}

std::string_view log_level_name(log_level level) {
    switch (level) {
    case log_level::error:
        return "error";
    case log_level::warn:
        return "warn";
    case log_level::info:
        return "info";
    case log_level::debug:
        break;
    }
    return "debug";
}

std::string_view error_code_of(std::string_view body) {
    constexpr std::string_view key = "\"error_code\":\"";
    auto at = body.find(key);
    if (at == std::string_view::npos)
        return {};
    at += key.size();
    auto end = body.find('"', at);
    if (end == std::string_view::npos || end - at > 64)
        return {};
    return body.substr(at, end - at);
}

void event_log::access(const access_entry& e) {
    if (!access_enabled())
        return;
    std::string& line = line_buffer();
    const bool failed = e.status < 200 || e.status > 299;
    if (format_ == log_format::json) {
        line += "{\"time\":\"";
        append_time(line);
        line += "\",\"level\":\"info\",\"event\":\"request\",\"request_id\":";
        append_json_string(line, e.request_id);
        line += ",\"project\":";
        if (e.project.empty())
            line += "null";
        else
            append_json_string(line, e.project);
        line += ",\"method\":";
        append_json_string(line, e.method);
        line += ",\"path\":";
        append_json_string(line, e.target);
        line += ",\"status\":";
        append_uint(line, e.status);
        line += ",\"error_code\":";
        if (failed && !e.error_code.empty())
            append_json_string(line, e.error_code);
        else
            line += "null";
        line += ",\"rule\":";
        if (e.rule.empty())
            line += "null";
        else
            append_json_string(line, e.rule);
        line += ",\"duration_us\":";
        append_uint(line, static_cast<std::uint64_t>(e.duration.count()));
        line += e.deferred ? ",\"deferred\":true}" : ",\"deferred\":false}";
    } else {
        append_time(line);
        line += " info request ";
        append_text_value(line, e.method);
        line.push_back(' ');
        append_text_target(line, e.target);
        line.push_back(' ');
        append_uint(line, e.status);
        line.push_back(' ');
        append_uint(line, static_cast<std::uint64_t>(e.duration.count()));
        line += "us id=";
        append_text_value(line, e.request_id);
        line += " project=";
        if (e.project.empty())
            line.push_back('-');
        else
            append_text_value(line, e.project);
        if (failed && !e.error_code.empty()) {
            line += " error_code=";
            append_text_value(line, e.error_code);
        }
        if (!e.rule.empty()) {
            line += " rule=";
            append_text_value(line, e.rule);
        }
        if (e.deferred)
            line += " deferred=true";
    }
    write(log_level::info, line);
}

void event_log::event(log_level level, std::string_view name, std::string_view message,
                      std::initializer_list<log_field> fields) {
    if (!enabled(level))
        return;
    std::string& line = line_buffer();
    if (format_ == log_format::json) {
        line += "{\"time\":\"";
        append_time(line);
        line += "\",\"level\":\"";
        line += log_level_name(level);
        line += "\",\"event\":";
        append_json_string(line, name);
        line += ",\"message\":";
        append_json_string(line, message);
        for (auto& f : fields) {
            line.push_back(',');
            append_json_string(line, f.name);
            line.push_back(':');
            if (auto* s = std::get_if<std::string_view>(&f.value))
                append_json_string(line, *s);
            else if (auto* n = std::get_if<std::uint64_t>(&f.value))
                append_uint(line, *n);
            else
                line += std::get<bool>(f.value) ? "true" : "false";
        }
        line.push_back('}');
    } else {
        append_time(line);
        line.push_back(' ');
        line += log_level_name(level);
        line.push_back(' ');
        append_text_value(line, name);
        line += " message=";
        append_text_value(line, message);
        for (auto& f : fields) {
            line.push_back(' ');
            line += f.name;
            line.push_back('=');
            if (auto* s = std::get_if<std::string_view>(&f.value))
                append_text_value(line, *s);
            else if (auto* n = std::get_if<std::uint64_t>(&f.value))
                append_uint(line, *n);
            else
                line += std::get<bool>(f.value) ? "true" : "false";
        }
    }
    write(level, line);
}

} // namespace emu
