#include "app/access_log.hpp"

#include <spdlog/async_logger.h>
#include <spdlog/details/thread_pool.h>
#include <spdlog/sinks/base_sink.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <climits>
#include <condition_variable>
#include <csignal>
#include <ctime>
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

/// "2024-05-01T12:34:56.123456Z": the wall clock in UTC, to the microsecond. The calendar
/// part is computed once a second per thread.
void append_time(std::string& out) {
    using namespace std::chrono;
    const auto now = time_point_cast<microseconds>(system_clock::now());
    const auto secs = time_point_cast<seconds>(now);
    thread_local std::time_t cached_second = -1;
    thread_local char cached[32];
    const std::time_t t = system_clock::to_time_t(secs);
    if (t != cached_second) {
        std::tm tm{};
        ::gmtime_r(&t, &tm);
        std::strftime(cached, sizeof cached, "%Y-%m-%dT%H:%M:%S", &tm);
        cached_second = t;
    }
    out += cached;
    const auto us = static_cast<unsigned>((now - secs).count());
    char frac[9] = {'.', 0, 0, 0, 0, 0, 0, 'Z', 0};
    for (int i = 6, v = static_cast<int>(us); i >= 1; --i, v /= 10)
        frac[i] = static_cast<char>('0' + v % 10);
    out.append(frac, 8);
}

void append_uint(std::string& out, std::uint64_t v) {
    char digits[20];
    int n = 0;
    do
        digits[n++] = static_cast<char>('0' + v % 10);
    while (v /= 10);
    while (n)
        out.push_back(digits[--n]);
}

/// Length of the valid UTF-8 sequence at s[i], or 0.
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = b(i);
    std::size_t n = c < 0x80           ? 1
                    : (c >> 5) == 0x6  ? 2
                    : (c >> 4) == 0xE  ? 3
                    : (c >> 3) == 0x1E ? 4
                                       : 0;
    if (n == 0 || i + n > s.size() || (n == 2 && c < 0xC2))
        return 0;
    for (std::size_t k = 1; k < n; ++k)
        if ((b(i + k) & 0xC0) != 0x80)
            return 0;
    if (n == 3) {
        const unsigned cp = ((c & 0x0Fu) << 12) | ((b(i + 1) & 0x3Fu) << 6);
        if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
    }
    if (n == 4) {
        const unsigned cp = ((c & 0x07u) << 18) | ((b(i + 1) & 0x3Fu) << 12);
        if (cp < 0x10000 || cp > 0x10FFFF)
            return 0;
    }
    return n;
}

/// A JSON string: quotes, escapes, and U+FFFD for bytes that are not UTF-8. Runs of plain
/// characters are copied at once (this runs for every request).
void append_json_string(std::string& out, std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    out.push_back('"');
    std::size_t plain = 0; // start of the run not copied yet
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
            ++i;
            continue;
        }
        if (c >= 0x80) {
            if (const auto n = utf8_sequence(s, i)) {
                i += n;
                continue;
            }
        }
        out.append(s.substr(plain, i - plain));
        if (c >= 0x80) {
            out += "\\ufffd";
        } else if (c == '"' || c == '\\') {
            out.push_back('\\');
            out.push_back(static_cast<char>(c));
        } else {
            out += "\\u00";
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 0xF]);
        }
        plain = ++i;
    }
    out.append(s.substr(plain));
    out.push_back('"');
}

/// A value of a text line: as is when it is a plain word, else a JSON string.
void append_text_value(std::string& out, std::string_view s) {
    const bool plain = !s.empty() && std::all_of(s.begin(), s.end(), [](char ch) {
        const auto c = static_cast<unsigned char>(ch);
        return c > 0x20 && c < 0x7f && c != '"' && c != '=' && c != '\\';
    });
    if (plain)
        out.append(s);
    else
        append_json_string(out, s);
}

/// The request target of a text line: bytes that would split or garble the line
/// (controls, spaces, non-ASCII, '"') percent-encoded, as in a URL.
void append_text_target(std::string& out, std::string_view s) {
    static constexpr char hex[] = "0123456789ABCDEF";
    if (s.empty())
        out.push_back('-');
    std::size_t plain = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c > 0x20 && c < 0x7f && c != '"')
            continue;
        out.append(s.substr(plain, i - plain));
        out.push_back('%');
        out.push_back(hex[c >> 4]);
        out.push_back(hex[c & 0xF]);
        plain = i + 1;
    }
    out.append(s.substr(plain));
}

std::chrono::steady_clock::duration steady_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::steady_clock::now() - t;
}

/// The line under construction, one buffer per thread (no allocation once warm).
std::string& line_buffer() {
    thread_local std::string line;
    line.clear();
    return line;
}

} // namespace

