#pragma once
// Hashes used by the emulator (function code digest, AK/SK signatures), backed by
// GNU Nettle. All functions are pure and thread-safe.
#include <string>
#include <string_view>

namespace emu::crypto {

/// Lower-case hex SHA-256 of `data`.
std::string sha256_hex(std::string_view data);

/// Lower-case hex SHA-512 of `data`.
std::string sha512_hex(std::string_view data);

/// Lower-case hex HMAC-SHA256 of `data` keyed with `key`.
std::string hmac_sha256_hex(std::string_view key, std::string_view data);

/// Compares two strings in time independent of where they differ.
bool constant_time_equal(std::string_view a, std::string_view b);

/// Decodes standard base64 (with or without padding); false when `in` is not base64.
bool base64_decode(std::string_view in, std::string& out);

} // namespace emu::crypto
