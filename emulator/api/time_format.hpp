#pragma once
// Timestamp text of responses.
// Emulation: D05 — the documentation mixes "2021-03-04T14:50:02+08:00" (created_time) and
// "2021-03-04 14:50:02" (last_modified).
#include "domain/clock.hpp"
#include "domain/switches.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace emu::api {

/// Which timestamp of a resource is formatted (their documented shapes differ).
enum class time_field {
    created,  ///< async-config created_time: ISO-8601 with offset
    modified, ///< last_modified of configs and functions: "YYYY-MM-DD HH:MM:SS"
};

/// Formats `t` per switches time_style and utc_offset_minutes. Thread-safe.
std::string format_time(domain::time_point t, time_field field, const domain::switches& b);

/// format_time appended to `out` (its text needs no JSON escape).
void append_time(std::string& out, domain::time_point t, time_field field,
                 const domain::switches& b);

/// Exact UTC text with nanoseconds, "2021-03-04T06:50:02.000000000Z" (snapshots, journal).
std::string format_exact(domain::time_point t);

/// Parses "YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)" (a space may replace 'T');
/// nullopt when the text has another shape, an impossible date, or a year outside 1678–2261
/// (what a time_point holds).
std::optional<domain::time_point> parse_time(std::string_view text);

} // namespace emu::api
