#pragma once
// Domain errors: what went wrong, by meaning. The API layer's error table (api/error_table.cpp)
// gives each errc an HTTP status, an error_code and a message; nothing here knows HTTP.
#include <boost/system/result.hpp>

#include <cstddef>
#include <exception>
#include <iterator>
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

/// One row of the name column of the error table. The table itself is api's error table
/// (api/error_table.cpp): it adds status, error_code and message to each errc, which the
/// domain must not know (they are HTTP). The names live here so that to_string needs nothing
/// of api; the api table takes its rule names from to_string, never repeats them.
struct errc_name {
    errc code;
    const char* name;
};

/// The name column, in enumerator order (checked below; a new errc goes last, and here).
inline constexpr errc_name errc_names[] = {
    {errc::invalid_type, "invalid_type"},
    {errc::value_out_of_range, "value_out_of_range"},
    {errc::invalid_enum, "invalid_enum"},
    {errc::invalid_format, "invalid_format"},
    {errc::missing_field, "missing_field"},
    {errc::invalid_urn, "invalid_urn"},
    {errc::urn_project_mismatch, "urn_project_mismatch"},
    {errc::invalid_query_parameter, "invalid_query_parameter"},
    {errc::function_not_found, "function_not_found"},
    {errc::version_not_found, "version_not_found"},
    {errc::alias_not_found, "alias_not_found"},
    {errc::config_not_found, "config_not_found"},
    {errc::function_exists, "function_exists"},
    {errc::function_quota_exceeded, "function_quota_exceeded"},
    {errc::version_exists, "version_exists"},
    {errc::alias_exists, "alias_exists"},
    {errc::nothing_to_publish, "nothing_to_publish"},
    {errc::digest_mismatch, "digest_mismatch"},
    {errc::version_in_use, "version_in_use"},
    {errc::version_quota_exceeded, "version_quota_exceeded"},
    {errc::alias_quota_exceeded, "alias_quota_exceeded"},
    {errc::latest_not_deletable, "latest_not_deletable"},
    {errc::not_latest, "not_latest"},
    {errc::invalid_alias_name, "invalid_alias_name"},
    {errc::invalid_version_name, "invalid_version_name"},
};

constexpr bool errc_names_in_order() {
    for (std::size_t i = 0; i < std::size(errc_names); ++i)
        if (static_cast<std::size_t>(errc_names[i].code) != i)
            return false;
    return true;
}
static_assert(errc_names_in_order(), "errc_names must list every errc in enumerator order");
static_assert(std::size(errc_names) == static_cast<std::size_t>(errc::invalid_version_name) + 1,
              "errc_names must list every errc");

/// The enumerator's name, e.g. "value_out_of_range" (journal rules, logs).
constexpr const char* to_string(errc e) {
    auto i = static_cast<std::size_t>(e);
    return i < std::size(errc_names) ? errc_names[i].name : "unknown";
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
