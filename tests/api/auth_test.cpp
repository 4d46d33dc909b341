// API tests of authentication (spec §12, §11.2–11.3, D14, D15) through router::handle: the three
// --auth modes, tokens and AK/SK credentials with and without a project binding, X-Sdk-Date
// against the emulator's virtual clock, the error dialects, that a refused request changes
// nothing, and the --credential / --auth-token forms. The SDK-HMAC-SHA256 algorithm itself
// (vectors, canonicalisation) is unit-tested in sdk_signature_test.cpp.
#include "api_checks.hpp"
#include "gateway/sdk_signature.hpp"
#include "support/sdk_signing.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace bdata = boost::unit_test::data;
using namespace emu;
using namespace emu::test;
using namespace std::chrono_literals;

namespace {

const std::string p = project;
const std::string q = other_project;
const std::string iam = "Incorrect IAM authentication information: ";
const std::string ak = "AccessKey";
const std::string sk = "SecretKey";
const std::string host = "127.0.0.1:8000";
const std::string empty_hash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const std::string demo_urn = api_harness::urn("demo");
const std::string config_target = api_harness::config(demo_urn);
const std::string functions_p = api_harness::functions(p);
const std::string functions_q = api_harness::functions(q);
/// What the Node.js SDK signs (tests/contract/wire-format.test.js).
const std::vector<std::string> node_signed = {"content-type", "host", "x-project-id", "x-sdk-date"};
/// What the Go SDK typically signs (spec §12.2).
const std::vector<std::string> go_signed = {"user-agent", "x-project-id", "x-sdk-date"};
/// What the Python SDK signs (spec §12.2): every header it sends.
const std::vector<std::string> python_signed = {"content-type", "host", "user-agent",
                                                "x-project-id", "x-sdk-date"};
const std::string put_body = R"({"max_async_retry_attempts":0})";

/// X-Sdk-Date of the harness clock (2021-03-04T06:50:02Z) moved by `offset`.
std::string sdk_date(std::chrono::seconds offset = 0s) {
    return format_sdk_date(doc_instant() + offset);
}

/// The {project_id} segment of a /v2 target.
std::string project_of(const std::string& target) {
    auto start = target.find('/', 1) + 1;
    return target.substr(start, target.find('/', start) - start);
}

/// An unsigned request with the headers the Node.js SDK sends (Content-Type, Accept, Host,
/// User-Agent, X-Project-Id of the path, X-Sdk-Date).
emu::request sdk_request(http::verb method, const std::string& target, const std::string& body = "",
                         const std::string& date = sdk_date()) {
    emu::request req{method, target, 11};
    req.set(http::field::content_type, "application/json");
    req.set(http::field::accept, "application/json");
    req.set(http::field::host, host);
    req.set(http::field::user_agent, "huaweicloud-usdk-nodejs/3.0");
    req.set("X-Project-Id", project_of(target));
    req.set("X-Sdk-Date", date);
    req.body() = body;
    req.prepare_payload();
    return req;
}

/// sdk_request signed with `key`/`secret` over `headers`.
emu::request signed_request(http::verb method, const std::string& target,
                            const std::string& body = "", const std::string& key = ak,
                            const std::string& secret = sk, const std::string& date = sdk_date(),
                            const std::vector<std::string>& headers = node_signed) {
    auto req = sdk_request(method, target, body, date);
    sign_request(req, key, secret, headers);
    return req;
}

/// A request carrying X-Auth-Token `token` (no header at all when nullopt).
emu::request token_request(http::verb method, const std::string& target,
                           const std::optional<std::string>& token, const std::string& body = "") {
    emu::request req{method, target, 11};
    req.set(http::field::content_type, "application/json");
    if (token)
        req.set("X-Auth-Token", *token);
    req.body() = body;
    req.prepare_payload();
    return req;
}

/// A request with only this Authorization value (and X-Sdk-Date unless `date` is empty).
emu::request authorization_request(const std::string& authorization,
                                   const std::string& date = sdk_date()) {
    emu::request req{http::verb::get, config_target, 11};
    req.set(http::field::content_type, "application/json");
    req.set(http::field::authorization, authorization);
    if (!date.empty())
        req.set("X-Sdk-Date", date);
    return req;
}

/// A harness holding function `demo` of project p with a config (100 s, 2 retries), set up
/// under the default --auth any with nothing configured.
struct fixture {
    api_harness h;
    explicit fixture(domain::switches b = {}) : h(b) {
        BOOST_TEST_REQUIRE(h.create("demo").status() == 200u);
        auto a = h.call(http::verb::put, config_target,
                        R"({"max_async_event_age_in_seconds":100,"max_async_retry_attempts":2})");
        BOOST_TEST_REQUIRE(a.status() == 200u, a.res.body());
    }
    answer send(emu::request req) const { return emu::test::send(h, std::move(req)); }
};

void check_ok(const answer& a) {
    BOOST_TEST(a.status() == 200u, "body: " << a.res.body());
}

/// The gateway body carries request_id equal to the X-Request-Id header.
void check_request_id(const answer& a) {
    BOOST_TEST_REQUIRE(a.body.is_object());
    auto* id = a.body.as_object().if_contains("request_id");
    BOOST_TEST_REQUIRE(id != nullptr, "no request_id in " << a.body);
    BOOST_TEST(!a.res["X-Request-Id"].empty());
    BOOST_TEST(id->as_string() == a.res["X-Request-Id"]);
}

/// 401 APIGW.0301 "Incorrect IAM authentication information: <reason>" with request_id.
void check_refused(const answer& a, const std::string& reason) {
    check_error(a, 401, "APIGW.0301", iam + reason);
    check_request_id(a);
}

std::string skew_message(std::chrono::seconds offset) {
    return "the request time skew is too big, x-sdk-date:" + sdk_date(offset);
}

/// The canonical request of GET config_target signed over node_signed at sdk_date(), as the
/// gateway shows it ('|' for each line break, spec §11.2).
std::string shown_get_canonical_request() {
    return "GET|/v2/" + p + "/fgs/functions/urn%3Afss%3Acn-north-4%3A" + p +
           "%3Afunction%3Adefault%3Ademo%3Alatest/async-invoke-config/||"
           "content-type:application/json|host:" +
           host + "|x-project-id:" + p + "|x-sdk-date:" + sdk_date() +
           "||content-type;host;x-project-id;x-sdk-date|" + empty_hash;
}

/// The stored config of demo is still 100 s / 2 retries (read with a valid signature).
void check_config_unchanged(const fixture& f) {
    auto a = f.send(signed_request(http::verb::get, config_target));
    BOOST_TEST_REQUIRE(a.status() == 200u, a.res.body());
    BOOST_TEST(a.body.at("max_async_retry_attempts").as_int64() == 2);
    BOOST_TEST(a.body.at("max_async_event_age_in_seconds").as_int64() == 100);
}

// ---- table rows ---------------------------------------------------------------------------

/// A request built by `make`; `reason` empty means 200, else the 401 message suffix.
struct request_case {
    std::string name;
    std::function<emu::request()> make;
    std::string reason;
};
std::ostream& operator<<(std::ostream& os, const request_case& c) {
    return os << c.name;
}

const std::string well_formed_garbage =
    "SDK-HMAC-SHA256 Access=anyone, SignedHeaders=x-sdk-date, Signature=" + std::string(64, '0');

/// --auth any, nothing configured.
std::vector<request_case> unconfigured_any_cases() {
    using v = http::verb;
    const std::string sig = ", Signature=" + std::string(64, 'a');
    const std::string lacks = "authorization header lacks ";
    const std::string names =
        "authorization header's SignedHeaders must be lower-case names separated by ';'";
    const std::string hex = "authorization header's Signature must be 64 hex digits";
    const std::string only = "', only SDK-HMAC-SHA256 is accepted";
    auto auth = [](std::string value) { return [value] { return authorization_request(value); }; };
    return {
        {"any token", [] { return token_request(v::get, config_target, "whatever"); }, ""},
        {"token padded with spaces", [] { return token_request(v::get, config_target, " t "); },
         ""},
        {"empty token", [] { return token_request(v::get, config_target, ""); },
         "x-auth-token is empty"},
        {"blank token", [] { return token_request(v::get, config_target, "   "); },
         "x-auth-token is empty"},
        {"no X-Auth-Token, no Authorization",
         [] { return token_request(v::get, config_target, std::nullopt); },
         "x-auth-token not found"},
        {"well-formed signature, garbage value (not verified)", auth(well_formed_garbage), ""},
        {"well-formed signature, X-Sdk-Date a year off (not compared)",
         [] { return authorization_request(well_formed_garbage, sdk_date(-8760h)); }, ""},
        {"well-formed signature, no X-Sdk-Date",
         [] { return authorization_request(well_formed_garbage, ""); }, "x-sdk-date not found"},
        {"empty Authorization", auth(""), "authorization header is empty"},
        {"algorithm alone", auth("SDK-HMAC-SHA256"), lacks + "Access="},
        {"no Access", auth("SDK-HMAC-SHA256 SignedHeaders=x-sdk-date" + sig), lacks + "Access="},
        {"empty Access", auth("SDK-HMAC-SHA256 Access=, SignedHeaders=x-sdk-date" + sig),
         lacks + "Access="},
        {"no SignedHeaders", auth("SDK-HMAC-SHA256 Access=a" + sig), lacks + "SignedHeaders="},
        {"no Signature", auth("SDK-HMAC-SHA256 Access=a, SignedHeaders=x-sdk-date"),
         lacks + "Signature="},
        {"repeated Signature",
         auth("SDK-HMAC-SHA256 Access=a, SignedHeaders=x-sdk-date" + sig + sig),
         "authorization header repeats Signature="},
        {"upper-case signed header",
         auth("SDK-HMAC-SHA256 Access=a, SignedHeaders=X-Sdk-Date" + sig), names},
        {"empty signed header name",
         auth("SDK-HMAC-SHA256 Access=a, SignedHeaders=host;;x-sdk-date" + sig), names},
        {"x-sdk-date not signed", auth("SDK-HMAC-SHA256 Access=a, SignedHeaders=host" + sig),
         "authorization header's SignedHeaders lacks x-sdk-date"},
        {"short signature",
         auth("SDK-HMAC-SHA256 Access=a, SignedHeaders=x-sdk-date, Signature=abc"), hex},
        {"non-hex signature",
         auth("SDK-HMAC-SHA256 Access=a, SignedHeaders=x-sdk-date, Signature=" +
              std::string(64, 'z')),
         hex},
        {"V11-HMAC-SHA256",
         auth("V11-HMAC-SHA256 Credential=a/20210304/cn-north-4/fgs, SignedHeaders=x-sdk-date" +
              sig),
         "unsupported authorization algorithm 'V11-HMAC-SHA256" + only},
        {"SDK-HMAC-SM3", auth("SDK-HMAC-SM3 Access=a, SignedHeaders=x-sdk-date" + sig),
         "unsupported authorization algorithm 'SDK-HMAC-SM3" + only},
        {"SDK-ECDSA-P256-SHA256",
         auth("SDK-ECDSA-P256-SHA256 Access=a, SignedHeaders=x-sdk-date" + sig),
         "unsupported authorization algorithm 'SDK-ECDSA-P256-SHA256" + only},
        {"SDK-SM2-SM3", auth("SDK-SM2-SM3 Access=a, SignedHeaders=x-sdk-date" + sig),
         "unsupported authorization algorithm 'SDK-SM2-SM3" + only},
        {"Bearer", auth("Bearer abc"), "unsupported authorization algorithm 'Bearer" + only},
        {"Basic", auth("Basic dXNlcjpwYXNz"), "unsupported authorization algorithm 'Basic" + only},
    };
}

/// --auth any with credential AccessKey/SecretKey (any project) configured, no tokens.
std::vector<request_case> credential_any_cases() {
    using v = http::verb;
    auto colons = [](const std::string& colon) {
        std::string urn = demo_urn;
        for (auto pos = urn.find(':'); pos != std::string::npos;
             pos = urn.find(':', pos + colon.size()))
            urn.replace(pos, 1, colon);
        return api_harness::config(urn);
    };
    return {
        {"right signature (Node SDK headers)", [] { return signed_request(v::get, config_target); },
         ""},
        {"right signature (Go SDK headers)",
         [] { return signed_request(v::get, config_target, "", ak, sk, sdk_date(), go_signed); },
         ""},
        {"right signature (Python SDK headers)",
         [=] {
             return signed_request(v::get, colons("%3A"), "", ak, sk, sdk_date(), python_signed);
         },
         ""},
        {"right signature, x-sdk-date alone",
         [] {
             return signed_request(v::get, config_target, "", ak, sk, sdk_date(), {"x-sdk-date"});
         },
         ""},
        {"URN colons literal", [=] { return signed_request(v::get, colons(":")); }, ""},
        {"URN colons %3A", [=] { return signed_request(v::get, colons("%3A")); }, ""},
        {"URN colons %3a", [=] { return signed_request(v::get, colons("%3a")); }, ""},
        {"signed with literal colons, sent with %3A",
         [=] {
             auto req = signed_request(v::get, config_target);
             req.target(colons("%3A"));
             return req;
         },
         ""},
        {"PUT with a body", [] { return signed_request(v::put, config_target, put_body); }, ""},
        {"wrong secret key",
         [] { return signed_request(v::get, config_target, "", ak, "WrongKey"); },
         "verify aksk signature fail, canonicalRequest:" + shown_get_canonical_request()},
        {"unknown access key",
         [] { return signed_request(v::get, config_target, "", "Nobody", sk); },
         "Get secretKey failed,ak:Nobody,err:ak not exist"},
        {"garbage signature value",
         [] {
             auto req = sdk_request(v::get, config_target);
             req.set(http::field::authorization,
                     "SDK-HMAC-SHA256 Access=" + ak +
                         ", SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=" +
                         std::string(64, '0'));
             return req;
         },
         "verify aksk signature fail, canonicalRequest:" + shown_get_canonical_request()},
        {"X-Sdk-Date 16 min behind",
         [] { return signed_request(v::get, config_target, "", ak, sk, sdk_date(-960s)); },
         skew_message(-960s)},
        {"X-Sdk-Date 16 min ahead",
         [] { return signed_request(v::get, config_target, "", ak, sk, sdk_date(960s)); },
         skew_message(960s)},
        {"X-Sdk-Date 15 min 1 s ahead",
         [] { return signed_request(v::get, config_target, "", ak, sk, sdk_date(901s)); },
         skew_message(901s)},
        {"X-Sdk-Date 15 min ahead",
         [] { return signed_request(v::get, config_target, "", ak, sk, sdk_date(900s)); }, ""},
        {"X-Sdk-Date 15 min behind",
         [] { return signed_request(v::get, config_target, "", ak, sk, sdk_date(-900s)); }, ""},
        {"X-Sdk-Date 14 min behind",
         [] { return signed_request(v::get, config_target, "", ak, sk, sdk_date(-840s)); }, ""},
        {"X-Sdk-Date 14 min ahead",
         [] { return signed_request(v::get, config_target, "", ak, sk, sdk_date(840s)); }, ""},
        {"X-Sdk-Date not YYYYMMDDTHHMMSSZ",
         [] { return signed_request(v::get, config_target, "", ak, sk, "2021-03-04T06:50:02Z"); },
         "x-sdk-date format error, expected YYYYMMDDTHHMMSSZ"},
        {"signature without X-Sdk-Date",
         [] {
             auto req = signed_request(v::get, config_target);
             req.erase("X-Sdk-Date");
             return req;
         },
         "x-sdk-date not found"},
        {"a token still passes (no token configured)",
         [] { return token_request(v::get, config_target, "whatever"); }, ""},
    };
}

/// --auth strict, credential AccessKey/SecretKey configured, tokens "known" (any project) and
/// "only-p" (project p).
std::vector<request_case> strict_cases() {
    using v = http::verb;
    return {
        {"known token", [] { return token_request(v::get, config_target, "known"); }, ""},
        {"known token bound to this project",
         [] { return token_request(v::get, config_target, "only-p"); }, ""},
        {"unknown token", [] { return token_request(v::get, config_target, "unknown"); },
         "decrypt token fail"},
        {"empty token", [] { return token_request(v::get, config_target, ""); },
         "x-auth-token is empty"},
        {"no credentials", [] { return token_request(v::get, config_target, std::nullopt); },
         "x-auth-token not found"},
        {"right signature", [] { return signed_request(v::get, config_target); }, ""},
        {"wrong secret key",
         [] { return signed_request(v::get, config_target, "", ak, "WrongKey"); },
         "verify aksk signature fail, canonicalRequest:" + shown_get_canonical_request()},
        {"well-formed garbage signature", [] { return authorization_request(well_formed_garbage); },
         "Get secretKey failed,ak:anyone,err:ak not exist"},
        {"X-Sdk-Date 16 min behind",
         [] { return signed_request(v::get, config_target, "", ak, sk, sdk_date(-960s)); },
         skew_message(-960s)},
    };
}

struct parse_credential_case {
    std::string text;
    std::optional<gateway::credential> expected;
};
std::ostream& operator<<(std::ostream& os, const parse_credential_case& c) {
    return os << "'" << c.text << "'";
}

struct parse_token_case {
    std::string text;
    std::optional<gateway::auth_token> expected;
};
std::ostream& operator<<(std::ostream& os, const parse_token_case& c) {
    return os << "'" << c.text << "'";
}

/// One way of being refused, for the dialect table.
struct dialect_case {
    std::string name;
    std::vector<std::pair<std::string, std::string>> switches;
    unsigned status;
    std::string code;
    std::string prefix; ///< error_msg before ": <reason>"
    bool request_id;    ///< whether the body carries request_id
};
std::ostream& operator<<(std::ostream& os, const dialect_case& c) {
    return os << c.name;
}

} // namespace

