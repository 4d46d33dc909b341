#include "api/handler_support.hpp"

#include "api/http_response.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace emu::api {

answer error_answer(const request_context& ctx, const domain::error& e, page_kind page) {
    return {make_error_response(describe(e, ctx.switches, page), ctx.meta),
            rule_of(e, ctx.switches)};
}

answer error_answer(const request_context& ctx, api_errc e, const std::string& detail) {
    return {make_error_response(describe(e, detail, ctx.switches), ctx.meta),
            rule_of(e, ctx.switches)};
}

response json_answer(const request_context& ctx, const boost::json::value& body,
                     http::status status) {
    return make_json_response(status, boost::json::serialize(body), ctx.meta);
}

response raw_json_answer(const request_context& ctx, std::string body) {
    return make_json_response(http::status::ok, std::move(body), ctx.meta);
}

std::optional<answer> parse_json_body(request_context& ctx, boost::json::value& out) {
    const std::string& body = ctx.req.body();
    if (body.find_first_not_of(" \t\r\n") == std::string::npos)
        return error_answer(ctx, api_errc::malformed_json, "the request body is empty");
    boost::json::parse_options opt;
    opt.max_depth = 64;
    boost::system::error_code ec;
    out = boost::json::parse(body, ec, ctx.json, opt);
    if (ec)
        return error_answer(ctx, api_errc::malformed_json,
                            "the request body is not valid JSON (" + ec.message() + ")");
    return std::nullopt;
}

domain::result<domain::function_urn> path_urn(const request_context& ctx) {
    // Emulation: D09/D23 — the URN length and a space are errors in strict only.
    return domain::parse_function_urn(ctx.function_urn, ctx.urn_defaults(),
                                      {.strict_length = ctx.switches.strict_urn_length,
                                       .spaces = ctx.switches.reject_urn_spaces
                                                     ? domain::urn_spaces::reject_switch
                                                     : domain::urn_spaces::keep});
}

} // namespace emu::api
