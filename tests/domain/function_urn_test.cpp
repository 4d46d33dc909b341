// Unit tests of domain/function_urn: the URN grammar of spec §10.1 (forms of 1, 2, 3, 4, 7
// and 8 fields, `latest`, versions, `!alias`) and its rejections (errc::invalid_urn).
#include "domain/function_urn.hpp"

#include "support/domain_checks.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <ostream>
#include <string>
#include <vector>

namespace bdata = boost::unit_test::data;
using namespace emu::domain;

namespace {

const urn_defaults defaults{"proj0001", "cn-north-4"};

/// "urn:fss:<region>:proj:function:default:f:latest" padded through the region to `length`.
std::string urn_of_length(std::size_t length) {
    const std::string tail = ":proj:function:default:f:latest";
    const std::string head = "urn:fss:";
    return head + std::string(length - head.size() - tail.size(), 'r') + tail;
}

struct accepted_case {
    std::string label;
    std::string text;
    std::string region, project_id, package, function_name, qualifier;
    bool qualified;
    std::string unqualified; ///< expected unqualified(); full() is this + ":" + qualifier
    bool strict = false;
};

std::ostream& operator<<(std::ostream& os, const accepted_case& c) {
    return os << c.label;
}

std::vector<accepted_case> accepted_cases() {
    const std::string seed_project = "7aad83af3e8d42e99ac194xxxxxxxxxx";
    const std::string name60 = "f" + std::string(58, 'x') + "9";
    const std::string pkg64(64, 'p');
    const std::string alias64 = "a" + std::string(62, '-') + "z";
    const std::string version64(64, '1');
    const std::string project64(64, 'q');
    const std::string long_region(230, 'r');
    return {
        {"1 field: name", "myfunc", "cn-north-4", "proj0001", "default", "myfunc", "latest", false,
         "urn:fss:cn-north-4:proj0001:function:default:myfunc"},
        {"1 field: name with - and _", "my-func_2", "cn-north-4", "proj0001", "default",
         "my-func_2", "latest", false, "urn:fss:cn-north-4:proj0001:function:default:my-func_2"},
        {"1 field: one letter", "a", "cn-north-4", "proj0001", "default", "a", "latest", false,
         "urn:fss:cn-north-4:proj0001:function:default:a"},
        {"1 field: 60-char name", name60, "cn-north-4", "proj0001", "default", name60, "latest",
         false, "urn:fss:cn-north-4:proj0001:function:default:" + name60},
        {"2 fields: package:name", "pkg1:myfunc", "cn-north-4", "proj0001", "pkg1", "myfunc",
         "latest", false, "urn:fss:cn-north-4:proj0001:function:pkg1:myfunc"},
        {"2 fields: 64-char package", pkg64 + ":f", "cn-north-4", "proj0001", pkg64, "f", "latest",
         false, "urn:fss:cn-north-4:proj0001:function:" + pkg64 + ":f"},
        {"3 fields: project:package:name", "p2:pkg1:myfunc", "cn-north-4", "p2", "pkg1", "myfunc",
         "latest", false, "urn:fss:cn-north-4:p2:function:pkg1:myfunc"},
        {"3 fields: 64-char project", project64 + ":default:f", "cn-north-4", project64, "default",
         "f", "latest", false, "urn:fss:cn-north-4:" + project64 + ":function:default:f"},
        {"4 fields: latest", "p2:pkg1:myfunc:latest", "cn-north-4", "p2", "pkg1", "myfunc",
         "latest", true, "urn:fss:cn-north-4:p2:function:pkg1:myfunc"},
        {"4 fields: version", "p2:pkg1:myfunc:v1", "cn-north-4", "p2", "pkg1", "myfunc", "v1", true,
         "urn:fss:cn-north-4:p2:function:pkg1:myfunc"},
        {"4 fields: numeric version", "p2:pkg1:myfunc:1", "cn-north-4", "p2", "pkg1", "myfunc", "1",
         true, "urn:fss:cn-north-4:p2:function:pkg1:myfunc"},
        {"4 fields: alias", "p2:pkg1:myfunc:!a1", "cn-north-4", "p2", "pkg1", "myfunc", "!a1", true,
         "urn:fss:cn-north-4:p2:function:pkg1:myfunc"},
        {"7 fields: unqualified", "urn:fss:eu-west-101:" + seed_project + ":function:default:test",
         "eu-west-101", seed_project, "default", "test", "latest", false,
         "urn:fss:eu-west-101:" + seed_project + ":function:default:test"},
        {"8 fields: seed example",
         "urn:fss:xxxxxxxxx:" + seed_project + ":function:default:test:latest", "xxxxxxxxx",
         seed_project, "default", "test", "latest", true,
         "urn:fss:xxxxxxxxx:" + seed_project + ":function:default:test"},
        {"8 fields: timestamp version", "urn:fss:r1:p1:function:pkg:fn:20240101-120000", "r1", "p1",
         "pkg", "fn", "20240101-120000", true, "urn:fss:r1:p1:function:pkg:fn"},
        {"8 fields: dotted version", "urn:fss:r1:p1:function:pkg:fn:v1.2", "r1", "p1", "pkg", "fn",
         "v1.2", true, "urn:fss:r1:p1:function:pkg:fn"},
        {"8 fields: 64-char version", "urn:fss:r1:p1:function:pkg:fn:" + version64, "r1", "p1",
         "pkg", "fn", version64, true, "urn:fss:r1:p1:function:pkg:fn"},
        {"8 fields: alias", "urn:fss:r1:p1:function:pkg:fn:!dev", "r1", "p1", "pkg", "fn", "!dev",
         true, "urn:fss:r1:p1:function:pkg:fn"},
        {"8 fields: 64-char alias (spec 10.6: 1-64)", "urn:fss:r1:p1:function:pkg:fn:!" + alias64,
         "r1", "p1", "pkg", "fn", "!" + alias64, true, "urn:fss:r1:p1:function:pkg:fn"},
        {"269 chars with strict_length", urn_of_length(269), long_region, "proj", "default", "f",
         "latest", true, "urn:fss:" + long_region + ":proj:function:default:f", true},
        {"270 chars without strict_length", urn_of_length(270), long_region + "r", "proj",
         "default", "f", "latest", true, "urn:fss:" + long_region + "r:proj:function:default:f",
         false},
    };
}

struct rejected_case {
    std::string label;
    std::string text;
    std::vector<std::string> detail_parts; ///< each must occur in the error detail
    bool strict = false;
};

std::ostream& operator<<(std::ostream& os, const rejected_case& c) {
    return os << c.label;
}

std::vector<rejected_case> rejected_cases() {
    return {
        {"0 fields (empty)", "", {"empty"}},
        {"5 fields", "a:b:c:d:e", {"5", "fields", "1, 2, 3, 4, 7 or 8"}},
        {"6 fields", "a:b:c:d:e:f", {"6", "fields", "1, 2, 3, 4, 7 or 8"}},
        {"9 fields", "urn:fss:r:p:function:pkg:f:latest:x", {"9", "fields"}},
        {"wrong urn literal", "urx:fss:r:p:function:pkg:f", {"'urx'", "'urn'"}},
        {"upper-case URN literal", "URN:fss:r:p:function:pkg:f:latest", {"'URN'", "'urn'"}},
        {"wrong fss literal", "urn:fsx:r:p:function:pkg:f", {"'fsx'", "'fss'"}},
        {"wrong function literal",
         "urn:fss:r:p:functions:pkg:f:latest",
         {"'functions'", "'function'"}},
        {"empty region", "urn:fss::p:function:pkg:f", {"region", "''"}},
        {"bad region", "urn:fss:cn.north:p:function:pkg:f", {"region", "'cn.north'"}},
        {"placeholder region", "urn:fss:{region}:p:function:pkg:f", {"region", "'{region}'"}},
        {"empty project (7)", "urn:fss:r::function:pkg:f", {"project", "''"}},
        {"empty project (3)", ":pkg:f", {"project", "''"}},
        {"bad project", "pro.j:pkg:f", {"project", "'pro.j'"}},
        {"65-char project", std::string(65, 'q') + ":pkg:f", {"project", std::string(65, 'q')}},
        {"empty package (2)", ":f", {"package", "''"}},
        {"empty package (8)", "urn:fss:r:p:function::f:latest", {"package", "''"}},
        {"bad package", "pk.g:f", {"package", "'pk.g'"}},
        {"65-char package", std::string(65, 'p') + ":f", {"package", std::string(65, 'p')}},
        {"empty function name (2)", "pkg:", {"function name", "''"}},
        {"empty function name (7)", "urn:fss:r:p:function:pkg:", {"function name", "''"}},
        {"name starts with digit", "1func", {"function name", "'1func'", "start with a letter"}},
        {"name starts with _", "_func", {"function name", "'_func'"}},
        {"name ends with -", "func-", {"function name", "'func-'", "end with a letter or digit"}},
        {"name with dot", "fu.nc", {"function name", "'fu.nc'"}},
        {"61-char name", "f" + std::string(60, 'x'), {"function name", "1-60"}},
        {"space inside", "my func", {"space or control"}},
        {"leading space", " myfunc", {"space or control"}},
        {"space inside 8-field", "urn:fss: r:p:function:pkg:f:latest", {"space or control"}},
        {"tab", "myfunc\t", {"space or control"}},
        {"newline", "pkg:my\nfunc", {"space or control"}},
        {"NUL", std::string("my\0func", 7), {"space or control"}},
        {"DEL",
         "my\x7f"
         "func",
         {"space or control"}},
        {"empty qualifier (4)", "p:pkg:f:", {"qualifier", "''"}},
        {"empty qualifier (8)", "urn:fss:r:p:function:pkg:f:", {"qualifier", "''"}},
        {"bad qualifier slash", "p:pkg:f:v/1", {"qualifier", "'v/1'"}},
        {"bad qualifier at", "urn:fss:r:p:function:pkg:f:@x", {"qualifier", "'@x'"}},
        {"65-char version", "p:pkg:f:" + std::string(65, '1'), {"qualifier", std::string(65, '1')}},
        {"! without alias", "p:pkg:f:!", {"alias", "''"}},
        {"alias starts with digit", "p:pkg:f:!1a", {"alias", "'1a'", "start with a letter"}},
        {"alias ends with -", "urn:fss:r:p:function:pkg:f:!a-", {"alias", "'a-'"}},
        {"alias with dot", "p:pkg:f:!a.b", {"alias", "'a.b'"}},
        {"alias with second !", "p:pkg:f:!a!b", {"alias", "'a!b'"}},
        {"65-char alias", "p:pkg:f:!a" + std::string(64, 'b'), {"alias", "1-64"}},
        {"270 chars with strict_length", urn_of_length(270), {"270", "269"}, true},
        {"1025 chars without strict_length", urn_of_length(1025), {"1024"}, false},
    };
}

} // namespace

