#include "crypto/digest.hpp"

#include <nettle/hmac.h>
#include <nettle/memops.h>
#include <nettle/nettle-meta.h>
#include <nettle/sha2.h>

#include <array>
#include <cstddef>

namespace emu::crypto {
namespace {

std::string to_hex(const std::uint8_t* p, std::size_t n) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out(n * 2, '\0');
    for (std::size_t i = 0; i < n; ++i) {
        out[2 * i] = digits[p[i] >> 4];
        out[2 * i + 1] = digits[p[i] & 0xf];
    }
    return out;
}

const std::uint8_t* bytes(std::string_view s) {
    return reinterpret_cast<const std::uint8_t*>(s.data());
}

/// Lower-case hex of `data` hashed by one of Nettle's hashes (its generic interface).
std::string hash_hex(const nettle_hash& hash, std::string_view data) {
    static_assert(sizeof(sha256_ctx) <= 512 && sizeof(sha512_ctx) <= 512);
    alignas(std::max_align_t) std::array<std::uint8_t, 512> context{};
    std::array<std::uint8_t, SHA512_DIGEST_SIZE> out{};
    hash.init(context.data());
    hash.update(context.data(), data.size(), bytes(data));
    hash.digest(context.data(), hash.digest_size, out.data());
    return to_hex(out.data(), hash.digest_size);
}

int b64_value(char c) {
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

} // namespace

std::string sha256_hex(std::string_view data) {
    return hash_hex(nettle_sha256, data);
}

std::string sha512_hex(std::string_view data) {
    return hash_hex(nettle_sha512, data);
}

std::string hmac_sha256_hex(std::string_view key, std::string_view data) {
    hmac_sha256_ctx ctx;
    hmac_sha256_set_key(&ctx, key.size(), bytes(key));
    hmac_sha256_update(&ctx, data.size(), bytes(data));
    std::array<std::uint8_t, SHA256_DIGEST_SIZE> out{};
    hmac_sha256_digest(&ctx, out.size(), out.data());
    return to_hex(out.data(), out.size());
}

bool constant_time_equal(std::string_view a, std::string_view b) {
    return a.size() == b.size() && memeql_sec(a.data(), b.data(), a.size()) != 0;
}

bool base64_decode(std::string_view in, std::string& out) {
    out.clear();
    while (!in.empty() && in.back() == '=')
        in.remove_suffix(1);
    if (in.size() % 4 == 1)
        return false;
    out.reserve(in.size() * 3 / 4);
    unsigned acc = 0;
    int bits = 0;
    for (char c : in) {
        int v = b64_value(c);
        if (v < 0)
            return false;
        acc = (acc << 6) | static_cast<unsigned>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((acc >> bits) & 0xff));
        }
    }
    return true;
}

} // namespace emu::crypto
