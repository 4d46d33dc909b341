#pragma once
// The four documented async-invoke-config operations (docs/api.md "Async invoke config").
// Each takes the resolved request context and returns the whole answer.
#include "api/http_response.hpp"
#include "api/request_context.hpp"

namespace emu::api {

/// PUT …/{function_urn}/async-invoke-config — UpdateFunctionAsyncInvokeConfig (spec §1).
answer update_function_async_invoke_config(request_context& ctx);

/// GET …/{function_urn}/async-invoke-config — ShowFunctionAsyncInvokeConfig (spec §2).
answer show_function_async_invoke_config(request_context& ctx);

/// DELETE …/{function_urn}/async-invoke-config — DeleteFunctionAsyncInvokeConfig (spec §3).
answer delete_function_async_invoke_config(request_context& ctx);

/// GET …/{function_urn}/async-invoke-configs — ListFunctionAsyncInvokeConfig (spec §4).
answer list_function_async_invoke_config(request_context& ctx);

} // namespace emu::api
