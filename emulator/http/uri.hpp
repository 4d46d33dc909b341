#pragma once
// Request-target pieces: path segments and query parameters, percent-decoding (the API
// rooms and the gateway's canonical request share them).
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace emu {

/// Decodes %XX escapes (and '+' as space when `plus_as_space`); false on a malformed escape.
bool percent_decode(std::string_view in, std::string& out, bool plus_as_space = false);

/// Splits "a=1&b=&c" into decoded pairs; malformed escapes are kept verbatim.
std::vector<std::pair<std::string, std::string>> parse_query(std::string_view query);

/// Splits "/a/b/c" into {"a","b","c"} (raw, not decoded).
std::vector<std::string_view> split_path(std::string_view path);

} // namespace emu
