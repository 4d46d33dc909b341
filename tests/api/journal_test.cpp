// Unit tests of control::journal: a bounded ring that reuses the evicted entry's strings. Order,
// eviction count, filters, clearing one project, and bodies cut at max_body_bytes.
#include "control/journal.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

using emu::control::journal;
using emu::control::journal_query;
using emu::control::journal_record;

namespace {

void add(journal& j, const std::string& path, const std::string& project = "p1",
         unsigned status = 200, std::string_view body = "{}") {
    j.record({.time = {},
              .request_id = "id-" + path,
              .method = "GET",
              .target = path + "?x=1",
              .path = path,
              .project = project,
              .headers = "Host: h\r\n",
              .body = body,
              .status = status,
              .response_body = "{\"ok\":true}",
              .rule = ""});
}

std::string paths(const std::vector<emu::control::journal_entry>& v) {
    std::string s;
    for (auto& e : v)
        s += e.path + "#" + std::to_string(e.seq) + " ";
    return s;
}

journal_query all() {
    return {};
}

journal_query newest(std::size_t n) {
    journal_query q;
    q.limit = n;
    return q;
}

journal_query of_project(const std::string& p) {
    journal_query q;
    q.project = p;
    return q;
}

journal_query with_status(unsigned s) {
    journal_query q;
    q.status = s;
    return q;
}

journal_query path_like(const std::string& glob) {
    journal_query q;
    q.path_pattern = glob;
    return q;
}

} // namespace

BOOST_AUTO_TEST_SUITE(journal_test)

BOOST_AUTO_TEST_CASE(keeps_the_newest_capacity_entries_oldest_first_across_wraps) {
    journal j(3);
    for (int i = 1; i <= 7; ++i)
        add(j, "/r" + std::to_string(i));
    BOOST_TEST(j.size() == 3u);
    BOOST_TEST(j.evicted() == 4u);
    BOOST_TEST(paths(j.find(all())) == "/r5#5 /r6#6 /r7#7 ");
    auto last = j.find(newest(2));
    BOOST_TEST(paths(last) == "/r6#6 /r7#7 ");
    // Every field of a reused slot is the new request's, none left over from the evicted one.
    BOOST_TEST(last.back().request_id == "id-/r7");
    BOOST_TEST(last.back().target == "/r7?x=1");
    BOOST_TEST(last.back().headers == "Host: h\r\n");
    BOOST_TEST(last.back().rule == "");
}

BOOST_AUTO_TEST_CASE(filters_and_counts) {
    journal j(10);
    add(j, "/a", "p1", 200);
    add(j, "/b", "p2", 404);
    add(j, "/c", "p1", 404);
    BOOST_TEST(j.count(of_project("p1")) == 2u);
    BOOST_TEST(paths(j.find(with_status(404))) == "/b#2 /c#3 ");
    BOOST_TEST(paths(j.find(path_like("/c*"))) == "/c#3 ");
}

BOOST_AUTO_TEST_CASE(clearing_one_project_keeps_the_order_of_the_others) {
    journal j(4);
    for (int i = 1; i <= 6; ++i) // wrapped: holds 3..6
        add(j, "/r" + std::to_string(i), i % 2 ? "odd" : "even");
    j.clear("odd");
    BOOST_TEST(paths(j.find(all())) == "/r4#4 /r6#6 ");
    add(j, "/r7");
    BOOST_TEST(paths(j.find(all())) == "/r4#4 /r6#6 /r7#7 ");
    j.clear();
    BOOST_TEST(j.size() == 0u);
    add(j, "/r8");
    BOOST_TEST(paths(j.find(all())) == "/r8#8 ");
}

BOOST_AUTO_TEST_CASE(bodies_over_the_limit_are_cut_and_marked) {
    journal j(2);
    const std::string big(journal::max_body_bytes + 10, 'x');
    add(j, "/big", "p1", 200, big);
    auto e = j.find(all()).back();
    BOOST_TEST(e.body.size() == journal::max_body_bytes + std::string("…[truncated]").size());
    BOOST_TEST(e.body.ends_with("…[truncated]"));
    add(j, "/small1");
    add(j, "/small2"); // reuses the big entry's slot
    BOOST_TEST(j.find(all()).back().body == "{}");
}

BOOST_AUTO_TEST_CASE(capacity_zero_records_nothing) {
    journal j(0);
    BOOST_TEST(!j.enabled());
    add(j, "/a");
    BOOST_TEST(j.size() == 0u);
    BOOST_TEST(j.evicted() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