BOOST_AUTO_TEST_SUITE(auth_test)

// ---- --auth off ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(mode_off_accepts_requests_without_any_credentials) {
    fixture f;
    f.h.svc.auth = gateway::auth_mode::off;
    auto get = f.send(token_request(http::verb::get, config_target, std::nullopt));
    check_ok(get);
    BOOST_TEST(get.body.at("max_async_retry_attempts").as_int64() == 2);
    auto put = f.send(token_request(http::verb::put, config_target, std::nullopt, put_body));
    check_ok(put);
    BOOST_TEST(put.body.at("max_async_retry_attempts").as_int64() == 0);
    // Nothing is looked at, not even configured credentials or a malformed header.
    f.h.credentials.add(gateway::credential{ak, sk, ""});
    f.h.credentials.add(gateway::auth_token{"known", q});
    check_ok(f.send(signed_request(http::verb::get, config_target, "", ak, "WrongKey")));
    check_ok(f.send(token_request(http::verb::get, config_target, "unknown")));
    check_ok(f.send(token_request(http::verb::get, config_target, "")));
    check_ok(f.send(authorization_request("Bearer abc")));
}

// ---- --auth any -----------------------------------------------------------------------------

/// Nothing configured: any non-empty token, any well-formed signature (unverified).
BOOST_DATA_TEST_CASE(mode_any_with_nothing_configured, bdata::make(unconfigured_any_cases()), c) {
    fixture f;
    BOOST_TEST_REQUIRE((f.h.svc.auth == gateway::auth_mode::any));
    auto a = f.send(c.make());
    if (c.reason.empty())
        check_ok(a);
    else
        check_refused(a, c.reason);
}

