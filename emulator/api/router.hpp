#pragma once
// (method, path pattern) → handler, plus everything every request gets: a request id,
// the switches in force, authentication and Content-Type rules, the single catch-all for
// bugs, and the answers to requests the transport could not read in full.
#include "api/http_types.hpp"
#include "api/request_context.hpp"
#include "api/service.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace emu::api {

class router {
public:
    /// A handler of one documented operation.
    using handler = response (*)(request_context&);

    explicit router(service& svc);

    /// Answers one request: control requests under /_emulator/, or the emulated API with
    /// fault injection and the journal. Thread-safe; never throws.
    outcome handle(const request& req) const;

    /// Every route: method and path pattern ("/v2/{project_id}/fgs/functions"), in table order.
    std::vector<std::pair<http::verb, std::string>> routes() const;

    /// Answers a request whose body exceeded --max-body (413, connection closes).
    response body_too_large(unsigned version) const;
    /// Answers a request whose header section exceeded its limit (431).
    response header_too_large() const;
    /// Answers a request whose target exceeded its limit (414).
    response target_too_long() const;

private:
    struct route {
        http::verb method;
        std::vector<std::string_view> pattern; ///< literal segments or {name}
        handler fn;
        bool control; ///< /_emulator/: control token; no auth, journal or faults
        bool open;    ///< control route served without the control token (dashboard files)
    };

    /// Routes, decodes parameters, checks auth and Content-Type, calls the handler.
    response dispatch(request_context& ctx) const;
    /// handle() for the emulated API: faults first, then dispatch, then the journal.
    outcome handle_public(request_context& ctx) const;

    service& svc_;
    std::vector<route> routes_;
};

} // namespace emu::api
