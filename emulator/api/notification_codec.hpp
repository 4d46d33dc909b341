#pragma once
// JSON of asynchronous invocations: the notification a destination receives (D24). With
// read_destination_param (json_codec.hpp) it forms the engine's codecs.
#include "domain/async_invoke_config.hpp"
#include "domain/invocation.hpp"
#include "domain/switches.hpp"

#include <map>
#include <string>
#include <string_view>

namespace emu::api {

/// The notification payload of the user guide: `status_code` (example) or `statusCode`
/// (parameter table), and the example's timestamp with both Z and an offset (D24).
std::string encode_notification(const domain::notification& n, const domain::switches& b);

} // namespace emu::api