/// A credential configured: signatures are verified (its AK only), tokens still pass.
BOOST_DATA_TEST_CASE(mode_any_with_a_credential, bdata::make(credential_any_cases()), c) {
    fixture f;
    f.h.credentials.add(gateway::credential{ak, sk, ""});
    auto a = f.send(c.make());
    if (c.reason.empty())
        check_ok(a);
    else
        check_refused(a, c.reason);
}

BOOST_AUTO_TEST_CASE(signed_put_is_applied) {
    fixture f;
    f.h.credentials.add(gateway::credential{ak, sk, ""});
    auto a = f.send(signed_request(http::verb::put, config_target, put_body));
    check_ok(a);
    BOOST_TEST(a.body.at("max_async_retry_attempts").as_int64() == 0);
    BOOST_TEST(f.send(signed_request(http::verb::get, config_target))
                   .body.at("max_async_retry_attempts")
                   .as_int64() == 0);
}

BOOST_AUTO_TEST_CASE(changing_the_request_after_signing_is_refused) {
    fixture f;
    f.h.credentials.add(gateway::credential{ak, sk, ""});
    auto body = signed_request(http::verb::put, config_target, R"({"max_async_retry_attempts":3})");
    body.body() = put_body;
    body.prepare_payload();
    auto a = f.send(body);
    check_error_has(a, 401, "APIGW.0301",
                    {iam + "verify aksk signature fail, canonicalRequest:PUT|/v2/" + p +
                         "/fgs/functions/urn%3Afss%3A",
                     "||content-type;host;x-project-id;x-sdk-date|"});
    check_request_id(a);

    auto query = signed_request(http::verb::get, functions_p + "?maxitems=10");
    query.target(functions_p + "?maxitems=20");
    check_error_has(f.send(query), 401, "APIGW.0301",
                    {iam + "verify aksk signature fail, canonicalRequest:GET|/v2/" + p +
                     "/fgs/functions/|maxitems=20|"});

    auto header = signed_request(http::verb::get, config_target);
    header.set("X-Project-Id", q);
    check_error_has(f.send(header), 401, "APIGW.0301",
                    {iam + "verify aksk signature fail", "|x-project-id:" + q + "|"});

    check_config_unchanged(f);
}

