// Unit tests of gateway/sdk_signature: the SDK-HMAC-SHA256 vectors of spec §12.2 (Go SDK and the
// slice self-check), canonicalisation rules, and every way verification can fail (§11.2).
#include "gateway/sdk_signature.hpp"
#include "support/sdk_signing.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace bdata = boost::unit_test::data;
namespace http = boost::beast::http;
using namespace emu::gateway;
using namespace emu::test;
using emu::request;
using namespace std::chrono;

namespace {

const std::string go_date = "20060102T150405Z";
const std::string empty_hash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const std::string sig_1 = "5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624";
const std::string sig_2 = "cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59";
const std::string slice_sig = "8a8d06f327761a6c7b1ff7cbc9a12d30b9665d11ddef7c000c9cba0968a3b918";
const std::string slice_hash = "2e30bc26a0d88fadb778a34fcc65f5e1d76ec08735ec35ff00932167e3d801c6";
const std::string slice_project = "0123456789abcdef0123456789abcdef";
const std::vector<std::string> date_only = {"x-sdk-date"};

/// 2006-01-02T15:04:05Z, the X-Sdk-Date of the Go SDK vectors.
system_clock::time_point go_instant() {
    return sys_days{year{2006} / 1 / 2} + hours{15} + minutes{4} + seconds{5};
}

/// The one known credential: AK `AccessKey`, SK `SecretKey`.
std::optional<std::string> secrets(std::string_view ak) {
    return ak == "AccessKey" ? std::optional<std::string>("SecretKey") : std::nullopt;
}

/// Go SDK vector 1: GET /path?limit=1 with an unsigned TEST_UNDERSCORE header.
request vector_1() {
    request req{http::verb::get, "/path?limit=1", 11};
    req.set(http::field::host, "example.huaweicloud.com");
    req.set("TEST_UNDERSCORE", "TEST_VALUE");
    req.set("X-Sdk-Date", go_date);
    return req;
}

/// Go SDK vector 2: POST /path?key=value with a JSON body ending in "\n" (Go's encoder).
request vector_2() {
    request req{http::verb::post, "/path?key=value", 11};
    req.set(http::field::host, "example.huaweicloud.com");
    req.set(http::field::content_type, "application/json");
    req.set("X-Sdk-Date", go_date);
    req.body() = "{\"Name\":\"test\",\"Id\":1}\n";
    req.prepare_payload();
    return req;
}

/// Vector 1 signed with `authorization` instead.
request vector_1_with(const std::string& authorization) {
    auto req = vector_1();
    req.set(http::field::authorization, authorization);
    return req;
}

/// An Authorization value for AK `AccessKey`.
std::string authorization(const std::string& signature,
                          const std::string& signed_headers = "x-sdk-date") {
    return "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=" + signed_headers +
           ", Signature=" + signature;
}

/// Line `n` (0-based) of a canonical request.
std::string line(const std::string& canonical, std::size_t n) {
    std::size_t start = 0;
    for (std::size_t i = 0; i < n; ++i)
        start = canonical.find('\n', start) + 1;
    return canonical.substr(start, canonical.find('\n', start) - start);
}

/// Checks that `v` failed with `failure` and exactly `message`.
void check_failure(const verify_outcome& v, signature_failure failure, const std::string& message) {
    BOOST_TEST(!v.ok);
    BOOST_TEST((v.failure == failure));
    BOOST_TEST(v.message == message);
}

struct text_case {
    std::string name, input, expected;
    friend std::ostream& operator<<(std::ostream& os, const text_case& c) { return os << c.name; }
};

struct parse_case {
    std::string name, authorization;
    signature_failure failure;
    std::string message;
    friend std::ostream& operator<<(std::ostream& os, const parse_case& c) { return os << c.name; }
};

std::vector<parse_case> bad_headers() {
    const std::string sig = "Signature=" + sig_1;
    const auto m = signature_failure::malformed_header;
    const auto u = signature_failure::unsupported_algorithm;
    const std::string only = "', only SDK-HMAC-SHA256 is accepted";
    const std::string lacks = "authorization header lacks ";
    const std::string names =
        "authorization header's SignedHeaders must be lower-case names separated by ';'";
    const std::string hex = "authorization header's Signature must be 64 hex digits";
    return {
        {"empty", "", m, "authorization header is empty"},
        {"algorithm alone", "SDK-HMAC-SHA256", m, lacks + "Access="},
        {"no Access", "SDK-HMAC-SHA256 SignedHeaders=x-sdk-date, " + sig, m, lacks + "Access="},
        {"empty Access", "SDK-HMAC-SHA256 Access=, SignedHeaders=x-sdk-date, " + sig, m,
         lacks + "Access="},
        {"no SignedHeaders", "SDK-HMAC-SHA256 Access=AccessKey, " + sig, m,
         lacks + "SignedHeaders="},
        {"no Signature", "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date", m,
         lacks + "Signature="},
        {"repeated Access", "SDK-HMAC-SHA256 Access=a, Access=b, SignedHeaders=x-sdk-date, " + sig,
         m, "authorization header repeats Access="},
        {"upper-case signed header", authorization(sig_1, "X-Sdk-Date"), m, names},
        {"empty signed header name", authorization(sig_1, "host;;x-sdk-date"), m, names},
        {"x-sdk-date not signed", authorization(sig_1, "host"), m,
         "authorization header's SignedHeaders lacks x-sdk-date"},
        {"short signature", authorization(sig_1.substr(1)), m, hex},
        {"long signature", authorization(sig_1 + "0"), m, hex},
        {"non-hex signature", authorization(std::string(64, 'g')), m, hex},
        {"V11",
         "V11-HMAC-SHA256 Credential=AccessKey/20060102/cn-north-4/fgs, "
         "SignedHeaders=x-sdk-date, " +
             sig,
         u, "unsupported authorization algorithm 'V11-HMAC-SHA256" + only},
        {"SM3", "SDK-HMAC-SM3 Access=AccessKey, SignedHeaders=x-sdk-date, " + sig, u,
         "unsupported authorization algorithm 'SDK-HMAC-SM3" + only},
        {"ECDSA", "SDK-ECDSA-P256-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, " + sig, u,
         "unsupported authorization algorithm 'SDK-ECDSA-P256-SHA256" + only},
        {"SM2", "SDK-SM2-SM3 Access=AccessKey, SignedHeaders=x-sdk-date, " + sig, u,
         "unsupported authorization algorithm 'SDK-SM2-SM3" + only},
        {"lower-case algorithm",
         "sdk-hmac-sha256 Access=AccessKey, SignedHeaders=x-sdk-date, " + sig, u,
         "unsupported authorization algorithm 'sdk-hmac-sha256" + only},
        {"bearer", "Bearer abc", u, "unsupported authorization algorithm 'Bearer" + only},
    };
}

} // namespace

