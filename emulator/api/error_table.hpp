#pragma once
// The error table: every error kind the emulator answers with, and for each its status,
// error_code, message template and journal rule name. Where a switch chooses the answer
// (D13, D14, D15, D16, D26), the row lists every variant and names the switch that picks one:
// no answer is decided anywhere else. error_catalog builds responses and journal rules from
// it, docs/errors.md is generated from it (scripts/gen-errors, checked by api_tests), and the
// rule names of domain errors are the domain's own name column (domain::to_string).
#include "domain/error.hpp"
#include "domain/switches.hpp"
#include "http/message.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace emu::api {

/// Errors found before or around the domain: routing, transport, decoding, auth.
enum class api_errc {
    route_not_found,      ///< no API at this path (404 gateway)
    method_not_allowed,   ///< known path, other method (D26)
    malformed_json,       ///< body is not JSON (D26)
    body_not_object,      ///< body is JSON but not an object
    body_too_large,       ///< over --max-body
    header_too_large,     ///< header section over its limit
    target_too_long,      ///< request-target over its limit
    auth_failed,          ///< neither X-Auth-Token nor a signature (D14)
    bad_content_type,     ///< Content-Type missing or not JSON (D08)
    invalid_switch,       ///< bad X-Emulator-Switches header
    control_bad_request,  ///< control API: bad body or query
    control_unauthorized, ///< control API: --admin-token missing or wrong
    control_not_found,    ///< control API: unknown fault id etc.
    internal,             ///< a bug (500); the last enumerator
};

/// Which documentation page answers, for per-page variants: D13's "not found" codes and
/// D16's alias example.
enum class page_kind {
    lifecycle,        ///< function, version and alias pages (the default)
    async_invocation, ///< async-invocations, active-async-invocations, cancel
    alias_query,      ///< "Querying the Alias of a Function Version" (ShowVersionAlias)
};

/// One answer of an error kind.
struct error_variant {
    std::string_view when;         ///< value of the row's switch that picks it; "" = any value
    std::optional<page_kind> page; ///< only on this page; nullopt = any page
    http::status status;
    std::string_view code;    ///< error_code; "{name}" stands for the value of switch `name`
    std::string_view message; ///< the documented error_msg; ": <detail>" follows when given
    bool gateway = false;     ///< a gateway error: the body also carries request_id
};

/// A switch the journal's rule names for an error on a field: `field` "" matches any field,
/// "*.x" a field ending in ".x", anything else exactly that field.
struct rule_switch {
    std::string_view field;
    std::string_view name;
};

/// One error kind.
struct error_row {
    std::variant<domain::errc, api_errc> kind;
    std::string_view rule = {};      ///< the journal's rule name (domain kinds: domain::to_string)
    std::string_view situation = {}; ///< when it happens, for docs/errors.md
    std::string_view select = {};    ///< the switch that picks among the variants; "" = none
    std::vector<error_variant> variants = {};    ///< the first that matches answers
    std::vector<rule_switch> rule_switches = {}; ///< the first that matches is named in the rule
};

/// Every row: domain kinds in errc order, then API kinds in api_errc order. Thread-safe
/// (built once, never changed).
const std::vector<error_row>& error_table();

/// The row of a kind (every kind has one; api_tests check it).
const error_row& error_row_of(domain::errc e);
const error_row& error_row_of(api_errc e);

/// The variant that switches `b` pick on `page` (the first match in the row's order).
const error_variant& pick_variant(const error_row& row, const domain::switches& b, page_kind page);

/// The variant's error_code with its switch placeholders filled from `b` (D15).
std::string error_code_of(const error_variant& v, const domain::switches& b);

/// The generated part of docs/errors.md: the table as markdown (`fgs-emulator --list-errors`).
std::string error_table_markdown();

} // namespace emu::api
