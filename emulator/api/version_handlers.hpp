#pragma once
// Published versions of a function (docs/api.md "Versions", spec §10.5, D21).
#include "api/http_response.hpp"
#include "api/request_context.hpp"

namespace emu::api {

/// POST …/{function_urn}/versions — CreateFunctionVersion: publishes latest (spec §10.5).
answer create_function_version(request_context& ctx);

/// GET …/{function_urn}/versions?marker=&maxitems= — ListFunctionVersions: latest first,
/// then the versions in publish order.
answer list_function_versions(request_context& ctx);

} // namespace emu::api
