#pragma once
// Error builders shared by the validation files (validation*.cpp) so that every rule
// states itself the same way. Internal to the domain; pure, thread-safe.
#include "domain/error.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace emu::domain {

/// "<field> must be an integer from <lo> to <hi><unit>, got <got>".
/// `got` as the client sent it (shown_integer).
inline error out_of_range(std::string field, std::int64_t lo, std::int64_t hi,
                          const std::string& got, std::string_view unit = "") {
    return make_error(errc::value_out_of_range, field,
                      field + " must be an integer from " + std::to_string(lo) + " to " +
                          std::to_string(hi) + std::string(unit) + ", got " + got);
}

inline error out_of_range(std::string field, std::int64_t lo, std::int64_t hi, std::int64_t got,
                          std::string_view unit = "") {
    return out_of_range(std::move(field), lo, hi, std::to_string(got), unit);
}

/// "<field> is required<why>".
inline error missing(std::string field, std::string why = "") {
    return make_error(errc::missing_field, field, field + " is required" + why);
}

/// "<field> <rule>" as invalid_format.
inline error bad_format(std::string field, std::string rule) {
    return make_error(errc::invalid_format, field, field + " " + rule);
}

/// "a, b, c".
inline std::string join(const std::vector<std::string_view>& v) {
    std::string out;
    for (auto s : v)
        out += (out.empty() ? "" : ", ") + std::string(s);
    return out;
}

} // namespace emu::domain
