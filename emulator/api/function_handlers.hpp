#pragma once
// The minimal function lifecycle that async configs belong to (docs/api.md "Functions").
#include "api/request_context.hpp"

namespace emu::api {

/// POST /v2/{project_id}/fgs/functions — CreateFunction (spec §10.2).
response create_function(request_context& ctx);

/// GET /v2/{project_id}/fgs/functions — ListFunctions (marker / maxitems).
response list_functions(request_context& ctx);

/// GET …/{function_urn}/config — ShowFunctionConfig (spec §10.3).
response show_function_config(request_context& ctx);

/// DELETE …/{function_urn} — DeleteFunction (spec §10.4, D23).
response delete_function(request_context& ctx);

} // namespace emu::api
