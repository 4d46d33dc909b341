#include "support/child_process.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <stdexcept>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace emu::test {
namespace {

int remaining_ms(std::chrono::steady_clock::time_point until) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        until - std::chrono::steady_clock::now());
    return left.count() < 0 ? 0 : static_cast<int>(left.count());
}

} // namespace

child_process::child_process(const std::string& path, const std::vector<std::string>& args) {
    int out[2], err[2];
    if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0)
        throw std::runtime_error("pipe: " + std::string(std::strerror(errno)));
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err[1], 2);
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(path.c_str()));
    for (auto& a : args)
        argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    int rc = posix_spawn(&pid_, path.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    close(err[1]);
    out_ = out[0];
    err_ = err[0];
    if (rc != 0)
        throw std::runtime_error("cannot start " + path + ": " + std::strerror(rc));
    pidfd_ = static_cast<int>(syscall(SYS_pidfd_open, pid_, 0));
    fcntl(err_, F_SETFL, fcntl(err_, F_GETFL) | O_NONBLOCK);
}

child_process::~child_process() {
    if (!status_) {
        ::kill(pid_, SIGKILL);
        int st = 0;
        waitpid(pid_, &st, 0);
    }
    for (int fd : {out_, err_, pidfd_})
        if (fd >= 0)
            close(fd);
}

std::optional<std::string> child_process::read_line(std::chrono::milliseconds deadline) {
    auto until = std::chrono::steady_clock::now() + deadline;
    while (true) {
        if (auto nl = out_buffer_.find('\n'); nl != std::string::npos) {
            std::string line = out_buffer_.substr(0, nl);
            out_buffer_.erase(0, nl + 1);
            return line;
        }
        pollfd p{out_, POLLIN, 0};
        if (poll(&p, 1, remaining_ms(until)) <= 0)
            return std::nullopt;
        char buf[4096];
        ssize_t n = ::read(out_, buf, sizeof buf);
        if (n <= 0)
            return std::nullopt;
        out_buffer_.append(buf, static_cast<std::size_t>(n));
    }
}

void child_process::signal(int sig) {
    ::kill(pid_, sig);
}

std::optional<int> child_process::wait_exit(std::chrono::milliseconds deadline) {
    if (status_)
        return status_;
    pollfd p{pidfd_, POLLIN, 0};
    if (pidfd_ >= 0 && poll(&p, 1, static_cast<int>(deadline.count())) <= 0)
        return std::nullopt;
    int st = 0;
    if (waitpid(pid_, &st, 0) != pid_)
        return std::nullopt;
    status_ = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    return status_;
}

std::string child_process::read_stderr() {
    std::string all;
    char buf[4096];
    while (true) {
        pollfd p{err_, POLLIN, 0};
        if (poll(&p, 1, status_ ? 1000 : 0) <= 0)
            break;
        ssize_t n = ::read(err_, buf, sizeof buf);
        if (n <= 0)
            break;
        all.append(buf, static_cast<std::size_t>(n));
    }
    return all;
}

} // namespace emu::test
