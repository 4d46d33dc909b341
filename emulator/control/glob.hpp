#pragma once
// Glob patterns of the control API: '*' matches any run of characters ('/' included),
// '?' any one character, everything else itself.
#include <string_view>

namespace emu::control {

/// Whether `text` matches `pattern` as a whole. Linear in practice (greedy with backtrack).
bool glob_match(std::string_view pattern, std::string_view text);

} // namespace emu::control
