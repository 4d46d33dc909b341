// Fuzz target: domain::parse_function_urn on any text. The first byte picks the options
// (strict length, which defaults); the rest is the (already percent-decoded) URN. Checks:
// a failure is always errc::invalid_urn on field function_urn with a message; a success is
// normalised, so that full() parses back to the same URN (qualified, naming the same
// function and qualifier) and every part obeys its own name rule.
#include "domain/function_urn.hpp"
#include "fuzz_checks.hpp"

#include <cstdint>
#include <string>

using namespace emu;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0)
        return 0;
    const bool strict = data[0] & 1;
    const domain::urn_defaults defaults{(data[0] & 2) ? "0123456789abcdef0123456789abcdef"
                                                      : "p-1_x",
                                        (data[0] & 4) ? "cn-north-4" : "ap-southeast-1"};
    const std::string text(fuzz::as_text(data + 1, size - 1));
    auto urn = domain::parse_function_urn(text, defaults, strict);
    if (!urn) {
        fuzz::check(urn.error().code == domain::errc::invalid_urn, "error is not invalid_urn",
                    text);
        fuzz::check(urn.error().field == "function_urn", "error names another field", text);
        fuzz::check(!urn.error().detail.empty(), "error without a message", text);
        return 0;
    }
    fuzz::check(domain::is_valid_function_name(urn->function_name), "function name invalid",
                urn->function_name);
    fuzz::check(domain::is_valid_package_name(urn->package), "package invalid", urn->package);
    fuzz::check(urn->is_latest() || urn->is_alias() ||
                    domain::is_valid_version_name(urn->qualifier),
                "qualifier invalid", urn->qualifier);
    if (urn->is_alias())
        fuzz::check(domain::is_valid_alias_name(urn->qualifier.substr(1)), "alias invalid",
                    urn->qualifier);
    const std::string full = urn->full();
    auto again = domain::parse_function_urn(full, defaults, false);
    fuzz::check(again.has_value(), "full() does not parse", full);
    auto expected = *urn;
    expected.qualified = true; // full() always names the qualifier
    fuzz::check(*again == expected, "full() parses to another URN", full);
    fuzz::check(again->full() == full, "full() is not a fixed point", full);
    return 0;
}
