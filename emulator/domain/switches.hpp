#pragma once
// The deliberate discrepancies of the public documentation (spec §13, D01–D27) and the
// emulator's own choices where the spec says G, as one plain struct of switches.
// Presets ("documented", "observed", "example", "strict") are values of this struct listed in
// switches.cpp; code reads a switch where the behaviour happens and marks the spot with an
// emulation tag (the form: docs/discrepancies.md). Never branch on a preset name.
//
// Every member has exactly the switch's public name (--set, X-Emulator-Switches, the control
// API and the journal's rules), so one grep finds a switch from its name to its code. Where
// the name is also the name of its enum type, the member's type is written qualified.
#include "domain/error.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace emu::domain {

enum class time_style { doc_mixed, rfc3339, utc_z };                 ///< D05
enum class response_body { state, example };                         ///< D03, D10
enum class status_log_field { always, never, when_set };             ///< D04
enum class list_end_marker { offset, zero };                         ///< D10
enum class not_found_style { per_page, uniform_1051, uniform_0404 }; ///< D13
enum class auth_dialect { gateway, fss_401, fss_403 };               ///< D14
enum class gateway_prefix { apigw, apig };                           ///< D15
enum class method_not_allowed { gateway_404, fss_405 };              ///< D26
enum class bad_json { fss_406, fss_400 };                            ///< D26
enum class content_type_rule { all, body, off };                     ///< D08
enum class update_mode { replace, merge };                           ///< §1.4 (G)
enum class missing_config { not_found, defaults };                   ///< §2/§3 (G)
enum class urn_mismatch { bad_request, not_found };                  ///< §10.1 (G)
enum class unknown_fields { ignore, reject };                        ///< D07
enum class version_name_style { plain, v_prefixed };                 ///< D21
enum class publish_version_field { requested, latest };              ///< D21
enum class aliased_version_delete { refuse, cascade };               ///< D23
enum class strategy_rule_types { documented, sdk };                  ///< D21
enum class region_profile { intl, kl, otc };                         ///< D20

/// Every switch, with the defaults of the `documented` preset.
struct switches {
    int event_age_min = 1;          ///< D01: 1 (request table) or 60 (response tables)
    int event_age_output_floor = 0; ///< D01: 0, or 60 to report max(60, stored) in responses
    int retry_max = 3;              ///< D02: 3 (request table) or 8 (response tables)
    int retry_default = 1;          ///< D02: 1 (request table) or 3 (response tables)
    domain::response_body response_body = response_body::state;               ///< D03
    status_log_field emit_enable_async_status_log = status_log_field::always; ///< D04
    bool emit_empty_destination_config = false;                               ///< D04
    domain::time_style time_style = time_style::doc_mixed;                    ///< D05
    int utc_offset_minutes = 480;                                    ///< D05: examples use +08:00
    bool allow_dis_destination = false;                              ///< D06
    domain::unknown_fields unknown_fields = unknown_fields::ignore;  ///< D07
    content_type_rule require_content_type = content_type_rule::all; ///< D08
    bool strict_urn_length = false;                                  ///< D09: 1–269
    bool reject_urn_spaces = false; ///< D23: 400 FSS.1309 for a URN with a space (strict)
    domain::list_end_marker list_end_marker = list_end_marker::offset;   ///< D10
    domain::not_found_style not_found_style = not_found_style::per_page; ///< D13
    auth_dialect auth_error_dialect = auth_dialect::gateway;             ///< D14
    domain::gateway_prefix gateway_prefix = gateway_prefix::apigw;       ///< D15
    int alias_not_found_status = 404; ///< D16: 401 as the alias query page's example
    domain::method_not_allowed method_not_allowed = method_not_allowed::gateway_404; ///< D26
    domain::bad_json bad_json = bad_json::fss_406;                                   ///< D26
    update_mode put_mode = update_mode::replace;                                     ///< §1.4 (G)
    domain::missing_config missing_config = missing_config::not_found;         ///< §2/§3 (G)
    urn_mismatch urn_project_mismatch = urn_mismatch::bad_request;             ///< §10.1 (G)
    int function_quota = 400;                                                  ///< §11.1 FSS.1041
    domain::version_name_style version_name_style = version_name_style::plain; ///< D21
    int max_versions = 0; ///< D21: 0 = unlimited; 10 under strict (old pages)
    publish_version_field publish_answer_version = publish_version_field::requested; ///< D21
    int max_aliases = 10;             ///< §10.6 FSS.1043
    bool unique_alias_version = true; ///< §10.6 FSS.1066
    aliased_version_delete delete_aliased_version = aliased_version_delete::refuse; ///< D23
    strategy_rule_types alias_rule_types = strategy_rule_types::documented;         ///< D21
    bool async_next_marker_string = false; ///< D11: next_marker as a string (Terraform)
    bool emit_camel_request_id = false;    ///< D17: also "requestId" in the 202 answer
    bool validate_instance_memory = false; ///< D18: X-Cff-Instance-Memory in its enum
    domain::region_profile region_profile = region_profile::intl; ///< D20: which routes exist
    bool notification_camel_status = false;    ///< D24: statusCode instead of status_code
    bool notification_timestamp_quirk = false; ///< D24: "…000Z+08:00" as the guide's example
    bool require_status_log_for_query = false; ///< D27: records need enable_async_status_log
    int async_retry_base_seconds = 60;         ///< G: retry n waits base·2^(n-1) seconds

    friend bool operator==(const switches&, const switches&) = default;
};

/// Description of one switch for --help, docs and the control API.
struct switch_info {
    std::string_view name;
    std::string_view ref; ///< D-number or spec section
    std::string_view summary;
    std::vector<std::string_view> values; ///< accepted values; empty = integer (see summary)
};

/// All switches in a stable order.
const std::vector<switch_info>& switch_table();

/// Names of the presets, "documented" first.
const std::vector<std::string_view>& preset_names();

/// The switches of a named preset; errc::invalid_enum for an unknown name.
result<switches> preset(std::string_view name);

/// Sets one switch by name from its textual value; invalid_enum for an unknown name or
/// value, value_out_of_range for an integer outside its range. `b` is unchanged on error.
result<void> set_switch(switches& b, std::string_view name, std::string_view value);

/// The textual value of one switch (empty string for an unknown name).
std::string get_switch(const switches& b, std::string_view name);

/// Applies "name=value,name=value" (used by --set lists and the per-request header).
result<void> apply_switches(switches& b, std::string_view assignments);

/// Names of the switches whose value differs between `a` and `b`.
std::vector<std::string_view> differing_switches(const switches& a, const switches& b);

} // namespace emu::domain
