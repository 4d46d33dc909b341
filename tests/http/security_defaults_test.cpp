// Security defaults of the binary (docs/reliability.md): loopback unless told otherwise, and a
// warning on stderr when bound to an address other machines can reach.
#include "http/emulator_process.hpp"

#include <csignal>

using emu::test::child_process;
using namespace emu::test::process;

BOOST_AUTO_TEST_SUITE(security_defaults_test)

BOOST_AUTO_TEST_CASE(binds_loopback_by_default_without_a_warning) {
    child_process p(binary, {"--port", "0"});
    started_port(p); // requires "listening on http://127.0.0.1:PORT"
    p.signal(SIGTERM);
    BOOST_TEST(p.wait_exit(10s).value_or(-1) == 0);
    BOOST_TEST(p.read_stderr().find("warning") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(warns_when_bound_beyond_loopback) {
    child_process p(binary, {"--port", "0", "--host", "0.0.0.0"});
    auto line = p.read_line(10s);
    if (!line)
        BOOST_FAIL("no first line; stderr: " << p.read_stderr());
    BOOST_TEST(line->rfind("listening on http://0.0.0.0:", 0) == 0u, *line);
    p.signal(SIGTERM);
    BOOST_TEST(p.wait_exit(10s).value_or(-1) == 0);
    const std::string err = p.read_stderr();
    BOOST_TEST(err.find("warning: bound to 0.0.0.0, reachable from other machines") !=
                   std::string::npos,
               err);
}

BOOST_AUTO_TEST_SUITE_END()
