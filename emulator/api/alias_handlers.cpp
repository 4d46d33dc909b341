#include "api/alias_handlers.hpp"

#include "api/handler_support.hpp"
#include "api/http_response.hpp"
#include "api/json_codec.hpp"

#include <boost/json/array.hpp>

namespace emu::api {
namespace json = boost::json;

namespace {

/// Decodes the URN and the alias body; on failure `err` holds the answer.
bool decode_alias_request(request_context& ctx, domain::function_urn& urn, domain::alias_input& in,
                          std::optional<answer>& err) {
    return decode_urn_and_body(
        ctx,
        [&](const json::value& body) {
            return decode_alias_input(body, ctx.switches, ctx.req.body());
        },
        urn, in, err);
}

} // namespace

answer create_version_alias(request_context& ctx) {
    domain::function_urn urn;
    domain::alias_input in;
    std::optional<answer> err;
    if (!decode_alias_request(ctx, urn, in, err))
        return std::move(*err);
    auto alias = ctx.svc.store.create_alias(ctx.project_id, urn, in, ctx.switches, ctx.now);
    if (!alias)
        return error_answer(ctx, alias.error());
    json::object out = encode_alias(*alias, ctx.switches);
    // Emulation: D21 — the alias example answers "version":"latest" whatever was asked
    // (switch publish_answer_version=latest).
    if (ctx.switches.publish_answer_version == domain::publish_version_field::latest)
        out["version"] = "latest";
    return json_answer(ctx, out);
}

answer list_version_aliases(request_context& ctx) {
    auto urn = path_urn(ctx);
    if (!urn)
        return error_answer(ctx, urn.error());
    auto aliases = ctx.svc.store.list_aliases(ctx.project_id, *urn, ctx.switches);
    if (!aliases)
        return error_answer(ctx, aliases.error());
    json::array out;
    for (auto& a : *aliases)
        out.push_back(encode_alias(a, ctx.switches));
    return json_answer(ctx, out);
}

answer show_version_alias(request_context& ctx) {
    auto urn = path_urn(ctx);
    if (!urn)
        return error_answer(ctx, urn.error());
    auto alias = ctx.svc.store.get_alias(ctx.project_id, *urn, ctx.resource_id, ctx.switches);
    if (!alias) // the alias query page's own example (D16, in the error table)
        return error_answer(ctx, alias.error(), page_kind::alias_query);
    return json_answer(ctx, encode_alias(*alias, ctx.switches));
}

answer update_version_alias(request_context& ctx) {
    domain::function_urn urn;
    domain::alias_input in;
    std::optional<answer> err;
    if (!decode_alias_request(ctx, urn, in, err))
        return std::move(*err);
    auto alias =
        ctx.svc.store.update_alias(ctx.project_id, urn, ctx.resource_id, in, ctx.switches, ctx.now);
    if (!alias)
        return error_answer(ctx, alias.error());
    return json_answer(ctx, encode_alias(*alias, ctx.switches));
}

answer delete_version_alias(request_context& ctx) {
    auto urn = path_urn(ctx);
    if (!urn)
        return error_answer(ctx, urn.error());
    if (auto r = ctx.svc.store.delete_alias(ctx.project_id, *urn, ctx.resource_id, ctx.switches);
        !r)
        return error_answer(ctx, r.error());
    return make_empty_response(http::status::no_content, ctx.meta);
}

} // namespace emu::api
