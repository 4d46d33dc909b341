// Unit tests of domain/function_store under concurrent use: several threads put, get and
// create at once; the store must never show a torn config and must end in a state some
// serial order of the writes explains.
#include "domain/function_store.hpp"

#include "store_test_support.hpp"
#include "support/domain_checks.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <atomic>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

using namespace emu::domain;
using namespace emu::domain::test;

BOOST_FIXTURE_TEST_SUITE(function_store_concurrency_test, store_fixture)

// Writers put configs whose every field derives from one write number w; readers check that
// what they see is one write in full (no torn config) and that the final state is the last
// write of some writer on that key.
BOOST_AUTO_TEST_CASE(concurrent_puts_and_gets_stay_consistent) {
    const std::vector<std::string> keys = {"shared", "own0", "own1", "own2", "own3"};
    std::map<std::string, function_urn> urns; // built here: Boost.Test asserts are not thread-safe
    for (auto& k : keys) {
        create("projA", k);
        urns.emplace(k, urn("projA", k));
    }
    constexpr int writers = 4;
    constexpr int rounds = 300;

    auto input_for = [](int w) {
        config_input in;
        in.max_async_event_age_in_seconds = 100 + w;
        in.max_async_retry_attempts = w % 4;
        in.enable_async_status_log = w % 2 == 0;
        in.log_group_id = "g" + std::to_string(w);
        in.log_stream_id = "s" + std::to_string(w);
        return in;
    };
    auto write_time = [](int w) { return at(1'000'000 + w); };
    // write number: writer t, round i, on the shared key (even) or its own key (odd)
    auto number = [](int t, int i, bool shared) {
        return ((t * rounds + i) * 2) + (shared ? 0 : 1);
    };

    std::atomic<int> bad_reads{0}, good_reads{0};
    auto check_read = [&](const result<async_invoke_config>& r, const std::string& key) {
        if (!r) {
            if (r.error().code != errc::config_not_found)
                ++bad_reads;
            return;
        }
        const int w = static_cast<int>(r->max_async_event_age_in_seconds) - 100;
        const bool shared_number = w % 2 == 0;
        const bool whole =
            r->max_async_retry_attempts == w % 4 &&
            r->enable_async_status_log == std::optional<bool>(w % 2 == 0) &&
            r->log_group_id == "g" + std::to_string(w) &&
            r->log_stream_id == "s" + std::to_string(w) && r->last_modified == write_time(w) &&
            r->func_urn == "urn:fss:cn-north-4:projA:function:default:" + key + ":latest" &&
            shared_number == (key == "shared");
        if (whole)
            ++good_reads;
        else
            ++bad_reads;
    };

    std::vector<std::thread> threads;
    for (int t = 0; t < writers; ++t)
        threads.emplace_back([&, t] {
            const std::string own = "own" + std::to_string(t);
            for (int i = 0; i < rounds; ++i) {
                for (bool shared : {true, false}) {
                    const std::string& key = shared ? keys[0] : own;
                    const int w = number(t, i, shared);
                    const function_urn& u = urns.at(key);
                    auto r = store.put_config("projA", u, input_for(w), b, write_time(w));
                    if (!r)
                        ++bad_reads;
                    check_read(store.get_config("projA", u, b), key);
                    const std::string other = "own" + std::to_string((t + 1) % writers);
                    check_read(store.get_config("projA", urns.at(other), b), other);
                }
            }
        });
    for (auto& th : threads)
        th.join();

    BOOST_TEST(bad_reads.load() == 0);
    BOOST_TEST(good_reads.load() > 0);

    // every own key ends with its writer's last write
    for (int t = 0; t < writers; ++t) {
        const std::string own = "own" + std::to_string(t);
        auto r = store.get_config("projA", urn("projA", own), b);
        BOOST_TEST_REQUIRE(r.has_value());
        const int last = number(t, rounds - 1, false);
        BOOST_TEST(r->max_async_event_age_in_seconds == 100 + last, own);
        BOOST_TEST((r->last_modified == write_time(last)), own);
        BOOST_TEST((r->created_time == write_time(number(t, 0, false))), own);
    }
    // the shared key ends with the last write of one of the writers
    auto shared = store.get_config("projA", urn("projA", "shared"), b);
    BOOST_TEST_REQUIRE(shared.has_value());
    std::vector<std::int64_t> candidates;
    for (int t = 0; t < writers; ++t)
        candidates.push_back(100 + number(t, rounds - 1, true));
    BOOST_TEST((std::find(candidates.begin(), candidates.end(),
                          shared->max_async_event_age_in_seconds) != candidates.end()),
               "final shared value " << shared->max_async_event_age_in_seconds);
    // its created_time is the time of one writer's first write, and never moved
    bool created_by_a_first_write = false;
    for (int t = 0; t < writers; ++t)
        created_by_a_first_write |= shared->created_time == write_time(number(t, 0, true));
    BOOST_TEST(created_by_a_first_write);
    auto list = store.list_configs("projA", urn("projA", "shared"), b, page_request{});
    BOOST_TEST_REQUIRE(list.has_value());
    BOOST_TEST(list->total == 1u);
}

BOOST_AUTO_TEST_CASE(concurrent_creates_respect_quota_and_names) {
    b.function_quota = 50;
    constexpr int threads_n = 4;
    constexpr int per_thread = 30;        // 120 attempts, 60 distinct names, quota 50
    std::vector<function_record> records; // built here: Boost.Test asserts are not thread-safe
    for (int i = 0; i < 2 * per_thread; ++i)
        records.push_back(record("fn" + std::to_string(i)));
    std::atomic<int> created{0}, exists{0}, quota{0}, other{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < threads_n; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < per_thread; ++i) {
                // threads 0/2 and 1/3 race for the same names
                const auto& rec = records[static_cast<std::size_t>((t % 2) * per_thread + i)];
                auto r = store.create_function("projA", region, rec, b, clock.now());
                if (r)
                    ++created;
                else if (r.error().code == errc::function_exists)
                    ++exists;
                else if (r.error().code == errc::function_quota_exceeded)
                    ++quota;
                else
                    ++other;
            }
        });
    for (auto& th : threads)
        th.join();
    BOOST_TEST(created.load() == 50);
    BOOST_TEST(other.load() == 0);
    BOOST_TEST(created.load() + exists.load() + quota.load() == threads_n * per_thread);
    auto list = store.list_functions("projA", page_request{0, 1000});
    BOOST_TEST(list.total == 50u);
    std::set<std::string> names, ids;
    for (auto& f : list.items) {
        names.insert(f.func_name);
        ids.insert(f.func_id);
    }
    BOOST_TEST(names.size() == 50u);
    BOOST_TEST(ids.size() == 50u);
}

BOOST_AUTO_TEST_SUITE_END()
