#include "api/async_invoke_config_handlers.hpp"

#include "api/config_answer_cache.hpp"
#include "api/doc_examples.hpp"
#include "api/handler_support.hpp"
#include "api/http_response.hpp"
#include "api/json_codec.hpp"

#include <boost/json/array.hpp>

namespace emu::api {
namespace json = boost::json;

namespace {

bool replay_examples(const request_context& ctx) {
    // Emulation: D03 — the example profile answers with the documentation's example.
    return ctx.switches.response_body == domain::response_body::example;
}

} // namespace

answer update_function_async_invoke_config(request_context& ctx) {
    domain::function_urn urn;
    domain::config_input input;
    std::optional<answer> err;
    // The usual body goes straight from its text into config_input; any other, and every
    // error, takes the DOM decoder, which words the errors (json_decode_direct.cpp).
    if (auto direct = decode_config_input_direct(ctx.req.body())) {
        auto parsed = path_urn(ctx);
        if (!parsed)
            return error_answer(ctx, parsed.error());
        urn = std::move(*parsed);
        input = std::move(*direct);
    } else if (!decode_urn_and_body(
                   ctx,
                   [&](const json::value& body) {
                       return decode_config_input(body, ctx.switches, ctx.req.body());
                   },
                   urn, input, err))
        return std::move(*err);
    auto stored = ctx.svc.store.put_config(ctx.project_id, urn, input, ctx.switches, ctx.now);
    if (!stored)
        return error_answer(ctx, stored.error());
    if (replay_examples(ctx))
        return raw_json_answer(ctx, std::string(async_invoke_config_example()));
    return raw_json_answer(ctx, encode_config_text(*stored, ctx.switches));
}

answer show_function_async_invoke_config(request_context& ctx) {
    // Served again while the store, the URN and the switches are unchanged: parsing the URN,
    // copying the config and encoding it were most of a GET (config_answer_cache.hpp).
    const config_answer_key key{ctx.svc.store.revision(), ctx.project_id, ctx.svc.region,
                                ctx.function_urn, ctx.switches};
    if (const auto* text = find_config_answer(key))
        return raw_json_answer(ctx, *text);
    auto urn = path_urn(ctx);
    if (!urn)
        return error_answer(ctx, urn.error());
    auto config = ctx.svc.store.get_config(ctx.project_id, *urn, ctx.switches);
    if (!config)
        return error_answer(ctx, config.error());
    auto text = replay_examples(ctx) ? std::string(async_invoke_config_example())
                                     : encode_config_text(*config, ctx.switches);
    keep_config_answer(key, text);
    return raw_json_answer(ctx, std::move(text));
}

answer delete_function_async_invoke_config(request_context& ctx) {
    auto urn = path_urn(ctx);
    if (!urn)
        return error_answer(ctx, urn.error());
    if (auto r = ctx.svc.store.delete_config(ctx.project_id, *urn, ctx.switches); !r)
        return error_answer(ctx, r.error());
    return make_empty_response(http::status::no_content, ctx.meta);
}

answer list_function_async_invoke_config(request_context& ctx) {
    auto urn = path_urn(ctx);
    if (!urn)
        return error_answer(ctx, urn.error());
    auto req = domain::parse_page_request(ctx.query_param("marker"), ctx.query_param("limit"));
    if (!req)
        return error_answer(ctx, req.error());
    auto page = ctx.svc.store.list_configs(ctx.project_id, *urn, ctx.switches, *req);
    if (!page)
        return error_answer(ctx, page.error());
    // Emulation: D10 — the example profile replays the inconsistent documented example.
    if (replay_examples(ctx))
        return raw_json_answer(ctx, std::string(async_invoke_configs_example()));
    json::array items(ctx.json);
    items.reserve(page->items.size());
    for (auto& c : page->items)
        items.push_back(encode_config(c, ctx.switches, ctx.json));
    auto info = domain::make_page_info(*req, page->items.size(), page->total, ctx.switches);
    json::object out(ctx.json);
    out["async_invoke_configs"] = std::move(items);
    out["count"] = page->total;
    out["page_info"] = {{"next_marker", info.next_marker},
                        {"previous_marker", info.previous_marker},
                        {"current_count", info.current_count}};
    return json_answer(ctx, out);
}

} // namespace emu::api
