// Start-up messages of the options: a bad value names what is accepted, and an
// FGS_EMULATOR_* variable that names no option is a warning naming the nearest one.
#include "app/options.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstdlib>
#include <initializer_list>
#include <string>
#include <vector>

namespace {

/// parse_options on `args` (after the program name); the error, or "" on success.
std::string parse(std::initializer_list<std::string> args, emu::options* out = nullptr) {
    std::vector<std::string> storage{"fgs-emulator"};
    storage.insert(storage.end(), args);
    std::vector<char*> argv;
    for (auto& a : storage)
        argv.push_back(a.data());
    emu::options local;
    auto err = emu::parse_options(static_cast<int>(argv.size()), argv.data(), out ? *out : local);
    return err.value_or("");
}

/// Sets an environment variable for the scope of the object.
struct scoped_env {
    std::string name;
    scoped_env(std::string n, const std::string& value) : name(std::move(n)) {
        ::setenv(name.c_str(), value.c_str(), 1);
    }
    ~scoped_env() { ::unsetenv(name.c_str()); }
};

} // namespace

BOOST_AUTO_TEST_SUITE(options)

BOOST_AUTO_TEST_CASE(a_bad_number_names_the_range) {
    BOOST_TEST(
        parse({"--threads", "0"}) ==
        "command line: invalid value '0' for --threads N: expected an integer from 1 to 256");
    BOOST_TEST(parse({"--port=70000"}) == "command line: invalid value '70000' for --port N: "
                                          "expected an integer from 0 to 65535");
    BOOST_TEST(parse({"--state-save-ms", "0"}) ==
               "command line: invalid value '0' for --state-save-ms MS: expected milliseconds "
               "from 1 to 60000");
}

BOOST_AUTO_TEST_CASE(a_bad_size_names_the_accepted_sizes) {
    BOOST_TEST(parse({"--max-body", "1G"}) ==
               "command line: invalid value '1G' for --max-body BYTES: expected a size in bytes "
               "from 1 to 4096M, a plain number or with a K (1024) or M (1048576) suffix, e.g. "
               "64K or 6M");
    BOOST_TEST(parse({"--max-header", "100"}).find("from 1K to 1M") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_bad_word_names_the_words) {
    BOOST_TEST(parse({"--auth", "maybe"}) ==
               "command line: invalid value 'maybe' for --auth MODE: expected off, any or strict");
    BOOST_TEST(parse({"--admin", "yes"}) ==
               "command line: invalid value 'yes' for --admin on|off: expected on or off");
}

BOOST_AUTO_TEST_CASE(a_bad_variable_is_named_with_the_range) {
    scoped_env threads("FGS_EMULATOR_THREADS", "999");
    BOOST_TEST(parse({}) == "FGS_EMULATOR_THREADS: invalid value '999' for --threads N: expected "
                            "an integer from 1 to 256");
}

BOOST_AUTO_TEST_CASE(an_unknown_variable_warns_with_the_nearest_option) {
    scoped_env typo("FGS_EMULATOR_THREAD", "4");
    scoped_env far("FGS_EMULATOR_XYZZY_PLUGH", "1");
    scoped_env help("FGS_EMULATOR_HELP", "1");
    scoped_env good("FGS_EMULATOR_REGION", "cn-east-3");
    emu::options o;
    BOOST_TEST(parse({}, &o) == "");
    std::vector<std::string> expected = {
        "FGS_EMULATOR_THREAD names no option and is ignored; did you mean FGS_EMULATOR_THREADS "
        "(--threads)?",
        "FGS_EMULATOR_XYZZY_PLUGH names no option and is ignored (see --help for the options)",
        "FGS_EMULATOR_HELP is ignored: --help cannot be set from the environment"};
    for (auto& w : expected)
        BOOST_TEST((std::find(o.warnings.begin(), o.warnings.end(), w) != o.warnings.end()), w);
    for (auto& w : o.warnings)
        BOOST_TEST(w.find("REGION") == std::string::npos, w); // an option's variable
    BOOST_TEST(o.region == "cn-east-3");
}

BOOST_AUTO_TEST_SUITE_END()