/// X-Sdk-Date is compared with the emulator's clock of the path's project, not the wall clock.
BOOST_AUTO_TEST_CASE(x_sdk_date_is_checked_against_the_virtual_clock) {
    fixture f;
    f.h.credentials.add(gateway::credential{ak, sk, ""});
    auto req = signed_request(http::verb::get, config_target);
    check_ok(f.send(req));
    f.h.clock.advance(16min);
    check_refused(f.send(req), skew_message(0s));
    // Project p gets a clock of its own, frozen back near the signing time.
    f.h.clocks.freeze_at(p, doc_instant() + 1min);
    check_ok(f.send(req));
    // A signature made now (wall clock) is refused while the project's clock says 2021.
    auto now = signed_request(http::verb::get, config_target, "", ak, sk,
                              format_sdk_date(std::chrono::system_clock::now()));
    check_error_has(f.send(now), 401, "APIGW.0301",
                    {iam + "the request time skew is too big, x-sdk-date:"});
}

BOOST_AUTO_TEST_CASE(several_credentials_and_a_replaced_secret) {
    fixture f;
    f.h.credentials.add(gateway::credential{ak, "OldSecret", ""});
    f.h.credentials.add(gateway::credential{"SecondKey", "SecondSecret", ""});
    f.h.credentials.add(gateway::credential{ak, sk, ""}); // same AK again: replaces the secret
    check_ok(f.send(signed_request(http::verb::get, config_target)));
    check_ok(
        f.send(signed_request(http::verb::get, config_target, "", "SecondKey", "SecondSecret")));
    check_error_has(f.send(signed_request(http::verb::get, config_target, "", ak, "OldSecret")),
                    401, "APIGW.0301", {iam + "verify aksk signature fail, canonicalRequest:"});
}

