#pragma once
// Range, enum and shape rules of the documentation, one function per input type. Pure,
// thread-safe. Every error names the field (JSON path) and the rule.
#include "domain/async_invoke_config.hpp"
#include "domain/behaviour.hpp"
#include "domain/error.hpp"
#include "domain/function.hpp"
#include "domain/function_urn.hpp"

#include <optional>

namespace emu::domain {

/// Validates a PUT async-invoke-config body (seed table 3–5, switches D01/D02/D06) and
/// builds the config to store: on top of `existing` under put_mode=merge, from the
/// defaults otherwise. `created_time` is kept from `existing`; `last_modified` = now.
/// Errors: invalid_type, value_out_of_range, invalid_enum, invalid_format, missing_field,
/// invalid_urn (a FunctionGraph destination's func_urn).
result<async_invoke_config> build_config(const config_input& in,
                                         const std::optional<async_invoke_config>& existing,
                                         const behaviour& b, const urn_defaults& defaults,
                                         std::string func_urn, time_point now);

/// The config a qualifier has when none was ever set (missing_config=defaults).
async_invoke_config default_config(const behaviour& b, std::string func_urn);

/// Validates a create-function body (spec §10.2) into a record without id/urn/timestamps.
/// Errors: missing_field, invalid_type, value_out_of_range, invalid_enum, invalid_format.
result<function_record> build_function(const function_input& in);

} // namespace emu::domain
