#include "api/version_handlers.hpp"

#include "api/handler_support.hpp"
#include "api/json_codec.hpp"

#include <boost/json/array.hpp>

namespace emu::api {
namespace json = boost::json;

answer create_function_version(request_context& ctx) {
    domain::function_urn urn;
    domain::publish_input input;
    std::optional<answer> err;
    if (!decode_urn_and_body(
            ctx, [&](const json::value& body) { return decode_publish_input(body, ctx.switches); },
            urn, input, err))
        return std::move(*err);
    auto published =
        ctx.svc.store.publish_version(ctx.project_id, urn, input, ctx.switches, ctx.now);
    if (!published)
        return error_answer(ctx, published.error());
    json::object out = encode_version(*published, ctx.switches);
    // Emulation: D21 — the publish example answers "version":"latest" with an unqualified
    // func_urn (switch publish_answer_version=latest).
    if (ctx.switches.publish_answer_version == domain::publish_version_field::latest) {
        out["version"] = "latest";
        out["func_urn"] = published->version.record.unqualified_urn();
    }
    return json_answer(ctx, out);
}

answer list_function_versions(request_context& ctx) {
    auto urn = path_urn(ctx);
    if (!urn)
        return error_answer(ctx, urn.error());
    // Emulation: G — ListFunctionVersions pages like ListFunctions: marker/maxitems, 400 at
    // most, next_marker 0 on the last page.
    domain::paging_rules rules{"maxitems", 400, 400};
    auto req =
        domain::parse_page_request(ctx.query_param("marker"), ctx.query_param("maxitems"), rules);
    if (!req)
        return error_answer(ctx, req.error());
    auto page = ctx.svc.store.list_versions(ctx.project_id, *urn, ctx.switches, *req);
    if (!page)
        return error_answer(ctx, page.error());
    json::array items;
    for (auto& v : page->items)
        items.push_back(encode_version(v, ctx.switches));
    std::size_t next = req->offset + page->items.size();
    json::object out;
    out["versions"] = std::move(items);
    out["next_marker"] = next >= page->total ? 0 : next;
    out["count"] = page->total;
    return json_answer(ctx, out);
}

} // namespace emu::api
