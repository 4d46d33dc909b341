#pragma once
// The text of a number as the client sent it. Boost.JSON keeps the value only: an integer
// literal beyond the uint64 range arrives as a double, indistinguishable from 1e30. Decoders
// look the text up on their error path only (json_decode_support.hpp). Internal to the API layer.
#include <optional>
#include <string>
#include <string_view>

namespace emu::api {

/// The literal at `path` ("a.b[2].c", as decode::field_path::str() spells it; "" is the
/// document itself) of the JSON text `json`, when it is an integer literal (an optional '-'
/// and digits, no fraction, no exponent); nullopt otherwise or when `json` is not valid JSON.
/// With duplicate keys the last one counts, as in Boost.JSON's parsed value.
std::optional<std::string> integer_literal_at(std::string_view json, std::string_view path);

} // namespace emu::api
