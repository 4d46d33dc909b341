#include "app/application.hpp"

#include "app/access_log.hpp"
#include "app/invocation_runner.hpp"
#include "app/pipeline.hpp"
#include "app/state_file.hpp"
#include "control/service_state.hpp"
#include "control/state_document.hpp"
#include "domain/clock.hpp"
#include "gateway/auth.hpp"
#include "server/server.hpp"

#include <cstdlib>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace emu {
namespace {

/// Whether a request may have changed the state a --state-file holds: anything but a read.
/// Failed writes are included on purpose (an extra save is harmless; a missed one is not).
bool may_change_state(const server::request& req) {
    return req.method() != boost::beast::http::verb::get &&
           req.method() != boost::beast::http::verb::head &&
           req.method() != boost::beast::http::verb::options;
}

} // namespace

struct application::parts {
    std::unique_ptr<event_log> log; // first: every other part may log until it is gone
    domain::real_clock real;
    std::optional<control::service_state> state;
    std::optional<invocation_runner> runner; // after the state it drives
    std::optional<pipeline> requests;
    std::optional<state_persistence> persistence; // after the state it saves
    std::optional<server::server> srv;            // destroyed first: no request is left
};

application::application() : parts_(std::make_unique<parts>()) {}
application::~application() = default;

std::optional<control::service_config> service_config_of(const options& opts, std::string& error) {
    auto switches = domain::preset(opts.profile);
    if (!switches) {
        error = "--profile: " + switches.error().detail;
        return std::nullopt;
    }
    for (auto& s : opts.sets)
        if (auto r = domain::apply_switches(*switches, s); !r) {
            error = "--set " + s + ": " + r.error().detail;
            return std::nullopt;
        }
    control::service_config config;
    for (auto& c : opts.credentials)
        if (!gateway::parse_credential(c)) {
            error = "--credential " + c + ": expected AK:SK or AK:SK:PROJECT";
            return std::nullopt;
        }
    for (auto& t : opts.tokens)
        if (!gateway::parse_auth_token(t)) {
            error = "--auth-token " + t + ": expected TOKEN or TOKEN:PROJECT";
            return std::nullopt;
        }
    config.auth = opts.auth == "off"      ? gateway::auth_mode::off
                  : opts.auth == "strict" ? gateway::auth_mode::strict
                                          : gateway::auth_mode::any;
    config.region = opts.region;
    config.max_body = opts.server.max_body;
    config.journal_size = opts.journal_size;
    config.limits = {opts.max_invocation_records, opts.max_deliveries};
    config.control = {opts.admin, opts.admin_token, 0, *switches, std::nullopt};
    return config;
}

std::unique_ptr<application> application::create(const options& opts, std::string& error,
                                                 domain::clock* clock) {
    auto config = service_config_of(opts, error);
    if (!config)
        return nullptr;
    std::unique_ptr<application> app(new application());
    parts& p = *app->parts_;
    p.log = std::make_unique<event_log>(opts.log_format, opts.log_level);
    event_log& log = *p.log;
    auto& state = p.state.emplace(clock ? *clock : p.real, *config);
    if (opts.seed) {
        state.ids.seed(*opts.seed);
        state.faults.seed(*opts.seed);
    }
    for (auto& c : opts.credentials)
        state.credentials.add(*gateway::parse_credential(c));
    for (auto& t : opts.tokens)
        state.credentials.add(*gateway::parse_auth_token(t));
    p.runner.emplace(state.svc);
    state.svc.invocation_work = [runner = &*p.runner] { runner->wake(); };
    if (state.engine)
        state.engine->set_scheduled_observer(
            [runner = &*p.runner](std::string_view project, domain::time_point next) {
                runner->queued(project, next);
            });
    bool state_found = false;
    if (opts.state_file)
        if (auto err = load_state_file(state, *opts.state_file, state_found)) {
            error = "--state-file: " + *err;
            return nullptr;
        }
    if (state_found)
        log.event(log_level::info, "state_loaded", "loaded the state file " + *opts.state_file,
                  {{"path", std::string_view(*opts.state_file)}});
    if (opts.fixtures && !state_found) { // the state file already holds what they loaded
        if (auto err =
                control::load_fixture_dir(state, *opts.fixtures, &state.control.fixtures_loaded)) {
            error = "fixtures: " + *err;
            return nullptr;
        }
        log.event(log_level::info, "fixtures_loaded",
                  "loaded " + std::to_string(state.control.fixtures_loaded) +
                      " fixture file(s) from " + *opts.fixtures,
                  {{"dir", std::string_view(*opts.fixtures)},
                   {"files", std::uint64_t{state.control.fixtures_loaded}}});
    }
    // What reset ?to=start goes back to: the fixtures, or the state file.
    control::remember_startup_state(state);
#if defined(__GLIBC__)
    // What loading freed (the documents, the scratch copies) goes back to the system now:
    // glibc keeps freed heap memory otherwise.
    malloc_trim(0);
#endif
    if (opts.state_file) {
        auto* projects = state.startup_state.if_contains("projects");
        state.control.state_file =
            control::state_file_status{*opts.state_file, state_found,
                                       state_found && projects ? projects->as_array().size() : 0};
    }
    if (opts.state_file) {
        if (!state_found) // create it now: an unwritable path fails the start, not the exit
            if (auto err = save_state_file(state, *opts.state_file)) {
                error = "--state-file: " + *err;
                return nullptr;
            }
        p.persistence.emplace(state, *opts.state_file, opts.state_save_delay, &log);
    }
    const pipeline& requests = p.requests.emplace(state, &log);
    state_persistence* persistence = p.persistence ? &*p.persistence : nullptr;
    server::request_handler handler{
        [&requests, persistence](server::request&& req, const server::deferral& later) {
            auto out = requests.handle(req, later);
            if (persistence && may_change_state(req))
                persistence->changed();
            return out;
        },
        [&requests](server::transport_error why, const server::request_header& head) {
            return requests.reject(why, head);
        }};
    p.srv.emplace(opts.server, std::move(handler));
    return app;
}

unsigned short application::start() {
    return parts_->srv->start();
}
void application::stop() {
    parts_->state->waits.release_all(); // a parked wait must not hold the stop up
    parts_->srv->stop();
}
void application::wait() {
    parts_->srv->wait();
    if (parts_->persistence) // the final state, after the last request (logs a failure)
        parts_->persistence->stop();
}

std::string application::bound_host() const {
    auto address = parts_->srv->local_endpoint().address();
    return address.is_v6() ? "[" + address.to_string() + "]" : address.to_string();
}

control::service_state& application::state() {
    return *parts_->state;
}

event_log& application::log() {
    return *parts_->log;
}

} // namespace emu
