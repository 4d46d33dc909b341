#include "domain/paging.hpp"

#include <cstdint>
#include <limits>
#include <string>

namespace emu::domain {
namespace {

bool all_digits(std::string_view s) {
    for (char c : s)
        if (c < '0' || c > '9')
            return false;
    return !s.empty();
}

/// Parses digits into a size_t, saturating at `cap`.
std::size_t saturating(std::string_view digits, std::size_t cap) {
    std::size_t n = 0;
    for (char c : digits) {
        n = n * 10 + static_cast<std::size_t>(c - '0');
        if (n > cap)
            return cap;
    }
    return n;
}

/// Parses digits; nullopt when the number is above `max`.
std::optional<std::size_t> at_most(std::string_view digits, std::size_t max) {
    std::size_t n = 0;
    for (char c : digits) {
        auto d = static_cast<std::size_t>(c - '0');
        if (n > (max - d) / 10)
            return std::nullopt;
        n = n * 10 + d;
    }
    return n;
}

error bad_query(std::string_view name, std::string detail) {
    return make_error(errc::invalid_query_parameter, std::string(name), std::move(detail));
}

std::string shown(std::string_view v) {
    return "'" + std::string(v.substr(0, 64)) + (v.size() > 64 ? "...'" : "'");
}

} // namespace

result<page_request> parse_page_request(std::optional<std::string_view> marker,
                                        std::optional<std::string_view> limit,
                                        const paging_rules& rules) {
    page_request req;
    req.limit = rules.default_limit;
    if (marker && !marker->empty()) {
        // Decision: previous_marker echoes the marker (spec §4) and is a Long, so a marker
        // beyond the int64 range cannot be echoed: it is refused rather than clamped.
        constexpr std::size_t max_marker = std::numeric_limits<std::int64_t>::max();
        if (marker->size() > 64 || !all_digits(*marker))
            return bad_query("marker", "marker must be a non-negative integer offset of at "
                                       "most 64 characters, got " +
                                           shown(*marker));
        auto offset = at_most(*marker, max_marker);
        if (!offset)
            return bad_query("marker", "marker must be an offset from 0 to " +
                                           std::to_string(max_marker) + ", got " + shown(*marker));
        req.offset = *offset;
    }
    if (limit && !limit->empty()) {
        std::string_view v = *limit;
        std::string name(rules.limit_name);
        if (v.size() > 64)
            return bad_query(name, name + " must be at most 64 characters long");
        if (v.front() == '-' && all_digits(v.substr(1)))
            return bad_query(name, name + " must not be negative, got " + shown(v));
        if (!all_digits(v))
            return bad_query(name, name + " must be an integer, got " + shown(v));
        std::size_t n = saturating(v, rules.max_limit);
        // Documented: missing or 0 → default; above the maximum → the maximum.
        req.limit = n == 0 ? rules.default_limit : n;
    }
    return req;
}

page_info make_page_info(const page_request& req, std::size_t returned, std::size_t total,
                         const switches& b) {
    page_info info;
    info.previous_marker = static_cast<std::int64_t>(req.offset);
    info.current_count = static_cast<std::int64_t>(returned);
    std::size_t next = req.offset + returned;
    // Emulation: D10 — the documented example keeps counting past the end; clients such
    // as Terraform stop only at next_marker 0 (list_end_marker=zero).
    if (next >= total && b.list_end_marker == list_end_marker::zero)
        next = 0;
    info.next_marker = static_cast<std::int64_t>(next);
    return info;
}

} // namespace emu::domain
