// Concurrency consistency through real sockets: several clients PUT, GET and DELETE the same
// and different async-invoke-configs at once. Every value written is distinctive (v = 1000 ×
// (thread + 1) + op; age = v, retries = v % 4, bucket "bucket-<v>"), so a config mixing two writes
// is detectable. Checked:
// 1. every answer holds a config some write produced in full (never a mix of two writes);
// 2. created_time never moves while the config exists (the clock advances before every op,
//    so a re-created config would show a new one);
// 3. the final state equals the last write per key.
#include "http/hostile_fixture.hpp"

#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

using namespace emu;
using namespace emu::test;
using namespace emu::test::hostile;
using emu::test::response;
using emu::test::test_client;

namespace {

constexpr int threads = 4;
constexpr int ops = 150;
const std::vector<std::string> shared_keys = {"shared0", "shared1"};
std::string own_key(int t) {
    return "own" + std::to_string(t);
}

std::string body_for(int v) {
    return R"({"max_async_event_age_in_seconds":)" + std::to_string(v) +
           R"(,"max_async_retry_attempts":)" + std::to_string(v % 4) +
           R"(,"destination_config":{"on_success":{"destination":"OBS","param":)" +
           json::serialize(json::value(R"({"bucket":"bucket-)" + std::to_string(v) +
                                       R"(","prefix":"p/","expires":1})")) +
           "}}}";
}

/// What one answer shows: the value v it holds (or -1 when it is not one write's config).
struct seen {
    std::string key;
    int v = -1;
    std::string created_time;
};

/// Decodes an answer's config; v = -1 when its fields do not come from the same write.
seen decode(const std::string& key, const std::string& body) {
    seen out{key, -1, {}};
    auto doc = json::parse(body).as_object();
    const int age = static_cast<int>(doc.at("max_async_event_age_in_seconds").as_int64());
    const int retries = static_cast<int>(doc.at("max_async_retry_attempts").as_int64());
    const auto param =
        json::parse(doc.at("destination_config").at("on_success").at("param").as_string())
            .as_object();
    out.created_time = json::value_to<std::string>(doc.at("created_time"));
    if (retries == age % 4 && param.at("bucket").as_string() == "bucket-" + std::to_string(age))
        out.v = age;
    return out;
}

/// What one client thread did and saw.
struct history {
    std::map<std::string, std::vector<int>> writes; ///< key → values, in order
    std::vector<seen> reads;                        ///< every answer holding a config
    std::vector<std::string> problems;
    bool own_deleted_last = false;
};

void client_thread(guarded_app& s, int t, history& h) {
    test_client c(s.port);
    std::string own_created; // created_time of the own config while it exists
    for (int i = 0; i < ops; ++i) {
        s.clock.advance(std::chrono::seconds(1));
        const int v = 1000 * (t + 1) + i;
        const int pick = (i * 7 + t) % 10;
        const bool own = pick >= 6;
        const std::string key = own ? own_key(t) : shared_keys[(i + t) % 2];
        response res;
        if (pick == 9) {
            res = c.request(http::verb::delete_, config_path(key), "", api_headers);
            if (res.result_int() != 204 && res.result_int() != 404)
                h.problems.push_back("DELETE " + key + ": " + res.body());
            own_created.clear();
            h.own_deleted_last = true;
            continue;
        }
        const bool put = pick <= 3 || pick == 6 || pick == 7;
        res = put ? c.request(http::verb::put, config_path(key), body_for(v), api_headers)
                  : c.request(http::verb::get, config_path(key), "", api_headers);
        if (own && !put && res.result_int() == 404 && own_created.empty())
            continue; // read after our own delete
        if (res.result_int() != 200) {
            h.problems.push_back(std::string(put ? "PUT " : "GET ") + key + ": " + res.body());
            continue;
        }
        seen got = decode(key, res.body());
        if (put) {
            h.writes[key].push_back(v);
            if (got.v != v)
                h.problems.push_back("PUT " + key + " answered another config: " + res.body());
        }
        if (own) {
            h.own_deleted_last = false;
            if (own_created.empty())
                own_created = got.created_time;
            else if (got.created_time != own_created)
                h.problems.push_back("created_time of " + key + " moved from " + own_created +
                                     " to " + got.created_time);
        }
        h.reads.push_back(std::move(got));
    }
}

} // namespace

BOOST_AUTO_TEST_SUITE(consistency_test)

BOOST_AUTO_TEST_CASE(concurrent_put_get_delete_never_mix_and_end_in_the_last_write) {
    auto opts = hostile_options();
    opts.server.read_timeout = std::chrono::seconds(30);
    opts.server.threads = 4;
    guarded_app s(opts);
    std::map<std::string, std::string> shared_created;
    {
        test_client setup(s.port);
        for (auto& key : shared_keys) {
            BOOST_TEST_REQUIRE(
                setup.request(http::verb::post, functions_path(), create_body(key), api_headers)
                    .result_int() == 200u);
            auto res = setup.request(http::verb::put, config_path(key), body_for(1), api_headers);
            BOOST_TEST_REQUIRE(res.result_int() == 200u);
            shared_created[key] = decode(key, res.body()).created_time;
        }
        for (int t = 0; t < threads; ++t)
            BOOST_TEST_REQUIRE(setup
                                   .request(http::verb::post, functions_path(),
                                            create_body(own_key(t)), api_headers)
                                   .result_int() == 200u);
    }
    std::vector<history> histories(threads);
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t)
        pool.emplace_back([&, t] { client_thread(s, t, histories[t]); });
    for (auto& th : pool)
        th.join();

    std::map<std::string, std::set<int>> written{{"shared0", {1}}, {"shared1", {1}}};
    for (auto& h : histories)
        for (auto& [key, values] : h.writes)
            written[key].insert(values.begin(), values.end());
    for (int t = 0; t < threads; ++t) {
        BOOST_TEST_CONTEXT("client " << t) {
            for (auto& p : histories[t].problems)
                BOOST_ERROR(p);
            for (auto& r : histories[t].reads) {
                // 1. some write produced it, in full
                BOOST_TEST(r.v != -1, r.key << " holds a mix of writes");
                BOOST_TEST(written[r.key].count(r.v) == 1u, r.key << " holds unwritten " << r.v);
                // 2. shared configs are never deleted: their created_time is fixed
                if (shared_created.count(r.key))
                    BOOST_TEST(r.created_time == shared_created[r.key], r.key);
            }
        }
    }

    // 3. The final state: each own key is its owner's last write (or gone); each shared key
    // is the last write of one of the clients.
    test_client after(s.port);
    for (int t = 0; t < threads; ++t) {
        auto res = after.request(http::verb::get, config_path(own_key(t)), "", api_headers);
        auto& mine = histories[t].writes[own_key(t)];
        if (histories[t].own_deleted_last || mine.empty()) {
            BOOST_TEST(res.result_int() == 404u, own_key(t));
        } else {
            BOOST_TEST_REQUIRE(res.result_int() == 200u);
            BOOST_TEST(decode(own_key(t), res.body()).v == mine.back(), own_key(t));
        }
    }
    for (auto& key : shared_keys) {
        std::set<int> last_writes;
        for (auto& h : histories)
            if (auto it = h.writes.find(key); it != h.writes.end() && !it->second.empty())
                last_writes.insert(it->second.back());
        auto res = after.request(http::verb::get, config_path(key), "", api_headers);
        BOOST_TEST_REQUIRE(res.result_int() == 200u);
        BOOST_TEST(last_writes.count(decode(key, res.body()).v) == 1u, key);
    }
    s.check_served_and_intact();
}

BOOST_AUTO_TEST_SUITE_END()
