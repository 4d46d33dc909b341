#pragma once
// JSON ⇄ domain types, one-to-one with the documented field names. Decoding checks JSON
// types only (ranges and enums are the domain's); every error names the field path.
// Decision: JSON null where a typed value belongs is a type error, like any other wrong
// type (docs/api.md "null").
#include "domain/async_invoke_config.hpp"
#include "domain/behaviour.hpp"
#include "domain/error.hpp"
#include "domain/function.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

namespace emu::api {

/// A PUT async-invoke-config body. Errors: invalid_type (wrong JSON type or null, or the
/// body itself not an object), invalid_format (unknown field with unknown_fields=reject).
domain::result<domain::config_input> decode_config_input(const boost::json::value& body,
                                                         const domain::behaviour& b);

/// A create-function body. Errors: invalid_type.
domain::result<domain::function_input> decode_function_input(const boost::json::value& body);

/// The async-config response object (switches D01 floor, D04, D05).
boost::json::object encode_config(const domain::async_invoke_config& c,
                                  const domain::behaviour& b);

/// The function object of create / config / list answers (D05 for last_modified).
boost::json::object encode_function(const domain::function_record& f,
                                    const domain::behaviour& b);

} // namespace emu::api