BOOST_AUTO_TEST_SUITE(sdk_signature_test)

// ---- the vectors of spec §12.2 -------------------------------------------------------

/// Also pins the payload hash of an empty body (SHA-256 of nothing).
BOOST_AUTO_TEST_CASE(go_vector_1_canonical_request_and_signature) {
    auto req = vector_1();
    BOOST_TEST(canonical_request(req, date_only) == "GET\n"
                                                    "/path/\n"
                                                    "limit=1\n"
                                                    "x-sdk-date:20060102T150405Z\n"
                                                    "\n"
                                                    "x-sdk-date\n" +
                                                        empty_hash);
    BOOST_TEST(sign("SecretKey", string_to_sign(go_date, canonical_request(req, date_only))) ==
               sig_1);
    sign_request(req, "AccessKey", "SecretKey", date_only);
    BOOST_TEST(req[http::field::authorization] == authorization(sig_1));
    auto v = verify_signature(req, secrets, go_instant());
    BOOST_TEST(v.ok, v.message);
    BOOST_TEST(v.access_key == "AccessKey");
}

BOOST_AUTO_TEST_CASE(go_vector_2_hashes_the_raw_body_with_its_newline) {
    auto req = vector_2();
    auto canonical = canonical_request(req, date_only);
    BOOST_TEST(canonical == "POST\n/path/\nkey=value\nx-sdk-date:20060102T150405Z\n\nx-sdk-date\n"
                            "a29d7b4c5efd1a22011d69fd7b7aee76fe51e4083c609244228de258afd61289");
    sign_request(req, "AccessKey", "SecretKey", date_only);
    BOOST_TEST(req[http::field::authorization] == authorization(sig_2));
    BOOST_TEST(verify_signature(req, secrets, go_instant()).ok);
}

