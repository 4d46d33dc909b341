#include "support/sdk_signing.hpp"

#include <cstdio>

namespace emu::test {

std::string format_signature_header(const gateway::signature_header& h) {
    std::string out(gateway::sdk_signing_algorithm);
    out += " Access=" + h.access + ", SignedHeaders=";
    for (std::size_t i = 0; i < h.signed_headers.size(); ++i)
        out += (i == 0 ? "" : ";") + h.signed_headers[i];
    out += ", Signature=" + h.signature;
    return out;
}

std::string format_sdk_date(std::chrono::system_clock::time_point t) {
    using namespace std::chrono;
    auto secs = floor<seconds>(t);
    auto midnight = floor<days>(secs);
    year_month_day ymd{midnight};
    hh_mm_ss<seconds> hms{secs - midnight};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d%02u%02uT%02d%02d%02dZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                  static_cast<int>(hms.seconds().count()));
    return buf;
}

void sign_request(request& req, std::string_view access_key, std::string_view secret_key,
                  const std::vector<std::string>& signed_headers) {
    std::string date(req["X-Sdk-Date"]);
    auto sts = gateway::string_to_sign(date, gateway::canonical_request(req, signed_headers));
    req.set(http::field::authorization,
            format_signature_header(
                {std::string(access_key), signed_headers, gateway::sign(secret_key, sts)}));
}

} // namespace emu::test
