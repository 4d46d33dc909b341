// Unit tests of domain/paging: marker/limit of list operations (spec §4.1, D10).
#include "domain/paging.hpp"

#include "support/domain_checks.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace bdata = boost::unit_test::data;
using namespace emu::domain;

namespace {

struct limit_case {
    std::optional<std::string> limit;
    std::size_t expected;
};
std::ostream& operator<<(std::ostream& os, const limit_case& c) {
    return os << "limit " << (c.limit ? "'" + *c.limit + "'" : std::string("absent"));
}

std::vector<limit_case> accepted_limits() {
    return {
        {std::nullopt, 10},
        {"", 10},
        {"0", 10},
        {"00", 10},
        {"1", 1},
        {"10", 10},
        {"99", 99},
        {"100", 100},
        {"101", 100},
        {"0100", 100},
        {"99999999999999999999", 100},
        {std::string(64, '9'), 100},
    };
}

struct bad_case {
    std::string value;
    std::string detail_part;
};
std::ostream& operator<<(std::ostream& os, const bad_case& c) {
    return os << "'" << c.value << "'";
}

std::vector<bad_case> rejected_limits() {
    return {
        {"-1", "must not be negative"}, {"-100", "must not be negative"},
        {"abc", "must be an integer"},  {"1.5", "must be an integer"},
        {" 1", "must be an integer"},   {"1 ", "must be an integer"},
        {"+1", "must be an integer"},   {"-", "must be an integer"},
        {"1e2", "must be an integer"},  {std::string(65, '1'), "at most 64 characters"},
    };
}

struct marker_case {
    std::optional<std::string> marker;
    std::size_t expected;
};
std::ostream& operator<<(std::ostream& os, const marker_case& c) {
    return os << "marker " << (c.marker ? "'" + *c.marker + "'" : std::string("absent"));
}

std::vector<marker_case> accepted_markers() {
    return {{std::nullopt, 0}, {"", 0},      {"0", 0},
            {"5", 5},          {"100", 100}, {std::string(64, '0'), 0}};
}

std::vector<std::string> rejected_markers() {
    return {"-1", "abc", "1.5", " 5", "5 ", "+5", std::string(65, '1')};
}

std::optional<std::string_view> view(const std::optional<std::string>& s) {
    if (!s)
        return std::nullopt;
    return std::string_view(*s);
}

} // namespace

BOOST_AUTO_TEST_SUITE(paging_test)

BOOST_DATA_TEST_CASE(accepted_limit_values, bdata::make(accepted_limits()), c) {
    auto r = parse_page_request(std::nullopt, view(c.limit));
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST(r->limit == c.expected);
    BOOST_TEST(r->offset == 0u);
}

BOOST_DATA_TEST_CASE(rejected_limit_values, bdata::make(rejected_limits()), c) {
    auto r = parse_page_request(std::nullopt, std::string_view(c.value));
    BOOST_TEST_REQUIRE(r.has_error());
    BOOST_TEST(r.error().code == errc::invalid_query_parameter);
    BOOST_TEST(r.error().field == "limit");
    BOOST_TEST(r.error().detail.find("limit") != std::string::npos, r.error().detail);
    BOOST_TEST(r.error().detail.find(c.detail_part) != std::string::npos, r.error().detail);
}

BOOST_DATA_TEST_CASE(accepted_marker_values, bdata::make(accepted_markers()), c) {
    auto r = parse_page_request(view(c.marker), std::nullopt);
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST(r->offset == c.expected);
    BOOST_TEST(r->limit == 10u);
}

BOOST_DATA_TEST_CASE(rejected_marker_values, bdata::make(rejected_markers()), marker) {
    auto r = parse_page_request(std::string_view(marker), std::nullopt);
    BOOST_TEST_REQUIRE(r.has_error());
    BOOST_TEST(r.error().code == errc::invalid_query_parameter);
    BOOST_TEST(r.error().field == "marker");
    BOOST_TEST(r.error().detail.find("marker must be a non-negative integer") != std::string::npos,
               r.error().detail);
    BOOST_TEST(r.error().detail.find("64 characters") != std::string::npos, r.error().detail);
}

// Decision: previous_marker echoes the marker (spec §4) as a Long: every int64 marker is kept
// exactly, a larger one is refused (FSS.1001) instead of being clamped.
BOOST_AUTO_TEST_CASE(int64_markers_are_kept_exactly) {
    for (std::string m : {"1099511627777", "9223372036854775807", "09223372036854775807"}) {
        auto r = parse_page_request(std::string_view(m), std::nullopt);
        BOOST_TEST_REQUIRE(r.has_value(), m);
        BOOST_TEST(r->offset == std::stoull(m), m);
        auto info = make_page_info(*r, 0, 3, switches{});
        BOOST_TEST(info.previous_marker == static_cast<std::int64_t>(std::stoull(m)), m);
    }
}

