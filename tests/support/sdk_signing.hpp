#pragma once
// The client side of SDK-HMAC-SHA256 (spec §12.2), for tests and fuzz targets: what an SDK does
// to sign a request, built on the gateway's canonical request and signature. Not part of the
// emulator: the gateway only verifies.
#include "gateway/sdk_signature.hpp"

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace emu::test {

/// Formats `h` as an Authorization value (one space after the algorithm, ", " between parts).
std::string format_signature_header(const gateway::signature_header& h);

/// Formats `t` (truncated to seconds) as X-Sdk-Date `YYYYMMDDTHHMMSSZ`.
std::string format_sdk_date(std::chrono::system_clock::time_point t);

/// Signs `req` with its current X-Sdk-Date (which must be set) and sets its Authorization
/// header, as the SDKs do.
void sign_request(request& req, std::string_view access_key, std::string_view secret_key,
                  const std::vector<std::string>& signed_headers);

} // namespace emu::test
