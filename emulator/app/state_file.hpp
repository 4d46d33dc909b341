#pragma once
// --state-file: the state document (control/state_document.hpp) kept on disk. Loaded once at
// start-up; written atomically (temporary file, fsync, rename, fsync of the directory) a short
// quiet time after changes and at shutdown, so that a crash at any moment leaves the previous or
// the new snapshot on disk, never a torn file (docs/reliability.md).
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace emu {

namespace control {
class service_state;
}
class event_log;

/// Loads the state file at `path` into `svc`. Sets `found` to false, and changes nothing,
/// when the file does not exist. Returns an error message naming the file and the problem
/// when it cannot be read, is not JSON, or is not a valid state document.
std::optional<std::string> load_state_file(control::service_state& svc, const std::string& path,
                                           bool& found);

/// Replaces `path` atomically with `text`: writes PATH.tmp (mode 0600: the document holds
/// secret keys), fsyncs it, renames it over PATH and fsyncs the directory. Returns an error
/// message (naming the step and the errno text) on failure; PATH is then unchanged.
std::optional<std::string> write_file_atomically(const std::string& path, const std::string& text);

/// Writes the whole state of `svc` (export_state) to `path` with write_file_atomically.
std::optional<std::string> save_state_file(const control::service_state& svc,
                                           const std::string& path);

/// Keeps a state file up to date with the service. A background thread writes the whole
/// state `quiet` after the last change(), or at the latest 5 × `quiet` after the first
/// unsaved one (so that a steady stream of writes still gets saved). Saves are logged (info),
/// write failures too (error; on stderr without a log) and retried at the next change.
/// Thread-safe.
class state_persistence {
public:
    /// Starts the writer thread; writes nothing yet. `log` (not owned) may be null.
    state_persistence(control::service_state& svc, std::string path,
                      std::chrono::milliseconds quiet, event_log* log = nullptr);
    /// stop().
    ~state_persistence();
    state_persistence(const state_persistence&) = delete;
    state_persistence& operator=(const state_persistence&) = delete;

    /// Notes that the state may have changed; cheap, never blocks on I/O.
    void changed();
    /// Writes the state now, on the calling thread, and logs it. Returns the error message
    /// on failure (logged too).
    std::optional<std::string> save();
    /// Stops the writer thread, then saves once more (the final state). Idempotent; returns
    /// the error of the final save, if any.
    std::optional<std::string> stop();

private:
    void run();
    void report(const std::optional<std::string>& error, std::chrono::microseconds took);

    using steady = std::chrono::steady_clock;
    control::service_state& svc_;
    const std::string path_;
    const std::chrono::milliseconds quiet_;
    event_log* log_;
    std::mutex save_mutex_; // one writer of the file at a time
    std::mutex mutex_;      // the fields below
    std::condition_variable wake_;
    bool dirty_ = false;
    bool stopping_ = false;
    bool stopped_ = false;
    steady::time_point first_change_{};
    steady::time_point last_change_{};
    std::thread writer_; // last: starts after everything above exists
};

} // namespace emu
