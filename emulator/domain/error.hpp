#pragma once
// Domain errors: what went wrong, by meaning. The API layer's error_catalog maps each
// errc to an HTTP status, an error_code and a message; nothing here knows HTTP.
#include <boost/system/result.hpp>

#include <exception>
#include <string>
#include <utility>

namespace emu::domain {

enum class errc {
    invalid_type,            ///< a field has the wrong JSON type (also `null`)
    value_out_of_range,      ///< a number outside its documented range
    invalid_enum,            ///< a string outside its documented enumeration
    invalid_format,          ///< a string that does not have the documented shape
    missing_field,           ///< a mandatory field is absent
    invalid_urn,             ///< a function URN that does not parse
    urn_project_mismatch,    ///< the URN names another project than the path
    invalid_query_parameter, ///< marker / limit / maxitems not acceptable
    function_not_found,
    version_not_found,
    alias_not_found,
    config_not_found, ///< the qualifier has no async-invoke-config
    function_exists,
    function_quota_exceeded,
    version_exists,         ///< publish: a version of that name exists
    alias_exists,           ///< an alias of that name exists
    nothing_to_publish,     ///< latest is unchanged since the last publish
    digest_mismatch,        ///< publish: the given digest is not latest's
    version_in_use,         ///< a version an alias points at (or already used by an alias)
    version_quota_exceeded, ///< more versions than the switch max_versions allows
    alias_quota_exceeded,   ///< more aliases than the switch max_aliases allows
    latest_not_deletable,   ///< DELETE of latest itself (D23)
    not_latest,             ///< a change of code/metadata/publish aimed at another qualifier
    invalid_alias_name,     ///< an alias name that breaks the naming rule
    invalid_version_name,   ///< a version name that breaks the naming rule
};

/// The enumerator's name, e.g. "value_out_of_range" (journal rules, logs).
constexpr const char* to_string(errc e) {
    switch (e) {
    case errc::invalid_type:
        return "invalid_type";
    case errc::value_out_of_range:
        return "value_out_of_range";
    case errc::invalid_enum:
        return "invalid_enum";
    case errc::invalid_format:
        return "invalid_format";
    case errc::missing_field:
        return "missing_field";
    case errc::invalid_urn:
        return "invalid_urn";
    case errc::urn_project_mismatch:
        return "urn_project_mismatch";
    case errc::invalid_query_parameter:
        return "invalid_query_parameter";
    case errc::function_not_found:
        return "function_not_found";
    case errc::version_not_found:
        return "version_not_found";
    case errc::alias_not_found:
        return "alias_not_found";
    case errc::config_not_found:
        return "config_not_found";
    case errc::function_exists:
        return "function_exists";
    case errc::function_quota_exceeded:
        return "function_quota_exceeded";
    case errc::version_exists:
        return "version_exists";
    case errc::alias_exists:
        return "alias_exists";
    case errc::nothing_to_publish:
        return "nothing_to_publish";
    case errc::digest_mismatch:
        return "digest_mismatch";
    case errc::version_in_use:
        return "version_in_use";
    case errc::version_quota_exceeded:
        return "version_quota_exceeded";
    case errc::alias_quota_exceeded:
        return "alias_quota_exceeded";
    case errc::latest_not_deletable:
        return "latest_not_deletable";
    case errc::not_latest:
        return "not_latest";
    case errc::invalid_alias_name:
        return "invalid_alias_name";
    case errc::invalid_version_name:
        return "invalid_version_name";
    }
    return "unknown";
}

/// A domain error: the code, the field it concerns (JSON path, may be empty) and a
/// human-readable statement of the rule that was broken.
struct error {
    errc code;
    std::string field;
    std::string detail;
};

/// Thrown only by result<T>::value() on an error; domain code never throws it itself.
struct error_exception : std::exception {
    explicit error_exception(error e) : err(std::move(e)) {}
    const char* what() const noexcept override { return err.detail.c_str(); }
    error err;
};

[[noreturn]] inline void throw_exception_from_error(const error& e, const boost::source_location&) {
    throw error_exception(e);
}

template <class T> using result = boost::system::result<T, error>;

/// Shorthand to build an error result.
inline error make_error(errc code, std::string field, std::string detail) {
    return error{code, std::move(field), std::move(detail)};
}

} // namespace emu::domain
