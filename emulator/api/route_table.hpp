#pragma once
// (method, path pattern) → handler: the matcher behind the public API's route table
// (api/routes.cpp) and the control API's (control/routes.cpp).
#include "domain/switches.hpp"
#include "http/message.hpp"
#include "http/uri.hpp"

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace emu::api {

/// The region profiles (switch region_profile, D20) a route exists in.
class region_set {
public:
    /// Exactly the profiles listed.
    constexpr region_set(std::initializer_list<domain::region_profile> profiles) {
        for (auto p : profiles)
            bits_ |= bit(p);
    }
    /// Every profile: the routes every region's pages list.
    static constexpr region_set all() {
        region_set s{};
        s.bits_ = ~0u;
        return s;
    }
    constexpr bool contains(domain::region_profile p) const { return (bits_ & bit(p)) != 0; }

private:
    static constexpr unsigned bit(domain::region_profile p) {
        return 1u << static_cast<unsigned>(p);
    }
    unsigned bits_ = 0;
};

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
        region_set regions = region_set::all(); ///< where the route exists (D20)
    };

    /// The route for a path's segments and a method, or none with the methods allowed on
    /// the path ("GET, PUT"; empty when no pattern matches the path at all). `absent` is a
    /// route of that method and path that does not exist under the switches in force.
    struct match {
        const route* found = nullptr;
        std::string allowed;
        const route* absent = nullptr;
    };

    void add(http::verb method, std::string_view pattern, std::string_view operation, Handler fn,
             bool open = false) {
        routes_.push_back({method, pattern, split_path(pattern), operation, fn, open});
    }

    /// A route that exists only under the region profiles listed (D20).
    void add(http::verb method, std::string_view pattern, std::string_view operation, Handler fn,
             region_set regions) {
        routes_.push_back({method, pattern, split_path(pattern), operation, fn, false, regions});
    }

    /// Matches in table order, skipping the routes that do not exist under `in_force`
    /// (region_profile): those answer as if they were not in the table at all.
    match find(http::verb method, const std::vector<std::string_view>& segments,
               const domain::switches& in_force = {}) const {
        match m;
        for (auto& r : routes_) {
            if (!matches(r, segments))
                continue;
            // Emulation: D20 — some regions' pages lack some operations (switch
            // region_profile); there the gateway knows no such API.
            if (!r.regions.contains(in_force.region_profile)) {
                if (r.method == method && !m.absent)
                    m.absent = &r;
                continue;
            }
            if (r.method == method) {
                m.found = &r;
                return m;
            }
        }
        // No route: the methods the path has, for 405's Allow (only now: most requests match).
        for (auto& r : routes_)
            if (matches(r, segments) && r.regions.contains(in_force.region_profile))
                m.allowed +=
                    (m.allowed.empty() ? "" : ", ") + std::string(http::to_string(r.method));
        return m;
    }

    /// Every route, in the order added (docs and the OpenAPI completeness test walk it).
    const std::vector<route>& routes() const { return routes_; }

private:
    /// Whether the path's segments fit the route's pattern. From the last segment back: the
    /// patterns of one length mostly differ in their last literal ("async-invoke-config",
    /// "invocations-async", …), so most routes are told apart by one comparison.
    static bool matches(const route& r, const std::vector<std::string_view>& segments) {
        if (r.segments.size() != segments.size())
            return false;
        for (std::size_t i = segments.size(); i-- > 0;)
            if (is_path_param(r.segments[i]) ? segments[i].empty() : r.segments[i] != segments[i])
                return false;
        return true;
    }

    std::vector<route> routes_;
};

} // namespace emu::api
