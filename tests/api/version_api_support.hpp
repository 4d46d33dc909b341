#pragma once
// Targets and steps shared by the version / alias api tests: function "demo" of the test
// project, its URNs, and calls that must succeed.
#include "api_checks.hpp"

#include <chrono>
#include <string>

namespace emu::test {

/// urn:fss:cn-north-4:<project>:function:default:demo (no qualifier).
inline std::string demo_unqualified(const std::string& p = project) {
    return "urn:fss:cn-north-4:" + p + ":function:default:demo";
}
/// demo_unqualified() + ":" + qualifier.
inline std::string demo(const std::string& qualifier) {
    return demo_unqualified() + ":" + qualifier;
}

inline std::string function_target(const std::string& urn) {
    return api_harness::functions() + "/" + urn;
}
inline std::string versions_target(const std::string& urn, const std::string& query = "") {
    return function_target(urn) + "/versions" + (query.empty() ? "" : "?" + query);
}
inline std::string aliases_target(const std::string& urn) {
    return function_target(urn) + "/aliases";
}
inline std::string alias_target(const std::string& urn, const std::string& name) {
    return aliases_target(urn) + "/" + name;
}
inline std::string configs_target(const std::string& urn, const std::string& query = "") {
    return function_target(urn) + "/async-invoke-configs" + (query.empty() ? "" : "?" + query);
}

/// A PUT …/config body that passes validation (the create body's metadata).
inline std::string metadata_body(const std::string& description, int memory = 128) {
    return R"({"runtime":"Python3.9","handler":"index.handler","timeout":30,"memory_size":)" +
           std::to_string(memory) + R"(,"description":")" + description + "\"}";
}

/// A harness with function "demo" created at the documentation's instant.
struct demo_function {
    api_harness h;
    explicit demo_function(domain::switches b = {}) : h(b) {
        auto a = h.create("demo");
        BOOST_TEST_REQUIRE(a.status() == 200u, a.res.body());
    }
    answer call(http::verb m, const std::string& target, const std::string& body = "",
                std::initializer_list<std::pair<std::string, std::string>> headers = {}) const {
        return h.call(m, target, body, headers);
    }
    /// Changes latest (a new description) one second later.
    void change(const std::string& description) {
        h.clock.advance(std::chrono::seconds(1));
        auto a = call(http::verb::put, function_target(demo_unqualified()) + "/config",
                      metadata_body(description));
        BOOST_TEST_REQUIRE(a.status() == 200u, a.res.body());
    }
    /// Publishes `body`; must succeed.
    json::value publish(const std::string& body) {
        auto a = call(http::verb::post, versions_target(demo_unqualified()), body);
        BOOST_TEST_REQUIRE(a.status() == 200u, a.res.body());
        return a.body;
    }
    json::value make_alias(const std::string& body) {
        auto a = call(http::verb::post, aliases_target(demo("latest")), body);
        BOOST_TEST_REQUIRE(a.status() == 200u, a.res.body());
        return a.body;
    }
    json::value put_config(const std::string& urn, const std::string& body) {
        auto a = call(http::verb::put, api_harness::config(urn), body);
        BOOST_TEST_REQUIRE(a.status() == 200u, a.res.body());
        return a.body;
    }
};

} // namespace emu::test
