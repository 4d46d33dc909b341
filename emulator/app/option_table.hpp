#pragma once
// The table of command-line flags (each also an FGS_EMULATOR_* variable and a config-file
// key): name, argument, help text, how it applies to the options and what it accepts.
#include "app/options.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace emu {

/// One flag of the command line.
struct flag {
    const char* name;
    const char* arg; ///< nullptr for a switch without value
    const char* help;
    std::function<bool(options&, std::string_view)> apply;
    std::string accepts{}; ///< what a bad value is told is accepted ("" for later checks)
};

/// Every flag, in --help order.
const std::vector<flag>& flags();

/// The flag named NAME (without the leading --); nullptr when there is none.
const flag* find_flag(std::string_view name);

/// FGS_EMULATOR_<NAME> with dashes as underscores: the flag's environment variable.
std::string env_name(std::string_view flag_name);

} // namespace emu