BOOST_AUTO_TEST_SUITE(function_urn_test)

BOOST_DATA_TEST_CASE(accepted_forms_parse_every_field, bdata::make(accepted_cases()), c) {
    auto r = parse_function_urn(c.text, defaults, {.strict_length = c.strict});
    BOOST_TEST_REQUIRE(r.has_value(), (r ? std::string() : r.error().detail));
    const function_urn& u = *r;
    BOOST_TEST(u.region == c.region);
    BOOST_TEST(u.project_id == c.project_id);
    BOOST_TEST(u.package == c.package);
    BOOST_TEST(u.function_name == c.function_name);
    BOOST_TEST(u.qualifier == c.qualifier);
    BOOST_TEST(u.qualified == c.qualified);
    BOOST_TEST(u.is_latest() == (c.qualifier == "latest"));
    BOOST_TEST(u.is_alias() == (c.qualifier.front() == '!'));
    BOOST_TEST(u.unqualified() == c.unqualified);
    BOOST_TEST(u.full() == c.unqualified + ":" + c.qualifier);
}

BOOST_DATA_TEST_CASE(invalid_forms_are_rejected_naming_the_part, bdata::make(rejected_cases()), c) {
    auto r = parse_function_urn(c.text, defaults, {.strict_length = c.strict});
    BOOST_TEST_REQUIRE(r.has_error());
    BOOST_TEST(r.error().code == errc::invalid_urn);
    BOOST_TEST(r.error().field == "function_urn");
    for (const auto& part : c.detail_parts)
        BOOST_TEST(r.error().detail.find(part) != std::string::npos,
                   "detail '" << r.error().detail << "' should contain '" << part << "'");
}

