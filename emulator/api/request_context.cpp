#include "api/request_context.hpp"

#include "http/uri.hpp"

#include <cctype>

namespace emu::api {

bool is_project_id(std::string_view s) {
    if (s.empty() || s.size() > 64)
        return false;
    for (char c : s)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_')
            return false;
    return true;
}

request_context::request_context(const request& r, service& s, response_meta m)
    : req(r), svc(s), meta(std::move(m)) {
    const std::string_view target = req.target();
    const auto qmark = target.find('?');
    path = target.substr(0, qmark);
    segments = split_path(path);
    if (qmark != std::string_view::npos)
        query = parse_query(target.substr(qmark + 1));
    if (segments.size() >= 2 && segments[0] == "v2") {
        if (!percent_decode(segments[1], project_id) || !is_project_id(project_id)) {
            project_id.clear();
            project_invalid = true;
        }
    }
}

} // namespace emu::api
