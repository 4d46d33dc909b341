// The asynchronous invocation engine on explicit time points (no clock, no sleeps).
#include "domain/function_store.hpp"
#include "domain/ids.hpp"
#include "domain/invocation_engine.hpp"
#include "domain/validation.hpp"

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <ostream>
#include <thread>

using namespace emu::domain;
using namespace std::chrono_literals;

namespace emu::domain {
inline std::ostream& operator<<(std::ostream& os, invocation_status s) {
    return os << to_string(s);
}
} // namespace emu::domain

namespace {

const std::string project = "p1";
const time_point t0 = std::chrono::sys_days{std::chrono::year{2021} / 3 / 4};

/// A function store with functions "f", "g" and "h", and an engine whose codecs know the
/// few destination params these tests use.
struct engine_fixture {
    id_generator ids;
    function_store store{ids};
    switches b;
    std::map<std::string, std::map<std::string, param_value>> params;
    invocation_engine engine{
        store, ids,
        invocation_codecs{[](const notification& n, const switches&) {
                              return "{\"request_id\":\"" + n.request_id + "\"}";
                          },
                          [this](std::string_view p) { return params[std::string(p)]; }},
        invocation_limits{100, 100}};

    engine_fixture() {
        ids.seed(1);
        for (auto name : {"f", "g", "h"}) {
            function_input in;
            in.func_name = name;
            in.package = "default";
            in.runtime = "Python3.9";
            in.handler = "index.handler";
            in.memory_size = 128;
            in.timeout = 30;
            in.code_type = "inline";
            BOOST_TEST_REQUIRE(
                store.create_function(project, "r1", *build_function(in), b, t0).has_value());
        }
    }

    function_urn urn(const std::string& name) { return *parse_function_urn(name, {project, "r1"}); }

    /// Another engine on the same store, with other limits and codecs that give nothing.
    invocation_engine engine_with(invocation_limits limits) {
        return invocation_engine{
            store, ids,
            invocation_codecs{
                [](const notification&, const switches&) { return std::string(); },
                [](std::string_view) { return std::map<std::string, param_value>{}; }},
            limits};
    }

    /// Stores a config of `name` with `retries`, `age` and optional destinations.
    void configure(const std::string& name, int retries, int age,
                   std::optional<std::pair<std::string, std::string>> on_success = {},
                   std::optional<std::pair<std::string, std::string>> on_failure = {}) {
        config_input in;
        in.max_async_retry_attempts = retries;
        in.max_async_event_age_in_seconds = age;
        auto dest = [&](const std::pair<std::string, std::string>& d) {
            destination_input di;
            di.destination = d.first;
            di.param = d.second;
            di.param_is_json_object = true;
            di.param_fields = params[d.second];
            return di;
        };
        if (on_success || on_failure)
            in.has_destination_config = true;
        if (on_success)
            in.on_success = dest(*on_success);
        if (on_failure)
            in.on_failure = dest(*on_failure);
        auto r = store.put_config(project, urn(name), in, b, t0);
        BOOST_TEST_REQUIRE(r.has_value(), (r ? "" : r.error().detail));
    }

    std::pair<std::string, std::string> obs(const std::string& bucket, const std::string& prefix,
                                            int expires = 0) {
        std::string p = "obs:" + bucket + ":" + prefix + ":" + std::to_string(expires);
        params[p] = {{"bucket", bucket}, {"prefix", prefix}, {"expires", std::int64_t{expires}}};
        return {"OBS", p};
    }

    std::pair<std::string, std::string> to_function(const std::string& name) {
        std::string p = "fg:" + name;
        params[p] = {{"func_urn", urn(name).full()}};
        return {"FunctionGraph", p};
    }

    void fail_always(const std::string& name) {
        function_behaviour fb;
        fb.otherwise = attempt_outcome{attempt_outcome::kind::fail, {}, "boom", 100ms};
        engine.set_behaviour(project, urn(name), fb);
    }

