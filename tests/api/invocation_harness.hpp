#pragma once
// api_harness with the asynchronous invocation engine of the service state (wired as the
// application has it: the real codecs), and the calls
// the invocation api tests make. Time moves through PUT /_emulator/clock, which performs
// every attempt, retry and delivery that falls due before it answers; nothing here sleeps.
#include "api/json_codec.hpp"
#include "api/notification_codec.hpp"
#include "api_checks.hpp"
#include "domain/invocation_engine.hpp"

#include <boost/test/unit_test.hpp>

#include <initializer_list>
#include <map>
#include <string>
#include <utility>

namespace emu::test {

using header_init = std::initializer_list<std::pair<std::string, std::string>>;

/// An api_harness whose service serves invocations, with function "demo" created.
struct invocation_harness : api_harness {
    domain::invocation_engine& engine;

    explicit invocation_harness(domain::switches b = {}, domain::invocation_limits limits = {})
        : api_harness(harness_config(b, true, limits)), engine(*state.engine) {
        auto a = create("demo");
        BOOST_TEST_REQUIRE(a.status() == 200u, a.res.body());
    }

    /// /v2/{project}/fgs/functions/{urn of name:qualifier}/{operation}[?query]
    static std::string target(const std::string& operation, const std::string& name = "demo",
                              const std::string& query = "",
                              const std::string& qualifier = "latest",
                              const std::string& p = project) {
        return functions(p) + "/" + urn(name, p, qualifier) + "/" + operation +
               (query.empty() ? "" : "?" + query);
    }

    /// POST …/invocations-async with `body` as the event.
    answer invoke(const std::string& body = R"({"k":"v"})", const std::string& name = "demo",
                  header_init headers = {}) const {
        return call(http::verb::post, target("invocations-async", name), body, headers);
    }
    /// Invokes and returns the request id (the invocation must be accepted).
    std::string submit(const std::string& body = R"({"k":"v"})",
                       const std::string& name = "demo") const {
        auto a = invoke(body, name);
        BOOST_TEST_REQUIRE(a.status() == 202u, a.res.body());
        return std::string(a.body.at("request_id").as_string());
    }
    /// GET …/async-invocations?query
    answer list(const std::string& query = "", const std::string& name = "demo",
                header_init headers = {}) const {
        return call(http::verb::get, target("async-invocations", name, query), "", headers);
    }
    /// GET …/active-async-invocations?query
    answer active(const std::string& query = "", const std::string& name = "demo") const {
        return call(http::verb::get, target("active-async-invocations", name, query));
    }
    /// POST …/cancel with `body`.
    answer cancel(const std::string& body, const std::string& name = "demo") const {
        return call(http::verb::post, target("cancel", name), body);
    }
    /// Cancels `id` with {"request_id": id}.
    answer cancel_id(const std::string& id, const std::string& name = "demo") const {
        return cancel(R"({"request_id":")" + id + "\"}", name);
    }

    /// PUT …/async-invoke-config of name:latest; must succeed.
    void configure(const std::string& body, const std::string& name = "demo") const {
        auto a = call(http::verb::put, config(urn(name)), body);
        BOOST_TEST_REQUIRE(a.status() == 200u, a.res.body());
    }
    /// PUT /_emulator/behaviours of name:latest with `fields` ("script": […], "otherwise": …).
    void behave(const std::string& fields, const std::string& name = "demo") const {
        auto a = call(http::verb::put, "/_emulator/behaviours?project_id=" + std::string(project),
                      R"({"function_urn":")" + urn(name) + "\"" +
                          (fields.empty() ? "" : "," + fields) + "}");
        BOOST_TEST_REQUIRE(a.status() == 200u, a.res.body());
    }
    /// PUT /_emulator/switches of the project; must succeed.
    void switches(const std::string& assignments_json) const {
        auto a = call(http::verb::put, "/_emulator/switches?project_id=" + std::string(project),
                      R"({"switches":)" + assignments_json + "}");
        BOOST_TEST_REQUIRE(a.status() == 200u, a.res.body());
    }
    /// Advances the project clock through the control API (runs what falls due).
    void advance_ms(long long ms) const {
        auto a = call(http::verb::put, "/_emulator/clock?project_id=" + std::string(project),
                      R"({"advance_ms":)" + std::to_string(ms) + "}");
        BOOST_TEST_REQUIRE(a.status() == 200u, a.res.body());
    }
    /// GET /_emulator/deliveries of the project: the "deliveries" array.
    json::array deliveries(const std::string& query = "") const {
        auto a = call(http::verb::get, "/_emulator/deliveries?project_id=" + std::string(project) +
                                           (query.empty() ? "" : "&" + query));
        BOOST_TEST_REQUIRE(a.status() == 200u, a.res.body());
        return a.body.at("deliveries").as_array();
    }
    /// GET /_emulator/invocations of the project: the record of `id`.
    json::object record(const std::string& id) const {
        auto a = call(http::verb::get, "/_emulator/invocations?project_id=" + std::string(project) +
                                           "&request_id=" + id);
        BOOST_TEST_REQUIRE(a.status() == 200u, a.res.body());
        auto& items = a.body.at("invocations").as_array();
        BOOST_TEST_REQUIRE(items.size() == 1u, a.res.body());
        return items[0].as_object();
    }
};

/// The "invocations" items of a list answer.
inline const json::array& items_of(const answer& a) {
    return a.body.at("invocations").as_array();
}

/// The request ids of a list answer, in answer order.
inline std::vector<std::string> ids_of(const answer& a) {
    std::vector<std::string> out;
    for (auto& i : items_of(a))
        out.emplace_back(i.at("request_id").as_string());
    return out;
}

} // namespace emu::test
