#include "app.hpp"

#include "api/auth.hpp"
#include "api/fault_injector.hpp"
#include "api/fixture_loader.hpp"
#include "api/journal.hpp"
#include "api/json_codec.hpp"
#include "api/notification_codec.hpp"
#include "api/router.hpp"
#include "api/service.hpp"
#include "domain/behaviour_registry.hpp"
#include "domain/clock.hpp"
#include "domain/clock_registry.hpp"
#include "domain/function_store.hpp"
#include "domain/ids.hpp"
#include "domain/invocation_engine.hpp"
#include "invocation_runner.hpp"
#include "persistence.hpp"
#include "server/server.hpp"

#include <iostream>

namespace emu {
namespace {

server::reply to_reply(api::outcome&& out) {
    auto action = out.how == api::delivery::reset      ? server::reply_action::reset
                  : out.how == api::delivery::truncate ? server::reply_action::truncate
                                                       : server::reply_action::send;
    return server::reply{std::move(out.res), out.delay, action};
}

server::reply to_reply(api::response&& res) {
    return to_reply(api::outcome{std::move(res)});
}

/// Whether a request may have changed the state a --state-file holds: anything but a read.
/// Failed writes are included on purpose (an extra save is harmless; a missed one is not).
bool may_change_state(const server::request& req) {
    return req.method() != boost::beast::http::verb::get &&
           req.method() != boost::beast::http::verb::head &&
           req.method() != boost::beast::http::verb::options;
}

} // namespace

struct application::parts {
    domain::real_clock real;
    std::optional<domain::clock_registry> clocks;
    domain::id_generator ids;
    domain::behaviour_registry behaviours;
    domain::function_store store{ids};
    std::optional<api::journal> journal;
    api::fault_injector faults;
    api::credential_store credentials;
    std::optional<domain::invocation_engine> invocations;
    std::optional<api::service> svc;
    std::optional<invocation_runner> runner; // after the service it drives
    std::optional<api::router> router;
    std::optional<state_persistence> persistence; // after the service it saves
    std::optional<server::server> srv;            // destroyed first: no request is left
};

application::application() : parts_(std::make_unique<parts>()) {}
application::~application() = default;

std::unique_ptr<application> application::create(const options& opts, std::string& error,
                                                 domain::clock* clock) {
    auto behaviour = domain::preset(opts.profile);
    if (!behaviour) {
        error = "--profile: " + behaviour.error().detail;
        return nullptr;
    }
    for (auto& s : opts.sets)
        if (auto r = domain::apply_switches(*behaviour, s); !r) {
            error = "--set " + s + ": " + r.error().detail;
            return nullptr;
        }
    std::unique_ptr<application> app(new application());
    parts& p = *app->parts_;
    p.clocks.emplace(clock ? *clock : p.real);
    p.journal.emplace(opts.journal_size);
    if (opts.seed) {
        p.ids.seed(*opts.seed);
        p.faults.seed(*opts.seed);
    }
    for (auto& c : opts.credentials) {
        auto parsed = api::parse_credential(c);
        if (!parsed) {
            error = "--credential " + c + ": expected AK:SK or AK:SK:PROJECT";
            return nullptr;
        }
        p.credentials.add(*parsed);
    }
    for (auto& t : opts.tokens) {
        auto parsed = api::parse_auth_token(t);
        if (!parsed) {
            error = "--auth-token " + t + ": expected TOKEN or TOKEN:PROJECT";
            return nullptr;
        }
        p.credentials.add(*parsed);
    }
    auto mode = opts.auth == "off"      ? api::auth_mode::off
                : opts.auth == "strict" ? api::auth_mode::strict
                                        : api::auth_mode::any;
    p.behaviours.set_defaults(*behaviour);
    p.svc.emplace(api::service{p.store,
                               *p.clocks,
                               p.ids,
                               p.behaviours,
                               *p.journal,
                               p.faults,
                               p.credentials,
                               mode,
                               opts.region,
                               opts.server.max_body,
                               api::control_settings{opts.admin, opts.admin_token, 0, *behaviour},
                               nullptr,
                               {}});
    p.invocations.emplace(
        p.store, p.ids,
        domain::invocation_codecs{api::encode_notification,
                                  [](std::string_view param) {
                                      return api::read_destination_param(param).value_or(
                                          std::map<std::string, domain::param_value>{});
                                  }},
        domain::invocation_limits{opts.max_invocation_records, opts.max_deliveries});
    p.svc->invocations = &*p.invocations;
    p.runner.emplace(*p.svc);
    p.svc->invocation_work = [runner = &*p.runner] { runner->wake(); };
    bool state_found = false;
    if (opts.state_file)
        if (auto err = load_state_file(*p.svc, *opts.state_file, state_found)) {
            error = "--state-file: " + *err;
            return nullptr;
        }
    if (opts.fixtures && !state_found) // the state file already holds what they loaded
        if (auto err =
                api::load_fixture_dir(*p.svc, *opts.fixtures, &p.svc->control.fixtures_loaded)) {
            error = "fixtures: " + *err;
            return nullptr;
        }
    if (opts.state_file) {
        if (!state_found) // create it now: an unwritable path fails the start, not the exit
            if (auto err = save_state_file(*p.svc, *opts.state_file)) {
                error = "--state-file: " + *err;
                return nullptr;
            }
        p.persistence.emplace(*p.svc, *opts.state_file, opts.state_save_delay);
    }
    p.router.emplace(*p.svc);
    const api::router& router = *p.router;
    state_persistence* persistence = p.persistence ? &*p.persistence : nullptr;
    server::request_handler handler{
        [&router, persistence](server::request&& req) {
            auto out = router.handle(req);
            if (persistence && may_change_state(req))
                persistence->changed();
            return to_reply(std::move(out));
        },
        [&router](server::transport_error e, const server::request_header& head) {
            switch (e) {
            case server::transport_error::header_too_large:
                return to_reply(router.header_too_large());
            case server::transport_error::target_too_long:
                return to_reply(router.target_too_long());
            case server::transport_error::body_too_large:
                break;
            }
            return to_reply(router.body_too_large(head.version()));
        }};
    p.srv.emplace(opts.server, std::move(handler));
    return app;
}

unsigned short application::start() {
    return parts_->srv->start();
}
void application::stop() {
    parts_->srv->stop();
}
void application::wait() {
    parts_->srv->wait();
    if (parts_->persistence) // the final state, after the last request
        if (auto e = parts_->persistence->stop())
            std::cerr << "fgs-emulator: --state-file: " << *e << '\n';
}

std::string application::bound_host() const {
    auto address = parts_->srv->local_endpoint().address();
    return address.is_v6() ? "[" + address.to_string() + "]" : address.to_string();
}

api::service& application::service() {
    return *parts_->svc;
}

} // namespace emu
