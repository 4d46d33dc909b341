#pragma once
// Asynchronous invocation operations (docs/api.md "Asynchronous invocations", spec §5–9).
#include "api/http_response.hpp"
#include "api/request_context.hpp"

namespace emu::api {

/// POST …/{function_urn}/invocations-async — AsyncInvokeFunction (spec §5).
answer async_invoke_function(request_context& ctx);

/// GET …/{function_urn}/async-invocations — ListAsyncInvocations (spec §6).
answer list_async_invocations(request_context& ctx);

/// GET …/{function_urn}/active-async-invocations — ListActiveAsyncInvocations (spec §7).
answer list_active_async_invocations(request_context& ctx);

/// POST …/{function_urn}/cancel — CancelAsyncInvocation (spec §8).
answer cancel_async_invocation(request_context& ctx);

/// POST /v2/{project_id}/fgs/functions/enable-async-status-logs — EnableAsyncStatusLog (§9).
answer enable_async_status_log(request_context& ctx);

/// GET /v2/{project_id}/fgs/functions/async-status-log-detail — ShowProjectAsyncStatusLogInfo.
answer show_project_async_status_log_info(request_context& ctx);

} // namespace emu::api
