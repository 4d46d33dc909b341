#pragma once
// The encoded answers of GET .../async-invoke-config, kept per I/O thread and served again
// while nothing they were built from has changed. An answer is a function of the store's
// state (its revision, unique in the process: domain/versioned_mutex.hpp), the project, the
// region of the service, the URN as written in the path and the project's switches; all of
// them are the key, so a hit is byte for byte the answer the handler would build.
#include "domain/switches.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace emu::api {

struct config_answer_key {
    std::uint64_t revision; ///< function_store::revision(), loaded before the read
    std::string_view project, region, urn;
    const domain::switches& switches;
    /// The key's hash once the table has computed it (0: not yet): a miss looks the key up
    /// and then offers the answer, and hashes the URN once for both.
    mutable std::size_t hash = 0;
};

/// The answer kept for `key` on this thread, or nullptr.
const std::string* find_config_answer(const config_answer_key& key);
/// Offers `text` as the answer for `key` on this thread (a small direct-mapped table); true
/// when it was kept, replacing whatever shared its slot. A key is kept the second time in a
/// row it is offered at its slot: a function read again (a poller, a test) is served from the
/// table from its third GET on, while a key read once (a scan over many functions) costs no
/// copy and does not push out the answer another key is read from.
bool keep_config_answer(const config_answer_key& key, const std::string& text);

} // namespace emu::api
