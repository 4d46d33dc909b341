#pragma once
// Helpers shared by the control handlers.
#include "api/handler_support.hpp"
#include "control/context.hpp"

#include <boost/json/object.hpp>

#include <optional>
#include <string>

namespace emu::control {

/// ?project_id= of a control request (nullopt when absent or empty).
std::optional<std::string> control_project(const context& ctx);

/// Parses an optional JSON object body (empty body → empty object) into `out`; on failure
/// returns the 400 EMU.0400 answer.
std::optional<api::answer> control_body(context& ctx, boost::json::object& out);

/// 400 EMU.0400 with `detail`.
api::answer control_error(context& ctx, const std::string& detail);

} // namespace emu::control
