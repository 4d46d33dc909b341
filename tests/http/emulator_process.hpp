#pragma once
// The fgs-emulator binary as a child process, for the end-to-end reliability tests
// (shutdown_test.cpp, state_file_test.cpp): start it, read its port, and scratch directories.
#include "support/child_process.hpp"
#include "support/common.hpp"
#include "support/test_client.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <filesystem>
#include <string>
#include <unistd.h>
#include <vector>

namespace emu::test::process {

using emu::test::read_file;

using namespace std::chrono_literals;

inline const std::string binary = FGS_EMULATOR_BINARY;

/// The port of the binary's first line "listening on http://127.0.0.1:PORT".
inline unsigned short started_port(child_process& p) {
    auto line = p.read_line(10s);
    // Boost.Test evaluates a check's message even when the check passes, so stderr is read only
    // on failure (reading it consumes what later checks of the test look for).
    if (!line)
        BOOST_FAIL("no first line; stderr: " << p.read_stderr());
    const std::string prefix = "listening on http://127.0.0.1:";
    BOOST_TEST_REQUIRE(line->rfind(prefix, 0) == 0u, *line);
    return static_cast<unsigned short>(std::stoi(line->substr(prefix.size())));
}

/// A fresh empty directory under the system's temporary directory, removed on destruction.
struct scratch_dir {
    std::filesystem::path path;
    explicit scratch_dir(const std::string& name)
        : path(std::filesystem::temp_directory_path() /
               ("fgs-emulator-" + name + "-" + std::to_string(::getpid()))) {
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path);
    }
    ~scratch_dir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    std::string file(const std::string& name) const { return (path / name).string(); }
};

} // namespace emu::test::process
