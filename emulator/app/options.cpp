#include "app/options.hpp"

#include "app/option_table.hpp"

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
