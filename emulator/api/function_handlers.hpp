#pragma once
// The minimal function lifecycle that async configs belong to (docs/api.md "Functions").
#include "api/http_response.hpp"
#include "api/request_context.hpp"

namespace emu::api {

/// POST /v2/{project_id}/fgs/functions — CreateFunction (spec §10.2).
answer create_function(request_context& ctx);

/// GET /v2/{project_id}/fgs/functions — ListFunctions (marker / maxitems).
answer list_functions(request_context& ctx);

/// GET …/{function_urn}/config — ShowFunctionConfig (spec §10.3): the function as the URN's
/// qualifier runs it (a version's copy; an alias: its version's).
answer show_function_config(request_context& ctx);

/// DELETE …/{function_urn} — DeleteFunction (spec §10.1, §10.4, D23): unqualified → the
/// whole function; a version or alias → that version.
answer delete_function(request_context& ctx);

/// PUT …/{function_urn}/code — UpdateFunctionCode: latest's code (create's code rules).
answer update_function_code(request_context& ctx);

/// PUT …/{function_urn}/config — UpdateFunctionConfig: latest's metadata (create's rules).
answer update_function_config(request_context& ctx);

} // namespace emu::api
