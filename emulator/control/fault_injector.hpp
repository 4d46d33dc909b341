#pragma once
// Fault injection of the control API: rules matching method, path pattern and project that
// answer with an error, delay the answer, reset the connection, or damage the answer; for the
// next N matches or with a seeded probability. Thread-safe.
#include "api/error_catalog.hpp"

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace emu::control {

enum class fault_action {
    error,     ///< answer status + error body; the request is not applied
    delay,     ///< apply the request, answer after `delay`
    reset,     ///< close the connection without answering; the request is not applied
    truncate,  ///< apply the request, send the header and half the body, then close
    malformed, ///< apply the request, answer with a body that is not valid JSON
};

/// The answer of an error fault unless its rule says otherwise: the error table's 500.
inline const api::error_entry& injected_fault_answer() {
    static const api::error_entry e = api::describe(api::api_errc::internal, "injected fault", {});
    return e;
}

struct fault_rule {
    std::string id; ///< assigned by add()
    std::optional<std::string> method;
    std::optional<std::string> path_pattern; ///< glob over the path
    std::optional<std::string> project;
    fault_action action = fault_action::error;
    unsigned status = static_cast<unsigned>(injected_fault_answer().status);
    std::string error_code = injected_fault_answer().error_code;
    std::string error_msg = injected_fault_answer().error_msg;
    std::chrono::milliseconds delay{0};
    std::optional<std::uint64_t> remaining; ///< matches left; nullopt = unlimited
    std::optional<double> probability;      ///< 0..1 per match; nullopt = always
    std::uint64_t hits = 0;                 ///< times it fired
};

class fault_injector {
public:
    /// Stores a rule and returns it with its id ("f1", "f2", …).
    fault_rule add(fault_rule r);
    /// The first rule that matches and fires (consuming one of `remaining`, counting a hit).
    std::optional<fault_rule> match(std::string_view method, std::string_view path,
                                    std::string_view project);
    /// Rules, oldest first (all, or of one project).
    std::vector<fault_rule> list(const std::optional<std::string>& project = std::nullopt) const;
    /// Removes one rule; false when no rule has that id.
    bool remove(std::string_view id);
    /// Removes every rule, or those of one project.
    void clear(const std::optional<std::string>& project = std::nullopt);
    /// Makes probabilistic rules reproducible.
    void seed(std::uint64_t s);

private:
    mutable std::mutex mutex_;
    std::vector<fault_rule> rules_;
    std::uint64_t next_id_ = 1;
    std::mt19937_64 engine_{std::random_device{}()};
};

} // namespace emu::control
