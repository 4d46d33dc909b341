// Table-driven tests of URN resolution (spec §10.1): every accepted form resolved against a
// function with versions and aliases (function_store::resolve), and every invalid form with
// the error it gets (parse_function_urn: invalid_urn; the store: the not-found errors).
#include "version_test_support.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <ostream>
#include <string>
#include <vector>

namespace bdata = boost::unit_test::data;
using namespace emu::domain;
using namespace emu::domain::test;

namespace {

const std::string full = "urn:fss:cn-north-4:projA:function:default:fn1";

struct resolution_case {
    std::string text;
    qualifier_kind kind;
    std::string qualifier; ///< the config key
    std::string version;   ///< the version it runs
};
std::ostream& operator<<(std::ostream& os, const resolution_case& c) {
    return os << c.text;
}

std::vector<resolution_case> resolution_cases() {
    using k = qualifier_kind;
    return {
        // unqualified forms: latest
        {"fn1", k::latest, "latest", "latest"},
        {"default:fn1", k::latest, "latest", "latest"},
        {"projA:default:fn1", k::latest, "latest", "latest"},
        {full, k::latest, "latest", "latest"},
        // the region is not compared (docs/api.md)
        {"urn:fss:xxxxxxxxx:projA:function:default:fn1", k::latest, "latest", "latest"},
        // explicit latest
        {"projA:default:fn1:latest", k::latest, "latest", "latest"},
        {full + ":latest", k::latest, "latest", "latest"},
        // versions: named, numeric, generated-looking
        {"projA:default:fn1:v1", k::version, "v1", "v1"},
        {full + ":v1", k::version, "v1", "v1"},
        {"projA:default:fn1:2", k::version, "2", "2"},
        {full + ":2", k::version, "2", "2"},
        {full + ":20210304-145002", k::version, "20210304-145002", "20210304-145002"},
        // aliases: of a version and of latest
        {"projA:default:fn1:!prod", k::alias, "!prod", "v1"},
        {full + ":!prod", k::alias, "!prod", "v1"},
        {full + ":!dev", k::alias, "!dev", "latest"},
    };
}

struct invalid_case {
    std::string label;
    std::string text;
    errc code;
    std::string detail_part;
};
std::ostream& operator<<(std::ostream& os, const invalid_case& c) {
    return os << c.label;
}

std::vector<invalid_case> invalid_cases() {
    return {
        // malformed: parse_function_urn
        {"empty", "", errc::invalid_urn, "the URN is empty"},
        {"5 fields", "a:b:c:d:e", errc::invalid_urn, "5 colon-separated fields"},
        {"6 fields", "urn:fss:r:projA:function:default", errc::invalid_urn,
         "6 colon-separated fields"},
        {"9 fields", full + ":v1:x", errc::invalid_urn, "9 colon-separated fields"},
        {"not urn", "arn:fss:cn-north-4:projA:function:default:fn1", errc::invalid_urn,
         "field 1 is 'arn'"},
        {"not fss", "urn:fgs:cn-north-4:projA:function:default:fn1", errc::invalid_urn,
         "field 2 is 'fgs'"},
        {"not function", "urn:fss:cn-north-4:projA:func:default:fn1", errc::invalid_urn,
         "field 5 is 'func'"},
        {"empty qualifier (4)", "projA:default:fn1:", errc::invalid_urn, "qualifier ''"},
        {"empty qualifier (8)", full + ":", errc::invalid_urn, "qualifier ''"},
        {"bang only", full + ":!", errc::invalid_urn, "alias ''"},
        {"double bang", full + ":!!a", errc::invalid_urn, "alias '!a'"},
        {"alias starting with a digit", full + ":!1a", errc::invalid_urn, "alias '1a'"},
        {"alias ending with -", full + ":!a-", errc::invalid_urn, "alias 'a-'"},
        {"alias of 65", full + ":!a" + std::string(64, 'b'), errc::invalid_urn, "alias 'a"},
        {"version with /", full + ":v/1", errc::invalid_urn, "qualifier 'v/1'"},
        {"version of 65", full + ":" + std::string(65, '1'), errc::invalid_urn, "qualifier '"},
        {"space", full + ": v1", errc::invalid_urn, "space or control character"},
        {"bad function name", "projA:default:1fn", errc::invalid_urn, "function name '1fn'"},
        {"bad package", "projA:de fault:fn1", errc::invalid_urn, "space"},
        {"empty project", ":default:fn1", errc::invalid_urn, "project id ''"},
        // well formed, but nothing by that name
        {"unknown version", full + ":v9", errc::version_not_found,
         "version 'v9' of function " + full + " does not exist"},
        {"unknown version (4)", "projA:default:fn1:3", errc::version_not_found, "version '3'"},
        {"unknown alias", full + ":!nope", errc::alias_not_found,
         "alias 'nope' of function " + full + " does not exist"},
        {"alias name as a version", full + ":prod", errc::version_not_found, "version 'prod'"},
        {"version name as an alias", full + ":!v1", errc::alias_not_found, "alias 'v1'"},
        {"unknown function", "fn2", errc::function_not_found, "fn2 does not exist"},
        {"unknown function, qualified", "projA:default:fn2:v1", errc::function_not_found,
         "fn2 does not exist"},
        {"other package", "other:fn1", errc::function_not_found, "other:fn1 does not exist"},
        {"other project", "projB:default:fn1", errc::urn_project_mismatch, "'projB'"},
    };
}

/// fn1 with versions v1, 2, 20210304-145002 and aliases prod → v1, dev → latest.
struct resolution_fixture : versions_fixture {
    resolution_fixture() {
        publish("v1");
        publish("2");
        publish("20210304-145002");
        make_alias("prod", "v1");
        make_alias("dev", "latest");
    }
    result<resolved_qualifier> resolve(const std::string& text) {
        auto parsed = parse_function_urn(text, urn_defaults{project, region});
        if (!parsed)
            return parsed.error();
        return store.resolve(project, *parsed, b);
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(urn_resolution_test)

BOOST_DATA_TEST_CASE(every_form_resolves, bdata::make(resolution_cases()), c) {
    resolution_fixture f;
    auto r = f.resolve(c.text);
    BOOST_TEST_REQUIRE(r.has_value(), (r ? std::string() : r.error().detail));
    BOOST_TEST((r->kind == c.kind));
    BOOST_TEST(r->qualifier == c.qualifier);
    BOOST_TEST(r->version == c.version);
    // the function the qualifier runs: latest's record, or the version's copy
    auto record =
        f.store.get_function(f.project, *parse_function_urn(c.text, {f.project, region}), f.b);
    BOOST_TEST_REQUIRE(record.has_value());
    BOOST_TEST(record->func_id == f.fn.func_id);
    auto version =
        f.store.get_version(f.project, *parse_function_urn(c.text, {f.project, region}), f.b);
    BOOST_TEST_REQUIRE(version.has_value());
    BOOST_TEST(version->version == c.version);
}

BOOST_DATA_TEST_CASE(every_invalid_form_is_refused, bdata::make(invalid_cases()), c) {
    resolution_fixture f;
    auto r = f.resolve(c.text);
    BOOST_TEST_REQUIRE(r.has_error());
    BOOST_TEST(r.error().code == c.code);
    BOOST_TEST(r.error().field == "function_urn");
    BOOST_TEST(contains(r.error().detail, c.detail_part), r.error().detail);
}

BOOST_AUTO_TEST_CASE(the_qualified_flag_tells_latest_from_unqualified) {
    // D23: DELETE tells them apart; resolution does not.
    for (auto [text, qualified] : {std::pair{std::string("fn1"), false},
                                   {"default:fn1", false},
                                   {"projA:default:fn1", false},
                                   {full, false},
                                   {"projA:default:fn1:latest", true},
                                   {full + ":latest", true},
                                   {full + ":v1", true},
                                   {full + ":!prod", true}}) {
        BOOST_TEST_CONTEXT(text) {
            auto u = parse_function_urn(text, {"projA", region});
            BOOST_TEST_REQUIRE(u.has_value());
            BOOST_TEST(u->qualified == qualified);
        }
    }
}

BOOST_AUTO_TEST_CASE(resolution_follows_changes_of_an_alias) {
    resolution_fixture f;
    alias_input in = alias_to("prod", "2");
    BOOST_TEST_REQUIRE(
        f.store.update_alias(f.project, f.fn_urn(), "prod", in, f.b, f.clock.now()).has_value());
    auto r = f.resolve(full + ":!prod");
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST(r->version == "2");
    BOOST_TEST_REQUIRE(f.store.delete_alias(f.project, f.fn_urn(), "prod", f.b).has_value());
    auto gone = f.resolve(full + ":!prod");
    BOOST_TEST_REQUIRE(gone.has_error());
    BOOST_TEST(gone.error().code == errc::alias_not_found);
}

BOOST_AUTO_TEST_SUITE_END()
