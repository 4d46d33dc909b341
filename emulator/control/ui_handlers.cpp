// The dashboard and the OpenAPI document (docs/control-api.md#dashboard): static files
// embedded in the binary (emulator/control/ui/), served under /_emulator/ like the control
// API but without --admin-token — the page itself sends the token with every data call.
#include "control/handlers.hpp"

#include "api/handler_support.hpp"
#include "control/ui/ui_assets.hpp"

#include <string>

namespace emu::control {
using namespace api; // the control API is built from the public API's pieces
namespace {

response file_answer(const context& ctx, const ui::asset& a) {
    response res{http::status::ok, ctx.meta.version};
    res.set(http::field::server, "fgs-emulator");
    res.set("X-Request-Id", ctx.meta.request_id);
    res.set(http::field::content_type, a.content_type);
    res.set(http::field::cache_control, "no-cache");
    res.set("X-Content-Type-Options", "nosniff");
    // Everything comes from the emulator itself: the page works offline and loads nothing else.
    res.set("Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
            "frame-ancestors 'none'");
    res.keep_alive(ctx.meta.keep_alive);
    res.body().assign(a.body);
    res.prepare_payload();
    return res;
}

answer embedded(context& ctx, std::string_view name) {
    if (auto a = ui::find_asset(name))
        return file_answer(ctx, *a);
    return error_answer(ctx, api_errc::control_not_found,
                        "no dashboard file '" + std::string(name.substr(0, 128)) + "'");
}

} // namespace

answer control_ui_redirect(context& ctx) {
    response res{http::status::found, ctx.meta.version};
    res.set(http::field::server, "fgs-emulator");
    res.set("X-Request-Id", ctx.meta.request_id);
    res.set(http::field::location, "/_emulator/ui/");
    res.keep_alive(ctx.meta.keep_alive);
    res.prepare_payload();
    return res;
}

answer control_ui_index(context& ctx) {
    return embedded(ctx, "index.html");
}

answer control_ui_file(context& ctx) {
    std::string_view path = ctx.req.target().substr(0, ctx.req.target().find('?'));
    return embedded(ctx, path.substr(path.rfind('/') + 1));
}

answer control_openapi(context& ctx) {
    return embedded(ctx, "openapi.json");
}

} // namespace emu::control
