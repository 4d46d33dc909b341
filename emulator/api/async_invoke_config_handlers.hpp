#pragma once
// The four documented async-invoke-config operations (docs/api.md "Async invoke config").
// Each takes the resolved request context and returns the whole answer.
#include "api/request_context.hpp"

namespace emu::api {

/// PUT …/{function_urn}/async-invoke-config — UpdateFunctionAsyncInvokeConfig (spec §1).
response update_function_async_invoke_config(request_context& ctx);

/// GET …/{function_urn}/async-invoke-config — ShowFunctionAsyncInvokeConfig (spec §2).
response show_function_async_invoke_config(request_context& ctx);

/// DELETE …/{function_urn}/async-invoke-config — DeleteFunctionAsyncInvokeConfig (spec §3).
response delete_function_async_invoke_config(request_context& ctx);

/// GET …/{function_urn}/async-invoke-configs — ListFunctionAsyncInvokeConfig (spec §4).
response list_function_async_invoke_config(request_context& ctx);

} // namespace emu::api
