#pragma once
// Authentication of /v2 requests (docs/clients.md).
// Emulation: G — there is no IAM here: tokens and AK/SK credentials are whatever
// --auth-token / --credential (or a state document) configure; with none configured, any
// non-empty token and any well-formed signature pass.
#include "http/message.hpp"
#include <chrono>

#include <atomic>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace emu::gateway {

/// --auth: off (accept all), any (default), strict (token known, signature verified).
enum class auth_mode { off, any, strict };

/// An AK/SK pair, optionally bound to one project (empty: any project).
struct credential {
    std::string access_key;
    std::string secret_key;
    std::string project_id;
    friend bool operator==(const credential&, const credential&) = default;
};

/// A token, optionally bound to one project.
struct auth_token {
    std::string token;
    std::string project_id;
    friend bool operator==(const auth_token&, const auth_token&) = default;
};

/// Configured credentials and tokens. Thread-safe.
class credential_store {
public:
    void add(credential c);
    void add(auth_token t);
    std::vector<credential> credentials() const;
    std::vector<auth_token> tokens() const;
    std::optional<credential> find_access_key(std::string_view ak) const;
    std::optional<auth_token> find_token(std::string_view token) const;
    /// Whether any token / credential is configured (no copies: on every request).
    bool has_tokens() const;
    bool has_credentials() const;

private:
    void count() noexcept; ///< lock held: publishes the sizes below

    mutable std::mutex mutex_;
    std::vector<credential> credentials_;
    std::vector<auth_token> tokens_;
    // The sizes, for the lock-free checks of every request (usually: none configured).
    std::atomic<std::size_t> credential_count_{0};
    std::atomic<std::size_t> token_count_{0};
};

/// Why a request was not authenticated: the gateway's message suffix (spec §11.2).
struct auth_failure {
    std::string message;
};

/// nullopt when the request may proceed. `project` is the path's project, `now` the clock
/// X-Sdk-Date is checked against (±15 minutes). Thread-safe.
std::optional<auth_failure> authenticate(const request& req, std::string_view project,
                                         auth_mode mode, const credential_store& creds,
                                         std::chrono::system_clock::time_point now);

/// Parses "AK:SK" or "AK:SK:PROJECT" (--credential); nullopt when malformed.
std::optional<credential> parse_credential(std::string_view text);

/// Parses "TOKEN" or "TOKEN:PROJECT" (--auth-token); nullopt when empty.
std::optional<auth_token> parse_auth_token(std::string_view text);

} // namespace emu::gateway
