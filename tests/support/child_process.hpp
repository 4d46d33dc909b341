#pragma once
// Runs the emulator binary as a child process for end-to-end tests: reads its stdout line by
// line and waits for its exit, each with a deadline (poll, never sleep).
#include <chrono>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace emu::test {

class child_process {
public:
    /// Starts `path` with `args` (argv[1..]); stdout and stderr are captured. Throws
    /// std::runtime_error when it cannot be started.
    child_process(const std::string& path, const std::vector<std::string>& args);
    /// Kills the child (SIGKILL) if it still runs, and reaps it.
    ~child_process();
    child_process(const child_process&) = delete;
    child_process& operator=(const child_process&) = delete;

    /// The next stdout line (without '\n'), or nullopt at EOF or when the deadline expires.
    std::optional<std::string> read_line(std::chrono::milliseconds deadline);
    /// Sends a signal.
    void signal(int sig);
    /// Waits for the exit; the exit status (or 128+signal), or nullopt on deadline.
    std::optional<int> wait_exit(std::chrono::milliseconds deadline);
    /// Everything written on stderr so far (reads what is available, waits at most briefly
    /// once the child has exited).
    std::string read_stderr();

private:
    pid_t pid_ = -1;
    int out_ = -1, err_ = -1, pidfd_ = -1;
    std::string out_buffer_;
    std::optional<int> status_;
};

} // namespace emu::test
