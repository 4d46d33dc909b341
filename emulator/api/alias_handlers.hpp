#pragma once
// Aliases of a function (docs/api.md "Aliases", spec §10.6). The {alias_name} path parameter
// arrives in request_context::resource_id (route pattern {id}).
#include "api/http_response.hpp"
#include "api/request_context.hpp"

namespace emu::api {

/// POST …/{function_urn}/aliases — CreateVersionAlias.
answer create_version_alias(request_context& ctx);

/// GET …/{function_urn}/aliases — ListVersionAliases: a bare JSON array.
answer list_version_aliases(request_context& ctx);

/// GET …/{function_urn}/aliases/{alias_name} — ShowVersionAlias.
answer show_version_alias(request_context& ctx);

/// PUT …/{function_urn}/aliases/{alias_name} — UpdateVersionAlias (replaces the alias).
answer update_version_alias(request_context& ctx);

/// DELETE …/{function_urn}/aliases/{alias_name} — DeleteVersionAlias: 204, and the alias's
/// async-invoke-config goes with it.
answer delete_version_alias(request_context& ctx);

} // namespace emu::api
