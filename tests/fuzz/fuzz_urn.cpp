// Fuzz target: domain::parse_function_urn on any text. The first byte picks the options
// (strict length, which defaults, whether spaces are kept); the rest is the (already
// percent-decoded) URN. Checks: a failure is always errc::invalid_urn on field function_urn with a
// message; a success is normalised, so that full() parses back to the same URN (qualified, naming
// the same function and qualifier) and every part obeys its own name rule (spaces aside when kept).
#include "domain/function_urn.hpp"
#include "fuzz_checks.hpp"

#include <algorithm>
#include <cstdint>
#include <string>

using namespace emu;

namespace {

/// The name as its rule sees it: without spaces when the URN kept them (D23).
std::string bare(std::string s, bool keep_spaces) {
    if (keep_spaces)
        s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
    return s;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0)
        return 0;
    const bool strict = data[0] & 1;
    const bool keep = data[0] & 8;
    const domain::urn_rules rules{strict,
                                  keep ? domain::urn_spaces::keep : domain::urn_spaces::reject};
    const domain::urn_defaults defaults{(data[0] & 2) ? "0123456789abcdef0123456789abcdef"
                                                      : "p-1_x",
                                        (data[0] & 4) ? "cn-north-4" : "ap-southeast-1"};
    const std::string text(fuzz::as_text(data + 1, size - 1));
    auto urn = domain::parse_function_urn(text, defaults, rules);
    if (!urn) {
        fuzz::check(urn.error().code == domain::errc::invalid_urn, "error is not invalid_urn",
                    text);
        fuzz::check(urn.error().field == "function_urn", "error names another field", text);
        fuzz::check(!urn.error().detail.empty(), "error without a message", text);
        return 0;
    }
    fuzz::check(domain::is_valid_function_name(bare(urn->function_name, keep)),
                "function name invalid", urn->function_name);
    fuzz::check(domain::is_valid_package_name(bare(urn->package, keep)), "package invalid",
                urn->package);
    fuzz::check(urn->is_latest() || urn->is_alias() ||
                    domain::is_valid_version_name(bare(urn->qualifier, keep)) ||
                    (keep && bare(urn->qualifier, keep) == "latest"),
                "qualifier invalid", urn->qualifier);
    if (urn->is_alias())
        fuzz::check(domain::is_valid_alias_name(bare(urn->qualifier.substr(1), keep)),
                    "alias invalid", urn->qualifier);
    const std::string full = urn->full();
    auto again = domain::parse_function_urn(full, defaults, {false, rules.spaces});
    fuzz::check(again.has_value(), "full() does not parse", full);
    auto expected = *urn;
    expected.qualified = true; // full() always names the qualifier
    fuzz::check(*again == expected, "full() parses to another URN", full);
    fuzz::check(again->full() == full, "full() is not a fixed point", full);
    return 0;
}
