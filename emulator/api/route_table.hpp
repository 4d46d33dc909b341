#pragma once
// (method, path pattern) → handler: the matcher behind the public API's route table
// (api/routes.cpp) and the control API's (control/routes.cpp).
#include "http/message.hpp"
#include "http/uri.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace emu::api {

/// Whether a pattern segment is a parameter ("{name}").
inline bool is_path_param(std::string_view segment) {
    return !segment.empty() && segment.front() == '{';
}

/// A table of routes whose handlers have type `Handler`. Patterns are string literals
/// (the table keeps views of them). Not thread-safe to build; const use is thread-safe.
template <class Handler> class route_table {
public:
    struct route {
        http::verb method;
        std::string_view pattern;               ///< as documented, e.g. "/v2/{project_id}/…"
        std::vector<std::string_view> segments; ///< the pattern's segments
        std::string_view operation;             ///< the documented operation id
        Handler fn;
        bool open = false; ///< served without credentials (the dashboard's static files)
    };

    /// The route for a path's segments and a method, or none with the methods allowed on
    /// the path ("GET, PUT"; empty when no pattern matches the path at all).
    struct match {
        const route* found = nullptr;
        std::string allowed;
    };

    void add(http::verb method, std::string_view pattern, std::string_view operation, Handler fn,
             bool open = false) {
        routes_.push_back({method, pattern, split_path(pattern), operation, fn, open});
    }

    match find(http::verb method, const std::vector<std::string_view>& segments) const {
        match m;
        for (auto& r : routes_) {
            if (r.segments.size() != segments.size())
                continue;
            bool same = true;
            for (std::size_t i = 0; same && i < segments.size(); ++i)
                same = is_path_param(r.segments[i]) ? !segments[i].empty()
                                                    : r.segments[i] == segments[i];
            if (!same)
                continue;
            if (r.method == method) {
                m.found = &r;
                return m;
            }
            m.allowed += (m.allowed.empty() ? "" : ", ") + std::string(http::to_string(r.method));
        }
        return m;
    }

    /// Every route, in the order added (docs and the OpenAPI completeness test walk it).
    const std::vector<route>& routes() const { return routes_; }

private:
    std::vector<route> routes_;
};

} // namespace emu::api
