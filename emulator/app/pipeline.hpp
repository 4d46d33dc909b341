#pragma once
// The request pipeline: every request the transport hands over passes the stages listed in
// order in pipeline.cpp — access log, journal, faults, switches, routing, path parameters,
// authentication, Content-Type, handler — and leaves as a reply for the session.
#include "control/service_state.hpp"
#include "http/message.hpp"
#include "server/request_handler.hpp"

#include <optional>

namespace emu {

class event_log;

class pipeline {
public:
    /// Serves `state`, writing an access line per request to `log` when given (neither is
    /// owned; both must outlive the pipeline).
    explicit pipeline(control::service_state& state, event_log* log = nullptr);

    /// Answers one request now, or returns nullopt when a handler took it to answer later
    /// through a sink made by `later` (control-API waits). Thread-safe; never throws: a
    /// bug in a handler answers the documented 500.
    std::optional<server::reply> handle(const request& req, const server::deferral& later) const;

    /// Answers a request that the transport could not read in full (413, 414, 431).
    server::reply reject(server::transport_error why, const server::request_header& head) const;

private:
    control::service_state& state_;
    event_log* log_;
};

} // namespace emu
