#include "app/option_table.hpp"

#include "domain/switches.hpp"
#include "http/text.hpp"

#include <charconv>
#include <cstdint>

namespace emu {
namespace {

bool parse_uint(std::string_view v, std::uint64_t& out, std::uint64_t max) {
    std::uint64_t mult = 1;
    if (!v.empty() && (v.back() == 'K' || v.back() == 'k'))
        mult = 1024, v.remove_suffix(1);
    else if (!v.empty() && (v.back() == 'M' || v.back() == 'm'))
        mult = 1024 * 1024, v.remove_suffix(1);
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
    if (ec != std::errc() || p != v.data() + v.size() || v.empty())
        return false;
    if (out > max / mult)
        return false;
    out *= mult;
    return out <= max;
}

auto uint_into(std::function<void(options&, std::uint64_t)> set, std::uint64_t lo,
               std::uint64_t hi) {
    return [set, lo, hi](options& o, std::string_view v) {
        std::uint64_t n = 0;
        if (!parse_uint(v, n, hi) || n < lo)
            return false;
        set(o, n);
        return true;
    };
}

/// "an integer from LO to HI".
std::string ints(std::uint64_t lo, std::uint64_t hi, std::string_view unit = "an integer") {
    return std::string(unit) + " from " + std::to_string(lo) + " to " + std::to_string(hi);
}

/// A byte count the way --help writes it: 4096M, 16K, 300.
std::string size_text(std::uint64_t n) {
    if (n >= 1024 * 1024 && n % (1024 * 1024) == 0)
        return std::to_string(n / (1024 * 1024)) + "M";
    if (n >= 1024 && n % 1024 == 0)
        return std::to_string(n / 1024) + "K";
    return std::to_string(n);
}

/// "a size from LO to HI bytes …".
std::string sizes(std::uint64_t lo, std::uint64_t hi) {
    return "a size in bytes from " + size_text(lo) + " to " + size_text(hi) +
           ", a plain number or with a K (1024) or M (1048576) suffix, e.g. 64K or 6M";
}

} // namespace

const std::vector<flag>& flags() {
    static const std::vector<flag> table = {
        {"host", "ADDR",
         "address to bind (default 127.0.0.1; anything else is reachable "
         "from other machines)",
         [](options& o, std::string_view v) {
             o.server.host = v;
             return !v.empty();
         },
         "an address (not empty)"},
        {"port", "N", "port to listen on (default 8000; 0 picks a free port)",
         uint_into(
             [](options& o, std::uint64_t n) { o.server.port = static_cast<unsigned short>(n); }, 0,
             65535),
         ints(0, 65535)},
        {"threads", "N", "I/O threads (default: number of cores)",
         uint_into([](options& o, std::uint64_t n) { o.server.threads = static_cast<unsigned>(n); },
                   1, 256),
         ints(1, 256)},
        {"max-body", "BYTES",
         "largest request body, K/M suffixes allowed (default 6M); larger "
         "bodies get 413 FSS.0413",
         uint_into([](options& o, std::uint64_t n) { o.server.max_body = n; }, 1,
                   std::uint64_t{1} << 32),
         sizes(1, std::uint64_t{1} << 32)},
        {"read-timeout-ms", "MS", "deadline to read one request (default 30000)",
         uint_into([](options& o,
                      std::uint64_t n) { o.server.read_timeout = std::chrono::milliseconds(n); },
                   1, 3600000),
         ints(1, 3600000, "milliseconds")},
        {"max-connections", "N", "open connections at most; more are closed (default 10000)",
         uint_into([](options& o, std::uint64_t n) { o.server.max_connections = n; }, 1, 1000000),
         ints(1, 1000000)},
        {"profile", "NAME", "preset of switches: documented (default), observed, example, strict",
         [](options& o, std::string_view v) {
             o.profile = v;
             return true;
         }},
        {"set", "NAME=VALUE", "set one switch (repeatable; see --list-switches)",
         [](options& o, std::string_view v) {
             o.sets.emplace_back(v);
             return true;
         }},
        {"fixtures", "DIR", "load every *.json fixture file of DIR at start-up",
         [](options& o, std::string_view v) {
             o.fixtures = std::string(v);
             return !v.empty();
         },
         "a directory (not empty)"},
        {"region", "NAME", "region in the URNs of created functions (default cn-north-4)",
         [](options& o, std::string_view v) {
             o.region = v;
             return !v.empty() && v.find(':') == std::string_view::npos;
         },
         "a region name without ':' (e.g. cn-north-4)"},
        {"seed", "N", "seed for generated ids (reproducible func_id and X-Request-Id)",
         uint_into([](options& o, std::uint64_t n) { o.seed = n; }, 0, UINT64_MAX),
         ints(0, UINT64_MAX)},
        {"admin", "on|off",
         "the /_emulator/ control API (default on); off: 404 like any "
         "unknown path",
         [](options& o, std::string_view v) {
             if (v != "on" && v != "off")
                 return false;
             o.admin = v == "on";
             return true;
         },
         "on or off"},
        {"admin-token", "TOKEN", "require X-Emulator-Token: TOKEN on the control API",
         [](options& o, std::string_view v) {
             o.admin_token = v;
             return !v.empty();
         },
         "a token (not empty)"},
        {"journal-size", "N", "requests kept in the request journal (default 1000; 0 = off)",
         uint_into([](options& o, std::uint64_t n) { o.journal_size = n; }, 0, 1000000),
         ints(0, 1000000)},
        {"max-invocation-records", "N",
         "async invocation records kept per project, oldest finished out first (default 10000)",
         uint_into([](options& o, std::uint64_t n) { o.max_invocation_records = n; }, 1, 10000000),
         ints(1, 10000000)},
        {"max-deliveries", "N", "destination deliveries kept per project (default 10000)",
         uint_into([](options& o, std::uint64_t n) { o.max_deliveries = n; }, 1, 10000000),
         ints(1, 10000000)},
        {"auth", "MODE",
         "off (accept all), any (default: a token or a well-formed signature; "
         "signatures verified once credentials exist), strict",
         [](options& o, std::string_view v) {
             o.auth = v;
             return v == "off" || v == "any" || v == "strict";
         },
         "off, any or strict"},
        {"credential", "AK:SK[:PROJECT]",
         "an AK/SK pair whose signatures verify, optionally "
         "bound to a project (repeatable)",
         [](options& o, std::string_view v) {
             o.credentials.emplace_back(v);
             return true;
         }},
        {"auth-token", "TOKEN[:PROJECT]",
         "a token X-Auth-Token may carry, optionally bound to a "
         "project (repeatable); none: any non-empty token",
         [](options& o, std::string_view v) {
             o.tokens.emplace_back(v);
             return true;
         }},
        {"state-file", "PATH",
         "load the state from PATH at start-up (if it exists) instead "
         "of --fixtures, and save it there atomically after changes "
         "and at shutdown",
         [](options& o, std::string_view v) {
             o.state_file = std::string(v);
             return !v.empty();
         },
         "a path (not empty)"},
        {"state-save-ms", "MS",
         "with --state-file: save this long after the last change "
         "(default 200; at most 5 times as long during a stream of "
         "changes)",
         uint_into(
             [](options& o, std::uint64_t n) { o.state_save_delay = std::chrono::milliseconds(n); },
             1, 60000),
         ints(1, 60000, "milliseconds")},
        {"max-header", "BYTES",
         "largest header section, request line excluded (default 16K); "
         "larger gets 431",
         uint_into([](options& o, std::uint64_t n) { o.server.max_header = n; }, 1024,
                   std::uint64_t{1} << 20),
         sizes(1024, std::uint64_t{1} << 20)},
        {"max-target", "BYTES", "longest request target (default 8K); longer gets 414",
         uint_into([](options& o, std::uint64_t n) { o.server.max_target = n; }, 256,
                   std::uint64_t{1} << 20),
         sizes(256, std::uint64_t{1} << 20)},
        {"log-format", "text|json",
         "format of the log on stderr (default text); json: one object per "
         "line",
         [](options& o, std::string_view v) {
             auto f = parse_log_format(v);
             return f && (o.log_format = *f, true);
         }},
        {"log-level", "error|warn|info|debug",
         "what is logged (default info): info is warn plus a line per "
         "request, start-up and shutdown; debug adds deferrals",
         [](options& o, std::string_view v) {
             auto l = parse_log_level(v);
             return l && (o.log_level = *l, true);
         }},
        {"config", "FILE", "read flags from FILE, one 'name = value' per line, # comments",
         [](options& o, std::string_view v) {
             o.config = std::string(v);
             return !v.empty();
         },
         "a file (not empty)"},
        {"list-switches", nullptr, "print every switch with its values and presets, and exit",
         [](options& o, std::string_view) { return o.list_switches = true; }},
        {"list-errors", nullptr, "print the error table (markdown, as in docs/errors.md) and exit",
         [](options& o, std::string_view) { return o.list_errors = true; }},
        {"version", nullptr, "print the version and git commit and exit (also -V)",
         [](options& o, std::string_view) { return o.version = true; }},
        {"help", nullptr, "print this help and exit (also -h)",
         [](options& o, std::string_view) { return o.help = true; }},
    };
    return table;
}

std::string env_name(std::string_view flag_name) {
    std::string n = "FGS_EMULATOR_";
    for (char c : flag_name)
        n.push_back(c == '-' ? '_'
                             : static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    return n;
}

const flag* find_flag(std::string_view name) {
    for (auto& f : flags())
        if (name == f.name)
            return &f;
    return nullptr;
}

} // namespace emu
