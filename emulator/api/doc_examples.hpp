#pragma once
// The documentation's example responses, replayed verbatim under response_body=example
// (D03, D10). The same texts are golden files in fixtures/golden/.
#include <string_view>

namespace emu::api {

/// Example 200 body of PUT and GET …/async-invoke-config (seed page).
std::string_view async_invoke_config_example();

/// Example 200 body of GET …/async-invoke-configs (spec §4.2, inconsistent counts).
std::string_view async_invoke_configs_example();

} // namespace emu::api
