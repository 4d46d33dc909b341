#pragma once
// (method, path pattern) → handler, plus everything every request gets: a request id,
// the switches in force, authentication and Content-Type rules, the single catch-all for
// bugs, and the answers to requests the transport could not read in full.
#include "api/http_types.hpp"
#include "api/request_context.hpp"
#include "api/service.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace emu::api {

class router {
public:
    /// A handler of one documented operation.
    using handler = response (*)(request_context&);

    explicit router(service& svc);

    /// Answers one request. Thread-safe; never throws.
    response handle(const request& req) const;

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
        bool public_api; ///< /v2: authentication and Content-Type rules apply
    };

    response dispatch(const request& req, response_meta meta) const;

    service& svc_;
    std::vector<route> routes_;
};

} // namespace emu::api
