#pragma once
// What a handler gets: the request, the service, and what the pipeline already resolved —
// the request line parsed once (path, segments, query), the project, the path parameters,
// the switches in force and the clock's reading.
#include "api/http_response.hpp"
#include "api/service.hpp"
#include "domain/clock.hpp"
#include "domain/function_urn.hpp"
#include "domain/switches.hpp"
#include "http/message.hpp"

#include <boost/json/storage_ptr.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace emu::api {

struct request_context {
    const request& req;
    service& svc;
    response_meta meta;
    std::string_view path;                                  ///< the target up to '?'
    std::vector<std::string_view> segments;                 ///< the path's segments, raw
    std::vector<std::pair<std::string, std::string>> query; ///< decoded, in order
    /// The decoded {project_id} of a /v2/{project_id}/… path, empty when there is none or
    /// it is not a valid project id (`project_invalid` then says so).
    std::string project_id;
    bool project_invalid = false;
    std::string function_urn;  ///< decoded {function_urn}, empty when the route has none
    std::string resource_id;   ///< decoded {id}: fault ids, alias names
    domain::switches switches; ///< switches in force for this request
    domain::time_point now;
    /// Memory for the request's JSON (the parsed body, the answer before serialising): a
    /// monotonic buffer freed at once when the request is done.
    boost::json::storage_ptr json = {};
    /// Takes the request out of the pipeline to answer it later: returns the sink to answer
    /// through, after which the handler returns answer::later(). Empty where answers cannot
    /// wait (a handler must then answer now).
    std::function<answer_sink()> defer;

    /// Parses the request line: path, segments, query and the project of a /v2 path.
    request_context(const request& r, service& s, response_meta m);

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

/// Whether `s` is a valid project id: 1-64 letters, digits, '-' or '_'.
bool is_project_id(std::string_view s);

} // namespace emu::api