/// Spec §0.1: Go sends the URN's colons literally, Python as %3A; both sign the same.
BOOST_DATA_TEST_CASE(slice_self_check_put_async_invoke_config,
                     bdata::make({std::string(":"), std::string("%3A"), std::string("%3a")}),
                     colon) {
    std::string urn = "urn" + colon + "fss" + colon + "cn-north-4" + colon + slice_project + colon +
                      "function" + colon + "default" + colon + "demo" + colon + "latest";
    request req{http::verb::put,
                "/v2/" + slice_project + "/fgs/functions/" + urn + "/async-invoke-config", 11};
    req.set(http::field::content_type, "application/json");
    req.set(http::field::host, "functiongraph.cn-north-4.myhuaweicloud.com");
    req.set("X-Sdk-Date", "20240101T000000Z");
    req.body() = R"({"max_async_event_age_in_seconds":3600,"max_async_retry_attempts":1})";
    req.prepare_payload();
    const std::vector<std::string> signed_headers = {"content-type", "host", "x-sdk-date"};
    auto canonical = canonical_request(req, signed_headers);
    BOOST_TEST(line(canonical, 1) ==
               "/v2/" + slice_project + "/fgs/functions/urn%3Afss%3Acn-north-4%3A" + slice_project +
                   "%3Afunction%3Adefault%3Ademo%3Alatest/async-invoke-config/");
    BOOST_TEST(line(canonical, 3) == "content-type:application/json");
    BOOST_TEST(line(canonical, 4) == "host:functiongraph.cn-north-4.myhuaweicloud.com");
    BOOST_TEST(line(canonical, 8) == slice_hash);
    BOOST_TEST(sign("SecretKey", string_to_sign("20240101T000000Z", canonical)) == slice_sig);
    sign_request(req, "AccessKey", "SecretKey", signed_headers);
    auto now = sys_days{year{2024} / 1 / 1} + minutes{3};
    BOOST_TEST(verify_signature(req, secrets, now).ok);
}

// ---- canonicalisation rules ----------------------------------------------------------

BOOST_AUTO_TEST_CASE(go_sdk_query_test_string) {
    // Unsorted, '+' for a space, '!', '*', '(' and ')' left raw, '/' raw in a value.
    const std::string raw = "test=%E4%B8%80+%28%26%3D%3F!%23%25.*)&multi=3&multi=1&path=/tmp/123"
                            "&limit=1&multi=2&enable=true";
    const std::string expected = "enable=true&limit=1&multi=1&multi=2&multi=3&path=%2Ftmp%2F123&"
                                 "test=%E4%B8%80%20%28%26%3D%3F%21%23%25.%2A%29";
    BOOST_TEST(canonical_query_string(raw) == expected);
    request req{http::verb::get, "/path?" + raw, 11};
    req.set("X-Sdk-Date", go_date);
    BOOST_TEST(line(canonical_request(req, date_only), 2) == expected);
}

std::vector<text_case> query_cases() {
    return {
        {"none", "", ""},
        {"empty value", "a=", "a="},
        {"no '='", "a", "a="},
        {"plus is a space", "q=a+b", "q=a%20b"},
        {"encoded plus stays a plus", "q=a%2Bb", "q=a%2Bb"},
        {"lower-case escapes come out upper-case", "q=%c3%a9", "q=%C3%A9"},
        {"sorted by name, then value", "b=2&a=2&a=10&a=1", "a=1&a=10&a=2&b=2"},
        {"names sorted decoded, before encoding", "a%2F=1&a-=2", "a-=2&a%2F=1"},
        {"unreserved kept", "k=-_.~AZaz09", "k=-_.~AZaz09"},
        {"empty items skipped", "&a=1&&b=2&", "a=1&b=2"},
    };
}

BOOST_DATA_TEST_CASE(canonical_query_strings, bdata::make(query_cases()), c) {
    BOOST_TEST(canonical_query_string(c.input) == c.expected);
}