std::optional<log_format> parse_log_format(std::string_view name) {
    if (name == "text")
        return log_format::text;
    if (name == "json")
        return log_format::json;
    return std::nullopt;
}

std::optional<log_level> parse_log_level(std::string_view name) {
    for (auto l : {log_level::error, log_level::warn, log_level::info, log_level::debug})
        if (name == log_level_name(l))
            return l;
    return std::nullopt;
}

std::string_view log_level_name(log_level level) {
    switch (level) {
    case log_level::error:
        return "error";
    case log_level::warn:
        return "warn";
    case log_level::info:
        return "info";
    case log_level::debug:
        break;
    }
    return "debug";
}

std::string_view error_code_of(std::string_view body) {
    constexpr std::string_view key = "\"error_code\":\"";
    auto at = body.find(key);
    if (at == std::string_view::npos)
        return {};
    at += key.size();
    auto end = body.find('"', at);
    if (end == std::string_view::npos || end - at > 64)
        return {};
    return body.substr(at, end - at);
}

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

void event_log::access(const access_entry& e) {
    if (!access_enabled())
        return;
    std::string& line = line_buffer();
    const bool failed = e.status < 200 || e.status > 299;
    if (format_ == log_format::json) {
        line += "{\"time\":\"";
        append_time(line);
        line += "\",\"level\":\"info\",\"event\":\"request\",\"request_id\":";
        append_json_string(line, e.request_id);
        line += ",\"project\":";
        if (e.project.empty())
            line += "null";
        else
            append_json_string(line, e.project);
        line += ",\"method\":";
        append_json_string(line, e.method);
        line += ",\"path\":";
        append_json_string(line, e.target);
        line += ",\"status\":";
        append_uint(line, e.status);
        line += ",\"error_code\":";
        if (failed && !e.error_code.empty())
            append_json_string(line, e.error_code);
        else
            line += "null";
        line += ",\"rule\":";
        if (e.rule.empty())
            line += "null";
        else
            append_json_string(line, e.rule);
        line += ",\"duration_us\":";
        append_uint(line, static_cast<std::uint64_t>(e.duration.count()));
        line += e.deferred ? ",\"deferred\":true}" : ",\"deferred\":false}";
    } else {
        append_time(line);
        line += " info request ";
        append_text_value(line, e.method);
        line.push_back(' ');
        append_text_target(line, e.target);
        line.push_back(' ');
        append_uint(line, e.status);
        line.push_back(' ');
        append_uint(line, static_cast<std::uint64_t>(e.duration.count()));
        line += "us id=";
        append_text_value(line, e.request_id);
        line += " project=";
        if (e.project.empty())
            line.push_back('-');
        else
            append_text_value(line, e.project);
        if (failed && !e.error_code.empty()) {
            line += " error_code=";
            append_text_value(line, e.error_code);
        }
        if (!e.rule.empty()) {
            line += " rule=";
            append_text_value(line, e.rule);
        }
        if (e.deferred)
            line += " deferred=true";
    }
    write(log_level::info, line);
}

void event_log::event(log_level level, std::string_view name, std::string_view message,
                      std::initializer_list<log_field> fields) {
    if (!enabled(level))
        return;
    std::string& line = line_buffer();
    if (format_ == log_format::json) {
        line += "{\"time\":\"";
        append_time(line);
        line += "\",\"level\":\"";
        line += log_level_name(level);
        line += "\",\"event\":";
        append_json_string(line, name);
        line += ",\"message\":";
        append_json_string(line, message);
        for (auto& f : fields) {
            line.push_back(',');
            append_json_string(line, f.name);
            line.push_back(':');
            if (auto* s = std::get_if<std::string_view>(&f.value))
                append_json_string(line, *s);
            else if (auto* n = std::get_if<std::uint64_t>(&f.value))
                append_uint(line, *n);
            else
                line += std::get<bool>(f.value) ? "true" : "false";
        }
        line.push_back('}');
    } else {
        append_time(line);
        line.push_back(' ');
        line += log_level_name(level);
        line.push_back(' ');
        append_text_value(line, name);
        line += " message=";
        append_text_value(line, message);
        for (auto& f : fields) {
            line.push_back(' ');
            line += f.name;
            line.push_back('=');
            if (auto* s = std::get_if<std::string_view>(&f.value))
                append_text_value(line, *s);
            else if (auto* n = std::get_if<std::uint64_t>(&f.value))
                append_uint(line, *n);
            else
                line += std::get<bool>(f.value) ? "true" : "false";
        }
    }
    write(level, line);
}

} // namespace emu