// ---- tokens and project bindings ----------------------------------------------------------

BOOST_AUTO_TEST_CASE(configured_tokens_must_be_known) {
    fixture f;
    f.h.credentials.add(gateway::auth_token{"known", ""});
    f.h.credentials.add(gateway::auth_token{"only-p", p});
    check_ok(f.send(token_request(http::verb::get, config_target, "known")));
    check_ok(f.send(token_request(http::verb::get, functions_q, "known")));
    check_ok(f.send(token_request(http::verb::get, config_target, "only-p")));
    check_ok(f.send(token_request(http::verb::get, config_target, " known ")));
    check_refused(f.send(token_request(http::verb::get, config_target, "unknown")),
                  "decrypt token fail");
    check_refused(f.send(token_request(http::verb::get, config_target, "KNOWN")),
                  "decrypt token fail");
    check_refused(f.send(token_request(http::verb::get, functions_q, "only-p")),
                  "the token is bound to project " + p + ", not " + q);
    // Under --auth any, configuring tokens does not make signatures verified.
    check_ok(f.send(authorization_request(well_formed_garbage)));
}

BOOST_AUTO_TEST_CASE(credential_bound_to_a_project) {
    fixture f;
    f.h.credentials.add(gateway::credential{ak, sk, p});
    f.h.credentials.add(gateway::credential{"AnyProjectKey", "AnySecret", ""});
    check_ok(f.send(signed_request(http::verb::get, config_target)));
    check_ok(f.send(signed_request(http::verb::get, functions_p)));
    check_refused(f.send(signed_request(http::verb::get, functions_q)),
                  "the access key " + ak + " is bound to project " + p + ", not " + q);
    check_ok(
        f.send(signed_request(http::verb::get, functions_q, "", "AnyProjectKey", "AnySecret")));
    // A wrong signature is reported as such before the binding.
    check_error_has(f.send(signed_request(http::verb::get, functions_q, "", ak, "WrongKey")), 401,
                    "APIGW.0301", {iam + "verify aksk signature fail, canonicalRequest:"});
}

