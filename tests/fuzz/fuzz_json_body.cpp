// Fuzz target: request bodies → JSON parsing, decoding and validation, through the router.
// The first byte picks the operation, the rest is the body:
//   0  PUT  async-invoke-config (replace)        2  PUT /_emulator/state (state import)
//   1  POST functions (create)                   3  PUT async-invoke-config (merge, unknown
//                                                   fields rejected)
// Besides the response invariants (fuzz_checks.hpp) it checks what the API promises about
// state: a rejected request changes nothing; an accepted config or function reads back as
// answered; an exported state imports back to the same export.
#include "api/api_harness.hpp"
#include "api/json_codec.hpp"
#include "fuzz_checks.hpp"

#include <boost/json.hpp>

#include <cstdint>
#include <string>

namespace {

using namespace emu;
using test::answer;
using test::api_harness;
namespace http = boost::beast::http;

const std::string function_urn = api_harness::urn("f");
const std::string config_target = api_harness::config(function_urn);

/// The whole state as GET /_emulator/state exports it.
std::string state_of(const api_harness& h) {
    return h.call(http::verb::get, "/_emulator/state").res.body();
}

void check_config(const api_harness& h, const answer& put, const std::string& before) {
    fuzz::check_response(put.res);
    const auto after = h.call(http::verb::get, config_target);
    if (put.status() == 200)
        fuzz::check(after.status() == 200 && after.body == put.body,
                    "a stored config does not read back as answered", after.res.body());
    else
        fuzz::check(after.res.body() == before, "a rejected PUT changed the stored config",
                    after.res.body());
}

/// The PUT body's direct reader takes a body only to give what the DOM decoder gives.
void check_direct_reader(const std::string& body) {
    const auto direct = api::decode_config_input_direct(body);
    if (!direct)
        return;
    boost::system::error_code ec;
    const auto dom = boost::json::parse(body, ec);
    fuzz::check(!ec, "the direct reader took a body that is not JSON", body);
    const auto decoded = api::decode_config_input(dom, domain::switches{}, body);
    fuzz::check(decoded && *decoded == *direct, "the direct reader and the DOM decoder differ",
                body);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0)
        return 0;
    const int op = data[0] % 4;
    const std::string body(fuzz::as_text(data + 1, size - 1));
    api_harness h;
    fuzz::check(h.create("f").status() == 200, "set-up: create f");
    fuzz::check(h.call(http::verb::put, config_target,
                       R"({"max_async_event_age_in_seconds":100,"max_async_retry_attempts":2})")
                        .status() == 200,
                "set-up: configure f");
    const std::string config_before = h.call(http::verb::get, config_target).res.body();
    const std::string state_before = state_of(h);

    check_direct_reader(body);
    switch (op) {
    case 0:
        check_config(h, h.call(http::verb::put, config_target, body), config_before);
        break;
    case 3:
        check_config(h,
                     h.call(http::verb::put, config_target, body,
                            {{"X-Emulator-Switches", "put_mode=merge,unknown_fields=reject"}}),
                     config_before);
        break;
    case 1: {
        const auto created = h.call(http::verb::post, api_harness::functions(), body);
        fuzz::check_response(created.res);
        if (created.status() != 200) {
            fuzz::check(state_of(h) == state_before, "a rejected create changed the state");
            break;
        }
        const auto& urn = created.body.at("func_urn").as_string();
        const auto read =
            h.call(http::verb::get, api_harness::functions() + "/" + std::string(urn) + "/config");
        fuzz::check(read.status() == 200, "a created function cannot be read", read.res.body());
        break;
    }
    case 2: {
        const auto put = h.call(http::verb::put, "/_emulator/state", body);
        fuzz::check_response(put.res);
        if (put.status() != 200) {
            fuzz::check(state_of(h) == state_before, "a rejected state import changed the state");
            break;
        }
        // Snapshot round trip: importing an export changes nothing.
        const std::string exported = state_of(h);
        const auto again = h.call(http::verb::put, "/_emulator/state", exported);
        fuzz::check(again.status() == 200, "an exported state does not import", again.res.body());
        fuzz::check(state_of(h) == exported, "export → import → export differs", exported);
        break;
    }
    }
    return 0;
}