BOOST_AUTO_TEST_CASE(markers_beyond_int64_are_refused_not_clamped) {
    for (std::string m : std::vector<std::string>{"9223372036854775808", "18446744073709551616",
                                                  "99999999999999999999", std::string(64, '9')}) {
        auto r = parse_page_request(std::string_view(m), std::nullopt);
        BOOST_TEST_REQUIRE(r.has_error(), m);
        BOOST_TEST(r.error().code == errc::invalid_query_parameter);
        BOOST_TEST(r.error().field == "marker");
        BOOST_TEST(r.error().detail == "marker must be an offset from 0 to 9223372036854775807, "
                                       "got '" +
                                           m + "'");
    }
}

BOOST_AUTO_TEST_CASE(marker_is_checked_before_limit) {
    auto r = parse_page_request(std::string_view("x"), std::string_view("y"));
    BOOST_TEST_REQUIRE(r.has_error());
    BOOST_TEST(r.error().field == "marker");
}

BOOST_AUTO_TEST_CASE(marker_and_limit_together) {
    auto r = parse_page_request(std::string_view("20"), std::string_view("5"));
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST(r->offset == 20u);
    BOOST_TEST(r->limit == 5u);
}

BOOST_AUTO_TEST_CASE(other_rules_rename_the_limit_and_change_its_bounds) {
    paging_rules rules{"maxitems", 50, 400};
    auto absent = parse_page_request(std::nullopt, std::nullopt, rules);
    BOOST_TEST_REQUIRE(absent.has_value());
    BOOST_TEST(absent->limit == 50u);
    auto big = parse_page_request(std::nullopt, std::string_view("1000"), rules);
    BOOST_TEST_REQUIRE(big.has_value());
    BOOST_TEST(big->limit == 400u);
    auto bad = parse_page_request(std::nullopt, std::string_view("-3"), rules);
    BOOST_TEST_REQUIRE(bad.has_error());
    BOOST_TEST(bad.error().field == "maxitems");
    BOOST_TEST(bad.error().detail.find("maxitems must not be negative") != std::string::npos,
               bad.error().detail);
}

// make_page_info: offset/returned/total → next, previous, current; the last page's next
// marker follows list_end_marker (D10).
struct info_case {
    std::string label;
    std::size_t offset, limit, returned, total;
    std::int64_t next_offset_style, next_zero_style;
};
std::ostream& operator<<(std::ostream& os, const info_case& c) {
    return os << c.label;
}

BOOST_DATA_TEST_CASE(page_info_for_each_page_position,
                     bdata::make(std::vector<info_case>{
                         {"first of three", 0, 10, 10, 25, 10, 10},
                         {"middle", 10, 10, 10, 25, 20, 20},
                         {"last, partial", 20, 10, 5, 25, 25, 0},
                         {"last, exactly full", 20, 5, 5, 25, 25, 0},
                         {"only page", 0, 10, 3, 3, 3, 0},
                         {"past the end", 40, 10, 0, 25, 40, 0},
                         {"empty list", 0, 10, 0, 0, 0, 0},
                     }),
                     c) {
    page_request req{c.offset, c.limit};
    switches offset_style;
    offset_style.list_end_marker = list_end_marker::offset;
    switches zero_style;
    zero_style.list_end_marker = list_end_marker::zero;
    for (auto [b, expected] :
         {std::pair{offset_style, c.next_offset_style}, std::pair{zero_style, c.next_zero_style}}) {
        BOOST_TEST_CONTEXT("list_end_marker " << get_switch(b, "list_end_marker")) {
            auto info = make_page_info(req, c.returned, c.total, b);
            BOOST_TEST(info.next_marker == expected);
            BOOST_TEST(info.previous_marker == static_cast<std::int64_t>(c.offset));
            BOOST_TEST(info.current_count == static_cast<std::int64_t>(c.returned));
        }
    }
}

BOOST_AUTO_TEST_CASE(documented_example_shape_with_offset_style) {
    // D10: the example shows next_marker 2, previous_marker 0, current_count 2 for count 2.
    auto info = make_page_info(page_request{0, 10}, 2, 2, switches{});
    BOOST_TEST(info.next_marker == 2);
    BOOST_TEST(info.previous_marker == 0);
    BOOST_TEST(info.current_count == 2);
}

BOOST_AUTO_TEST_SUITE_END()
