#include "api/routes.hpp"

#include "api/alias_handlers.hpp"
#include "api/async_invoke_config_handlers.hpp"
#include "api/function_handlers.hpp"
#include "api/invocation_handlers.hpp"
#include "api/version_handlers.hpp"

namespace emu::api {
namespace {

route_table<handler> make_public_routes() {
    using v = http::verb;
    using enum domain::region_profile;
    route_table<handler> t;
    // Functions (spec §10). The order is the matching order: where a literal segment and
    // {function_urn} both fit (enable-async-status-logs), every pattern is tried and the
    // methods of the others are what a wrong method answers as allowed.
    t.add(v::post, "/v2/{project_id}/fgs/functions", "CreateFunction", create_function);
    t.add(v::get, "/v2/{project_id}/fgs/functions", "ListFunctions", list_functions);
    t.add(v::get, "/v2/{project_id}/fgs/functions/{function_urn}/config", "ShowFunctionConfig",
          show_function_config);
    t.add(v::delete_, "/v2/{project_id}/fgs/functions/{function_urn}", "DeleteFunction",
          delete_function);
    // Async-invocation configs (spec §1-4).
    t.add(v::put, "/v2/{project_id}/fgs/functions/{function_urn}/async-invoke-config",
          "UpdateFunctionAsyncInvokeConfig", update_function_async_invoke_config);
    t.add(v::get, "/v2/{project_id}/fgs/functions/{function_urn}/async-invoke-config",
          "ShowFunctionAsyncInvokeConfig", show_function_async_invoke_config);
    t.add(v::delete_, "/v2/{project_id}/fgs/functions/{function_urn}/async-invoke-config",
          "DeleteFunctionAsyncInvokeConfig", delete_function_async_invoke_config);
    t.add(v::get, "/v2/{project_id}/fgs/functions/{function_urn}/async-invoke-configs",
          "ListFunctionAsyncInvokeConfig", list_function_async_invoke_config);
    // Code, metadata, versions and aliases (spec §10).
    t.add(v::put, "/v2/{project_id}/fgs/functions/{function_urn}/code", "UpdateFunctionCode",
          update_function_code);
    t.add(v::put, "/v2/{project_id}/fgs/functions/{function_urn}/config", "UpdateFunctionConfig",
          update_function_config);
    t.add(v::post, "/v2/{project_id}/fgs/functions/{function_urn}/versions",
          "CreateFunctionVersion", create_function_version);
    t.add(v::get, "/v2/{project_id}/fgs/functions/{function_urn}/versions", "ListFunctionVersions",
          list_function_versions);
    t.add(v::post, "/v2/{project_id}/fgs/functions/{function_urn}/aliases", "CreateVersionAlias",
          create_version_alias);
    t.add(v::get, "/v2/{project_id}/fgs/functions/{function_urn}/aliases", "ListVersionAliases",
          list_version_aliases);
    t.add(v::get, "/v2/{project_id}/fgs/functions/{function_urn}/aliases/{alias_name}",
          "ShowVersionAlias", show_version_alias);
    t.add(v::put, "/v2/{project_id}/fgs/functions/{function_urn}/aliases/{alias_name}",
          "UpdateVersionAlias", update_version_alias);
    t.add(v::delete_, "/v2/{project_id}/fgs/functions/{function_urn}/aliases/{alias_name}",
          "DeleteVersionAlias", delete_version_alias);
    // Asynchronous invocations (spec §5-9).
    // Emulation: D20 — the Kuala Lumpur index has no active-async-invocations page; the OTC
    // pages lack it and the status-log pair too (KL's status-log pages were not checked:
    // kept). Switch region_profile.
    t.add(v::post, "/v2/{project_id}/fgs/functions/{function_urn}/invocations-async",
          "AsyncInvokeFunction", async_invoke_function);
    t.add(v::get, "/v2/{project_id}/fgs/functions/{function_urn}/async-invocations",
          "ListAsyncInvocations", list_async_invocations);
    t.add(v::get, "/v2/{project_id}/fgs/functions/{function_urn}/active-async-invocations",
          "ListActiveAsyncInvocations", list_active_async_invocations, {intl});
    t.add(v::post, "/v2/{project_id}/fgs/functions/{function_urn}/cancel", "CancelAsyncInvocation",
          cancel_async_invocation);
    t.add(v::post, "/v2/{project_id}/fgs/functions/enable-async-status-logs",
          "EnableAsyncStatusLog", enable_async_status_log, {intl, kl});
    t.add(v::get, "/v2/{project_id}/fgs/functions/async-status-log-detail",
          "ShowProjectAsyncStatusLogInfo", show_project_async_status_log_info, {intl, kl});
    return t;
}

} // namespace

const route_table<handler>& public_routes() {
    static const route_table<handler> table = make_public_routes();
    return table;
}

} // namespace emu::api
