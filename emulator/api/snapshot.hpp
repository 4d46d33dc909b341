#pragma once
// Exporting the state document (the fixture format, fixture_loader.hpp) with everything
// needed to restore it exactly: ids, exact timestamps, switches, clocks, credentials.
#include "api/service.hpp"

#include <boost/json/object.hpp>

#include <optional>
#include <string>

namespace emu::api {

/// The state of one project, or of all (then also the default switches and clock, and the
/// credentials and tokens). Thread-safe (reads copies).
boost::json::object export_state(const service& svc, const std::optional<std::string>& project);

/// Loads a state document atomically: it is first loaded into an empty scratch state, and
/// only if that succeeds are the projects it names reset and loaded. Returns an error message
/// naming the field; on error nothing changed.
std::optional<std::string> import_state(service& svc, const boost::json::value& doc);

} // namespace emu::api
