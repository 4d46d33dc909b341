#include "app/options.hpp"

#include "domain/switches.hpp"
#include "http/text.hpp"

#include <algorithm>
#include <charconv>
#include <climits>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>

extern char** environ; // POSIX: the process environment

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

struct flag {
    const char* name;
    const char* arg; ///< nullptr for a switch without value
    const char* help;
    std::function<bool(options&, std::string_view)> apply;
    std::string accepts{}; ///< what a bad value is told is accepted ("" for later checks)
};

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

} // namespace

namespace {

const flag* find_flag(std::string_view name) {
    for (auto& f : flags())
        if (name == f.name)
            return &f;
    return nullptr;
}

/// Levenshtein distance (insertions, deletions, substitutions).
std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = up;
        }
    }
    return row[b.size()];
}

/// The warning for an environment entry NAME=VALUE whose NAME starts with FGS_EMULATOR_ but
/// sets no option; nullopt for every other entry.
std::optional<std::string> unknown_variable(std::string_view entry) {
    constexpr std::string_view prefix = "FGS_EMULATOR_";
    std::string_view name = entry.substr(0, entry.find('='));
    if (name.substr(0, prefix.size()) != prefix)
        return std::nullopt;
    const flag* nearest = nullptr;
    std::size_t best = SIZE_MAX;
    for (auto& f : flags()) {
        if (name == env_name(f.name)) {
            if (f.arg || std::string_view(f.name) == "config")
                return std::nullopt; // an option's variable
            return std::string(name) + " is ignored: --" + f.name +
                   " cannot be set from the environment";
        }
        if (!f.arg)
            continue;
        auto d = edit_distance(name.substr(prefix.size()), env_name(f.name).substr(prefix.size()));
        if (d < best)
            best = d, nearest = &f;
    }
    std::string w = std::string(name) + " names no option and is ignored";
    // Close enough to be a typo: at most 2 edits, or a third of the name.
    if (nearest && (best <= 2 || best * 3 <= name.size() - prefix.size()))
        w += "; did you mean " + env_name(nearest->name) + " (--" + nearest->name + ")?";
    else
        w += " (see --help for the options)";
    return w;
}

bool repeatable(std::string_view name) {
    return name == "set" || name == "credential" || name == "auth-token";
}

/// Blanks around config-file names and values (CR too: files written on Windows).
constexpr std::string_view config_blanks = " \t\r";

} // namespace