// ---- --auth strict ------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(mode_strict_with_nothing_configured_refuses_everything) {
    fixture f;
    f.h.svc.auth = gateway::auth_mode::strict;
    check_refused(f.send(token_request(http::verb::get, config_target, "test-token")),
                  "decrypt token fail");
    check_refused(f.send(signed_request(http::verb::get, config_target)),
                  "Get secretKey failed,ak:" + ak + ",err:ak not exist");
    check_refused(f.send(authorization_request(well_formed_garbage)),
                  "Get secretKey failed,ak:anyone,err:ak not exist");
    check_refused(f.send(token_request(http::verb::get, config_target, std::nullopt)),
                  "x-auth-token not found");
}

BOOST_DATA_TEST_CASE(mode_strict, bdata::make(strict_cases()), c) {
    fixture f;
    f.h.svc.auth = gateway::auth_mode::strict;
    f.h.credentials.add(gateway::credential{ak, sk, ""});
    f.h.credentials.add(gateway::auth_token{"known", ""});
    f.h.credentials.add(gateway::auth_token{"only-p", p});
    auto a = f.send(c.make());
    if (c.reason.empty())
        check_ok(a);
    else
        check_refused(a, c.reason);
}

BOOST_AUTO_TEST_CASE(mode_strict_project_bindings) {
    fixture f;
    f.h.svc.auth = gateway::auth_mode::strict;
    f.h.credentials.add(gateway::credential{ak, sk, p});
    f.h.credentials.add(gateway::auth_token{"only-p", p});
    check_ok(f.send(token_request(http::verb::get, functions_p, "only-p")));
    check_refused(f.send(token_request(http::verb::get, functions_q, "only-p")),
                  "the token is bound to project " + p + ", not " + q);
    check_ok(f.send(signed_request(http::verb::get, functions_p)));
    check_refused(f.send(signed_request(http::verb::get, functions_q)),
                  "the access key " + ak + " is bound to project " + p + ", not " + q);
}