BOOST_AUTO_TEST_CASE(full_form_round_trips_through_full) {
    auto r = parse_function_urn("urn:fss:r1:p1:function:pkg:fn:!dev", defaults);
    BOOST_TEST_REQUIRE(r.has_value());
    auto again = parse_function_urn(r->full(), defaults);
    BOOST_TEST_REQUIRE(again.has_value());
    BOOST_TEST((*again == *r));
}

BOOST_AUTO_TEST_CASE(short_form_and_full_form_name_the_same_function) {
    auto short_form = parse_function_urn("myfunc", defaults);
    auto full_form =
        parse_function_urn("urn:fss:cn-north-4:proj0001:function:default:myfunc", defaults);
    BOOST_TEST_REQUIRE(short_form.has_value());
    BOOST_TEST_REQUIRE(full_form.has_value());
    BOOST_TEST((*short_form == *full_form));
}

BOOST_AUTO_TEST_CASE(strict_length_boundary_is_269) {
    BOOST_TEST(urn_of_length(269).size() == 269u);
    BOOST_TEST(
        parse_function_urn(urn_of_length(269), defaults, {.strict_length = true}).has_value());
    BOOST_TEST(
        parse_function_urn(urn_of_length(270), defaults, {.strict_length = true}).has_error());
    BOOST_TEST(parse_function_urn(urn_of_length(270), defaults).has_value());
    BOOST_TEST(parse_function_urn(urn_of_length(1024), defaults).has_value());
    BOOST_TEST(parse_function_urn(urn_of_length(1025), defaults).has_error());
}

