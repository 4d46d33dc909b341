// The asynchronous writer of the event log (access_log.hpp): batches of lines handed to
// spdlog's asynchronous logger, written to a file descriptor by its thread. The lines
// themselves are formatted in access_log.cpp.
#include "app/access_log.hpp"

#include <spdlog/async_logger.h>
#include <spdlog/details/thread_pool.h>
#include <spdlog/sinks/base_sink.h>

#include <atomic>
#include <cerrno>
#include <climits>
#include <condition_variable>
#include <csignal>
#include <mutex>
#include <poll.h>
#include <pthread.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace emu {
namespace {

/// Writes each message, a batch of whole lines, to a file descriptor on the logger's
/// background thread; counts the lines that cannot be written. To a pipe or terminal it writes
/// at most PIPE_BUF bytes once poll() says there is room, so that it never sticks in write():
/// after give_up() (shutdown) it stops waiting at the deadline and drops what is left. A
/// closed pipe is an error (EPIPE: the writer thread blocks SIGPIPE), not the emulator's end.
class fd_sink final : public spdlog::sinks::base_sink<std::mutex> {
public:
    explicit fd_sink(int fd) : fd_(fd) {
        struct stat st {};
        regular_ = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
    }
    std::uint64_t failed() const { return failed_.load(std::memory_order_relaxed); }
    /// From now on, stop waiting for a descriptor that takes nothing after `patience`.
    void give_up(std::chrono::milliseconds patience) {
        deadline_.store((steady::now() + patience).time_since_epoch().count(),
                        std::memory_order_relaxed);
    }

protected:
    void sink_it_(const spdlog::details::log_msg& msg) override {
        const std::string_view text(msg.payload.data(), msg.payload.size());
        std::size_t done = 0;
        while (done < text.size()) {
            std::size_t chunk = text.size() - done;
            if (!regular_) {
                pollfd p{fd_, POLLOUT, 0};
                const int ready = ::poll(&p, 1, 100);
                if (ready < 0 && errno != EINTR)
                    break;
                if (ready <= 0) {
                    if (past_deadline())
                        break;
                    continue;
                }
                if (p.revents & (POLLERR | POLLNVAL))
                    break;
                chunk = std::min<std::size_t>(chunk, PIPE_BUF);
            }
            const ssize_t n = ::write(fd_, text.data() + done, chunk);
            if (n > 0)
                done += static_cast<std::size_t>(n);
            else if (n < 0 && errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK)
                break; // closed pipe, full disk: the rest is lost
            else if (past_deadline())
                break;
        }
        const auto rest = text.substr(done);
        if (!rest.empty())
            failed_.fetch_add(
                static_cast<std::uint64_t>(std::count(rest.begin(), rest.end(), '\n')),
                std::memory_order_relaxed);
    }
    void flush_() override {}

private:
    using steady = std::chrono::steady_clock;
    bool past_deadline() const {
        const auto d = deadline_.load(std::memory_order_relaxed);
        return d != 0 && steady::now().time_since_epoch().count() >= d;
    }

    int fd_;
    bool regular_ = false; // a file: always writable, written whole
    std::atomic<std::uint64_t> failed_{0};
    std::atomic<steady::rep> deadline_{0};
};

std::chrono::steady_clock::duration steady_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::steady_clock::now() - t;
}

} // namespace

/// The asynchronous path. Lines are gathered into batches (one mutex, held for a copy) and
/// each batch goes through spdlog's asynchronous logger to its writer thread: one queue
/// hand-over and one write() per batch instead of per line, which is what keeps the access
/// log cheap (a hand-over per line woke the writer thread on every request). A line waits in
/// the batch at most `linger`: a batch is handed over when it holds `batch_limit` bytes, when
/// the previous hand-over is older than `linger` (so an idle emulator's lines appear at once),
/// or by the flusher thread when it has waited `linger`. At most `queued_batches` wait for a slow
/// stderr (4 MiB): a batch beyond that is dropped and its lines counted; nobody ever waits.
struct event_log::writer {
    using steady = std::chrono::steady_clock;
    static constexpr std::size_t batch_limit = 16 * 1024;
    static constexpr std::size_t queued_batches = 256;
    static constexpr auto linger = std::chrono::milliseconds(20);

    std::shared_ptr<fd_sink> sink;
    std::shared_ptr<spdlog::details::thread_pool> pool;
    std::shared_ptr<spdlog::async_logger> logger;

