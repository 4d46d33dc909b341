#pragma once
// What the listener and the sessions of one server share.
#include "server/request_handler.hpp"

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace emu::server {

class http_session;

/// Per-request limits applied by every session (meaning as in server_options).
struct session_limits {
    std::size_t max_body;
    std::size_t max_header;
    std::size_t max_target;
    std::chrono::milliseconds read_timeout;
};

/// What the listener and all sessions of one server share: limits, the application callbacks
/// and the set of live sessions (for max_connections and graceful stop). Thread-safe.
class session_context {
public:
    /// `on_drained` is called once, from any thread, when the server is stopping and the
    /// last session has gone.
    session_context(session_limits limits, request_handler handler, std::size_t max_connections,
                    std::function<void()> on_drained);

    const session_limits limits;   ///< limits for every request
    const request_handler handler; ///< the application; called on session strands

    /// Registers a new session. Returns false, and the caller drops the session (which closes
    /// its socket), when max_connections sessions are live or the server is stopping.
    bool add(const std::shared_ptr<http_session>& session);
    /// Unregisters a session; called from its destructor. May call on_drained.
    void remove(const http_session* session) noexcept;
    /// Refuses further sessions and asks every live one to close once idle.
    void shutdown_all();
    /// Closes every live session now, whatever it is doing (end of the shutdown grace).
    void close_all();
    /// Number of live sessions.
    std::size_t size() const noexcept { return count_.load(); }

private:
    std::vector<std::shared_ptr<http_session>> snapshot();

    const std::size_t max_connections_;
    const std::function<void()> on_drained_;
    std::mutex mutex_;
    std::unordered_map<const http_session*, std::weak_ptr<http_session>> live_;
    std::atomic<std::size_t> count_{0};
    bool stopping_ = false;
    bool drained_ = false;
};

} // namespace emu::server