/// The state document (PUT /_emulator/state, --fixtures) adds credentials and tokens.
BOOST_AUTO_TEST_CASE(credentials_from_a_state_document) {
    fixture f;
    f.h.svc.auth = gateway::auth_mode::strict;
    emu::request put{http::verb::put, "/_emulator/state", 11};
    put.set(http::field::content_type, "application/json");
    put.body() = R"({"projects": [],
        "credentials": [{"access_key": "StateKey", "secret_key": "StateSecret",
                         "project_id": ")" +
                 p + R"("}],
        "tokens": [{"token": "state-token"}]})";
    auto loaded = f.send(put);
    BOOST_TEST_REQUIRE(loaded.status() == 200u, loaded.res.body());
    check_ok(f.send(token_request(http::verb::get, functions_q, "state-token")));
    check_ok(f.send(signed_request(http::verb::get, config_target, "", "StateKey", "StateSecret")));
    check_refused(
        f.send(signed_request(http::verb::get, functions_q, "", "StateKey", "StateSecret")),
        "the access key StateKey is bound to project " + p + ", not " + q);

    auto state = f.send(emu::request{http::verb::get, "/_emulator/state", 11});
    BOOST_TEST_REQUIRE(state.status() == 200u, state.res.body());
    auto& creds = state.body.at("credentials").as_array();
    BOOST_TEST_REQUIRE(creds.size() == 1u);
    BOOST_TEST(creds[0].at("access_key").as_string() == "StateKey");
    BOOST_TEST(creds[0].at("project_id").as_string() == p);
    BOOST_TEST(state.body.at("tokens").as_array().size() == 1u);
}

BOOST_AUTO_TEST_CASE(control_api_is_not_subject_to_auth) {
    fixture f;
    f.h.svc.auth = gateway::auth_mode::strict;
    emu::request req{http::verb::get, "/_emulator/health", 11};
    check_ok(f.send(req));
}

// ---- error dialects (D14, D15) ------------------------------------------------------------

std::vector<dialect_case> dialect_cases() {
    const std::string fss = "invalid token";
    const std::string gw = "Incorrect IAM authentication information";
    return {
        {"default", {}, 401, "APIGW.0301", gw, true},
        {"gateway, APIGW",
         {{"auth_error_dialect", "gateway"}, {"gateway_prefix", "APIGW"}},
         401,
         "APIGW.0301",
         gw,
         true},
        {"gateway, APIG", {{"gateway_prefix", "APIG"}}, 401, "APIG.0301", gw, true},
        {"fss-401", {{"auth_error_dialect", "fss-401"}}, 401, "FSS.0401", fss, false},
        {"fss-403", {{"auth_error_dialect", "fss-403"}}, 403, "FSS.0403", fss, false},
        {"fss-403 ignores the gateway prefix",
         {{"auth_error_dialect", "fss-403"}, {"gateway_prefix", "APIG"}},
         403,
         "FSS.0403",
         fss,
         false},
        {"fss-401 ignores the gateway prefix",
         {{"auth_error_dialect", "fss-401"}, {"gateway_prefix", "APIG"}},
         401,
         "FSS.0401",
         fss,
         false},
    };
}

BOOST_DATA_TEST_CASE(auth_error_dialects, bdata::make(dialect_cases()), c) {
    domain::switches b;
    for (auto& [name, value] : c.switches)
        BOOST_TEST_REQUIRE(bool(domain::set_switch(b, name, value)), name << "=" << value);
    fixture f(b);
    f.h.svc.auth = gateway::auth_mode::strict;
    f.h.credentials.add(gateway::credential{ak, sk, ""});
    f.h.credentials.add(gateway::auth_token{"only-p", p});

    const std::vector<std::pair<emu::request, std::string>> refusals = {
        {token_request(http::verb::get, config_target, "unknown"), "decrypt token fail"},
        {token_request(http::verb::get, config_target, std::nullopt), "x-auth-token not found"},
        {token_request(http::verb::get, functions_q, "only-p"),
         "the token is bound to project " + p + ", not " + q},
        {signed_request(http::verb::get, config_target, "", ak, "WrongKey"),
         "verify aksk signature fail, canonicalRequest:" + shown_get_canonical_request()},
        {signed_request(http::verb::get, config_target, "", ak, sk, sdk_date(960s)),
         skew_message(960s)},
    };
    for (auto& [req, reason] : refusals) {
        BOOST_TEST_CONTEXT(reason) {
            auto a = f.send(req);
            check_error(a, c.status, c.code, c.prefix + ": " + reason);
            BOOST_TEST(!a.res["X-Request-Id"].empty());
            if (c.request_id)
                check_request_id(a);
            else
                BOOST_TEST(!a.body.as_object().contains("request_id"));
        }
    }
    check_ok(f.send(signed_request(http::verb::get, config_target)));
}

/// The X-Emulator-Switches header picks the dialect per request, for refusals too.
BOOST_AUTO_TEST_CASE(dialect_per_request_switch_header) {
    fixture f;
    f.h.svc.auth = gateway::auth_mode::strict;
    auto req = token_request(http::verb::get, config_target, "unknown");
    req.set("X-Emulator-Switches", "auth_error_dialect=fss-403");
    check_error(f.send(req), 403, "FSS.0403", "invalid token: decrypt token fail");
    req.set("X-Emulator-Switches", "gateway_prefix=APIG");
    auto a = f.send(req);
    check_error(a, 401, "APIG.0301", iam + "decrypt token fail");
    check_request_id(a);
}

