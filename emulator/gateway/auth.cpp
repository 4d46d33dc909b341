#include "gateway/auth.hpp"

#include "gateway/sdk_signature.hpp"
#include "http/text.hpp"

namespace emu::gateway {
namespace {

std::optional<auth_failure> fail(std::string message) {
    return auth_failure{std::move(message)};
}

std::optional<auth_failure> check_token(std::string_view token, std::string_view project,
                                        auth_mode mode, const credential_store& creds) {
    if (token.empty())
        return fail("x-auth-token is empty");
    auto known = creds.find_token(token);
    // Emulation: G — with no token configured, any non-empty token passes (unless strict).
    if (!known && (mode == auth_mode::strict || creds.has_tokens()))
        return fail("decrypt token fail");
    if (known && !known->project_id.empty() && known->project_id != project)
        return fail("the token is bound to project " + known->project_id + ", not " +
                    std::string(project));
    return std::nullopt;
}

std::optional<auth_failure> check_signature(const request& req, std::string_view project,
                                            auth_mode mode, const credential_store& creds,
                                            std::chrono::system_clock::time_point now) {
    auto parsed = parse_signature_header(field_value(req, http::field::authorization));
    if (parsed.error)
        return fail(*parsed.error);
    // Emulation: G — without configured credentials (and not strict) a well-formed signature
    // passes unverified, so that any SDK works out of the box.
    if (mode == auth_mode::any && !creds.has_credentials()) {
        if (find_field(req, "X-Sdk-Date") == req.end())
            return fail("x-sdk-date not found");
        return std::nullopt;
    }
    auto outcome = verify_signature(
        req,
        [&](std::string_view ak) -> std::optional<std::string> {
            if (auto c = creds.find_access_key(ak))
                return c->secret_key;
            return std::nullopt;
        },
        now);
    if (!outcome.ok)
        return fail(outcome.message);
    auto c = creds.find_access_key(outcome.access_key);
    if (c && !c->project_id.empty() && c->project_id != project)
        return fail("the access key " + c->access_key + " is bound to project " + c->project_id +
                    ", not " + std::string(project));
    return std::nullopt;
}

} // namespace

void credential_store::add(credential c) {
    std::lock_guard lock(mutex_);
    std::erase_if(credentials_, [&](auto& x) { return x.access_key == c.access_key; });
    credentials_.push_back(std::move(c));
    count();
}

void credential_store::add(auth_token t) {
    std::lock_guard lock(mutex_);
    std::erase_if(tokens_, [&](auto& x) { return x.token == t.token; });
    tokens_.push_back(std::move(t));
    count();
}

void credential_store::count() noexcept {
    credential_count_.store(credentials_.size(), std::memory_order_release);
    token_count_.store(tokens_.size(), std::memory_order_release);
}

std::vector<credential> credential_store::credentials() const {
    std::lock_guard lock(mutex_);
    return credentials_;
}

std::vector<auth_token> credential_store::tokens() const {
    std::lock_guard lock(mutex_);
    return tokens_;
}

std::optional<credential> credential_store::find_access_key(std::string_view ak) const {
    if (!has_credentials())
        return std::nullopt;
    std::lock_guard lock(mutex_);
    for (auto& c : credentials_)
        if (c.access_key == ak)
            return c;
    return std::nullopt;
}

std::optional<auth_token> credential_store::find_token(std::string_view token) const {
    if (!has_tokens())
        return std::nullopt;
    std::lock_guard lock(mutex_);
    for (auto& t : tokens_)
        if (t.token == token)
            return t;
    return std::nullopt;
}

bool credential_store::has_tokens() const {
    return token_count_.load(std::memory_order_acquire) > 0;
}

bool credential_store::has_credentials() const {
    return credential_count_.load(std::memory_order_acquire) > 0;
}

std::optional<auth_failure> authenticate(const request& req, std::string_view project,
                                         auth_mode mode, const credential_store& creds,
                                         std::chrono::system_clock::time_point now) {
    if (mode == auth_mode::off)
        return std::nullopt;
    if (auto it = find_field(req, "X-Auth-Token"); it != req.end())
        return check_token(trim(it->value()), project, mode, creds);
    if (find_field(req, http::field::authorization) == req.end())
        return fail("x-auth-token not found");
    return check_signature(req, project, mode, creds, now);
}

std::optional<credential> parse_credential(std::string_view text) {
    auto first = text.find(':');
    if (first == std::string_view::npos || first == 0)
        return std::nullopt;
    auto rest = text.substr(first + 1);
    auto second = rest.find(':');
    credential c{std::string(text.substr(0, first)), std::string(rest.substr(0, second)), ""};
    if (second != std::string_view::npos)
        c.project_id = rest.substr(second + 1);
    // A project id never holds ':' (so "AK:SK:P:X" is malformed, not project "P:X").
    if (c.secret_key.empty() || (second != std::string_view::npos && c.project_id.empty()) ||
        c.project_id.find(':') != std::string::npos)
        return std::nullopt;
    return c;
}

std::optional<auth_token> parse_auth_token(std::string_view text) {
    auto colon = text.find(':');
    auth_token t{std::string(text.substr(0, colon)), ""};
    if (colon != std::string_view::npos)
        t.project_id = text.substr(colon + 1);
    if (t.token.empty() || (colon != std::string_view::npos && t.project_id.empty()) ||
        t.project_id.find(':') != std::string::npos)
        return std::nullopt;
    return t;
}

} // namespace emu::gateway
