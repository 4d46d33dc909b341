#pragma once
// Shared fixture and helpers of the function_store tests.
#include "domain/function_store.hpp"

#include "domain/validation.hpp"
#include "support/domain_checks.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <string>

namespace emu::domain::test {

inline const std::string region = "cn-north-4";

inline function_record record(const std::string& name, const std::string& package = "default") {
    function_input in;
    in.func_name = name;
    in.package = package;
    in.runtime = "Python3.9";
    in.timeout = 30;
    in.handler = "index.handler";
    in.memory_size = 256;
    in.code_type = "inline";
    auto r = build_function(in);
    BOOST_TEST_REQUIRE(r.has_value());
    return *r;
}

inline function_urn urn(const std::string& project, const std::string& text) {
    auto r = parse_function_urn(text, urn_defaults{project, region});
    BOOST_TEST_REQUIRE(r.has_value(), text);
    return *r;
}

inline config_input age(std::int64_t seconds) {
    config_input in;
    in.max_async_event_age_in_seconds = seconds;
    return in;
}

struct store_fixture {
    id_generator ids;
    function_store store{ids};
    switches b;
    manual_clock clock{at(1'700'000'000)};

    store_fixture() { ids.seed(42); }

    function_record create(const std::string& project, const std::string& name,
                           const std::string& package = "default") {
        auto r = store.create_function(project, region, record(name, package), b, clock.now());
        BOOST_TEST_REQUIRE(r.has_value(), (r ? std::string() : r.error().detail));
        return *r;
    }
    async_invoke_config put(const std::string& project, const std::string& text,
                            const config_input& in) {
        auto r = store.put_config(project, urn(project, text), in, b, clock.now());
        BOOST_TEST_REQUIRE(r.has_value(), (r ? std::string() : r.error().detail));
        return *r;
    }
};

} // namespace emu::domain::test
