#include "server/session_context.hpp"

#include "server/http_session.hpp"

#include <utility>

namespace emu::server {

session_context::session_context(session_limits limits, request_handler handler,
                                 std::size_t max_connections, std::function<void()> on_drained)
    : limits(limits), handler(std::move(handler)), max_connections_(max_connections),
      on_drained_(std::move(on_drained)) {}

bool session_context::add(const std::shared_ptr<http_session>& session) {
    std::lock_guard lock(mutex_);
    if (stopping_ || live_.size() >= max_connections_)
        return false;
    live_.emplace(session.get(), session);
    count_.store(live_.size());
    return true;
}

void session_context::remove(const http_session* session) noexcept {
    bool drained = false;
    {
        std::lock_guard lock(mutex_);
        if (live_.erase(session) == 0)
            return;
        count_.store(live_.size());
        drained = stopping_ && live_.empty() && !std::exchange(drained_, true);
    }
    if (drained)
        on_drained_();
}

void session_context::shutdown_all() {
    bool drained = false;
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        drained = live_.empty() && !std::exchange(drained_, true);
    }
    if (drained)
        return on_drained_();
    for (const auto& session : snapshot())
        session->shutdown();
}

void session_context::close_all() {
    for (const auto& session : snapshot())
        session->force_close();
}

// Strong references are taken under the lock and used after it is released: dropping the
// last one runs ~http_session, which locks again in remove().
std::vector<std::shared_ptr<http_session>> session_context::snapshot() {
    std::vector<std::shared_ptr<http_session>> sessions;
    std::lock_guard lock(mutex_);
    sessions.reserve(live_.size());
    for (const auto& [key, weak] : live_)
        if (auto session = weak.lock())
            sessions.push_back(std::move(session));
    return sessions;
}

} // namespace emu::server
