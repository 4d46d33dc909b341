#include "crypto/digest.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>

namespace emu::crypto {
namespace {

std::string to_hex(const unsigned char* p, unsigned n) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out(std::size_t{n} * 2, '\0');
    for (unsigned i = 0; i < n; ++i) {
        out[2 * i] = digits[p[i] >> 4];
        out[2 * i + 1] = digits[p[i] & 0xf];
    }
    return out;
}

std::string evp_hex(const EVP_MD* md, std::string_view data) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> buf{};
    unsigned n = 0;
    EVP_Digest(data.data(), data.size(), buf.data(), &n, md, nullptr);
    return to_hex(buf.data(), n);
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
    return evp_hex(EVP_sha256(), data);
}

std::string sha512_hex(std::string_view data) {
    return evp_hex(EVP_sha512(), data);
}

std::string hmac_sha256_hex(std::string_view key, std::string_view data) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> buf{};
    unsigned n = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
         reinterpret_cast<const unsigned char*>(data.data()), data.size(), buf.data(), &n);
    return to_hex(buf.data(), n);
}

bool constant_time_equal(std::string_view a, std::string_view b) {
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
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
