// fgs-emulator: parse options, build the application, serve until SIGINT/SIGTERM.
#include "api/error_table.hpp"
#include "app/access_log.hpp"
#include "app/application.hpp"
#include "app/options.hpp"
#include "app/probe.hpp"
#include "control/version.hpp"

#include <boost/system/errc.hpp>
#include <boost/system/system_error.hpp>

#include <csignal>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <pthread.h>
#include <string_view>
#include <unistd.h>

int main(int argc, char** argv) {
    if (argc >= 2 && std::string_view(argv[1]) == "--probe") // the image's HEALTHCHECK
        return emu::probe_main(argc, argv);
    emu::options opts;
    if (auto err = emu::parse_options(argc, argv, opts)) {
        std::cerr << "fgs-emulator: " << *err << '\n';
        return 2;
    }
    for (auto& w : opts.warnings)
        std::cerr << "fgs-emulator: warning: " << w << '\n';
    if (opts.help || opts.version || opts.list_switches || opts.list_errors) {
        std::cout << (opts.help ? emu::usage()
                      : opts.version
                          ? std::string("fgs-emulator ") + emu::control::emulator_version() +
                                " (commit " + emu::control::emulator_commit() + ")\n"
                      : opts.list_switches ? emu::switch_listing()
                                           : emu::api::error_table_markdown());
        return 0;
    }
    // Block the stop signals before any thread exists (every thread inherits the mask: the
    // server's, the invocation runner's, the state saver's), so that only sigwait below
    // receives them.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    std::string error;
    auto app = emu::application::create(opts, error);
    if (!app) {
        std::cerr << "fgs-emulator: " << error << '\n';
        return 2;
    }

    unsigned short port = 0;
    try {
        port = app->start();
    } catch (const boost::system::system_error& e) {
        // The event log writes from its own thread (fixtures_loaded may still be queued):
        // flushed first, so that its lines and this one never interleave on stderr.
        app->log().close();
        // The code's message only: what() would add Boost's source location.
        std::cerr << "fgs-emulator: cannot listen on " << opts.server.host << ":"
                  << opts.server.port << ": "
                  << (e.code() == boost::system::errc::address_in_use
                          ? "address already in use (choose another --port, or --port 0)"
                          : e.code().message())
                  << '\n';
        return 1;
    } catch (const std::exception& e) {
        app->log().close();
        std::cerr << "fgs-emulator: cannot listen on " << opts.server.host << ":"
                  << opts.server.port << ": " << e.what() << '\n';
        return 1;
    }
    std::string host = app->bound_host();
    const std::string address = "http://" + host + ":" + std::to_string(port);
    std::cout << "listening on " << address << std::endl; // stays first and plain: scripts read it
    auto& log = app->log();
    log.event(emu::log_level::info, "start", "listening on " + address,
              {{"address", std::string_view(address)},
               {"version", std::string_view(emu::control::emulator_version())},
               {"profile", std::string_view(opts.profile)},
               {"threads", std::uint64_t{opts.server.threads}},
               {"pid", static_cast<std::uint64_t>(::getpid())}});
    if (host != "127.0.0.1" && host != "[::1]" && host.rfind("127.", 0) != 0)
        log.event(emu::log_level::warn, "exposed",
                  "warning: bound to " + host +
                      ", reachable from other machines; the emulator has no real security",
                  {{"host", std::string_view(host)}});

    int sig = 0;
    sigwait(&stop_signals, &sig);
    log.event(emu::log_level::info, "stopping",
              "signal " + std::to_string(sig) + ", finishing the requests in flight",
              {{"signal", static_cast<std::uint64_t>(sig)}});
    app->stop();
    app->wait();
    const auto dropped = log.dropped();
    log.event(dropped ? emu::log_level::warn : emu::log_level::info, "stopped",
              dropped ? "stopped; " + std::to_string(dropped) +
                            " log line(s) were dropped (stderr too slow or closed)"
                      : std::string("stopped"),
              {{"dropped_log_lines", std::uint64_t{dropped}}});
    log.close(); // writes every line still queued
    std::cout.flush();
    // Everything that must reach a file or a pipe is written (the state file by wait()), so
    // the stored state is not freed piece by piece: with a million functions that takes
    // seconds, and a stop must stay prompt (a container runtime's grace period, a CI step).
    std::_Exit(0);
}
