// Unit tests of api/config_answer_cache, the per-thread table of encoded GET
// async-invoke-config answers: what it admits (a key offered a second time in a row), that a
// key read once leaves a kept answer in place, and that every part of the key is compared.
// The table is per thread and these cases share the test thread: each uses revisions of its
// own, so that nothing one keeps can answer another.
#include "api/config_answer_cache.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <functional>
#include <ostream>
#include <string>
#include <vector>

namespace bdata = boost::unit_test::data;
using namespace emu;

namespace {

const domain::switches defaults{};
const std::string project = "0123456789abcdef0123456789abcdef";

std::string urn_of(const std::string& name) {
    return "urn:fss:cn-north-4:" + project + ":function:default:" + name + ":latest";
}

api::config_answer_key key_of(std::uint64_t revision, const std::string& urn,
                              const domain::switches& switches = defaults) {
    return {revision, project, "cn-north-4", urn, switches};
}

} // namespace

BOOST_AUTO_TEST_SUITE(config_answer_cache_test)

BOOST_AUTO_TEST_CASE(an_answer_is_kept_on_its_second_offer) {
    const std::string urn = urn_of("polled");
    const auto key = key_of(1'000'001, urn);
    BOOST_TEST(api::find_config_answer(key) == nullptr);
    BOOST_TEST(!api::keep_config_answer(key, "first"));
    BOOST_TEST(api::find_config_answer(key) == nullptr); // offered once: not kept
    BOOST_TEST(api::keep_config_answer(key, "second"));
    const std::string* kept = api::find_config_answer(key);
    BOOST_TEST_REQUIRE(kept != nullptr);
    BOOST_TEST(*kept == "second");
}

BOOST_AUTO_TEST_CASE(keys_read_once_leave_a_kept_answer_in_place) {
    const std::string polled = urn_of("polled");
    const auto key = key_of(2'000'001, polled);
    api::keep_config_answer(key, "answer");
    BOOST_TEST_REQUIRE(api::keep_config_answer(key, "answer"));
    // A scan over many functions, each read once: some share the polled key's slot.
    std::vector<std::string> urns;
    for (int i = 0; i < 2000; ++i)
        urns.push_back(urn_of("f" + std::to_string(i)));
    int kept = 0;
    for (const auto& urn : urns)
        kept += api::keep_config_answer(key_of(2'000'001, urn), "other");
    BOOST_TEST(kept == 0);
    const std::string* answer = api::find_config_answer(key);
    BOOST_TEST_REQUIRE(answer != nullptr);
    BOOST_TEST(*answer == "answer");
}

namespace {

/// A key that differs from the kept one in one part.
struct changed_part {
    std::string label;
    std::function<api::config_answer_key(const std::string& urn, domain::switches&)> make;
};
std::ostream& operator<<(std::ostream& os, const changed_part& c) {
    return os << c.label;
}

const std::uint64_t revision = 3'000'001;

std::vector<changed_part> changed_parts() {
    return {
        {"revision",
         [](const std::string& urn, domain::switches&) { return key_of(revision + 1, urn); }},
        {"project",
         [](const std::string& urn, domain::switches&) {
             return api::config_answer_key{revision, "fedcba9876543210fedcba9876543210",
                                           "cn-north-4", urn, defaults};
         }},
        {"region",
         [](const std::string& urn, domain::switches&) {
             return api::config_answer_key{revision, project, "ap-southeast-1", urn, defaults};
         }},
        {"urn as written",
         [](const std::string&, domain::switches&) {
             return key_of(revision, "urn:fss:cn-north-4:" + project + ":function:default:kept");
         }},
        {"switches",
         [](const std::string& urn, domain::switches& other) {
             other.time_style = domain::time_style::utc_z;
             return key_of(revision, urn, other);
         }},
    };
}

} // namespace

BOOST_DATA_TEST_CASE(every_part_of_the_key_is_compared, bdata::make(changed_parts()), c) {
    const std::string urn = urn_of("kept");
    const auto key = key_of(revision, urn);
    api::keep_config_answer(key, "answer");
    api::keep_config_answer(key, "answer");
    BOOST_TEST_REQUIRE(api::find_config_answer(key) != nullptr);
    domain::switches other;
    BOOST_TEST(api::find_config_answer(c.make(urn, other)) == nullptr);
}

BOOST_AUTO_TEST_SUITE_END()
