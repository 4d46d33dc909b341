// Unit tests of domain/validation, build_function: the create-function body (spec §10.2,
// D22).
#include "domain/validation.hpp"

#include "support/domain_checks.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace bdata = boost::unit_test::data;
using namespace emu::domain;

namespace {

using emu::test::contains;

function_input valid_function() {
    function_input in;
    in.func_name = "my_func1";
    in.package = "default";
    in.runtime = "Python3.9";
    in.timeout = 30;
    in.handler = "index.handler";
    in.memory_size = 128;
    in.code_type = "inline";
    in.func_code_file = "YWJj"; // "abc"
    return in;
}

void check_function_error(const result<function_record>& r, errc code, const std::string& field,
                          const std::vector<std::string>& parts) {
    BOOST_TEST_REQUIRE(r.has_error());
    BOOST_TEST(r.error().code == code);
    BOOST_TEST(r.error().field == field);
    BOOST_TEST(contains(r.error().detail, field),
               "detail '" << r.error().detail << "' should name " << field);
    for (const auto& part : parts)
        BOOST_TEST(contains(r.error().detail, part),
                   "detail '" << r.error().detail << "' should contain '" << part << "'");
}

const std::string sha512_abc = "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                               "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f";
const std::string sha512_empty = "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
                                 "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e";

struct missing_case {
    std::string field;
    std::optional<std::string> function_input::*text = nullptr;
    std::optional<std::int64_t> function_input::*number = nullptr;
};
std::ostream& operator<<(std::ostream& os, const missing_case& c) {
    return os << c.field;
}

} // namespace

BOOST_AUTO_TEST_SUITE(validation_function_test)

BOOST_AUTO_TEST_CASE(valid_function_is_built) {
    auto r = build_function(valid_function());
    BOOST_TEST_REQUIRE(r.has_value(), (r ? std::string() : r.error().detail));
    BOOST_TEST(r->func_name == "my_func1");
    BOOST_TEST(r->package == "default");
    BOOST_TEST(r->runtime == "Python3.9");
    BOOST_TEST(r->timeout == 30);
    BOOST_TEST(r->handler == "index.handler");
    BOOST_TEST(r->memory_size == 128);
    BOOST_TEST(r->code_type == "inline");
    BOOST_TEST(r->code_size == 3);
    BOOST_TEST(r->digest == sha512_abc);
    BOOST_TEST(r->type == "v2");
    // id, urn parts and timestamps are the store's job
    BOOST_TEST(r->func_id.empty());
    BOOST_TEST(r->project_id.empty());
}

BOOST_DATA_TEST_CASE(each_required_field_missing,
                     bdata::make(std::vector<missing_case>{
                         {"func_name", &function_input::func_name, nullptr},
                         {"package", &function_input::package, nullptr},
                         {"runtime", &function_input::runtime, nullptr},
                         {"timeout", nullptr, &function_input::timeout},
                         {"handler", &function_input::handler, nullptr},
                         {"memory_size", nullptr, &function_input::memory_size},
                         {"code_type", &function_input::code_type, nullptr},
                     }),
                     c) {
    auto in = valid_function();
    if (c.text)
        (in.*c.text).reset();
    else
        (in.*c.number).reset();
    check_function_error(build_function(in), errc::missing_field, c.field, {"is required"});
}

BOOST_DATA_TEST_CASE(timeout_range,
                     bdata::make({2, 3, 259200, 259201}) ^ bdata::make({false, true, true, false}),
                     timeout, ok) {
    auto in = valid_function();
    in.timeout = timeout;
    auto r = build_function(in);
    if (ok) {
        BOOST_TEST_REQUIRE(r.has_value());
        BOOST_TEST(r->timeout == timeout);
    } else {
        check_function_error(r, errc::value_out_of_range, "timeout",
                             {"from 3 to 259200", "got " + std::to_string(timeout)});
    }
}

