#pragma once
// Identifier generation (function ids, request ids). Random by default; reproducible after
// seed(). Thread-safe.
#include <atomic>
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
    /// Unseeded, every thread draws from its own engine: every request takes an id (its
    /// X-Request-Id), and one shared engine and lock went back and forth between the I/O
    /// threads' cores. Seeded, the one shared engine gives the reproducible sequence.
    std::atomic<bool> seeded_{false};
    std::mutex mutex_;
    std::mt19937_64 engine_;
};

} // namespace emu::domain
