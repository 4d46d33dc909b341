#pragma once
// Function URNs (spec §10.1): the full form
//   urn:fss:<region>:<project_id>:function:<package>:<function_name>[:<version>|:!<alias>]
// and the shortened forms of 1, 2, 3, 4 and 7 fields accepted as API parameters.
#include "domain/error.hpp"

#include <string>
#include <string_view>

namespace emu::domain {

/// A parsed, normalised URN. `qualifier` is "latest", a version name or "!alias".
struct function_urn {
    std::string region;
    std::string project_id;
    std::string package;
    std::string function_name;
    std::string qualifier = "latest";
    bool qualified = false; ///< the text named a qualifier (matters for DELETE, D23)

    bool is_alias() const { return !qualifier.empty() && qualifier.front() == '!'; }
    bool is_latest() const { return qualifier == "latest"; }
    /// urn:fss:region:project:function:package:name (no qualifier).
    std::string unqualified() const;
    /// unqualified() + ":" + qualifier.
    std::string full() const;
    friend bool operator==(const function_urn&, const function_urn&) = default;
};

/// urn:fss:region:project:function:package:name: the one place a URN is written (into one
/// allocation; answers and records write several per request).
std::string compose_urn(std::string_view region, std::string_view project_id,
                        std::string_view package, std::string_view function_name);
/// The same + ":" + qualifier.
std::string compose_urn(std::string_view region, std::string_view project_id,
                        std::string_view package, std::string_view function_name,
                        std::string_view qualifier);

/// What fills the fields a short form leaves out.
struct urn_defaults {
    std::string_view project_id; ///< the path's project
    std::string_view region;     ///< the emulator's region
};

/// What a space (U+0020) in a URN is (D23).
enum class urn_spaces {
    reject,        ///< an invalid character, like a control character (URNs in bodies)
    reject_switch, ///< the same, the error naming switch reject_urn_spaces (path URNs)
    keep,          ///< one more character a field may hold anywhere; nothing is trimmed, so the URN
                   ///< names a function, version or alias with that space in its name
};

/// The switchable rules of parse_function_urn.
struct urn_rules {
    bool strict_length = false;             ///< D09: at most 269 characters
    urn_spaces spaces = urn_spaces::reject; ///< D23
};

/// Parses an already percent-decoded URN. Errors (errc::invalid_urn, field "function_urn")
/// name the offending part. The project is not compared with `defaults.project_id` here
/// (see check_urn_project). Pure, thread-safe.
result<function_urn> parse_function_urn(std::string_view text, const urn_defaults& defaults,
                                        const urn_rules& rules = {});

/// Rule for a function name (func_name, spec §10.2): 1–60 chars of letters, digits, '-',
/// '_', starting with a letter and ending with a letter or digit.
bool is_valid_function_name(std::string_view name);

/// Rule for version names and alias names (spec §10.5/§10.6).
bool is_valid_version_name(std::string_view name);
bool is_valid_alias_name(std::string_view name);

/// Rule for package names: 1–64 chars of letters, digits, '-', '_' (G).
bool is_valid_package_name(std::string_view name);

} // namespace emu::domain
