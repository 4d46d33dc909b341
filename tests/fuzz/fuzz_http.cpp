// Fuzz target: raw bytes as they would arrive on one connection → Beast's request parser with
// the session's limits (smaller, so that inputs reach them) → api::router (the whole API and
// control API, on a fresh api_harness per input) → the response as the session would send it.
// Up to 8 pipelined requests per input share the state, so one input can create a function
// and then configure it.
#include "api/api_harness.hpp"
#include "fuzz_checks.hpp"

#include <boost/beast/http/parser.hpp>
#include <boost/json.hpp>

#include <cstdint>
#include <string_view>

namespace {

using namespace emu;
namespace http = boost::beast::http;

// The session's limits, scaled down. As in http_session: Beast's header limit covers the
// request line too (max_target + max_header), the target is then held to max_target.
constexpr std::size_t max_target = 256;
constexpr std::size_t max_header = 512;
constexpr std::size_t max_body = 4096;
constexpr int max_requests = 8;

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    test::api_harness h;
    std::string_view rest = fuzz::as_text(data, size);
    for (int n = 0; n < max_requests && !rest.empty(); ++n) {
        http::request_parser<http::string_body> parser;
        parser.header_limit(static_cast<std::uint32_t>(max_target + max_header));
        parser.body_limit(max_body);
        parser.eager(true);
        boost::beast::error_code ec;
        // Feed the rest of the input as the session's reads would; when it runs out before
        // the message is complete, the connection ends there (put_eof).
        while (!parser.is_done()) {
            if (rest.empty()) {
                parser.put_eof(ec);
                break;
            }
            const auto used = parser.put(boost::asio::const_buffer(rest.data(), rest.size()), ec);
            rest.remove_prefix(used);
            if (ec == http::error::need_more)
                ec = {};
            else if (ec)
                break;
            if (used == 0) { // needs more than the input holds
                parser.put_eof(ec);
                break;
            }
        }
        const bool faults = !h.state.faults.list().empty();
        if (ec == http::error::body_limit) {
            fuzz::check_response(
                h.pipeline.reject(server::transport_error::body_too_large, parser.get().base())
                    .message);
            return 0;
        }
        if (ec == http::error::header_limit) {
            // The session picks 414 or 431 from the request line; both are fixed answers.
            fuzz::check_response(
                h.pipeline.reject(server::transport_error::target_too_long, {}).message);
            fuzz::check_response(
                h.pipeline.reject(server::transport_error::header_too_large, {}).message);
            return 0;
        }
        if (ec || !parser.is_done())
            return 0; // malformed or cut off: the session closes without answering
        auto req = parser.release();
        if (req.target().size() > max_target) {
            fuzz::check_response(
                h.pipeline.reject(server::transport_error::target_too_long, {}).message);
            return 0;
        }
        const bool keep_alive = req.keep_alive();
        auto out = h.pipeline.handle(req, h.later);
        if (out && out->action != server::reply_action::reset)
            fuzz::check_response(std::move(out->message), faults);
        if (!keep_alive)
            return 0;
    }
    return 0;
}