    invocation_record record(const std::string& id) {
        record_filter f;
        f.request_id = id;
        auto all = engine.records(project, f);
        BOOST_TEST_REQUIRE(all.size() == 1u);
        return all.front();
    }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(invocation_engine_test, engine_fixture)

BOOST_AUTO_TEST_CASE(success_delivers_on_success_once) {
    configure("f", 1, 3600, obs("results", "ok/", 7), obs("errors", "bad/"));
    auto r = engine.submit(project, urn("f"), R"({"k":"v"})", b, t0);
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST(record(r->request_id).status == invocation_status::wait);
    engine.run_due(project, t0, b);
    BOOST_TEST(record(r->request_id).status == invocation_status::running);
    engine.run_due(project, t0 + 100ms, b);
    auto done = record(r->request_id);
    BOOST_TEST(done.status == invocation_status::success);
    BOOST_TEST(done.attempts == 1);
    BOOST_TEST(done.result == R"({"k":"v"})"); // default behaviour echoes the event
    BOOST_TEST((done.end_time == t0 + 100ms));
    auto ds = engine.deliveries(project);
    BOOST_TEST_REQUIRE(ds.size() == 1u);
    BOOST_TEST(ds[0].on == "on_success");
    BOOST_TEST(ds[0].target == "results");
    BOOST_TEST(ds[0].object_key == "ok/" + r->request_id);
    BOOST_TEST((ds[0].expires_at == t0 + 100ms + std::chrono::hours(24 * 7)));
    BOOST_TEST(ds[0].note.condition == "Success");
    BOOST_TEST(ds[0].note.approximate_invoke_count == 1);
    BOOST_TEST(ds[0].note.status_code == 200);
    engine.run_due(project, t0 + 24h, b);
    BOOST_TEST(engine.deliveries(project).size() == 1u);
}

// Spec §5.3: a return value over 256 KB becomes an empty result, in the record (the status
// log) and in the notification; one of exactly 256 KB is kept.
BOOST_AUTO_TEST_CASE(results_over_256_kb_become_empty) {
    configure("f", 0, 3600, obs("results", "ok/"));
    for (std::size_t size :
         {max_async_result_bytes, max_async_result_bytes + 1, std::size_t{300 * 1024}}) {
        BOOST_TEST_CONTEXT("result of " << size << " bytes") {
            const std::string big = "\"" + std::string(size - 2, 'x') + "\"";
            function_behaviour fb;
            fb.otherwise = attempt_outcome{attempt_outcome::kind::succeed, big, {}, 100ms};
            engine.set_behaviour(project, urn("f"), fb);
            const auto before = engine.deliveries(project).size();
            auto r = engine.submit(project, urn("f"), "{}", b, t0);
            BOOST_TEST_REQUIRE(r.has_value());
            engine.run_due(project, t0, b);
            engine.run_due(project, t0 + 100ms, b);
            auto done = record(r->request_id);
            BOOST_TEST(done.status == invocation_status::success);
            const std::string expected = size <= max_async_result_bytes ? big : "";
            BOOST_TEST((done.result == expected));
            auto ds = engine.deliveries(project);
            BOOST_TEST_REQUIRE(ds.size() == before + 1);
            BOOST_TEST((ds.back().note.response_payload == expected));
        }
    }
}

BOOST_AUTO_TEST_CASE(failures_retry_then_deliver_on_failure_once) {
    configure("f", 2, 3600, obs("results", "ok/"), obs("errors", "bad/"));
    fail_always("f");
    auto r = engine.submit(project, urn("f"), "{}", b, t0);
    // attempt 1 at t0, retry 1 at +60 s after its end, retry 2 at +120 s after the next end
    engine.run_due(project, t0 + 100ms, b);
    BOOST_TEST(record(r->request_id).status == invocation_status::wait);
    BOOST_TEST(engine.next_due(project).has_value());
    BOOST_TEST((*engine.next_due(project) == t0 + 100ms + 60s));
    engine.run_due(project, t0 + 1h, b);
    auto done = record(r->request_id);
    BOOST_TEST(done.status == invocation_status::fail);
    BOOST_TEST(done.attempts == 3);
    BOOST_TEST(done.error_message == "boom");
    auto ds = engine.deliveries(project);
    BOOST_TEST_REQUIRE(ds.size() == 1u);
    BOOST_TEST(ds[0].on == "on_failure");
    BOOST_TEST(ds[0].target == "errors");
    BOOST_TEST(ds[0].note.condition == "RetriesExhausted");
    BOOST_TEST(ds[0].note.approximate_invoke_count == 3);
    BOOST_TEST(ds[0].note.status_code == 500);
    BOOST_TEST(ds[0].note.function_error == "boom");
    BOOST_TEST(!engine.next_due(project).has_value());
}

BOOST_AUTO_TEST_CASE(retries_zero_fails_after_one_attempt) {
    configure("f", 0, 3600, {}, obs("errors", "bad/"));
    fail_always("f");
    auto r = engine.submit(project, urn("f"), "{}", b, t0);
    engine.run_due(project, t0 + 1s, b);
    BOOST_TEST(record(r->request_id).status == invocation_status::fail);
    BOOST_TEST(record(r->request_id).attempts == 1);
    BOOST_TEST(engine.deliveries(project).size() == 1u);
}

BOOST_AUTO_TEST_CASE(event_age_discards_before_retries_run_out) {
    configure("f", 3, 90, {}, obs("errors", "bad/"));
    fail_always("f");
    auto r = engine.submit(project, urn("f"), "{}", b, t0);
    engine.run_due(project, t0 + 1h, b);
    auto done = record(r->request_id);
    // attempt 1 ends at 0.1 s, retry 1 at 60.1 s ends 60.2 s; retry 2 would start at 180.2 s
    BOOST_TEST(done.status == invocation_status::discard);
    BOOST_TEST(done.attempts == 2);
    auto ds = engine.deliveries(project);
    BOOST_TEST_REQUIRE(ds.size() == 1u);
    BOOST_TEST(ds[0].note.condition == "EventAgeExceeded");
    BOOST_TEST(ds[0].on == "on_failure");
}

BOOST_AUTO_TEST_CASE(cancel_while_waiting) {
    configure("f", 3, 3600, obs("results", "ok/"), obs("errors", "bad/"));
    fail_always("f");
    auto r = engine.submit(project, urn("f"), "{}", b, t0);
    engine.run_due(project, t0 + 1s, b); // first attempt failed, waiting for the retry
    auto c = engine.cancel(project, r->request_id, t0 + 2s);
    BOOST_TEST_REQUIRE(c.has_value());
    BOOST_TEST(c->status == invocation_status::fail);
    BOOST_TEST(c->error_code == 4208);
    BOOST_TEST(c->error_message == "function invocation canceled");
    engine.run_due(project, t0 + 1h, b);
    BOOST_TEST(record(r->request_id).attempts == 1);
    BOOST_TEST(engine.deliveries(project).empty());
    auto again = engine.cancel(project, r->request_id, t0 + 3s);
    BOOST_TEST_REQUIRE(!again.has_value());
    BOOST_TEST(again.error().detail.find("Invalid RequestId") == 0u);
}

BOOST_AUTO_TEST_CASE(config_in_force_is_read_at_each_attempt) {
    configure("f", 3, 3600);
    fail_always("f");
    auto r = engine.submit(project, urn("f"), "{}", b, t0);
    engine.run_due(project, t0 + 1s, b); // attempt 1 failed; retry scheduled
    configure("f", 0, 3600);             // no more retries from now on
    engine.run_due(project, t0 + 1h, b);
    BOOST_TEST(record(r->request_id).attempts == 2);
    BOOST_TEST(record(r->request_id).status == invocation_status::fail);
}

BOOST_AUTO_TEST_CASE(script_fail_fail_succeed) {
    configure("f", 3, 3600, obs("results", "ok/"));
    function_behaviour fb;
    fb.script = {{attempt_outcome::kind::fail, {}, "e1", 10ms},
                 {attempt_outcome::kind::timeout, {}, "", 30s}};
    fb.otherwise = {attempt_outcome::kind::succeed, std::string("done"), "", 5ms};
    engine.set_behaviour(project, urn("f"), fb);
    auto r = engine.submit(project, urn("f"), "{}", b, t0);
    engine.run_due(project, t0 + 1h, b);
    auto done = record(r->request_id);
    BOOST_TEST(done.status == invocation_status::success);
    BOOST_TEST(done.attempts == 3);
    BOOST_TEST(done.result == "done");
    BOOST_TEST(engine.deliveries(project).at(0).note.approximate_invoke_count == 3);
}

BOOST_AUTO_TEST_CASE(chained_function_destination_invokes_the_target) {
    configure("f", 0, 3600, to_function("g"));
    configure("g", 0, 3600, obs("results", "chain/"));
    auto r = engine.submit(project, urn("f"), "{}", b, t0);
    engine.run_due(project, t0 + 1h, b);
    auto ds = engine.deliveries(project);
    BOOST_TEST_REQUIRE(ds.size() == 2u);
    BOOST_TEST(ds[0].destination == "FunctionGraph");
    BOOST_TEST(!ds[0].chained_request_id.empty());
    auto chained = record(ds[0].chained_request_id);
    BOOST_TEST(chained.status == invocation_status::success);
    BOOST_TEST(chained.payload == "{\"request_id\":\"" + r->request_id + "\"}");
    BOOST_TEST(ds[1].object_key == "chain/" + ds[0].chained_request_id);
}

BOOST_AUTO_TEST_CASE(a_chain_that_loops_is_stopped_and_reported) {
    configure("f", 0, 3600, to_function("g"));
    configure("g", 0, 3600, to_function("f"));
    engine.submit(project, urn("f"), "{}", b, t0);
    engine.run_due(project, t0 + 1h, b);
    auto ds = engine.deliveries(project);
    BOOST_TEST_REQUIRE(ds.size() == 2u);
    BOOST_TEST(ds[1].outcome.find("loop stopped") == 0u, ds[1].outcome);
    BOOST_TEST(engine.records(project).size() == 2u);
    BOOST_TEST(!engine.next_due(project).has_value());
}

BOOST_AUTO_TEST_CASE(unknown_function_is_refused) {
    auto r = engine.submit(project, *parse_function_urn("nope", {project, "r1"}), "{}", b, t0);
    BOOST_TEST_REQUIRE(!r.has_value());
    BOOST_TEST((r.error().code == errc::function_not_found));
}

BOOST_AUTO_TEST_CASE(records_are_bounded_oldest_finished_first) {
    auto small = engine_with(invocation_limits{3, 3});
    for (int i = 0; i < 5; ++i) {
        small.submit(project, urn("h"), std::to_string(i), b, t0);
        small.run_due(project, t0 + 1s, b);
    }
    auto all = small.records(project);
    BOOST_TEST(all.size() == 3u);
    BOOST_TEST(all.front().payload == "2");
    BOOST_TEST(small.evicted_records(project) == 2u);
}

// Records are found by request id (cancel) and by their internal serial (attempts, trim):
// both indexes must agree after evictions, and a request id seen twice (the id generator
// re-seeded) names the newer record.
BOOST_AUTO_TEST_CASE(cancel_finds_records_by_id_across_evictions_and_repeated_ids) {
    auto small = engine_with(invocation_limits{2, 2});
    auto first = small.submit(project, urn("h"), "0", b, t0);
    small.run_due(project, t0 + 1s, b); // finished
    small.submit(project, urn("h"), "1", b, t0 + 2s);
    small.submit(project, urn("h"), "2", b, t0 + 2s); // evicts the finished "0"
    BOOST_TEST(small.evicted_records(project) == 1u);
    auto gone = small.cancel(project, first->request_id, t0 + 3s);
    BOOST_TEST_REQUIRE(!gone.has_value());
    BOOST_TEST((gone.error().code == errc::invalid_format));

    ids.seed(42);
    auto a = small.submit(project, urn("h"), "a", b, t0 + 4s);
    small.run_due(project, t0 + 5s, b); // "1", "2" and "a" finish; "1" and "2" are evicted
    ids.seed(42);                       // the same request id again, for a record still waiting
    auto again = small.submit(project, urn("h"), "again", b, t0 + 6s);
    BOOST_TEST_REQUIRE(again->request_id == a->request_id);
    auto c = small.cancel(project, again->request_id, t0 + 6s);
    BOOST_TEST_REQUIRE(c.has_value());
    BOOST_TEST(c->payload == "again");
    BOOST_TEST(c->status == invocation_status::fail);
    auto all = small.records(project);
    BOOST_TEST_REQUIRE(all.size() == 2u);
    BOOST_TEST(all[0].payload == "a");
    BOOST_TEST(all[0].status == invocation_status::success);
}

// submit_and_run never waits for the engine's lock: a submission that finds it held waits in
// an inbox for the holder. Every submission must still be applied, in order per thread, and
// be visible to any call made after it returned; the scheduled observer hears of the work.
BOOST_AUTO_TEST_CASE(submissions_of_concurrent_threads_are_applied_and_seen_at_once) {
    auto big = engine_with(invocation_limits{100000, 100000});
    std::atomic<int> scheduled{0};
    big.set_scheduled_observer([&](std::string_view p, time_point) {
        if (p == project)
            ++scheduled;
    });
    constexpr int per_thread = 1500;
    std::atomic<int> unseen{0}, refused{0};
    std::atomic<bool> go{false};
    auto submitter = [&](int k) {
        while (!go.load()) {
        }
        for (int i = 0; i < per_thread; ++i) {
            auto s =
                big.submit_and_run(project, urn("h"), std::to_string(k * per_thread + i), b, t0);
            if (!s) {
                ++refused;
                continue;
            }
            record_filter f;
            f.request_id = s->request_id;
            if (i % 50 == 0 && big.records(project, f).size() != 1)
                ++unseen;
        }
    };
    std::thread a(submitter, 0), c(submitter, 1);
    std::thread reader([&] {
        while (!go.load()) {
        }
        for (int i = 0; i < 200; ++i)
            (void)big.records(project);
    });
    go = true;
    a.join();
    c.join();
    reader.join();
    BOOST_TEST(refused.load() == 0);
    BOOST_TEST(unseen.load() == 0);
    auto all = big.records(project);
    BOOST_TEST_REQUIRE(all.size() == std::size_t{2 * per_thread});
    // In order per thread: the payloads of each thread come up in increasing order.
    int last[2] = {-1, -1};
    bool ordered = true;
    for (auto& r : all) {
        const int n = std::stoi(r.payload);
        const int k = n / per_thread;
        ordered = ordered && n > last[k];
        last[k] = n;
        ordered = ordered && r.status == invocation_status::running;
    }
    BOOST_TEST(ordered);
    BOOST_TEST(scheduled.load() > 0);
}

BOOST_AUTO_TEST_SUITE_END()
