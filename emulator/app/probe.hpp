#pragma once
// `fgs-emulator --probe URL`: the health check of the container image, which has no curl.
// One blocking HTTP/1.1 GET of a plain http:// URL, bounded by a short timeout.
#include <chrono>
#include <string>
#include <string_view>

namespace emu {

/// Exit status of a probe: 0 on a 2xx answer, 1 on anything else (another status, refused,
/// timed out, unresolvable host), 2 on a malformed URL. Writes one line to `error` otherwise.
int probe(std::string_view url, std::chrono::milliseconds timeout, std::string& error);

/// main's entry for `fgs-emulator --probe URL`: argv[1] is "--probe". Prints the error line on
/// stderr ("fgs-emulator: probe URL: cause") and returns the exit status.
int probe_main(int argc, char** argv);

} // namespace emu