std::optional<std::string> parse_options(int argc, char** argv, options& out) {
    auto apply = [&](const flag& f, std::string_view value,
                     const std::string& source) -> std::optional<std::string> {
        if (!f.apply(out, value))
            return source + ": invalid value '" + std::string(value) + "' for --" + f.name + " " +
                   (f.arg ? f.arg : "") + (f.accepts.empty() ? "" : ": expected " + f.accepts);
        return std::nullopt;
    };

    // 1. The command line, checked but applied last.
    std::vector<std::pair<const flag*, std::string>> command_line;
    for (int i = 1; i < argc; ++i) {
        std::string_view a = argv[i];
        if (a == "-h" || a == "-V") // the usual short forms of --help and --version
            a = a == "-h" ? "--help" : "--version";
        if (a.substr(0, 2) != "--")
            return "unexpected argument '" + std::string(a) + "' (see --help)";
        a.remove_prefix(2);
        std::optional<std::string_view> inline_value;
        if (auto eq = a.find('='); eq != std::string_view::npos) {
            inline_value = a.substr(eq + 1);
            a = a.substr(0, eq);
        }
        const flag* f = find_flag(a);
        if (!f)
            return "unknown option --" + std::string(a) + " (see --help)";
        std::string_view value;
        if (f->arg) {
            if (inline_value)
                value = *inline_value;
            else if (i + 1 < argc)
                value = argv[++i];
            else
                return "option --" + std::string(a) + " needs a value " + f->arg;
        } else if (inline_value) {
            return "option --" + std::string(a) + " takes no value";
        }
        command_line.emplace_back(f, std::string(value));
    }

    // 2. The config file named on the command line or in FGS_EMULATOR_CONFIG.
    std::optional<std::string> config;
    if (const char* v = std::getenv("FGS_EMULATOR_CONFIG"))
        config = v;
    for (auto& [f, v] : command_line)
        if (std::string_view(f->name) == "config")
            config = v;
    if (config) {
        std::ifstream in(*config);
        if (!in)
            return "--config " + *config + ": cannot be read";
        std::string line;
        for (int n = 1; std::getline(in, line); ++n) {
            std::string_view l =
                trim(std::string_view(line).substr(0, line.find('#')), config_blanks);
            if (l.empty())
                continue;
            auto sep = l.find_first_of("= \t");
            std::string_view name = trim(l.substr(0, sep), config_blanks);
            std::string_view value = sep == std::string_view::npos
                                         ? std::string_view{}
                                         : trim(l.substr(sep + 1), config_blanks);
            if (!value.empty() && value.front() == '=')
                value = trim(value.substr(1), config_blanks);
            const flag* f = find_flag(name);
            std::string where = *config + ":" + std::to_string(n);
            if (!f || std::string_view(f->name) == "config")
                return where + ": unknown option '" + std::string(name) + "'";
            if (!f->arg && !value.empty() && value != "true")
                return where + ": option " + std::string(name) + " takes no value";
            if (auto e = apply(*f, value, where))
                return e;
        }
        out.config = config;
    }

    // 3. The environment.
    for (auto& f : flags()) {
        if (f.arg == nullptr || std::string_view(f.name) == "config")
            continue;
        const char* v = std::getenv(env_name(f.name).c_str());
        if (!v)
            continue;
        std::string_view all = v;
        if (!repeatable(f.name)) {
            if (auto e = apply(f, all, env_name(f.name)))
                return e;
            continue;
        }
        // Repeatable flags hold comma-separated values.
        while (!all.empty()) {
            auto comma = all.find(',');
            if (auto e = apply(f, all.substr(0, comma), env_name(f.name)))
                return e;
            all = comma == std::string_view::npos ? "" : all.substr(comma + 1);
        }
    }

    // A variable with our prefix that names no option is most likely a typo: say which
    // option was probably meant (it is ignored, like any other variable).
    for (char** e = environ; e && *e; ++e)
        if (auto w = unknown_variable(*e))
            out.warnings.push_back(std::move(*w));

    // 4. The command line wins.
    for (auto& [f, v] : command_line)
        if (auto e = apply(*f, v, "command line"))
            return e;
    return std::nullopt;
}

std::string usage() {
    std::ostringstream s;
    s << "Usage: fgs-emulator [OPTIONS]\n"
         "Offline emulator of Huawei Cloud FunctionGraph's asynchronous-invocation API.\n\n"
         "Options (each also settable as FGS_EMULATOR_<NAME>, e.g. FGS_EMULATOR_PORT=0, and\n"
         "as 'name = value' in a --config file; repeatable ones take commas in variables):\n";
    for (auto& f : flags()) {
        std::string left = std::string("  --") + f.name + (f.arg ? std::string(" ") + f.arg : "");
        // At least two spaces before the help text: README's flag table is checked against it.
        s << left << std::string(left.size() < 34 ? 34 - left.size() : 2, ' ') << f.help << '\n';
    }
    s << "\nThe first line printed on stdout is 'listening on http://HOST:PORT'.\n"
         "SIGINT/SIGTERM stop accepting, finish requests in flight and exit 0.\n";
    return s.str();
}

std::string switch_listing() {
    std::ostringstream s;
    std::vector<domain::switches> presets;
    for (auto name : domain::preset_names())
        presets.push_back(*domain::preset(name));
    s << "switch (reference): accepted values; per preset";
    for (auto name : domain::preset_names())
        s << " " << name;
    s << "\n";
    for (auto& sw : domain::switch_table()) {
        s << "  " << sw.name << " (" << sw.ref << "): ";
        if (sw.values.empty())
            s << "integer";
        for (std::size_t i = 0; i < sw.values.size(); ++i)
            s << (i ? "|" : "") << sw.values[i];
        s << ";";
        for (auto& p : presets)
            s << " " << domain::get_switch(p, sw.name);
        s << "\n      " << sw.summary << "\n";
    }
    return s.str();
}

} // namespace emu
