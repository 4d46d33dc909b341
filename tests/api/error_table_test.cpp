// Tests of api/error_table: every error kind has exactly one row, every value of a row's
// switch picks one of its variants on every page, the switches it names exist, and
// docs/errors.md holds exactly what the table generates (scripts/gen-errors rewrites it).
#include "api/error_catalog.hpp"
#include "api/error_table.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

using namespace emu;
using emu::api::api_errc;
using emu::api::page_kind;

namespace {

constexpr page_kind all_pages[] = {page_kind::lifecycle, page_kind::async_invocation,
                                   page_kind::alias_query};

bool is_switch(std::string_view name) {
    for (auto& sw : domain::switch_table())
        if (sw.name == name)
            return true;
    return false;
}

const domain::switch_info& switch_named(std::string_view name) {
    for (auto& sw : domain::switch_table())
        if (sw.name == name)
            return sw;
    BOOST_ERROR("no switch " + std::string(name));
    static const domain::switch_info none{};
    return none;
}

template <class Kind> int rows_of(Kind k) {
    int n = 0;
    for (auto& row : api::error_table())
        if (auto* r = std::get_if<Kind>(&row.kind); r && *r == k)
            ++n;
    return n;
}

/// The text between the generated-part markers of docs/errors.md.
std::string generated_part_of_errors_md() {
    std::ifstream in(std::string(FGS_SOURCE_DIR) + "/docs/errors.md");
    BOOST_TEST_REQUIRE(in.good(), "cannot read docs/errors.md");
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    const std::string begin = "<!-- BEGIN generated: scripts/gen-errors -->\n";
    const std::string end = "<!-- END generated -->";
    auto b = text.find(begin);
    auto e = text.find(end);
    BOOST_TEST_REQUIRE((b != std::string::npos && e != std::string::npos && b < e),
                       "docs/errors.md lacks the generated-part markers");
    return text.substr(b + begin.size(), e - b - begin.size());
}

} // namespace

BOOST_AUTO_TEST_SUITE(error_table_test)

BOOST_AUTO_TEST_CASE(every_kind_has_one_row_named_as_the_domain_names_it) {
    for (auto& n : domain::errc_names) {
        BOOST_TEST(rows_of(n.code) == 1, n.name);
        BOOST_TEST(api::error_row_of(n.code).rule == std::string_view(n.name));
    }
    for (int i = 0; i <= static_cast<int>(api_errc::internal); ++i)
        BOOST_TEST(rows_of(static_cast<api_errc>(i)) == 1, "api_errc " << i);
    BOOST_TEST(api::error_table().size() ==
               std::size(domain::errc_names) + static_cast<std::size_t>(api_errc::internal) + 1);
}

BOOST_AUTO_TEST_CASE(every_switch_value_picks_a_variant_of_the_row_on_every_page) {
    for (auto& row : api::error_table()) {
        BOOST_TEST_CONTEXT("rule " << row.rule) {
            BOOST_TEST(!row.variants.empty());
            std::vector<std::string_view> values = {""};
            if (!row.select.empty()) {
                values = switch_named(row.select).values;
                BOOST_TEST(!values.empty(), "a selecting switch lists its values");
            }
            for (auto value : values)
                for (auto page : all_pages) {
                    domain::switches b;
                    if (!row.select.empty())
                        BOOST_TEST_REQUIRE(!!domain::set_switch(b, row.select, value));
                    const auto& v = api::pick_variant(row, b, page);
                    BOOST_TEST((&v >= row.variants.data() &&
                                &v < row.variants.data() + row.variants.size()),
                               "value '" << value << "', page " << static_cast<int>(page));
                }
            // every variant is reachable by a value of the switch
            for (auto& v : row.variants)
                BOOST_TEST((v.when.empty() ||
                            std::find(values.begin(), values.end(), v.when) != values.end()),
                           "variant for '" << v.when << "'");
        }
    }
}

BOOST_AUTO_TEST_CASE(every_switch_the_table_names_exists) {
    for (auto& row : api::error_table())
        for (auto& rs : row.rule_switches)
            BOOST_TEST(is_switch(rs.name), row.rule << " names " << rs.name);
    domain::switches b;
    BOOST_TEST(api::error_code_of({"", {}, http::status::not_found, "{gateway_prefix}.0101", "x"},
                                  b) == "APIGW.0101");
    BOOST_TEST_REQUIRE(!!domain::set_switch(b, "gateway_prefix", "APIG"));
    BOOST_TEST(api::describe(api_errc::target_too_long, "", b).error_code == "APIG.0201");
}

BOOST_AUTO_TEST_CASE(rules_name_the_field_and_the_switch_that_chose) {
    domain::switches b;
    BOOST_TEST(api::rule_of(domain::make_error(domain::errc::value_out_of_range,
                                               "max_async_retry_attempts", "x"),
                            b) == "value_out_of_range: max_async_retry_attempts (switch "
                                  "retry_max=3)");
    BOOST_TEST(api::rule_of(domain::make_error(domain::errc::invalid_enum,
                                               "destination_config.on_success.destination", "x"),
                            b) == "invalid_enum: destination_config.on_success.destination "
                                  "(switch allow_dis_destination=false)");
    BOOST_TEST(api::rule_of(domain::make_error(domain::errc::version_in_use, "version", "x"), b) ==
               "version_in_use: version (switch unique_alias_version=true)");
    BOOST_TEST(api::rule_of(domain::make_error(domain::errc::version_in_use, "", "x"), b) ==
               "version_in_use (switch delete_aliased_version=refuse)");
    BOOST_TEST(api::rule_of(domain::make_error(domain::errc::invalid_type, "x", "y"), b) ==
               "invalid_type: x");
    BOOST_TEST(api::rule_of(api_errc::body_too_large, b) == "body_too_large (--max-body)");
    BOOST_TEST(api::rule_of(api_errc::control_not_found, b) == "control");
    auto example = *domain::preset("example");
    BOOST_TEST(api::rule_of(domain::make_error(domain::errc::alias_not_found, "", "x"), example) ==
               "alias_not_found (switch alias_not_found_status=401)");
}

BOOST_AUTO_TEST_CASE(docs_errors_md_is_what_the_table_generates) {
    // On failure: run scripts/gen-errors and commit docs/errors.md.
    BOOST_TEST(generated_part_of_errors_md() == api::error_table_markdown());
}

BOOST_AUTO_TEST_SUITE_END()