BOOST_AUTO_TEST_CASE(name_rules) {
    BOOST_TEST(is_valid_function_name("a"));
    BOOST_TEST(is_valid_function_name("a" + std::string(59, '1')));
    BOOST_TEST(!is_valid_function_name("a" + std::string(60, '1')));
    BOOST_TEST(!is_valid_function_name(""));
    BOOST_TEST(!is_valid_function_name("a_"));

    BOOST_TEST(is_valid_alias_name("a"));
    BOOST_TEST(is_valid_alias_name("a" + std::string(63, '1')));
    BOOST_TEST(!is_valid_alias_name("a" + std::string(64, '1')));
    BOOST_TEST(!is_valid_alias_name("9a"));

    BOOST_TEST(is_valid_version_name("v1.0-beta_2"));
    BOOST_TEST(is_valid_version_name(std::string(64, '1')));
    BOOST_TEST(!is_valid_version_name(std::string(65, '1')));
    BOOST_TEST(!is_valid_version_name("latest"));
    BOOST_TEST(!is_valid_version_name(""));

    BOOST_TEST(is_valid_package_name("default"));
    BOOST_TEST(is_valid_package_name(std::string(64, 'p')));
    BOOST_TEST(!is_valid_package_name(std::string(65, 'p')));
    BOOST_TEST(!is_valid_package_name(""));
    BOOST_TEST(!is_valid_package_name("a.b"));
}

// ---- D23: spaces ---------------------------------------------------------------------------

