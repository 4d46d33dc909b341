#pragma once
// Range, enum and shape rules of the documentation, one function per input type. Pure,
// thread-safe. Every error names the field (JSON path) and the rule.
#include "domain/async_invoke_config.hpp"
#include "domain/error.hpp"
#include "domain/function.hpp"
#include "domain/function_urn.hpp"
#include "domain/function_version.hpp"
#include "domain/switches.hpp"

#include <optional>
#include <string_view>

namespace emu::domain {

/// Validates a PUT async-invoke-config body (seed table 3–5, switches D01/D02/D06) and
/// builds the config to store: on top of `existing` (null: none yet) under put_mode=merge,
/// from the defaults otherwise. `created_time` is kept from `existing`; `last_modified` = now.
/// Errors: invalid_type, value_out_of_range, invalid_enum, invalid_format, missing_field,
/// invalid_urn (a FunctionGraph destination's func_urn).
result<async_invoke_config> build_config(const config_input& in,
                                         const async_invoke_config* existing, const switches& b,
                                         const urn_defaults& defaults, std::string func_urn,
                                         time_point now);

/// The config a qualifier has when none was ever set (missing_config=defaults).
async_invoke_config default_config(const switches& b, std::string func_urn);

/// Validates a create-function body (spec §10.2) into a record without id/urn/timestamps.
/// Errors: missing_field, invalid_type, value_out_of_range, invalid_enum, invalid_format.
result<function_record> build_function(const function_input& in);

/// Applies a PUT …/config body to `latest` with create's rules: runtime, timeout, handler and
/// memory_size are required, func_name and package may repeat the function's own,
/// description (absent: kept). Timestamps are the caller's. Errors: as build_function.
result<function_record> apply_function_config(const function_input& in,
                                              const function_record& latest);

/// Applies a PUT …/code body (code_type, code_filename, func_code) to `latest` with create's
/// rules; digest and code_size follow the code. Errors: as build_function.
result<function_record> apply_function_code(const function_input& in,
                                            const function_record& latest);

/// Checks the X-Cff-Instance-Memory header of invocations-async (`value`: nullopt when not
/// sent). Emulation D18: with switch validate_instance_memory (strict) a value sent must be
/// one of the 15 memory sizes of the synchronous API, 128 … 10240, written as that number;
/// errc::invalid_enum naming the header otherwise. Without the switch anything passes.
result<void> check_instance_memory(std::optional<std::string_view> value, const switches& b);

/// Whether two records hold the same publishable content (code and metadata; not ids or
/// timestamps): "nothing changed since the last publish" (FSS.1016).
bool same_content(const function_record& a, const function_record& b);

/// The name a publish without `version` gets from the clock (switch version_name_style,
/// D21): 20210304-145002 or v20210304-145002, in the zone of utc_offset_minutes.
std::string generated_version_name(time_point now, const switches& b);

/// Checks a publish body's own fields: version (given: a valid name, else
/// invalid_version_name) and description (at most 512 characters, invalid_format).
result<void> check_publish_input(const publish_input& in);

/// Validates an alias body into an alias without timestamps. `name` is the path's alias name
/// for PUT (the body's `name` is then ignored), nullopt for POST (the body must name it).
/// Errors: missing_field, invalid_alias_name (FSS.1014), invalid_version_name (FSS.1015:
/// version, additional versions), value_out_of_range (weights 0-100, sum at most 100),
/// invalid_enum (combine_type, rule_type per alias_rule_types, op), invalid_format (rule
/// param, two additional versions, weights beside a strategy, the version itself as an
/// additional version). Whether the versions exist is the store's check.
result<function_alias> build_alias(const alias_input& in, const std::optional<std::string>& name,
                                   const switches& b);

} // namespace emu::domain
