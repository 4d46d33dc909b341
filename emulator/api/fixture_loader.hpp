#pragma once
// Fixture files: JSON documents that pre-load projects, functions and their async configs.
// Format (docs/fixtures.md):
//   {"projects": [{"project_id": "...", "functions": [
//       {<create-function body>, "async_invoke_configs": [{"qualifier": "latest",
//                                                         <PUT async-invoke-config body>}]}]}]}
// Every entry goes through the same decoding and validation as the HTTP API.
#include "api/service.hpp"

#include <optional>
#include <string>

namespace emu::api {

/// Loads one fixture document. Returns an error message naming `source` and the field.
std::optional<std::string> load_fixture_text(service& svc, const std::string& text,
                                             const std::string& source);

/// Loads every *.json file of `dir` in name order. Returns an error message naming the
/// file and the field; the state may then hold the files loaded before the bad one.
std::optional<std::string> load_fixture_dir(service& svc, const std::string& dir);

} // namespace emu::api
