#pragma once
// Printing helpers so that Boost.Test can show domain values in failed assertions.
#include "domain/clock.hpp"
#include "domain/error.hpp"

#include <cstdint>
#include <ostream>
#include <string_view>

namespace emu::domain {

/// The enumerator's name (one source of truth: domain::to_string).
inline std::string_view errc_name(errc e) {
    return to_string(e);
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
