// Two projects driven at the same time from two threads — functions, configs, journal,
// faults, switches and clocks — stay apart in the one control::service_state, and resetting
// one leaves the other intact: the way parallel test workers share one emulator. In process:
// the pipeline is what the server's threads call.
#include "control_harness.hpp"

#include <mutex>
#include <thread>
#include <vector>

using namespace emu::test;

namespace {

constexpr int rounds = 10;

struct worker_setup {
    std::string project;
    std::string clock;        ///< frozen time of the project
    std::string switches;     ///< PUT /_emulator/switches body
    std::string created_time; ///< what the configs must show
};

/// Failures seen by worker threads (Boost.Test assertions are for the main thread only).
class failures {
public:
    void add(std::string what) {
        std::lock_guard lock(mutex_);
        list_.push_back(std::move(what));
    }
    std::vector<std::string> list() const {
        std::lock_guard lock(mutex_);
        return list_;
    }

private:
    mutable std::mutex mutex_;
    std::vector<std::string> list_;
};

/// One parallel worker: own clock, switches and faults, then `rounds` functions with configs.
void work(const control_harness& s, const worker_setup& w, failures& out) {
    try {
        harness_client c(s);
        auto expect = [&](const response& r, unsigned status, const std::string& what) {
            if (r.result_int() != status)
                out.add(w.project + ": " + what + " answered " + std::to_string(r.result_int()) +
                        " " + r.body());
        };
        const std::string q = "?project_id=" + w.project;
        expect(c.ctl(http::verb::put, "/_emulator/clock" + q, R"({"time":")" + w.clock + R"("})"),
               200, "PUT clock");
        expect(c.ctl(http::verb::put, "/_emulator/switches" + q, w.switches), 200, "PUT switches");
        expect(c.ctl(http::verb::post, "/_emulator/faults",
                     R"({"method":"PUT","times":1,"project_id":")" + w.project + R"("})"),
               201, "POST fault");
        expect(c.ctl(http::verb::post, "/_emulator/faults",
                     R"({"method":"PATCH","project_id":")" + w.project + R"("})"),
               201, "POST fault");
        for (int i = 0; i < rounds; ++i) {
            const std::string name = "f" + std::to_string(i);
            expect(c.api(http::verb::post, functions_path(w.project), create_body(name)), 200,
                   "create " + name);
            auto put = c.api(http::verb::put, config_path(name, w.project), config_body(60 + i, 1));
            if (i == 0) { // the project's own fault fires once
                expect(put, 500, "faulted PUT");
                put = c.api(http::verb::put, config_path(name, w.project), config_body(60 + i, 1));
            }
            expect(put, 200, "PUT " + name);
            auto get = c.api(http::verb::get, config_path(name, w.project));
            expect(get, 200, "GET " + name);
            if (get.result_int() == 200 &&
                json::parse(get.body()).at("created_time").as_string() != w.created_time)
                out.add(w.project + ": created_time " + get.body());
        }
    } catch (const std::exception& e) {
        out.add(w.project + ": " + e.what());
    }
}

/// Everything the control API shows of one project.
json::object everything(harness_client& c, const std::string& project) {
    const std::string q = "?project_id=" + project;
    json::object o;
    o["state"] = state_of(c, project);
    o["journal"] = journal_entries(c, q + "&limit=1000");
    o["faults"] = body_of(c.ctl(http::verb::get, "/_emulator/faults" + q)).at("faults");
    o["switches"] = body_of(c.ctl(http::verb::get, "/_emulator/switches" + q));
    o["clock"] = body_of(c.ctl(http::verb::get, "/_emulator/clock" + q));
    return o;
}

} // namespace

BOOST_AUTO_TEST_SUITE(control_service_state_test)

BOOST_AUTO_TEST_CASE(parallel_projects_stay_apart_and_reset_separately) {
    control_harness s;
    const std::vector<worker_setup> workers = {
        {project, "2030-01-01T00:00:00Z", R"({"switches":{"retry_max":8}})",
         "2030-01-01T08:00:00+08:00"},
        {other_project, "2025-06-01T12:00:00Z", R"({"switches":{"time_style":"utc-z"}})",
         "2025-06-01T12:00:00Z"},
    };
    failures seen;
    {
        std::vector<std::thread> threads;
        for (auto& w : workers)
            threads.emplace_back([&s, &w, &seen] { work(s, w, seen); });
        for (auto& t : threads)
            t.join();
    }
    BOOST_TEST(seen.list().empty());
    for (auto& msg : seen.list())
        BOOST_TEST_MESSAGE(msg);

    harness_client c(s);
    for (auto& w : workers)
        BOOST_TEST_CONTEXT(w.project) {
            auto all = everything(c, w.project);
            auto& project = all.at("state").at("projects").at(0);
            BOOST_TEST(project.at("functions").as_array().size() == std::size_t(rounds));
            const std::string exact = w.clock.substr(0, 19) + ".000000000Z";
            BOOST_TEST(str(project.at("clock"), "time") == exact);
            auto& journal = all.at("journal").as_array();
            BOOST_TEST(journal.size() == std::size_t(3 * rounds + 1));
            for (auto& e : journal)
                BOOST_TEST(str(e, "project_id") == w.project);
            BOOST_TEST(str(journal.at(0), "time") == exact);
            auto& faults = all.at("faults").as_array();
            BOOST_TEST_REQUIRE(faults.size() == 2u);
            BOOST_TEST(faults[0].at("hits") == 1);
            BOOST_TEST(faults[0].at("times") == 0);
            BOOST_TEST(faults[1].at("hits") == 0);
            BOOST_TEST(all.at("switches").at("own") == true);
            BOOST_TEST(all.at("clock").at("own") == true);
        }

    auto b_before = everything(c, other_project);
    auto r = c.ctl(http::verb::post, "/_emulator/reset?project_id=" + project);
    BOOST_TEST(r.result_int() == 200u);
    auto a_after = everything(c, project);
    BOOST_TEST(a_after.at("state").at("projects").at(0).at("functions").as_array().empty());
    BOOST_TEST(a_after.at("journal").as_array().empty());
    BOOST_TEST(a_after.at("faults").as_array().empty());
    BOOST_TEST(a_after.at("switches").at("own") == false);
    BOOST_TEST(a_after.at("clock").at("own") == false);
    BOOST_TEST(everything(c, other_project) == b_before);
    BOOST_TEST(c.api(http::verb::get, config_path("f3", other_project)).result_int() == 200u);
    BOOST_TEST(c.api(http::verb::get, config_path("f3", project)).result_int() == 404u);
}

BOOST_AUTO_TEST_SUITE_END()
