#pragma once
// The Content-Type rule of the public API (D08, switch require_content_type).
#include "domain/switches.hpp"
#include "http/message.hpp"

#include <string>

namespace emu::api {

/// The rule a request's Content-Type breaks, or an empty string when it is acceptable.
std::string content_type_problem(const request& req, domain::content_type_rule rule);

} // namespace emu::api
