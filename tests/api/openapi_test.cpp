// The OpenAPI document (emulator/control/openapi.json) against the pipeline's own route
// tables: every route the emulator serves has an operation with its method, path and
// operation id, and every operation is served; the served copy
// is the source file; the dashboard's files are served without the control token.
#include "api/routes.hpp"
#include "api_harness.hpp"
#include "control/handlers.hpp"
#include "control/ui/ui_assets.hpp"

#include <boost/test/unit_test.hpp>

#include <cctype>
#include <fstream>
#include <iterator>
#include <set>
#include <string>

using namespace emu;
using namespace emu::test;

namespace {

std::string source_document() {
    std::ifstream in(std::string(FGS_SOURCE_DIR) + "/emulator/control/openapi.json",
                     std::ios::binary);
    BOOST_TEST_REQUIRE(in.good(), "cannot read emulator/control/openapi.json");
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// "GET /v2/{project_id}/fgs/functions CreateFunction": method, path and operation id.
std::string key(std::string method, std::string_view pattern, std::string_view operation) {
    for (auto& c : method)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return method + " " + std::string(pattern) + " " + std::string(operation);
}

/// Every route of both route tables, as the pipeline matches them.
std::set<std::string> served() {
    std::set<std::string> out;
    for (auto& r : api::public_routes().routes())
        out.insert(key(std::string(http::to_string(r.method)), r.pattern, r.operation));
    for (auto& r : control::control_routes().routes())
        out.insert(key(std::string(http::to_string(r.method)), r.pattern, r.operation));
    return out;
}

std::set<std::string> documented() {
    auto doc = json::parse(source_document()).as_object();
    std::set<std::string> out;
    for (auto& [path, item] : doc.at("paths").as_object())
        for (auto& [method, op] : item.as_object()) {
            BOOST_TEST(op.as_object().contains("responses"), method << ' ' << path);
            auto* id = op.as_object().if_contains("operationId");
            out.insert(key(std::string(method), path,
                           id && id->is_string() ? std::string_view(id->get_string()) : ""));
        }
    return out;
}

} // namespace

BOOST_AUTO_TEST_SUITE(openapi_test)

BOOST_AUTO_TEST_CASE(every_route_has_an_operation_and_every_operation_is_served) {
    auto routes = served();
    auto operations = documented();
    BOOST_TEST_REQUIRE(routes.size() > 40u); // the table was really walked
    for (auto& r : routes)
        BOOST_TEST(operations.count(r) == 1u, "served but not in openapi.json: " << r);
    for (auto& o : operations)
        BOOST_TEST(routes.count(o) == 1u, "in openapi.json but not served: " << o);
}

BOOST_AUTO_TEST_CASE(the_served_document_is_the_source_file) {
    api_harness h;
    auto a = h.call(http::verb::get, "/_emulator/openapi.json");
    BOOST_TEST(a.status() == 200u);
    BOOST_TEST(a.res[http::field::content_type] == "application/json");
    BOOST_TEST(a.res.body() == source_document());
    BOOST_TEST(a.body.at("openapi").as_string() == "3.1.0");
}

BOOST_AUTO_TEST_CASE(dashboard_files_are_embedded_with_their_content_types) {
    api_harness h;
    auto page = h.call(http::verb::get, "/_emulator/ui/");
    BOOST_TEST(page.status() == 200u);
    BOOST_TEST(page.res[http::field::content_type] == "text/html; charset=utf-8");
    BOOST_TEST(page.res.body() == std::string(ui::find_asset("index.html")->body));
    BOOST_TEST(page.res.body().find("app.js") != std::string::npos);
    BOOST_TEST(h.call(http::verb::get, "/_emulator/ui/app.js").res[http::field::content_type] ==
               "text/javascript; charset=utf-8");
    BOOST_TEST(h.call(http::verb::get, "/_emulator/ui/style.css").res[http::field::content_type] ==
               "text/css; charset=utf-8");

    auto redirect = h.call(http::verb::get, "/_emulator/ui");
    BOOST_TEST(redirect.status() == 302u);
    BOOST_TEST(redirect.res[http::field::location] == "/_emulator/ui/");

    auto missing = h.call(http::verb::get, "/_emulator/ui/../state");
    BOOST_TEST(missing.status() == 404u);
    auto unknown = h.call(http::verb::get, "/_emulator/ui/secret.txt");
    BOOST_TEST(unknown.status() == 404u);
    BOOST_TEST(unknown.code() == "EMU.0404");
    BOOST_TEST(unknown.message() == "Not found: no dashboard file 'secret.txt'");
}

BOOST_AUTO_TEST_CASE(with_a_token_files_are_open_and_data_is_not) {
    api_harness h;
    h.state.control.token = "sekret";
    BOOST_TEST(h.call(http::verb::get, "/_emulator/ui/").status() == 200u);
    BOOST_TEST(h.call(http::verb::get, "/_emulator/ui/app.js").status() == 200u);
    BOOST_TEST(h.call(http::verb::get, "/_emulator/openapi.json").status() == 200u);
    auto data = h.call(http::verb::get, "/_emulator/state");
    BOOST_TEST(data.status() == 401u);
    BOOST_TEST(data.code() == "EMU.0401");
    BOOST_TEST(h.call(http::verb::get, "/_emulator/state", "", {{"X-Emulator-Token", "sekret"}})
                   .status() == 200u);
}

BOOST_AUTO_TEST_CASE(with_admin_off_the_dashboard_is_gone) {
    api_harness h;
    h.state.control.enabled = false;
    BOOST_TEST(h.call(http::verb::get, "/_emulator/ui/").status() == 404u);
    BOOST_TEST(h.call(http::verb::get, "/_emulator/openapi.json").code() == "APIGW.0101");
}

BOOST_AUTO_TEST_SUITE_END()
