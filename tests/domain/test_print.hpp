#pragma once
// Printing helpers so that Boost.Test can show domain values in failed assertions.
#include "domain/clock.hpp"
#include "domain/error.hpp"

#include <cstdint>
#include <ostream>
#include <string_view>

namespace emu::domain {

inline std::string_view errc_name(errc e) {
    switch (e) {
    case errc::invalid_type:
        return "invalid_type";
    case errc::value_out_of_range:
        return "value_out_of_range";
    case errc::invalid_enum:
        return "invalid_enum";
    case errc::invalid_format:
        return "invalid_format";
    case errc::missing_field:
        return "missing_field";
    case errc::invalid_urn:
        return "invalid_urn";
    case errc::urn_project_mismatch:
        return "urn_project_mismatch";
    case errc::invalid_query_parameter:
        return "invalid_query_parameter";
    case errc::function_not_found:
        return "function_not_found";
    case errc::version_not_found:
        return "version_not_found";
    case errc::alias_not_found:
        return "alias_not_found";
    case errc::config_not_found:
        return "config_not_found";
    case errc::function_exists:
        return "function_exists";
    case errc::function_quota_exceeded:
        return "function_quota_exceeded";
    case errc::version_exists:
    case errc::alias_exists:
    case errc::nothing_to_publish:
    case errc::digest_mismatch:
    case errc::version_in_use:
    case errc::version_quota_exceeded:
    case errc::alias_quota_exceeded:
    case errc::latest_not_deletable:
    case errc::not_latest:
    case errc::invalid_alias_name:
    case errc::invalid_version_name:
        return to_string(e);
    default: // a newer enumerator: printed as its number
        return {};
    }
}

inline std::ostream& operator<<(std::ostream& os, errc e) {
    auto name = errc_name(e);
    return name.empty() ? os << "errc(" << static_cast<int>(e) << ")" : os << name;
}

} // namespace emu::domain

namespace emu::domain::test {

/// Seconds since the epoch of a time point, for printable comparisons.
inline std::int64_t secs(time_point t) {
    return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

/// A time point `s` seconds after the epoch.
inline time_point at(std::int64_t s) {
    return time_point{} + std::chrono::seconds(s);
}

} // namespace emu::domain::test
