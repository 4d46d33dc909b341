#include "control/support.hpp"

#include <boost/json/parse.hpp>

namespace emu::control {
using namespace api; // the control API is built from the public API's pieces

std::optional<std::string> control_project(const context& ctx) {
    auto p = ctx.query_param("project_id");
    if (!p || p->empty())
        return std::nullopt;
    return std::string(*p);
}

std::optional<api::answer> control_body(context& ctx, boost::json::object& out) {
    const std::string& body = ctx.req.body();
    if (body.find_first_not_of(" \t\r\n") == std::string::npos) {
        out = {};
        return std::nullopt;
    }
    boost::system::error_code ec;
    auto v = boost::json::parse(body, ec);
    if (ec)
        return control_error(ctx, "the body is not valid JSON (" + ec.message() + ")");
    if (!v.is_object())
        return control_error(ctx, "the body must be a JSON object");
    out = std::move(v.get_object());
    return std::nullopt;
}

api::answer control_error(context& ctx, const std::string& detail) {
    return error_answer(ctx, api_errc::control_bad_request, detail);
}

} // namespace emu::control
