#include "gateway/sdk_signature.hpp"

#include "crypto/digest.hpp"
#include "http/text.hpp"

#include <algorithm>
#include <utility>

namespace emu::gateway {
namespace {

parsed_signature_header parse_failure(signature_failure f, std::string message) {
    parsed_signature_header out;
    out.error = std::move(message);
    out.failure = f;
    return out;
}

bool is_hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/// Splits "a;b;c" into names; false when a name is empty or not lower-case.
bool split_signed_headers(std::string_view list, std::vector<std::string>& out) {
    while (true) {
        auto semi = list.find(';');
        std::string_view name = trim(list.substr(0, semi));
        if (name.empty() || std::any_of(name.begin(), name.end(), [](char c) {
                return (c >= 'A' && c <= 'Z') || c == ' ' || c == '\t';
            }))
            return false;
        out.emplace_back(name);
        if (semi == std::string_view::npos)
            return true;
        list.remove_prefix(semi + 1);
    }
}

verify_outcome failed(verify_outcome out, signature_failure f, std::string message) {
    out.ok = false;
    out.failure = f;
    out.message = std::move(message);
    return out;
}

} // namespace

parsed_signature_header parse_signature_header(std::string_view authorization) {
    std::string_view value = trim(authorization);
    if (value.empty())
        return parse_failure(signature_failure::malformed_header, "authorization header is empty");
    auto space = value.find(' ');
    std::string_view algorithm = value.substr(0, space);
    if (algorithm != sdk_signing_algorithm)
        return parse_failure(signature_failure::unsupported_algorithm,
                             "unsupported authorization algorithm '" + std::string(algorithm) +
                                 "', only SDK-HMAC-SHA256 is accepted");
    std::string_view params =
        space == std::string_view::npos ? std::string_view{} : value.substr(space + 1);

    constexpr std::string_view names[] = {"Access", "SignedHeaders", "Signature"};
    std::optional<std::string_view> parts[3];
    while (!params.empty()) {
        auto comma = params.find(',');
        std::string_view part = trim(params.substr(0, comma));
        auto eq = part.find('=');
        for (std::size_t i = 0; i < 3; ++i) {
            if (eq == std::string_view::npos || part.substr(0, eq) != names[i])
                continue;
            if (parts[i])
                return parse_failure(signature_failure::malformed_header,
                                     "authorization header repeats " + std::string(names[i]) + "=");
            parts[i] = trim(part.substr(eq + 1));
        }
        if (comma == std::string_view::npos)
            break;
        params.remove_prefix(comma + 1);
    }
    for (std::size_t i = 0; i < 3; ++i)
        if (!parts[i] || parts[i]->empty())
            return parse_failure(signature_failure::malformed_header,
                                 "authorization header lacks " + std::string(names[i]) + "=");

    parsed_signature_header out;
    out.header.access = std::string(*parts[0]);
    if (!split_signed_headers(*parts[1], out.header.signed_headers))
        return parse_failure(signature_failure::malformed_header,
                             "authorization header's SignedHeaders must be lower-case names "
                             "separated by ';'");
    // Spec §12.2 step 1: x-sdk-date must be among the signed headers.
    const auto& signed_headers = out.header.signed_headers;
    if (std::find(signed_headers.begin(), signed_headers.end(), "x-sdk-date") ==
        signed_headers.end())
        return parse_failure(signature_failure::malformed_header,
                             "authorization header's SignedHeaders lacks x-sdk-date");
    std::string_view signature = *parts[2];
    if (signature.size() != 64 || !std::all_of(signature.begin(), signature.end(), is_hex))
        return parse_failure(signature_failure::malformed_header,
                             "authorization header's Signature must be 64 hex digits");
    // Emulation: G — upper-case hex digits are accepted (clients send lower case).
    out.header.signature.resize(signature.size());
    std::transform(signature.begin(), signature.end(), out.header.signature.begin(),
                   [](char c) { return c >= 'A' && c <= 'F' ? static_cast<char>(c + 32) : c; });
    return out;
}

std::string string_to_sign(std::string_view sdk_date, std::string_view canonical) {
    std::string out(sdk_signing_algorithm);
    out += '\n';
    out += sdk_date;
    out += '\n';
    out += crypto::sha256_hex(canonical);
    return out;
}

std::string sign(std::string_view secret_key, std::string_view string_to_sign) {
    return crypto::hmac_sha256_hex(secret_key, string_to_sign);
}

std::optional<std::chrono::sys_seconds> parse_sdk_date(std::string_view value) {
    using namespace std::chrono;
    if (value.size() != 16 || value[8] != 'T' || value[15] != 'Z')
        return std::nullopt;
    auto number = [&](std::size_t pos, std::size_t len) {
        int n = 0;
        for (std::size_t i = pos; i < pos + len; ++i) {
            if (value[i] < '0' || value[i] > '9')
                return -1;
            n = n * 10 + (value[i] - '0');
        }
        return n;
    };
    int y = number(0, 4), mo = number(4, 2), d = number(6, 2);
    int h = number(9, 2), mi = number(11, 2), s = number(13, 2);
    if (y < 0 || mo < 0 || d < 0 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59)
        return std::nullopt;
    year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
    // system_clock counts nanoseconds in 64 bits (1677-09-21 to 2262-04-11): a date outside
    // would overflow when callers convert it (found by fuzz_signature).
    if (!ymd.ok() || y < 1678 || y > 2261)
        return std::nullopt;
    return sys_days{ymd} + hours{h} + minutes{mi} + seconds{s};
}

verify_outcome verify_signature(const request& req, const secret_key_lookup& secret_for,
                                std::chrono::system_clock::time_point now,
                                std::chrono::seconds max_skew) {
    verify_outcome out;
    auto auth = req.find(http::field::authorization);
    if (auth == req.end())
        return failed(std::move(out), signature_failure::malformed_header,
                      "authorization header not found");
    auto parsed = parse_signature_header(auth->value());
    if (parsed.error)
        return failed(std::move(out), parsed.failure, std::move(*parsed.error));
    const auto& h = parsed.header;
    out.access_key = h.access;
    out.canonical_request = canonical_request(req, h.signed_headers);

    auto date_field = req.find("X-Sdk-Date");
    if (date_field == req.end())
        return failed(std::move(out), signature_failure::missing_date, "x-sdk-date not found");
    std::string_view date = date_field->value();
    auto when = parse_sdk_date(date);
    // Emulation: G — the wording of this message and the next is a guess; the gateway's
    // own texts for these two cases are not documented.
    if (!when)
        return failed(std::move(out), signature_failure::bad_date_format,
                      "x-sdk-date format error, expected YYYYMMDDTHHMMSSZ");
    // In seconds: nanoseconds could overflow between a clock set far back and a far date.
    auto skew = std::chrono::floor<std::chrono::seconds>(now) - *when;
    if (skew > max_skew || skew < -max_skew)
        return failed(std::move(out), signature_failure::date_skew,
                      "the request time skew is too big, x-sdk-date:" + std::string(date));

    auto secret = secret_for(h.access);
    if (!secret)
        return failed(std::move(out), signature_failure::unknown_access_key,
                      "Get secretKey failed,ak:" + h.access + ",err:ak not exist");
    auto expected = sign(*secret, string_to_sign(date, out.canonical_request));
    if (!crypto::constant_time_equal(expected, h.signature)) {
        // The gateway shows its canonical request with '|' for each line break (spec §11.2).
        std::string shown = out.canonical_request;
        std::replace(shown.begin(), shown.end(), '\n', '|');
        return failed(std::move(out), signature_failure::signature_mismatch,
                      "verify aksk signature fail, canonicalRequest:" + shown);
    }
    out.ok = true;
    return out;
}

} // namespace emu::gateway
