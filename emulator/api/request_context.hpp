#pragma once
// What a handler gets: the request, the service, and what the router already resolved.
#include "api/http_types.hpp"
#include "api/service.hpp"
#include "domain/behaviour.hpp"
#include "domain/clock.hpp"
#include "domain/function_urn.hpp"

#include <boost/json/storage_ptr.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace emu::api {

struct request_context {
    const request& req;
    service& svc;
    domain::behaviour behaviour; ///< switches in force for this request
    response_meta meta;
    std::string project_id;   ///< decoded {project_id}, empty outside /v2
    std::string function_urn; ///< decoded {function_urn}, empty when the route has none
    std::string resource_id;  ///< decoded {id}: fault ids, alias names
    std::vector<std::pair<std::string, std::string>> query; ///< decoded, in order
    domain::time_point now;
    std::string rule; ///< set by error_answer: what made the answer non-2xx (journal)
    /// Memory for the request's JSON (the parsed body, the answer before serialising): a
    /// monotonic buffer freed at once when the request is done.
    boost::json::storage_ptr json = {};

    /// The first value of a query parameter.
    std::optional<std::string_view> query_param(std::string_view name) const {
        for (auto& [k, v] : query)
            if (k == name)
                return std::string_view(v);
        return std::nullopt;
    }

    /// Defaults for short URN forms: the path's project and the emulator's region.
    domain::urn_defaults urn_defaults() const { return {project_id, svc.region}; }
};

} // namespace emu::api
