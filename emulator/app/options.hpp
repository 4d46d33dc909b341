#pragma once
// Command-line options of fgs-emulator. Every flag --name can also be given by the
// environment variable FGS_EMULATOR_NAME (upper case, '-' → '_') and by a line "name = value"
// of a --config file. Precedence: command line, then environment, then config file.
#include "app/access_log.hpp"
#include "server/server.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace emu {

struct options {
    server::server_options server;
    std::string profile = "documented";
    std::vector<std::string> sets; ///< NAME=VALUE switch assignments, in order
    std::optional<std::string> fixtures;
    std::string region = "cn-north-4";
    std::optional<std::uint64_t> seed;
    bool admin = true;                          ///< --admin on|off: the /_emulator/ control API
    std::string admin_token;                    ///< --admin-token: required in X-Emulator-Token
    std::size_t journal_size = 1000;            ///< --journal-size: requests kept in the journal
    std::size_t max_invocation_records = 10000; ///< --max-invocation-records, per project
    std::size_t max_deliveries = 10000;         ///< --max-deliveries, per project
    std::string auth = "any";                   ///< --auth off|any|strict
    std::vector<std::string> credentials;       ///< --credential AK:SK[:PROJECT], repeatable
    std::vector<std::string> tokens;            ///< --auth-token TOKEN[:PROJECT], repeatable
    std::optional<std::string> config;          ///< --config FILE that was read
    std::optional<std::string> state_file;      ///< --state-file PATH: load at start, keep saved
    std::chrono::milliseconds state_save_delay{200}; ///< --state-save-ms: quiet time before a save
    emu::log_format log_format = emu::log_format::text; ///< --log-format text|json
    emu::log_level log_level = emu::log_level::info;    ///< --log-level error|warn|info|debug
    bool help = false;
    bool version = false;
    bool list_switches = false;
    bool list_errors = false;
    /// Problems that do not stop the start (FGS_EMULATOR_* variables that name no option),
    /// printed as "fgs-emulator: warning: …".
    std::vector<std::string> warnings;
};

/// Parses argv (and FGS_EMULATOR_* variables). Returns an error message on bad input.
std::optional<std::string> parse_options(int argc, char** argv, options& out);

/// The text of --help.
std::string usage();

/// The text of --list-switches: every switch, its D-number, values and preset values.
std::string switch_listing();

} // namespace emu
