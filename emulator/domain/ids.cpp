#include "domain/ids.hpp"

namespace emu::domain {

id_generator::id_generator() : engine_(std::random_device{}()) {}

void id_generator::seed(std::uint64_t s) {
    std::lock_guard lock(mutex_);
    engine_.seed(s);
    seeded_.store(true, std::memory_order_release);
}

std::string id_generator::uuid() {
    std::uint64_t hi = 0, lo = 0;
    if (!seeded_.load(std::memory_order_acquire)) {
        thread_local std::mt19937_64 own{[] {
            std::random_device device;
            return (std::uint64_t{device()} << 32) | device();
        }()};
        hi = own();
        lo = own();
    } else {
        std::lock_guard lock(mutex_);
        hi = engine_();
        lo = engine_();
    }
    hi = (hi & ~0xf000ULL) | 0x4000ULL;             // version 4
    lo = (lo & ~(0xc0ULL << 56)) | (0x80ULL << 56); // variant 10
    // Formatted into a buffer, then one string: a push_back per character was a fifth of it.
    static constexpr char digits[] = "0123456789abcdef";
    char text[36];
    char* p = text;
    auto put = [&p](std::uint64_t v, int from_nibble, int count) {
        for (int i = 0; i < count; ++i)
            *p++ = digits[(v >> (4 * (15 - from_nibble - i))) & 0xf];
    };
    put(hi, 0, 8);
    *p++ = '-';
    put(hi, 8, 4);
    *p++ = '-';
    put(hi, 12, 4);
    *p++ = '-';
    put(lo, 0, 4);
    *p++ = '-';
    put(lo, 4, 12);
    return std::string(text, sizeof text);
}

} // namespace emu::domain
