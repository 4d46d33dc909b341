#pragma once
// JSON ⇄ domain types, one-to-one with the documented field names. Decoding checks JSON
// types only (ranges and enums are the domain's); every error names the field path.
// Decision: JSON null where a typed value belongs is a type error, like any other wrong
// type (docs/api.md "null").
#include "domain/async_invoke_config.hpp"
#include "domain/error.hpp"
#include "domain/function.hpp"
#include "domain/function_version.hpp"
#include "domain/switches.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace emu::api {

/// A PUT async-invoke-config body. Errors: invalid_type (wrong JSON type or null, or the
/// body itself not an object), invalid_format (unknown field with unknown_fields=reject).
/// `source` is the body's text: with it, an integer beyond 64 bits is named as sent
/// (config_input::sent) instead of being a type error.
domain::result<domain::config_input> decode_config_input(const boost::json::value& body,
                                                         const domain::switches& b,
                                                         std::string_view source = {});

/// decode_config_input straight from the body's text, for the bodies clients send: each known
/// field at most once, of its JSON type, integers within int64. nullopt for any other body —
/// every error among them —, which decode_config_input then decodes from a DOM; where this
/// gives a value, it is the one decode_config_input gives (json_decode_direct.cpp).
std::optional<domain::config_input> decode_config_input_direct(std::string_view body);

/// Whether `text` is one JSON document whose value is an object, as parse_json_body parses a
/// body (depth 64), checked without building it (json_decode_direct.cpp).
bool is_json_object_text(std::string_view text);

/// A create-function body, and the bodies of PUT …/code and PUT …/config (the same field
/// names). Errors: invalid_type.
domain::result<domain::function_input> decode_function_input(const boost::json::value& body,
                                                             std::string_view source = {});

/// A POST …/versions body {digest?, version?, description?}. Errors: invalid_type,
/// invalid_format (unknown field with unknown_fields=reject).
domain::result<domain::publish_input> decode_publish_input(const boost::json::value& body,
                                                           const domain::switches& b);

/// A POST / PUT …/aliases body (name, version, description, additional_version_weights,
/// additional_version_strategy). Errors: as decode_publish_input.
domain::result<domain::alias_input> decode_alias_input(const boost::json::value& body,
                                                       const domain::switches& b,
                                                       std::string_view source = {});

/// The keys of a destination's `param` (a string holding a JSON object); nullopt when it is
/// not one. Values: null, bool, integer, double, string; arrays and objects as param_other.
/// Flat objects are read straight from the text; others through a DOM.
std::optional<std::map<std::string, domain::param_value>>
read_destination_param(std::string_view param);

/// The async-config response object (switches D01 floor, D04, D05), in `sp`'s memory.
boost::json::object encode_config(const domain::async_invoke_config& c, const domain::switches& b,
                                  const boost::json::storage_ptr& sp = {});

/// encode_config as serialised JSON text, written directly: the same bytes as
/// boost::json::serialize(encode_config(c, b)), without building the object (the GET and
/// PUT answers).
std::string encode_config_text(const domain::async_invoke_config& c, const domain::switches& b);

/// The function object of create / config / list answers (D05 for last_modified), as the
/// qualifier `version` ("latest" or a version name) shows it.
boost::json::object encode_function(const domain::function_record& f, const domain::switches& b,
                                    std::string_view version = "latest");

/// A version object of publish / list-versions answers: the function object plus
/// version_description and function_async_config (D04: the qualifier's own config without
/// func_urn and enable_async_status_log, or null).
boost::json::object encode_version(const domain::version_view& v, const domain::switches& b);

/// A VersionStrategy object (combine_type and rules, each only when set).
boost::json::object encode_strategy(const domain::version_strategy& s);

/// An alias object (name, version, description, last_modified, alias_urn and both maps).
boost::json::object encode_alias(const domain::function_alias& a, const domain::switches& b);

} // namespace emu::api
