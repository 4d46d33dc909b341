// The canonical request of SDK-HMAC-SHA256 (spec §12.2); the rest of sdk_signature.hpp lives in
// sdk_signature.cpp.
#include "gateway/sdk_signature.hpp"

#include "crypto/digest.hpp"
#include "http/text.hpp"
#include "http/uri.hpp"

#include <algorithm>
#include <utility>

namespace emu::gateway {
namespace {

bool unreserved(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.' || c == '~';
}

/// Appends `s` with every byte outside the unreserved set as upper-case %XX (Go SDK `escape`).
void append_encoded(std::string& out, std::string_view s) {
    static constexpr char digits[] = "0123456789ABCDEF";
    for (char ch : s) {
        auto c = static_cast<unsigned char>(ch);
        if (unreserved(c)) {
            out.push_back(ch);
        } else {
            out.push_back('%');
            out.push_back(digits[c >> 4]);
            out.push_back(digits[c & 0xf]);
        }
    }
}

/// "name:value\n" per value of each signed header, values of one header sorted (Go SDK).
/// The CanonicalHeaders lines of the signed headers `names`.
// Emulation: G — a signed header the request lacks yields no line, as in the Go signer; what
// the gateway does then is undocumented.
std::string canonical_headers(const request& req, const std::vector<std::string>& names) {
    std::string out;
    for (const auto& name : names) {
        std::vector<std::string_view> values;
        for (auto [it, end] = req.equal_range(name); it != end; ++it)
            values.push_back(trim(it->value()));
        std::sort(values.begin(), values.end());
        for (auto v : values) {
            out += name;
            out += ':';
            out += v;
            out += '\n';
        }
    }
    return out;
}

std::string payload_hash(const request& req) {
    if (auto it = req.find("X-Sdk-Content-Sha256"); it != req.end())
        return std::string(it->value());
    return crypto::sha256_hex(req.body());
}

} // namespace

std::string canonical_uri(std::string_view path) {
    // Decoding first makes `urn:fss:…` (Go SDK) and `urn%3Afss%3A…` (Python SDK) sign alike.
    // A segment with a malformed escape is taken verbatim (its '%' is then encoded as %25).
    std::string out, segment;
    while (true) {
        auto slash = path.find('/');
        std::string_view raw = path.substr(0, slash);
        if (!percent_decode(raw, segment))
            segment = raw;
        append_encoded(out, segment);
        if (slash == std::string_view::npos)
            break;
        out.push_back('/');
        path.remove_prefix(slash + 1);
    }
    if (out.empty() || out.back() != '/')
        out.push_back('/');
    return out;
}

std::string canonical_query_string(std::string_view query) {
    // parse_query decodes ('+' as space, spec §12.2 G); sorting the decoded pairs follows the
    // Go SDK, which sorts names and then each name's values before encoding them.
    auto pairs = parse_query(query);
    std::sort(pairs.begin(), pairs.end());
    std::string out;
    for (const auto& [name, value] : pairs) {
        if (!out.empty())
            out.push_back('&');
        append_encoded(out, name);
        out.push_back('=');
        append_encoded(out, value);
    }
    return out;
}

std::string canonical_request(const request& req, const std::vector<std::string>& signed_headers) {
    std::string_view target = req.target();
    auto qmark = target.find('?');
    std::string_view path = target.substr(0, qmark);
    std::string_view query =
        qmark == std::string_view::npos ? std::string_view{} : target.substr(qmark + 1);

    std::string out(req.method_string());
    out += '\n';
    out += canonical_uri(path);
    out += '\n';
    out += canonical_query_string(query);
    out += '\n';
    out += canonical_headers(req, signed_headers);
    out += '\n';
    for (std::size_t i = 0; i < signed_headers.size(); ++i) {
        if (i != 0)
            out += ';';
        out += signed_headers[i];
    }
    out += '\n';
    out += payload_hash(req);
    return out;
}

} // namespace emu::gateway
