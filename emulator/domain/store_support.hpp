#pragma once
// Helpers shared by the function_store implementation files (function_store.cpp,
// config_store.cpp, version_store.cpp, alias_store.cpp, store_snapshot.cpp). Internal.
#include "domain/error.hpp"

#include <string>
#include <string_view>
#include <utility>

namespace emu::domain {

/// version_not_found for `version` of the function `unqualified` (an unqualified URN).
inline error version_missing(const std::string& unqualified, const std::string& version,
                             std::string field = "function_urn") {
    return make_error(errc::version_not_found, std::move(field),
                      "version '" + version + "' of function " + unqualified + " does not exist");
}

/// alias_not_found for alias `name` of the function `unqualified`.
inline error alias_missing(const std::string& unqualified, const std::string& name,
                           std::string field = "function_urn") {
    return make_error(errc::alias_not_found, std::move(field),
                      "alias '" + name + "' of function " + unqualified + " does not exist");
}

} // namespace emu::domain
