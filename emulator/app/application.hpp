#pragma once
// The whole emulator as one object: the service state, the pipeline and the server wired
// together from the options. main() and the socket tests both build it, so the wiring they
// exercise is the same.
#include "app/options.hpp"

#include <memory>
#include <optional>
#include <string>

namespace emu {

namespace domain {
class clock;
}
namespace control {
class service_state;
struct service_config;
} // namespace control
class event_log;

/// The service configuration `opts` asks for (switches from --profile and --set, auth,
/// region, limits, journal, control settings); nullopt with `error` naming the flag for a bad
/// profile, switch, credential or token. application::create and the test harnesses use it.
std::optional<control::service_config> service_config_of(const options& opts, std::string& error);

class application {
public:
    /// Builds every layer. `clock` (not owned) replaces the real clock when given (tests).
    /// Returns an error message for a bad profile, switch, fixture file or state file
    /// (--state-file: loaded instead of --fixtures when it exists, created when it does not).
    static std::unique_ptr<application> create(const options& opts, std::string& error,
                                               domain::clock* clock = nullptr);
    ~application();
    application(const application&) = delete;
    application& operator=(const application&) = delete;

    /// Binds and starts serving; returns the port. Throws on bind failure.
    unsigned short start();
    /// Graceful stop (idempotent, thread-safe); wait() joins, then writes the final
    /// --state-file (if any).
    void stop();
    void wait();
    /// The bound address as text (IPv6 in brackets), valid after start().
    std::string bound_host() const;
    /// The emulator's whole state (store, clocks, switches, journal, …).
    control::service_state& state();
    /// The log on stderr (--log-format, --log-level); closed when the application goes.
    event_log& log();

private:
    application();
    struct parts;
    std::unique_ptr<parts> parts_;
};

} // namespace emu
