#pragma once
// The emulator's log on stderr (--log-format, --log-level): one access line per request, and
// the events around them — start-up, shutdown, loaded fixtures, state-file saves, internal
// errors. Formats and field names: README.md, "Logging".
//
// Writing never blocks the thread that logs on the terminal or pipe: lines are gathered in
// batches that spdlog's asynchronous logger hands to its own thread, which writes them. What
// waits for a slow reader is bounded (about 4 MiB); beyond that new lines are dropped and
// counted (dropped(), and the "stopped" line at shutdown). A slow terminal or pipe costs lines,
// never request latency. Lines reach the descriptor within about 40 ms.
#include <chrono>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace emu {

enum class log_format { text, json };
/// Ordered: a level includes the ones before it. info (the default) adds the access log.
enum class log_level { error, warn, info, debug };

std::optional<log_format> parse_log_format(std::string_view name);
std::optional<log_level> parse_log_level(std::string_view name);
std::string_view log_level_name(log_level level);

/// What the access line of one request says.
struct access_entry {
    std::string_view request_id;
    std::string_view project; ///< "" when the path has none
    std::string_view method;
    std::string_view target; ///< path and query, as sent
    unsigned status = 0;     ///< 0: no answer (the connection was reset by a fault)
    std::string_view error_code;
    std::string_view rule;
    std::chrono::microseconds duration{0};
    bool deferred = false; ///< answered later (a control-API wait); duration includes the wait
};

/// The "error_code" of an error body ({"error_code":"FSS.0404",…}), found without parsing
/// the whole body; "" when there is none.
std::string_view error_code_of(std::string_view body);

/// A named value of an event line.
struct log_field {
    std::string_view name;
    std::variant<std::string_view, std::uint64_t, bool> value;
};

class event_log {
public:
    /// Receives each line, without its newline, on the thread that logged it (tests).
    using line_sink = std::function<void(std::string_view line)>;

    /// Logs to file descriptor `fd` (stderr by default) through the asynchronous writer.
    explicit event_log(log_format format, log_level level, int fd = 2);
    /// Logs to `sink`, synchronously.
    event_log(log_format format, log_level level, line_sink sink);
    /// close().
    ~event_log();
    event_log(const event_log&) = delete;
    event_log& operator=(const event_log&) = delete;

    bool enabled(log_level level) const { return level <= level_; }
    bool access_enabled() const { return enabled(log_level::info); }
    log_format format() const { return format_; }

    /// One access line (at level info).
    void access(const access_entry& entry);
    /// One event line: `name` says what happened, `message` says it in words.
    void event(log_level level, std::string_view name, std::string_view message,
               std::initializer_list<log_field> fields = {});

    /// Lines lost so far: dropped from a full queue, or not writable (e.g. a closed pipe).
    std::uint64_t dropped() const;
    /// Writes every queued line and stops the writer; lines logged later are discarded.
    /// Idempotent; thread-safe.
    void close();

private:
    void write(log_level level, std::string_view line);

    struct writer;
    log_format format_;
    log_level level_;
    line_sink sink_;
    std::unique_ptr<writer> writer_;
};

} // namespace emu
