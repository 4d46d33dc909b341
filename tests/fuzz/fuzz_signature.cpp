// Fuzz target: the AK/SK signature code (api/sdk_signature.hpp) on any text. The input is
// split at '\n' into: Authorization value, X-Sdk-Date value, request target, body, and one
// extra "name:value" header. Checks:
// - parse_signature_header: a parsed header formats and parses back to itself;
// - parse_sdk_date: a parsed date formats back to the same text;
// - canonical_uri always ends with '/';
// - verify_signature on the request as given never throws, and only accepts the known AK;
// - the same request signed by sign_request with the known credential always verifies.
#include "fuzz_checks.hpp"
#include "gateway/sdk_signature.hpp"
#include "support/sdk_signing.hpp"

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace {

using namespace emu;
namespace http = boost::beast::http;

constexpr std::string_view access_key = "fuzz-ak";
constexpr std::string_view secret_key = "fuzz-sk";

/// 2021-03-04T06:50:02Z: seeds carry X-Sdk-Date 20210304T065002Z.
std::chrono::system_clock::time_point fixed_now() {
    using namespace std::chrono;
    return sys_days{year{2021} / 3 / 4} + hours{6} + minutes{50} + seconds{2};
}

std::optional<std::string> lookup(std::string_view ak) {
    if (ak == access_key)
        return std::string(secret_key);
    return std::nullopt;
}

bool is_token_name(std::string_view name) {
    if (name.empty())
        return false;
    for (char c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
            return false;
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view in = fuzz::as_text(data, size);
    std::vector<std::string> parts;
    for (int i = 0; i < 4; ++i) {
        auto nl = in.find('\n');
        parts.emplace_back(in.substr(0, nl));
        in = nl == std::string_view::npos ? std::string_view{} : in.substr(nl + 1);
    }
    parts.emplace_back(in);
    const auto& [authorization, date, target, body, extra] =
        std::tie(parts[0], parts[1], parts[2], parts[3], parts[4]);

    auto parsed = gateway::parse_signature_header(authorization);
    if (!parsed.error) {
        const std::string formatted = test::format_signature_header(parsed.header);
        auto again = gateway::parse_signature_header(formatted);
        fuzz::check(!again.error, "a formatted header does not parse", formatted);
        fuzz::check(again.header.access == parsed.header.access &&
                        again.header.signed_headers == parsed.header.signed_headers &&
                        again.header.signature == parsed.header.signature,
                    "format → parse changes the header", formatted);
    }
    if (auto when = gateway::parse_sdk_date(date))
        fuzz::check(test::format_sdk_date(*when) == date, "format_sdk_date(parse) differs", date);
    const auto uri = gateway::canonical_uri(target.substr(0, target.find('?')));
    fuzz::check(!uri.empty() && uri.back() == '/', "canonical_uri does not end with '/'", uri);

    emu::request req{http::verb::put, target, 11};
    req.set(http::field::host, "functiongraph.example.com");
    req.set("X-Sdk-Date", date);
    std::string extra_name;
    if (auto colon = extra.find(':'); colon != std::string::npos) {
        extra_name = extra.substr(0, colon);
        if (!extra_name.empty())
            req.set(extra_name, extra.substr(colon + 1));
    }
    req.body() = body;
    req.prepare_payload();
    req.set(http::field::authorization, authorization);
    auto outcome = gateway::verify_signature(req, lookup, fixed_now());
    if (outcome.ok)
        fuzz::check(outcome.access_key == access_key, "an unknown AK verified", outcome.access_key);

    // A request signed with the right key verifies, whatever its target, headers and body.
    std::vector<std::string> signed_headers{"host", "x-sdk-date"};
    if (is_token_name(extra_name))
        signed_headers.push_back(extra_name);
    req.set("X-Sdk-Date", test::format_sdk_date(fixed_now()));
    test::sign_request(req, access_key, secret_key, signed_headers);
    auto signed_outcome = gateway::verify_signature(req, lookup, fixed_now());
    fuzz::check(signed_outcome.ok, "a correctly signed request fails verification",
                signed_outcome.message);
    return 0;
}
