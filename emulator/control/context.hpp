#pragma once
// What a control handler gets: the request context every handler gets, plus the whole
// service state (the journal, fault rules and control settings are not the public API's).
#include "api/request_context.hpp"
#include "control/service_state.hpp"

namespace emu::control {

struct context : api::request_context {
    service_state& state;

    context(const request& r, service_state& s, response_meta m)
        : api::request_context(r, s.svc, std::move(m)), state(s) {}
};

} // namespace emu::control