    std::mutex mutex; // everything below
    std::string batch;
    std::uint64_t batch_lines = 0;
    steady::time_point last_post{};
    std::uint64_t dropped = 0;
    bool closed = false;
    bool flusher_stop = false;
    bool flusher_idle = false; // in the untimed wait: the next line must wake it
    std::condition_variable flusher_wake;
    std::thread flusher; // last: starts once the rest exists

    void add(std::string_view line) {
        std::lock_guard lock(mutex);
        if (closed)
            return;
        batch.append(line);
        batch.push_back('\n');
        ++batch_lines;
        if (batch.size() >= batch_limit || steady::now() - last_post >= linger)
            post();
        else if (batch_lines == 1 && flusher_idle) // the flusher must hand it over in time
            flusher_wake.notify_one();
    }

    /// Hands the batch to the writer thread, or drops it when too much waits (mutex held).
    void post() {
        if (batch.empty())
            return;
        last_post = steady::now();
        if (pool->queue_size() >= queued_batches)
            dropped += batch_lines;
        else
            logger->log(spdlog::level::info, std::string_view(batch)); // copies the batch
        batch.clear();
        batch_lines = 0;
    }
};

event_log::event_log(log_format format, log_level level, int fd)
    : format_(format), level_(level), writer_(std::make_unique<writer>()) {
    auto& w = *writer_;
    w.sink = std::make_shared<fd_sink>(fd);
    // Room for the batches and the pool's own terminate message.
    {
        // The writer thread inherits a blocked SIGPIPE: writing to a closed pipe fails, and
        // the emulator goes on without a log.
        sigset_t sigpipe_only, old_mask;
        sigemptyset(&sigpipe_only);
        sigaddset(&sigpipe_only, SIGPIPE);
        pthread_sigmask(SIG_BLOCK, &sigpipe_only, &old_mask);
        w.pool = std::make_shared<spdlog::details::thread_pool>(writer::queued_batches + 8, 1);
        pthread_sigmask(SIG_SETMASK, &old_mask, nullptr);
    }
    // Not registered in spdlog's global registry: the log belongs to this object alone. The
    // overflow policy never blocks (post() keeps the queue from filling anyway).
    w.logger = std::make_shared<spdlog::async_logger>(
        "fgs-emulator", w.sink, w.pool, spdlog::async_overflow_policy::overrun_oldest);
    w.logger->set_level(spdlog::level::trace); // the levels are filtered before formatting
    w.batch.reserve(writer::batch_limit + 4096);
    // While lines come, looks every `linger` and hands over a batch that old; after a
    // `linger` without lines, sleeps until the next line wakes it (an idle emulator costs no
    // wake-ups). Waking it for every new batch instead cost a futex call and a context
    // switch per batch, and a third contender for the mutex.
    w.flusher = std::thread([&w] {
        std::unique_lock lock(w.mutex);
        bool quiet = false; // the last look found no line
        while (!w.flusher_stop) {
            if (w.batch.empty() && quiet) {
                w.flusher_idle = true;
                w.flusher_wake.wait(lock, [&w] { return w.flusher_stop || !w.batch.empty(); });
                w.flusher_idle = false;
                quiet = false;
                continue;
            }
            if (w.flusher_wake.wait_for(lock, writer::linger, [&w] { return w.flusher_stop; }))
                break;
            quiet = w.batch.empty();
            if (!quiet && steady_since(w.last_post) >= writer::linger)
                w.post();
        }
    });
}

event_log::event_log(log_format format, log_level level, line_sink sink)
    : format_(format), level_(level), sink_(std::move(sink)) {}

event_log::~event_log() {
    close();
}

void event_log::close() {
    if (!writer_)
        return;
    auto& w = *writer_;
    {
        std::lock_guard lock(w.mutex);
        if (w.closed)
            return;
        w.post();
        w.closed = true;
        w.flusher_stop = true;
    }
    w.flusher_wake.notify_one();
    w.flusher.join();
    // The pool's destructor lets its thread write what is queued, then joins it. A stderr that
    // takes nothing for 2 s (a stalled pipe) must not keep the emulator from exiting.
    w.sink->give_up(std::chrono::seconds(2));
    std::lock_guard lock(w.mutex);
    w.dropped += w.pool->overrun_counter(); // none expected: post() checks the room first
    w.logger.reset();
    w.pool.reset();
}

std::uint64_t event_log::dropped() const {
    if (!writer_)
        return 0;
    std::lock_guard lock(writer_->mutex);
    return writer_->dropped + (writer_->pool ? writer_->pool->overrun_counter() : 0) +
           writer_->sink->failed();
}

void event_log::write(log_level, std::string_view line) {
    if (sink_)
        sink_(line);
    else
        writer_->add(line);
}

} // namespace emu
