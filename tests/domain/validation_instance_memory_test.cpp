// Unit tests of domain/validation, check_instance_memory: the X-Cff-Instance-Memory header of
// invocations-async (spec §5.1, D18), checked only with switch validate_instance_memory.
#include "domain/validation.hpp"

#include "support/domain_checks.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <optional>
#include <string>
#include <vector>

namespace bdata = boost::unit_test::data;
using namespace emu::domain;

namespace {

/// The 15 values of the synchronous API's header table.
std::vector<std::string> listed() {
    return {"128",  "256",  "512",  "768",  "1024", "1280", "1536", "1792",
            "2048", "2560", "3072", "3584", "4096", "8192", "10240"};
}

/// Values outside the list, or not written as one of its numbers.
std::vector<std::string> unlisted() {
    return {"999",   "0",    "64",   "4097", "10241",
            "20480", "-128", "0128", "128 ", " 128",
            "128.0", "1e3",  "abc",  "",     "12800000000000000000000"};
}

switches strict_memory() {
    switches b;
    b.validate_instance_memory = true;
    return b;
}

} // namespace

BOOST_AUTO_TEST_SUITE(validation_instance_memory_test)

BOOST_DATA_TEST_CASE(listed_values_pass_either_way, bdata::make(listed()), v) {
    BOOST_TEST(check_instance_memory(v, switches{}).has_value());
    BOOST_TEST(check_instance_memory(v, strict_memory()).has_value());
}

BOOST_DATA_TEST_CASE(unlisted_values_fail_only_with_the_switch, bdata::make(unlisted()), v) {
    BOOST_TEST(check_instance_memory(v, switches{}).has_value());
    auto r = check_instance_memory(v, strict_memory());
    BOOST_TEST_REQUIRE(r.has_error());
    BOOST_TEST(r.error().code == errc::invalid_enum);
    BOOST_TEST(r.error().field == "X-Cff-Instance-Memory");
    BOOST_TEST(r.error().detail ==
               "header X-Cff-Instance-Memory must be one of 128, 256, 512, 768, 1024, 1280, "
               "1536, 1792, 2048, 2560, 3072, 3584, 4096, 8192, 10240 (MB), got '" +
                   v + "' (switch validate_instance_memory)");
}

BOOST_AUTO_TEST_CASE(absent_header_passes_either_way) {
    BOOST_TEST(check_instance_memory(std::nullopt, switches{}).has_value());
    BOOST_TEST(check_instance_memory(std::nullopt, strict_memory()).has_value());
}

BOOST_AUTO_TEST_CASE(long_values_are_shown_cut) {
    const std::string v(300, '9');
    auto r = check_instance_memory(v, strict_memory());
    BOOST_TEST_REQUIRE(r.has_error());
    BOOST_TEST(r.error().detail.find("got '" + std::string(64, '9') + "…'") != std::string::npos,
               r.error().detail);
    BOOST_TEST(r.error().detail.size() < 300u);
}

BOOST_AUTO_TEST_SUITE_END()
