#include "api/function_handlers.hpp"

#include "api/handler_support.hpp"
#include "api/http_response.hpp"
#include "api/json_codec.hpp"
#include "domain/validation.hpp"

#include <boost/json/array.hpp>

namespace emu::api {
namespace json = boost::json;

answer create_function(request_context& ctx) {
    json::value body(ctx.json); // parse_json_body fills it in place
    if (auto err = parse_json_body(ctx, body))
        return std::move(*err);
    auto input = decode_function_input(body, ctx.req.body());
    if (!input)
        return error_answer(ctx, input.error());
    auto record = domain::build_function(*input);
    if (!record)
        return error_answer(ctx, record.error());
    auto stored = ctx.svc.store.create_function(ctx.project_id, ctx.svc.region, std::move(*record),
                                                ctx.switches, ctx.now);
    if (!stored)
        return error_answer(ctx, stored.error());
    return json_answer(ctx, encode_function(*stored, ctx.switches));
}

answer list_functions(request_context& ctx) {
    // Emulation: G — ListFunctions pages with marker/maxitems, 400 per page at most.
    domain::paging_rules rules{"maxitems", 400, 400};
    auto req =
        domain::parse_page_request(ctx.query_param("marker"), ctx.query_param("maxitems"), rules);
    if (!req)
        return error_answer(ctx, req.error());
    auto page = ctx.svc.store.list_functions(ctx.project_id, *req);
    json::array items;
    for (auto& f : page.items)
        items.push_back(encode_function(f, ctx.switches));
    std::size_t next = req->offset + page.items.size();
    json::object out;
    out["functions"] = std::move(items);
    out["next_marker"] = next >= page.total ? 0 : next;
    out["count"] = page.total;
    return json_answer(ctx, out);
}

answer show_function_config(request_context& ctx) {
    auto urn = path_urn(ctx);
    if (!urn)
        return error_answer(ctx, urn.error());
    auto v = ctx.svc.store.get_version(ctx.project_id, *urn, ctx.switches);
    if (!v)
        return error_answer(ctx, v.error());
    return json_answer(ctx, encode_function(v->record, ctx.switches, v->version));
}

answer delete_function(request_context& ctx) {
    auto urn = path_urn(ctx);
    if (!urn)
        return error_answer(ctx, urn.error());
    if (auto r = ctx.svc.store.delete_function(ctx.project_id, *urn, ctx.switches); !r)
        return error_answer(ctx, r.error());
    return make_empty_response(http::status::no_content, ctx.meta);
}

namespace {

/// PUT …/code and PUT …/config share everything but the store call.
template <class Update> answer update_latest(request_context& ctx, Update&& update) {
    domain::function_urn urn;
    domain::function_input input;
    std::optional<answer> err;
    if (!decode_urn_and_body(
            ctx,
            [&](const json::value& body) { return decode_function_input(body, ctx.req.body()); },
            urn, input, err))
        return std::move(*err);
    auto updated = update(urn, input);
    if (!updated)
        return error_answer(ctx, updated.error());
    return json_answer(ctx, encode_function(*updated, ctx.switches));
}

} // namespace

answer update_function_code(request_context& ctx) {
    return update_latest(ctx, [&](const domain::function_urn& urn,
                                  const domain::function_input& in) {
        return ctx.svc.store.update_function_code(ctx.project_id, urn, in, ctx.switches, ctx.now);
    });
}

answer update_function_config(request_context& ctx) {
    return update_latest(ctx, [&](const domain::function_urn& urn,
                                  const domain::function_input& in) {
        return ctx.svc.store.update_function_config(ctx.project_id, urn, in, ctx.switches, ctx.now);
    });
}

} // namespace emu::api
