#pragma once
// Identifier generation (function ids, request ids). Random by default; reproducible after
// seed(). Thread-safe.
#include <cstdint>
#include <mutex>
#include <random>
#include <string>

namespace emu::domain {

class id_generator {
public:
    id_generator();
    /// Makes the sequence of generated ids reproducible.
    void seed(std::uint64_t s);
    /// A random RFC 4122 version-4 UUID in lower-case text form.
    std::string uuid();

private:
    std::mutex mutex_;
    std::mt19937_64 engine_;
};

} // namespace emu::domain
