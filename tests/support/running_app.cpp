#include "support/running_app.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>

namespace emu::test {

domain::time_point app_start_time() {
    return std::chrono::sys_days{std::chrono::year{2021} / 3 / 4};
}

options test_options() {
    options opts;
    opts.server.port = 0;
    opts.server.threads = 2;
    return opts;
}

running_app::running_app(const options& opts) {
    std::string error;
    app = application::create(opts, error, &clock);
    BOOST_TEST_REQUIRE(app != nullptr, error);
    port = app->start();
}

running_app::~running_app() {
    app->stop();
    app->wait();
}

} // namespace emu::test
