#pragma once
// A whole application without sockets: manual clock, seeded ids, store, router. Requests
// are built by hand and answered by router::handle.
#include "api/auth.hpp"
#include "api/fault_injector.hpp"
#include "api/fixture_loader.hpp"
#include "api/journal.hpp"
#include "api/router.hpp"
#include "api/service.hpp"
#include "domain/behaviour_registry.hpp"
#include "domain/clock.hpp"
#include "domain/clock_registry.hpp"
#include "domain/function_store.hpp"
#include "domain/ids.hpp"

#include <boost/json.hpp>

#include <chrono>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <string>
#include <utility>

namespace emu::test {

namespace json = boost::json;
namespace http = boost::beast::http;

inline constexpr const char* project = "0123456789abcdef0123456789abcdef";
inline constexpr const char* other_project = "fedcba9876543210fedcba9876543210";

/// 2021-03-04T06:50:02Z, the instant of the documentation's examples (14:50:02+08:00).
inline domain::time_point doc_instant() {
    using namespace std::chrono;
    return sys_days{year{2021} / 3 / 4} + hours{6} + minutes{50} + seconds{2};
}

/// The answer of one call: the response and its body parsed (null when not JSON).
struct answer {
    api::response res;
    json::value body;
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

struct api_harness {
    domain::manual_clock clock{doc_instant()};
    domain::clock_registry clocks{clock};
    domain::id_generator ids;
    domain::behaviour_registry behaviours;
    domain::function_store store{ids};
    api::journal journal{100};
    api::fault_injector faults;
    api::credential_store credentials;
    api::service svc{store,
                     clocks,
                     ids,
                     behaviours,
                     journal,
                     faults,
                     credentials,
                     api::auth_mode::any,
                     "cn-north-4",
                     6 * 1024 * 1024,
                     api::control_settings{},
                     nullptr,
                     {}};
    api::router router{svc};

    explicit api_harness(domain::behaviour b = {}) : behaviours(b) {
        ids.seed(42);
        svc.control.startup_switches = b;
    }

    /// Sends a request with X-Auth-Token and Content-Type: application/json unless
    /// `headers` says otherwise (a header with an empty value is removed).
    answer call(http::verb method, const std::string& target, const std::string& body = "",
                std::initializer_list<std::pair<std::string, std::string>> headers = {}) const {
        api::request req{method, target, 11};
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
        answer a{router.handle(req).res, {}};
        boost::system::error_code ec;
        a.body = json::parse(a.res.body(), ec);
        if (ec)
            a.body = nullptr;
        return a;
    }

    /// /v2/{project}/fgs/functions
    static std::string functions(const std::string& p = project) {
        return "/v2/" + p + "/fgs/functions";
    }
    /// /v2/{project}/fgs/functions/{urn}/async-invoke-config
    static std::string config(const std::string& urn, const std::string& p = project) {
        return functions(p) + "/" + urn + "/async-invoke-config";
    }
    /// Full URN of a function of `project` in region cn-north-4.
    static std::string urn(const std::string& name, const std::string& p = project,
                           const std::string& qualifier = "latest") {
        return "urn:fss:cn-north-4:" + p + ":function:default:" + name + ":" + qualifier;
    }

    /// Creates a function (Python3.9, 128 MB) and returns the answer.
    answer create(const std::string& name, const std::string& p = project) const {
        return call(http::verb::post, functions(p),
                    R"({"func_name":")" + name +
                        R"(","package":"default","runtime":"Python3.9","handler":"index.handler",)"
                        R"("memory_size":128,"timeout":30,"code_type":"inline"})");
    }
};

/// Reads a file of the repository (fixtures/...).
inline std::string read_source_file(const std::string& relative) {
    std::ifstream in(std::string(FGS_SOURCE_DIR) + "/" + relative, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace emu::test
