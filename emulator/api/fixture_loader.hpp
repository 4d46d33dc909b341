#pragma once
// The state document: the format of fixture files, of GET /_emulator/state and of
// PUT /_emulator/state (docs/fixtures.md).
//   {"switches"?, "clock"?, "projects": [{"project_id", "switches"?, "clock"?, "functions": [
//       {<create-function body>, "func_id"?, "created"?, "last_modified"?, ...,
//        "versions": [{"version", "version_description"?, <metadata and code>, "created"?, ...}],
//        "aliases": [{<POST aliases body>, "created"?, "last_modified"?}],
//        "async_invoke_configs": [{"qualifier"?, <PUT body>, "created_time"?, ...}]}]}]}
// Versions load before aliases, aliases before configs (a config's qualifier must exist).
// Every entry goes through the same decoding and validation as the HTTP API. Entries with
// ids and exact timestamps (snapshots) are restored as they are; others are created now.
#include "api/service.hpp"

#include <boost/json/value.hpp>

#include <optional>
#include <string>

namespace emu::api {

/// Loads a parsed state document. Returns an error message naming `source` and the field;
/// the state may then hold the entries before the bad one.
std::optional<std::string> load_state_document(service& svc, const boost::json::value& doc,
                                               const std::string& source);

/// Parses and loads one document.
std::optional<std::string> load_fixture_text(service& svc, const std::string& text,
                                             const std::string& source);

/// Loads every *.json file of `dir` in name order; `loaded` counts the files.
std::optional<std::string> load_fixture_dir(service& svc, const std::string& dir,
                                            std::size_t* loaded = nullptr);

} // namespace emu::api