std::vector<text_case> uri_cases() {
    return {
        {"empty", "", "/"},
        {"root", "/", "/"},
        {"trailing slash added", "/path", "/path/"},
        {"trailing slash kept", "/path/", "/path/"},
        {"double slash kept", "//a//b", "//a//b/"},
        {"encoded slash stays in its segment", "/a%2Fb/c", "/a%2Fb/c/"},
        {"tilde decoded", "/%7Euser", "/~user/"},
        {"space and plus", "/a%20b+c", "/a%20b%2Bc/"},
        {"lower-case escape", "/a%3ab", "/a%3Ab/"},
        {"malformed escape taken verbatim", "/a%zz", "/a%25zz/"},
        {"utf-8", "/%E4%B8%80", "/%E4%B8%80/"},
    };
}

BOOST_DATA_TEST_CASE(canonical_uris, bdata::make(uri_cases()), c) {
    BOOST_TEST(canonical_uri(c.input) == c.expected);
}

BOOST_AUTO_TEST_CASE(unsigned_payload_is_used_verbatim) {
    auto req = vector_2();
    req.set("X-Sdk-Content-Sha256", "UNSIGNED-PAYLOAD");
    BOOST_TEST(line(canonical_request(req, date_only), 6) == "UNSIGNED-PAYLOAD");
    sign_request(req, "AccessKey", "SecretKey", date_only);
    req.body() = "anything else";
    BOOST_TEST(verify_signature(req, secrets, go_instant()).ok);
}

BOOST_AUTO_TEST_CASE(header_values_trimmed_repeated_sorted_absent_skipped) {
    request req{http::verb::get, "/", 11};
    req.insert("X-Project-Id", "  abc \t");
    req.insert("X-Multi", "b");
    req.insert("x-multi", " a");
    req.set("X-Sdk-Date", go_date);
    auto canonical = canonical_request(req, {"x-project-id", "x-multi", "x-missing", "x-sdk-date"});
    BOOST_TEST(canonical == "GET\n/\n\nx-project-id:abc\nx-multi:a\nx-multi:b\n"
                            "x-sdk-date:20060102T150405Z\n\n"
                            "x-project-id;x-multi;x-missing;x-sdk-date\n" +
                                empty_hash);
}

// ---- the Authorization header --------------------------------------------------------

BOOST_DATA_TEST_CASE(bad_authorization_headers, bdata::make(bad_headers()), c) {
    auto parsed = parse_signature_header(c.authorization);
    BOOST_TEST_REQUIRE(parsed.error.has_value());
    BOOST_TEST(*parsed.error == c.message);
    BOOST_TEST((parsed.failure == c.failure));
    auto v = verify_signature(vector_1_with(c.authorization), secrets, go_instant());
    check_failure(v, c.failure, c.message);
}

BOOST_DATA_TEST_CASE(spacing_after_commas_is_lenient,
                     bdata::make({std::string(","), std::string(", "), std::string(",   ")}), sep) {
    std::string value = "SDK-HMAC-SHA256 Access=AccessKey" + sep + "SignedHeaders=host;x-sdk-date" +
                        sep + "Signature=" + sig_1;
    auto parsed = parse_signature_header(value);
    BOOST_TEST_REQUIRE(!parsed.error.has_value());
    BOOST_TEST(parsed.header.access == "AccessKey");
    BOOST_TEST(parsed.header.signed_headers == (std::vector<std::string>{"host", "x-sdk-date"}),
               boost::test_tools::per_element());
    BOOST_TEST(parsed.header.signature == sig_1);
    BOOST_TEST(format_signature_header(parsed.header) ==
               "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=host;x-sdk-date, Signature=" +
                   sig_1);
}

BOOST_AUTO_TEST_CASE(upper_case_signature_is_normalised) {
    const std::string upper = "5A2CE64C865E0E6046321C6F3D5A77BA8413EEAF355C3166C03D58D02AC79624";
    auto v = verify_signature(vector_1_with(authorization(upper)), secrets, go_instant());
    BOOST_TEST(v.ok, v.message);
}

// ---- verification failures and X-Sdk-Date ---------------------------------------
// --------------------------------------------------------

BOOST_AUTO_TEST_CASE(no_authorization_header) {
    auto v = verify_signature(vector_1(), secrets, go_instant());
    check_failure(v, signature_failure::malformed_header, "authorization header not found");
}

BOOST_AUTO_TEST_CASE(unknown_access_key) {
    auto req = vector_1();
    sign_request(req, "Nobody", "SecretKey", date_only);
    auto v = verify_signature(req, secrets, go_instant());
    check_failure(v, signature_failure::unknown_access_key,
                  "Get secretKey failed,ak:Nobody,err:ak not exist");
}

