#pragma once
// The dashboard's files and the OpenAPI document, embedded at build time (embed.cmake).
#include <optional>
#include <string_view>

namespace emu::ui {

/// One embedded file: its bytes and the Content-Type to serve them with.
struct asset {
    std::string_view content_type;
    std::string_view body;
};

/// The embedded file named `name` ("index.html", "app.js", "openapi.json", …), if any.
std::optional<asset> find_asset(std::string_view name);

} // namespace emu::ui