BOOST_DATA_TEST_CASE(memory_size_enum,
                     bdata::make({128,  256,  512, 768,  1024, 1280, 1536, 1792, 2048, 2560, 3072,
                                  3584, 4096, 0,   -128, 64,   127,  129,  4097, 5120, 10240}) ^
                         bdata::make({true,  true,  true,  true,  true,  true,  true,
                                      true,  true,  true,  true,  true,  true,  false,
                                      false, false, false, false, false, false, false}),
                     memory, ok) {
    auto in = valid_function();
    in.memory_size = memory;
    auto r = build_function(in);
    if (ok) {
        BOOST_TEST_REQUIRE(r.has_value());
        BOOST_TEST(r->memory_size == memory);
    } else {
        check_function_error(r, errc::invalid_enum, "memory_size",
                             {"one of 128, 256, 512", "4096", "got " + std::to_string(memory)});
    }
}

BOOST_DATA_TEST_CASE(runtime_enum,
                     bdata::make({"Python3.9", "Node.js18.15", "Java11", "Java17", "Go1.x",
                                  "Custom", "http", "PHP8.3", "Cangjie1.0", "C#(.NET Core 6.0)",
                                  "python3.9", "Python4", "", "Ruby", "Java11 "}) ^
                         bdata::make({true, true, true, true, true, true, true, true, true, true,
                                      false, false, false, false, false}),
                     runtime, ok) {
    auto in = valid_function();
    in.runtime = runtime;
    auto r = build_function(in);
    if (ok) {
        BOOST_TEST_REQUIRE(r.has_value());
        BOOST_TEST(r->runtime == runtime);
    } else {
        check_function_error(r, errc::invalid_enum, "runtime",
                             {"must be one of", "Python3.9", "got '" + std::string(runtime) + "'"});
    }
}

BOOST_AUTO_TEST_CASE(custom_image_needs_no_code_type) {
    auto in = valid_function();
    in.runtime = "Custom Image";
    in.handler = "-";
    in.code_type.reset();
    in.func_code_file.reset();
    auto r = build_function(in);
    BOOST_TEST_REQUIRE(r.has_value(), (r ? std::string() : r.error().detail));
    BOOST_TEST(r->code_type == "Custom-Image-Swr");
    BOOST_TEST(r->handler == "-");
}

BOOST_AUTO_TEST_CASE(code_type_is_required_except_for_custom_image) {
    auto in = valid_function();
    in.code_type.reset();
    check_function_error(build_function(in), errc::missing_field, "code_type",
                         {"is required", "Custom Image"});
}

BOOST_DATA_TEST_CASE(code_type_enum,
                     bdata::make({"inline", "zip", "obs", "jar", "Custom-Image-Swr", "ZIP", "tar",
                                  ""}) ^
                         bdata::make({true, true, true, true, true, false, false, false}),
                     code_type, ok) {
    auto in = valid_function();
    in.code_type = code_type;
    auto r = build_function(in);
    if (ok) {
        BOOST_TEST_REQUIRE(r.has_value());
        BOOST_TEST(r->code_type == code_type);
    } else {
        check_function_error(
            r, errc::invalid_enum, "code_type",
            {"inline, zip, obs, jar, Custom-Image-Swr", "got '" + std::string(code_type) + "'"});
    }
}

BOOST_DATA_TEST_CASE(handler_length,
                     bdata::make(std::vector<std::string>{"ab", "a.b", std::string(128, 'h'),
                                                          "-"}) ^
                         bdata::make({false, true, true, false}),
                     handler, ok) {
    auto in = valid_function();
    in.handler = handler;
    auto r = build_function(in);
    if (ok)
        BOOST_TEST(r.has_value());
    else
        check_function_error(r, errc::invalid_format, "handler", {"3-128 characters"});
}

BOOST_AUTO_TEST_CASE(handler_of_129_chars_is_rejected) {
    auto in = valid_function();
    in.handler = std::string(129, 'h');
    check_function_error(build_function(in), errc::invalid_format, "handler",
                         {"3-128 characters", "got 129"});
}