namespace {

/// A URN with a space and the parts it parses to under urn_spaces::keep: nothing trimmed.
struct spaced_case {
    std::string text;
    std::string region, project_id, package, function_name, qualifier;
};
std::ostream& operator<<(std::ostream& os, const spaced_case& c) {
    return os << "'" << c.text << "'";
}

std::vector<spaced_case> spaced_cases() {
    return {
        {"my func", "cn-north-4", "proj0001", "default", "my func", "latest"},
        {" myfunc", "cn-north-4", "proj0001", "default", " myfunc", "latest"},
        {"myfunc ", "cn-north-4", "proj0001", "default", "myfunc ", "latest"},
        {"pk g:f", "cn-north-4", "proj0001", "pk g", "f", "latest"},
        {"proj0001:default:f:v 1", "cn-north-4", "proj0001", "default", "f", "v 1"},
        {"proj0001:default:f:latest ", "cn-north-4", "proj0001", "default", "f", "latest "},
        {"proj0001:default:f:!de v", "cn-north-4", "proj0001", "default", "f", "!de v"},
        // the OTC alias example's stray space sits in the project field
        {"urn:fss:xxxxxxxxxx: 7aad83af:function:default:xxxxx:!dev", "xxxxxxxxxx", " 7aad83af",
         "default", "xxxxx", "!dev"},
        {"urn:fss:cn north:p:function:default:f", "cn north", "p", "default", "f", "latest"},
    };
}

} // namespace

BOOST_DATA_TEST_CASE(kept_spaces_stay_in_their_field, bdata::make(spaced_cases()), c) {
    auto r = parse_function_urn(c.text, defaults, {.spaces = urn_spaces::keep});
    BOOST_TEST_REQUIRE(r.has_value(), (r ? std::string() : r.error().detail));
    BOOST_TEST(r->region == c.region);
    BOOST_TEST(r->project_id == c.project_id);
    BOOST_TEST(r->package == c.package);
    BOOST_TEST(r->function_name == c.function_name);
    BOOST_TEST(r->qualifier == c.qualifier);
    BOOST_TEST(r->is_latest() == (c.qualifier == "latest")); // "latest " is a version name
    // rejected by both other rules, the switch named only where it applies
    auto plain = parse_function_urn(c.text, defaults);
    BOOST_TEST_REQUIRE(plain.has_error());
    BOOST_TEST(plain.error().detail == "it contains a space or control character");
    auto strict = parse_function_urn(c.text, defaults, {.spaces = urn_spaces::reject_switch});
    BOOST_TEST_REQUIRE(strict.has_error());
    BOOST_TEST(strict.error().code == errc::invalid_urn);
    BOOST_TEST(strict.error().detail == "it contains a space (switch reject_urn_spaces)");
}

BOOST_AUTO_TEST_CASE(kept_spaces_do_not_relax_the_other_rules) {
    const urn_rules keep{.spaces = urn_spaces::keep};
    struct row {
        std::string text;
        std::string part;
    };
    for (const row& c : std::vector<row>{
             {" ", "function name ' '"},
             {"1 func", "start with a letter"},
             {"my.func x", "function name"},
             {"p:pkg:f: ", "qualifier ' '"},
             {"p:pkg:f:! ", "alias ' '"},
             {"my\tfunc x", "space or control"},
             {"f" + std::string(59, 'x') + " ", "1-60"},
             {" urn:fss:r:p:function:pkg:f", "field 1 is ' urn'"},
         }) {
        BOOST_TEST_CONTEXT("'" << c.text << "'") {
            auto r = parse_function_urn(c.text, defaults, keep);
            BOOST_TEST_REQUIRE(r.has_error());
            BOOST_TEST(r.error().code == errc::invalid_urn);
            BOOST_TEST(r.error().detail.find(c.part) != std::string::npos, r.error().detail);
        }
    }
    // URNs without spaces parse the same under every rule
    for (auto spaces : {urn_spaces::reject, urn_spaces::reject_switch, urn_spaces::keep}) {
        auto r =
            parse_function_urn("urn:fss:r1:p1:function:pkg:fn:!dev", defaults, {.spaces = spaces});
        BOOST_TEST_REQUIRE(r.has_value());
        BOOST_TEST(r->full() == "urn:fss:r1:p1:function:pkg:fn:!dev");
    }
}

BOOST_AUTO_TEST_SUITE_END()
