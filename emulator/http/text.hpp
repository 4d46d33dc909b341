#pragma once
// Text helpers shared by the rooms above the transport (header values, config lines).
#include <string_view>

namespace emu {

/// `s` without leading and trailing characters of `blanks` (by default HTTP's optional
/// whitespace: space and tab).
constexpr std::string_view trim(std::string_view s, std::string_view blanks = " \t") {
    auto first = s.find_first_not_of(blanks);
    if (first == std::string_view::npos)
        return {};
    return s.substr(first, s.find_last_not_of(blanks) - first + 1);
}

} // namespace emu
