#pragma once
// The public FunctionGraph API: every documented operation's method, path and handler.
#include "api/http_response.hpp"
#include "api/request_context.hpp"
#include "api/route_table.hpp"

namespace emu::api {

/// A handler of one documented operation.
using handler = answer (*)(request_context&);

/// The public route table, in matching order (docs/api.md). Built once; thread-safe.
const route_table<handler>& public_routes();

} // namespace emu::api
