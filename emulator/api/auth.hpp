#pragma once
// Authentication of /v2 requests. Emulation: there is no IAM here — any non-empty
// X-Auth-Token is accepted, and an AK/SK signature header is accepted when well formed
// (its signature is checked once credentials are configured, a later issue).
#include "api/http_types.hpp"

#include <optional>
#include <string>

namespace emu::api {

/// nullopt when the request carries acceptable credentials; otherwise the reason, worded
/// as the gateway's message suffix (e.g. "x-auth-token not found"). Thread-safe.
std::optional<std::string> check_credentials(const request& req);

} // namespace emu::api
