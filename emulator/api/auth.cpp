#include "api/auth.hpp"

#include <string_view>

namespace emu::api {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

/// Finds "name=" in a comma-separated list and returns its value (empty when absent).
std::string_view part_value(std::string_view params, std::string_view name) {
    while (!params.empty()) {
        auto comma = params.find(',');
        auto part = trim(params.substr(0, comma));
        if (part.size() > name.size() && part.substr(0, name.size()) == name &&
            part[name.size()] == '=')
            return part.substr(name.size() + 1);
        if (comma == std::string_view::npos)
            break;
        params.remove_prefix(comma + 1);
    }
    return {};
}

/// Whether the ';'-separated list holds `name`.
bool lists(std::string_view names, std::string_view name) {
    while (true) {
        auto semi = names.find(';');
        if (trim(names.substr(0, semi)) == name)
            return true;
        if (semi == std::string_view::npos)
            return false;
        names.remove_prefix(semi + 1);
    }
}

} // namespace

std::optional<std::string> check_credentials(const request& req) {
    if (auto it = req.find("X-Auth-Token"); it != req.end()) {
        if (!trim(it->value()).empty())
            return std::nullopt;
        return "x-auth-token is empty";
    }
    auto it = req.find(http::field::authorization);
    if (it == req.end())
        return "x-auth-token not found";
    std::string_view value = trim(it->value());
    constexpr std::string_view scheme = "SDK-HMAC-SHA256 ";
    if (value.substr(0, scheme.size()) != scheme) {
        auto space = value.find(' ');
        return "unsupported authorization algorithm '" + std::string(value.substr(0, space)) +
               "', only SDK-HMAC-SHA256 is accepted";
    }
    value.remove_prefix(scheme.size());
    for (std::string_view part : {"Access", "SignedHeaders", "Signature"})
        if (part_value(value, part).empty())
            return "authorization header lacks " + std::string(part) + "=";
    // Spec §12.2 step 1: x-sdk-date must be among the signed headers.
    if (!lists(part_value(value, "SignedHeaders"), "x-sdk-date"))
        return "authorization header's SignedHeaders lacks x-sdk-date";
    if (req.find("X-Sdk-Date") == req.end())
        return "x-sdk-date not found";
    return std::nullopt;
}

} // namespace emu::api
