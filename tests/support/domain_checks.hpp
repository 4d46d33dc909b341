#pragma once
// Checks and printers of the domain tier (no Beast, no JSON): domain errors as Boost.Test
// shows them, time points as seconds, and the one check of a domain error result.
#include "domain/clock.hpp"
#include "domain/error.hpp"
#include "support/common.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

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

using emu::test::contains;

/// Seconds since the epoch of a time point, for printable comparisons.
inline std::int64_t secs(time_point t) {
    return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

/// A time point `s` seconds after the epoch.
inline time_point at(std::int64_t s) {
    return time_point{} + std::chrono::seconds(s);
}

/// The result is the error `code` on `field`.
template <class T>
void check_error(const result<T>& r, errc code, const std::string& field = "function_urn") {
    BOOST_TEST_REQUIRE(r.has_error());
    BOOST_TEST(r.error().code == code);
    BOOST_TEST(r.error().field == field);
}

/// The result is the error `code` on `field`, and its detail names the field and contains
/// every part.
template <class T>
void check_error(const result<T>& r, errc code, const std::string& field,
                 const std::vector<std::string>& parts) {
    check_error(r, code, field);
    BOOST_TEST(contains(r.error().detail, field),
               "detail '" << r.error().detail << "' should name " << field);
    for (const auto& part : parts)
        BOOST_TEST(contains(r.error().detail, part),
                   "detail '" << r.error().detail << "' should contain '" << part << "'");
}

} // namespace emu::domain::test
