#pragma once
// AK/SK request signatures, algorithm SDK-HMAC-SHA256 (spec §12.2), as the API gateway in front
// of FunctionGraph checks them: the Authorization header, the canonical request, the string to
// sign, and the whole verification against a secret-key lookup. Everything here is pure (no I/O,
// no shared state) and thread-safe.
#include "http/message.hpp"

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace emu::gateway {

/// The only algorithm accepted: "SDK-HMAC-SHA256".
inline constexpr std::string_view sdk_signing_algorithm = "SDK-HMAC-SHA256";

/// Why a signed request was refused.
enum class signature_failure {
    malformed_header,      ///< Authorization lacks a part, or a part is ill-formed
    unsupported_algorithm, ///< V11-HMAC-SHA256, SDK-HMAC-SM3, Bearer, …
    missing_date,          ///< no X-Sdk-Date header
    bad_date_format,       ///< X-Sdk-Date is not YYYYMMDDTHHMMSSZ
    date_skew,             ///< X-Sdk-Date further than the allowed skew from the server clock
    unknown_access_key,    ///< the secret lookup knows no such AK
    signature_mismatch,    ///< the signature differs from the one computed here
};

/// The three parts of `SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…`.
struct signature_header {
    std::string access;
    std::vector<std::string> signed_headers; ///< lower-case names, in the order given
    std::string signature;                   ///< 64 hex digits, normalised to lower case
};

/// Result of parse_signature_header: `header` is valid when `error` is empty.
struct parsed_signature_header {
    signature_header header;
    std::optional<std::string> error; ///< gateway message suffix when parsing failed
    signature_failure failure = signature_failure::malformed_header; ///< meaningful with error
};

/// Parses an Authorization value; spaces after the commas are optional. Fails with
/// unsupported_algorithm for any scheme but SDK-HMAC-SHA256, and with malformed_header when a
/// part is missing, empty or repeated, a signed header name is empty or not lower-case,
/// x-sdk-date is not signed, or the signature is not 64 hex digits. Unknown parts are ignored.
parsed_signature_header parse_signature_header(std::string_view authorization);

/// CanonicalURI of spec §12.2: each '/'-separated segment percent-decoded, then re-encoded
/// (every byte outside A–Z a–z 0–9 - _ . ~ as upper-case %XX); always ends with '/'.
std::string canonical_uri(std::string_view path);

/// CanonicalQueryString of spec §12.2: pairs decoded ('+' as space), sorted by name then value
/// in byte order, re-encoded like canonical_uri, joined with '&'; empty for no query.
std::string canonical_query_string(std::string_view query);

/// The canonical request of spec §12.2 for `req` and the given signed headers (lower-case, in
/// the order given; a signed header absent from `req` contributes no line, as in the Go SDK).
/// Lines are separated by '\n'; the payload hash is X-Sdk-Content-Sha256 when present, else the
/// hex SHA-256 of the raw body.
std::string canonical_request(const request& req, const std::vector<std::string>& signed_headers);

/// "SDK-HMAC-SHA256\n<sdk_date>\n<hex SHA-256 of canonical>".
std::string string_to_sign(std::string_view sdk_date, std::string_view canonical);

/// Lower-case hex HMAC-SHA256 of `string_to_sign` keyed with the secret key.
std::string sign(std::string_view secret_key, std::string_view string_to_sign);

/// Parses X-Sdk-Date `YYYYMMDDTHHMMSSZ` (UTC); nullopt unless exactly that shape and a real
/// calendar date and time of day in the years 1678–2261 (what system_clock can hold).
std::optional<std::chrono::sys_seconds> parse_sdk_date(std::string_view value);

/// What verify_signature found. `failure` is meaningful only when `ok` is false; `message` is
/// the gateway's wording, to follow "Incorrect IAM authentication information: ".
struct verify_outcome {
    bool ok = false;
    signature_failure failure = signature_failure::malformed_header;
    std::string message;
    std::string canonical_request; ///< computed here ('\n' lines); set once the header parsed
    std::string access_key;        ///< the AK of the request; set once the header parsed
};

/// Looks up the secret key of an access key; nullopt when the AK is unknown.
using secret_key_lookup = std::function<std::optional<std::string>(std::string_view ak)>;

/// Verifies the request's SDK-HMAC-SHA256 signature: parses Authorization, requires X-Sdk-Date
/// (well formed, within `max_skew` of `now` either way), looks up the secret key of the AK, and
/// compares signatures in constant time. Checks run in that order; the first failure is
/// reported. Thread-safe if `secret_for` is.
verify_outcome verify_signature(const request& req, const secret_key_lookup& secret_for,
                                std::chrono::system_clock::time_point now,
                                std::chrono::seconds max_skew = std::chrono::minutes{15});

} // namespace emu::gateway