BOOST_DATA_TEST_CASE(code_is_base64_decoded_and_digested,
                     bdata::make({"YWJj", "YWI", "YWI=", ""}) ^ bdata::make({3, 2, 2, 0}), file,
                     size) {
    auto in = valid_function();
    in.func_code_file = file;
    auto r = build_function(in);
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST(r->code_size == size);
    const std::string decoded = std::string("abc").substr(0, static_cast<std::size_t>(size));
    if (decoded == "abc")
        BOOST_TEST(r->digest == sha512_abc);
    else if (decoded.empty())
        BOOST_TEST(r->digest == sha512_empty);
    else // sha512("ab")
        BOOST_TEST(
            r->digest ==
            "2d408a0717ec188158278a796c689044361dc6fdde28d6f04973b80896e1823975cdbf12eb63f9e0"
            "591328ee235d80e9b5bf1aa6a44f4617ff3caf6400eb172d");
}

BOOST_AUTO_TEST_CASE(no_code_gives_the_digest_of_nothing) {
    auto in = valid_function();
    in.func_code_file.reset();
    auto r = build_function(in);
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST(r->code_size == 0);
    BOOST_TEST(r->digest == sha512_empty);
}

BOOST_DATA_TEST_CASE(invalid_base64_is_rejected, bdata::make({"!!!!", "Y", "YWJj*", "YW Jj"}),
                     file) {
    auto in = valid_function();
    in.func_code_file = file;
    check_function_error(build_function(in), errc::invalid_format, "func_code.file", {"base64"});
}

BOOST_DATA_TEST_CASE(type_enum,
                     bdata::make({"v1", "v2", "v3", "V2", ""}) ^
                         bdata::make({true, true, false, false, false}),
                     type, ok) {
    auto in = valid_function();
    in.type = type;
    auto r = build_function(in);
    if (ok) {
        BOOST_TEST_REQUIRE(r.has_value());
        BOOST_TEST(r->type == type);
    } else {
        check_function_error(r, errc::invalid_enum, "type",
                             {"v1, v2", "got '" + std::string(type) + "'"});
    }
}

BOOST_AUTO_TEST_CASE(type_defaults_to_v2) {
    auto in = valid_function();
    in.type.reset();
    auto r = build_function(in);
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST(r->type == "v2"); // D22: the table's default
}

BOOST_DATA_TEST_CASE(func_name_rule,
                     bdata::make(std::vector<std::string>{"a", "a_b-c9", "f" + std::string(59, 'x'),
                                                          "f" + std::string(60, 'x'), "", "1abc",
                                                          "abc-", "ab.c", "_abc", "ab c"}) ^
                         bdata::make({true, true, true, false, false, false, false, false, false,
                                      false}),
                     name, ok) {
    auto in = valid_function();
    in.func_name = name;
    auto r = build_function(in);
    if (ok) {
        BOOST_TEST_REQUIRE(r.has_value());
        BOOST_TEST(r->func_name == name);
    } else {
        check_function_error(r, errc::invalid_format, "func_name",
                             {"1-60", "start with a letter", "end with a letter or digit"});
    }
}

BOOST_AUTO_TEST_CASE(package_rule) {
    auto in = valid_function();
    in.package = "";
    check_function_error(build_function(in), errc::invalid_format, "package", {"1-64"});
    in.package = "a.b";
    check_function_error(build_function(in), errc::invalid_format, "package", {"1-64"});
    in.package = std::string(64, 'p');
    BOOST_TEST(build_function(in).has_value());
}

BOOST_AUTO_TEST_CASE(description_length) {
    auto in = valid_function();
    in.description = std::string(512, 'd');
    BOOST_TEST(build_function(in).has_value());
    in.description = std::string(513, 'd');
    check_function_error(build_function(in), errc::invalid_format, "description", {"at most 512"});
}

BOOST_AUTO_TEST_SUITE_END()