// ---- a refused request changes nothing ----------------------------------------------------

std::vector<request_case> refused_put_cases() {
    using v = http::verb;
    return {
        {"wrong secret key",
         [] { return signed_request(v::put, config_target, put_body, ak, "WrongKey"); },
         "verify aksk signature fail"},
        {"unknown access key",
         [] { return signed_request(v::put, config_target, put_body, "Nobody", sk); },
         "Get secretKey failed,ak:Nobody,err:ak not exist"},
        {"X-Sdk-Date 16 min ahead",
         [] { return signed_request(v::put, config_target, put_body, ak, sk, sdk_date(960s)); },
         skew_message(960s)},
        {"body changed after signing",
         [] {
             auto req = signed_request(v::put, config_target, R"({"max_async_retry_attempts":1})");
             req.body() = put_body;
             req.prepare_payload();
             return req;
         },
         "verify aksk signature fail"},
        {"credential bound to another project",
         [] { return signed_request(v::put, config_target, put_body, "OtherKey", "OtherSecret"); },
         "the access key OtherKey is bound to project " + q + ", not " + p},
        {"unknown token", [] { return token_request(v::put, config_target, "unknown", put_body); },
         "decrypt token fail"},
        {"token bound to another project",
         [] { return token_request(v::put, config_target, "only-q", put_body); },
         "the token is bound to project " + q + ", not " + p},
        {"no credentials",
         [] { return token_request(v::put, config_target, std::nullopt, put_body); },
         "x-auth-token not found"},
        {"DELETE with a wrong secret key",
         [] { return signed_request(v::delete_, config_target, "", ak, "WrongKey"); },
         "verify aksk signature fail"},
        {"DELETE of the function with an unknown token",
         [] {
             return token_request(v::delete_,
                                  functions_p + "/" + demo_urn.substr(0, demo_urn.rfind(':')),
                                  "unknown");
         },
         "decrypt token fail"},
    };
}

BOOST_DATA_TEST_CASE(a_refused_request_changes_nothing, bdata::make(refused_put_cases()), c) {
    fixture f;
    f.h.svc.auth = gateway::auth_mode::strict;
    f.h.credentials.add(gateway::credential{ak, sk, ""});
    f.h.credentials.add(gateway::credential{"OtherKey", "OtherSecret", q});
    f.h.credentials.add(gateway::auth_token{"only-q", q});
    auto a = f.send(c.make());
    check_error_has(a, 401, "APIGW.0301", {iam + c.reason});
    check_config_unchanged(f);
}

// ---- --credential / --auth-token forms ----------------------------------------------------

std::vector<parse_credential_case> credential_forms() {
    return {
        {"AK:SK", gateway::credential{"AK", "SK", ""}},
        {"AK:SK:P", gateway::credential{"AK", "SK", "P"}},
        {"CONTRACTTESTAK00000000:contract-test-secret:" + p,
         gateway::credential{"CONTRACTTESTAK00000000", "contract-test-secret", p}},
        {":SK", std::nullopt},
        {"AK:", std::nullopt},
        {"AK:SK:", std::nullopt},
        {"AK::P", std::nullopt},
        {"", std::nullopt},
        {":", std::nullopt},
        {"AK", std::nullopt},
        {"AK:SK:P:X", std::nullopt},
    };
}

BOOST_DATA_TEST_CASE(parse_credential_forms, bdata::make(credential_forms()), c) {
    auto got = gateway::parse_credential(c.text);
    BOOST_TEST(got.has_value() == c.expected.has_value());
    if (got && c.expected) {
        BOOST_TEST(got->access_key == c.expected->access_key);
        BOOST_TEST(got->secret_key == c.expected->secret_key);
        BOOST_TEST(got->project_id == c.expected->project_id);
    }
}

std::vector<parse_token_case> token_forms() {
    return {
        {"T", gateway::auth_token{"T", ""}},
        {"T:P", gateway::auth_token{"T", "P"}},
        {"MIIabc-_+/=:" + p, gateway::auth_token{"MIIabc-_+/=", p}},
        {"T:", std::nullopt},
        {"", std::nullopt},
        {":P", std::nullopt},
        {"T:P:X", std::nullopt},
    };
}

BOOST_DATA_TEST_CASE(parse_auth_token_forms, bdata::make(token_forms()), c) {
    auto got = gateway::parse_auth_token(c.text);
    BOOST_TEST(got.has_value() == c.expected.has_value());
    if (got && c.expected) {
        BOOST_TEST(got->token == c.expected->token);
        BOOST_TEST(got->project_id == c.expected->project_id);
    }
}

BOOST_AUTO_TEST_SUITE_END()
