#pragma once
// Integers a client sent that do not fit in 64 bits (JSON puts no limit on digits). Pure.
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace emu::domain {

/// By field path ("max_async_retry_attempts", "additional_version_weights.v1"): the digits of
/// an integer outside the int64 range as sent, cut to a readable length. The input's field
/// then holds INT64_MAX (INT64_MIN for a negative one), outside every documented range, so
/// validation rejects it; its message names this text, never the saturated number.
using sent_integers = std::map<std::string, std::string, std::less<>>;

/// How a message shows the value of `field`: as sent when it did not fit, else `v`.
inline std::string shown_integer(const sent_integers& sent, std::string_view field,
                                 std::int64_t v) {
    if (auto it = sent.find(field); it != sent.end())
        return it->second;
    return std::to_string(v);
}

} // namespace emu::domain
