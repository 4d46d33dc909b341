#pragma once
// A whole application without sockets: manual clock, seeded ids, the service state and the
// request pipeline the application uses. Requests are built by hand and answered by
// pipeline::handle; answers a handler defers (control-API waits) are collected in
// `deferred` as they are delivered.
#include "app/pipeline.hpp"
#include "control/service_state.hpp"
#include "control/state_document.hpp"
#include "domain/clock.hpp"
#include "domain/switches.hpp"
#include "support/common.hpp"
#include "support/message.hpp"

#include <boost/json.hpp>

#include <chrono>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace emu::test {

namespace json = boost::json;

/// 2021-03-04T06:50:02Z, the instant of the documentation's examples (14:50:02+08:00).
inline domain::time_point doc_instant() {
    using namespace std::chrono;
    return sys_days{year{2021} / 3 / 4} + hours{6} + minutes{50} + seconds{2};
}

/// The answer of one call: the response and its body parsed (null when not JSON). It passes
/// for its response, so the checks of support/http_checks.hpp take it as it is.
struct answer {
    emu::response res;
    json::value body;
    operator const emu::response&() const { return res; }
    unsigned status() const { return res.result_int(); }
    std::string code() const {
        auto* o = body.if_object();
        auto* c = o ? o->if_contains("error_code") : nullptr;
        return c && c->is_string() ? std::string(c->get_string()) : std::string();
    }
    std::string message() const {
        auto* o = body.if_object();
        auto* c = o ? o->if_contains("error_msg") : nullptr;
        return c && c->is_string() ? std::string(c->get_string()) : std::string();
    }
};

/// Answers delivered later through a deferral (thread-safe: sinks may run anywhere).
struct deferred_answers {
    std::mutex mutex;
    std::vector<emu::response> answers;

    std::size_t size() {
        std::lock_guard lock(mutex);
        return answers.size();
    }
};

/// The service configuration of the harnesses: journal of 100, the given switches.
inline control::service_config harness_config(domain::switches b = {}, bool invocations = false,
                                              domain::invocation_limits limits = {}) {
    control::service_config c;
    c.journal_size = 100;
    c.invocations = invocations;
    c.limits = limits;
    c.control.startup_switches = b;
    return c;
}

struct api_harness {
    domain::manual_clock clock{doc_instant()};
    control::service_state state;
    // The parts of the state the tests use most.
    api::service& svc = state.svc;
    domain::function_store& store = state.store;
    domain::clock_registry& clocks = state.clocks;
    domain::id_generator& ids = state.ids;
    gateway::credential_store& credentials = state.credentials;
    emu::pipeline pipeline{state};
    std::shared_ptr<deferred_answers> deferred = std::make_shared<deferred_answers>();
    server::deferral later = [d = deferred]() -> server::reply_sink {
        return [d](server::reply r) {
            std::lock_guard lock(d->mutex);
            d->answers.push_back(std::move(r.message));
        };
    };

    explicit api_harness(domain::switches b = {}) : api_harness(harness_config(b)) {}
    explicit api_harness(const control::service_config& config) : state(clock, config) {
        ids.seed(42);
    }

    /// The response of pipeline::handle; an empty 0-status response when it was deferred.
    emu::response handle(const emu::request& req) const {
        auto r = pipeline.handle(req, later);
        return r ? std::move(r->message) : emu::response{};
    }

    /// Sends a request with X-Auth-Token and Content-Type: application/json unless
    /// `headers` says otherwise (a header with an empty value is removed).
    answer call(http::verb method, const std::string& target, const std::string& body = "",
                std::initializer_list<std::pair<std::string, std::string>> headers = {}) const {
        emu::request req{method, target, 11};
        req.set("X-Auth-Token", "test-token");
        req.set(http::field::content_type, "application/json");
        for (auto& [k, v] : headers) {
            if (v.empty())
                req.erase(k);
            else
                req.set(k, v);
        }
        req.body() = body;
        req.prepare_payload();
        answer a{handle(req), {}};
        boost::system::error_code ec;
        a.body = json::parse(a.res.body(), ec);
        if (ec)
            a.body = nullptr;
        return a;
    }

    /// /v2/{project}/fgs/functions
    static std::string functions(const std::string& p = project) { return functions_path(p); }
    /// /v2/{project}/fgs/functions/{urn}/async-invoke-config
    static std::string config(const std::string& urn, const std::string& p = project) {
        return functions(p) + "/" + urn + "/async-invoke-config";
    }
    /// Full URN of a function of `project` in region cn-north-4.
    static std::string urn(const std::string& name, const std::string& p = project,
                           const std::string& qualifier = "latest") {
        return test::urn(name, p, qualifier);
    }

    /// Creates a function (Python3.9, 128 MB) and returns the answer.
    answer create(const std::string& name, const std::string& p = project) const {
        return call(http::verb::post, functions(p), create_body(name));
    }
};

} // namespace emu::test
