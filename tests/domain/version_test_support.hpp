#pragma once
// Fixture of the version / alias / URN-resolution tests: project "projA" with function
// "fn1" and helpers to change latest, publish and alias.
#include "store_test_support.hpp"

#include <chrono>
#include <optional>
#include <string>

namespace emu::domain::test {

inline function_input metadata(const std::string& description) {
    function_input in;
    in.runtime = "Python3.9";
    in.timeout = 30;
    in.handler = "index.handler";
    in.memory_size = 256;
    in.description = description;
    return in;
}

inline publish_input named(std::optional<std::string> version,
                           std::optional<std::string> description = std::nullopt) {
    publish_input in;
    in.version = std::move(version);
    in.description = std::move(description);
    return in;
}

inline alias_input alias_to(const std::string& name, const std::string& version) {
    alias_input in;
    in.name = name;
    in.version = version;
    return in;
}

struct versions_fixture : store_fixture {
    const std::string project = "projA";
    function_record fn = create(project, "fn1");
    int changes = 0;

    function_urn fn_urn(const std::string& qualifier = "") const {
        return urn(project,
                   qualifier.empty() ? "projA:default:fn1" : "projA:default:fn1:" + qualifier);
    }
    /// Changes latest's description (so that a publish has something new).
    function_record change() {
        clock.advance(std::chrono::seconds(1));
        auto r = store.update_function_config(
            project, fn_urn(), metadata("change " + std::to_string(++changes)), b, clock.now());
        BOOST_TEST_REQUIRE(r.has_value(), (r ? std::string() : r.error().detail));
        return *r;
    }
    bool published = false;
    /// Publishes latest as `name`, changing latest first when a version exists already.
    version_view publish(const std::string& name) {
        if (published)
            change();
        published = true;
        auto r = store.publish_version(project, fn_urn(), named(name), b, clock.now());
        BOOST_TEST_REQUIRE(r.has_value(), (r ? std::string() : r.error().detail));
        return *r;
    }
    function_alias make_alias(const std::string& name, const std::string& version) {
        auto r = store.create_alias(project, fn_urn(), alias_to(name, version), b, clock.now());
        BOOST_TEST_REQUIRE(r.has_value(), (r ? std::string() : r.error().detail));
        return *r;
    }
};

} // namespace emu::domain::test