BOOST_AUTO_TEST_CASE(wrong_secret_key_shows_the_canonical_request) {
    auto req = vector_1();
    sign_request(req, "AccessKey", "WrongKey", date_only);
    auto v = verify_signature(req, secrets, go_instant());
    check_failure(v, signature_failure::signature_mismatch,
                  "verify aksk signature fail, canonicalRequest:GET|/path/|limit=1|"
                  "x-sdk-date:20060102T150405Z||x-sdk-date|" +
                      empty_hash);
    BOOST_TEST(v.canonical_request == canonical_request(req, date_only));
}

BOOST_AUTO_TEST_CASE(tampering_after_signing_is_a_mismatch) {
    auto req = vector_2();
    sign_request(req, "AccessKey", "SecretKey", date_only);
    req.body() = "{\"Name\":\"test\",\"Id\":2}\n";
    auto body = verify_signature(req, secrets, go_instant());
    BOOST_TEST((body.failure == signature_failure::signature_mismatch));
    req = vector_2();
    sign_request(req, "AccessKey", "SecretKey", date_only);
    req.target("/path?key=other");
    auto query = verify_signature(req, secrets, go_instant());
    BOOST_TEST((query.failure == signature_failure::signature_mismatch));
}

BOOST_AUTO_TEST_CASE(missing_x_sdk_date) {
    auto req = vector_1_with(authorization(sig_1));
    req.erase("X-Sdk-Date");
    auto v = verify_signature(req, secrets, go_instant());
    check_failure(v, signature_failure::missing_date, "x-sdk-date not found");
}

BOOST_DATA_TEST_CASE(bad_date_formats,
                     bdata::make({"2006-01-02T15:04:05Z", "20060102T150405", "20060102 150405Z",
                                  "20060102t150405z", "20060102T1504051Z", "2006010XT150405Z",
                                  "20061302T150405Z", "20060230T150405Z", "20060102T240405Z",
                                  "20060102T156005Z", "20060102T150460Z", "Mon, 02 Jan 2006"}),
                     date) {
    auto req = vector_1_with(authorization(sig_1));
    req.set("X-Sdk-Date", date);
    auto v = verify_signature(req, secrets, go_instant());
    check_failure(v, signature_failure::bad_date_format,
                  "x-sdk-date format error, expected YYYYMMDDTHHMMSSZ");
    BOOST_TEST(!parse_sdk_date(date).has_value());
}

/// Spec §12.2 step 2: up to 15 minutes either way is accepted (offset = server − X-Sdk-Date).
BOOST_DATA_TEST_CASE(clock_skew, bdata::make({-960, -901, -900, -840, 0, 840, 900, 901, 960}),
                     offset) {
    auto req = vector_1();
    sign_request(req, "AccessKey", "SecretKey", date_only);
    auto v = verify_signature(req, secrets, go_instant() + seconds{offset});
    if (offset >= -900 && offset <= 900)
        BOOST_TEST(v.ok, v.message);
    else
        check_failure(v, signature_failure::date_skew,
                      "the request time skew is too big, x-sdk-date:20060102T150405Z");
}

BOOST_AUTO_TEST_CASE(skew_is_checked_before_the_access_key_and_max_skew_applies) {
    auto req = vector_1();
    sign_request(req, "Nobody", "SecretKey", date_only);
    auto v = verify_signature(req, secrets, go_instant() + hours{1});
    BOOST_TEST((v.failure == signature_failure::date_skew));
    auto narrow = verify_signature(req, secrets, go_instant() + seconds{2}, seconds{1});
    BOOST_TEST((narrow.failure == signature_failure::date_skew));
}

BOOST_AUTO_TEST_CASE(sdk_date_round_trip) {
    BOOST_TEST(format_sdk_date(go_instant() + milliseconds{999}) == go_date);
    BOOST_TEST((parse_sdk_date(go_date) == floor<seconds>(go_instant())));
    auto leap_day = sys_days{year{2024} / 2 / 29} + hours{23} + minutes{59} + seconds{59};
    BOOST_TEST(format_sdk_date(leap_day) == "20240229T235959Z");
    BOOST_TEST((parse_sdk_date("20240229T235959Z") == leap_day));
}

BOOST_AUTO_TEST_SUITE_END()
