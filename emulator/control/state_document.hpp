#pragma once
// The state document: the one format of fixture files, of GET and PUT /_emulator/state, and
// of --state-file (docs/fixtures.md):
//   {"switches"?, "clock"?, "projects": [{"project_id", "switches"?, "clock"?, "functions": [
//       {<create-function body>, "func_id"?, "created"?, "last_modified"?, ...,
//        "versions": [{"version", "version_description"?, <metadata and code>, "created"?, ...}],
//        "aliases": [{<POST aliases body>, "created"?, "last_modified"?}],
//        "async_invoke_configs": [{"qualifier"?, <PUT body>, "created_time"?, ...}]}]}]}
// Versions load before aliases, aliases before configs (a config's qualifier must exist).
// Every entry goes through the same decoding and validation as the HTTP API. Entries with
// ids and exact timestamps (snapshots) are restored as they are; others are created now.
// Exports carry everything needed to restore the state exactly: ids, exact timestamps,
// switches, clocks, credentials.
#include "control/service_state.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace emu::control {

/// The state of one project, or of all (then also the default switches and clock, and the
/// credentials and tokens). Thread-safe (reads copies). `with_functions` false leaves the
/// projects' "functions" out.
boost::json::object export_state(const service_state& state,
                                 const std::optional<std::string>& project,
                                 bool with_functions = true);

/// The "functions" of a project in a state document.
boost::json::array export_functions(const std::vector<domain::function_snapshot>& functions);

/// Loads a state document atomically: it is first loaded into an empty scratch state, and
/// only if that succeeds are the projects it names reset and loaded. Returns an error message
/// naming the field; on error nothing changed.
std::optional<std::string> import_state(service_state& state, const boost::json::value& doc);

/// Loads a parsed state document. Returns an error message naming `source` and the field;
/// the state may then hold the entries before the bad one. `configs_only`: function entries
/// name functions that exist already and only their async_invoke_configs load (a function or
/// qualifier that is gone is skipped: reset ?kind=configs&to=start).
std::optional<std::string> load_state_document(service_state& state, const boost::json::value& doc,
                                               const std::string& source,
                                               bool configs_only = false);

/// Keeps the whole state as it is now (right after start-up: what --fixtures or --state-file
/// loaded) in state.startup_state and state.startup_functions, for POST
/// /_emulator/reset?to=start.
void remember_startup_state(service_state& state);

/// Loads what `kind` of reset covers (all, functions, configs, switches, clock, invocations;
/// journal and faults: nothing) from state.startup_state, of one project or of all, into a
/// state that reset just emptied of it. Credentials and tokens are left alone. Returns an
/// error message when an entry no longer loads (e.g. the switches changed since).
std::optional<std::string> restore_startup_state(service_state& state, std::string_view kind,
                                                 const std::optional<std::string>& project);

/// Parses and loads one document.
std::optional<std::string> load_fixture_text(service_state& state, const std::string& text,
                                             const std::string& source);

/// Loads every *.json file of `dir` in name order; `loaded` counts the files.
std::optional<std::string> load_fixture_dir(service_state& state, const std::string& dir,
                                            std::size_t* loaded = nullptr);

} // namespace emu::control
