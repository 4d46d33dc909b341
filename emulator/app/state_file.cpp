#include "app/state_file.hpp"

#include "app/access_log.hpp"
#include "control/state_document.hpp"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <iostream>
#include <unistd.h>
#include <utility>

namespace emu {
namespace {

std::string errno_text(const std::string& what, const std::string& path) {
    return what + " " + path + ": " + std::strerror(errno);
}

/// Closes a file descriptor on every path out.
struct fd_guard {
    int fd;
    ~fd_guard() {
        if (fd >= 0)
            ::close(fd);
    }
};

} // namespace

std::optional<std::string> load_state_file(control::service_state& svc, const std::string& path,
                                           bool& found) {
    found = false;
    fd_guard file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
    if (file.fd < 0) {
        if (errno == ENOENT)
            return std::nullopt;
        return errno_text("cannot open", path);
    }
    found = true;
    std::string text;
    char buf[65536];
    for (;;) {
        ssize_t n = ::read(file.fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return errno_text("cannot read", path);
        if (n == 0)
            break;
        text.append(buf, static_cast<std::size_t>(n));
    }
    // Never start empty over a file that held something: an empty file is corrupt too.
    if (text.find_first_not_of(" \t\r\n") == std::string::npos)
        return path + ": the file is empty, not a state document";
    return control::load_fixture_text(svc, text, path);
}

std::optional<std::string> write_file_atomically(const std::string& path, const std::string& text) {
    const std::string tmp = path + ".tmp";
    {
        fd_guard file{::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)};
        if (file.fd < 0)
            return errno_text("cannot create", tmp);
        for (std::size_t done = 0; done < text.size();) {
            ssize_t n = ::write(file.fd, text.data() + done, text.size() - done);
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0)
                return errno_text("cannot write", tmp);
            done += static_cast<std::size_t>(n);
        }
        // The data must be on disk before the rename makes it the state file.
        if (::fsync(file.fd) != 0)
            return errno_text("cannot fsync", tmp);
        int fd = std::exchange(file.fd, -1);
        if (::close(fd) != 0)
            return errno_text("cannot close", tmp);
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0)
        return errno_text("cannot rename " + tmp + " to", path);
    // And the rename itself must survive a crash: fsync the directory entry.
    auto dir = std::filesystem::path(path).parent_path();
    const std::string dir_name = dir.empty() ? "." : dir.string();
    fd_guard d{::open(dir_name.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
    if (d.fd < 0 || ::fsync(d.fd) != 0)
        return errno_text("cannot fsync directory", dir_name);
    return std::nullopt;
}

state_persistence::state_persistence(control::service_state& svc, std::string path,
                                     std::chrono::milliseconds quiet, event_log* log)
    : svc_(svc), path_(std::move(path)), quiet_(std::max(quiet, std::chrono::milliseconds(1))),
      log_(log), writer_([this] { run(); }) {}

state_persistence::~state_persistence() {
    stop(); // logs a failure
}

void state_persistence::changed() {
    {
        std::lock_guard lock(mutex_);
        const auto now = steady::now();
        if (!dirty_)
            first_change_ = now;
        last_change_ = now;
        dirty_ = true;
    }
    wake_.notify_one();
}

std::optional<std::string> save_state_file(const control::service_state& svc,
                                           const std::string& path) {
    // export_state copies under the store's locks; serialising and writing happen outside.
    auto text = boost::json::serialize(control::export_state(svc, std::nullopt)) + "\n";
    return write_file_atomically(path, text);
}

std::optional<std::string> state_persistence::save() {
    std::lock_guard lock(save_mutex_);
    const auto start = steady::now();
    auto error = save_state_file(svc_, path_);
    report(error, std::chrono::duration_cast<std::chrono::microseconds>(steady::now() - start));
    return error;
}

void state_persistence::report(const std::optional<std::string>& error,
                               std::chrono::microseconds took) {
    if (!log_) {
        if (error)
            std::cerr << "fgs-emulator: --state-file: " << *error << '\n';
        return;
    }
    if (error)
        log_->event(log_level::error, "state_save_failed", "--state-file: " + *error,
                    {{"path", std::string_view(path_)}});
    else
        log_->event(log_level::info, "state_saved", "saved the state to " + path_,
                    {{"path", std::string_view(path_)},
                     {"duration_us", static_cast<std::uint64_t>(took.count())}});
}

std::optional<std::string> state_persistence::stop() {
    {
        std::lock_guard lock(mutex_);
        if (stopped_)
            return std::nullopt;
        stopped_ = stopping_ = true;
    }
    wake_.notify_one();
    if (writer_.joinable())
        writer_.join();
    return save();
}

void state_persistence::run() {
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [this] { return stopping_ || dirty_; });
        if (stopping_)
            return; // stop() writes the final state
        // Debounce: wait for `quiet_` without changes, but not longer than 5 × quiet_ in all.
        for (;;) {
            const auto due = std::min(last_change_ + quiet_, first_change_ + 5 * quiet_);
            if (steady::now() >= due)
                break;
            if (wake_.wait_until(lock, due, [this] { return stopping_; }))
                return;
        }
        dirty_ = false;
        lock.unlock();
        save(); // logs a failure; the next change retries
        lock.lock();
    }
}

} // namespace emu
