// Unit tests of domain/clock_registry at the edges of time: clients can advance, freeze and
// restore clocks by any amount, and the 64-bit nanosecond time_point must never overflow
// (regression of fuzz_http's clock-advanced-past-year-2262).
#include "domain/clock_registry.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <limits>

using namespace emu::domain;
using std::chrono::hours;
using std::chrono::nanoseconds;
using std::chrono::seconds;
using std::chrono::sys_days;
using std::chrono::year;

namespace {

const time_point start{sys_days{year{2021} / 3 / 4}};
const time_point earliest{sys_days{year{1678} / 1 / 1}};
const time_point latest{sys_days{year{2262} / 1 / 1} - seconds{1}};
constexpr auto century = hours{24 * 366 * 100};

} // namespace

BOOST_AUTO_TEST_SUITE(clock_registry_test)

BOOST_AUTO_TEST_CASE(advancing_past_the_last_representable_year_stops_there) {
    manual_clock base{start};
    clock_registry clocks{base};
    for (int i = 0; i < 5; ++i)
        clocks.advance("", century); // the sum would overflow after three
    BOOST_TEST((clocks.now("") == latest));
    for (int i = 0; i < 10; ++i)
        clocks.advance("", -century);
    // A running clock's offset is 64 bits of nanoseconds (±292 years): it saturates there.
    BOOST_TEST((clocks.now("") >= earliest && clocks.now("") < start));
}

BOOST_AUTO_TEST_CASE(a_frozen_clock_advances_within_the_bounds_and_unfreezes_safely) {
    manual_clock base{start};
    clock_registry clocks{base};
    const time_point past{sys_days{year{1800} / 1 / 1}};
    clocks.freeze_at("p", past);
    clocks.unfreeze("p");
    base.advance(hours{1});
    BOOST_TEST((clocks.now("p") == past + hours{1}));
    clocks.freeze_at("q", earliest);
    clocks.advance("q", -century);
    BOOST_TEST((clocks.now("q") == earliest));
    clocks.unfreeze("q"); // 1678 − 2021 is more than 64 bits of nanoseconds: saturated
    BOOST_TEST((clocks.now("q") >= earliest && clocks.now("q") < start));
}

BOOST_AUTO_TEST_CASE(a_restored_offset_of_any_size_is_bounded) {
    manual_clock base{start};
    clock_registry clocks{base};
    clock_state huge;
    huge.offset = time_point::duration(std::numeric_limits<time_point::duration::rep>::max());
    clocks.restore("", huge);
    BOOST_TEST((clocks.now("") == latest));
    huge.offset = time_point::duration(std::numeric_limits<time_point::duration::rep>::min());
    clocks.restore("", huge);
    BOOST_TEST((clocks.now("") >= earliest && clocks.now("") < start));
}

BOOST_AUTO_TEST_SUITE_END()

// now() skips the lock while every clock is plain real time; each change must switch that off
// and a reset must switch it back on.
BOOST_AUTO_TEST_SUITE(clock_registry_test)

BOOST_AUTO_TEST_CASE(every_change_is_seen_by_the_next_read) {
    manual_clock base{start};
    clock_registry clocks{base};
    BOOST_TEST((clocks.now("p1") == start));
    clocks.advance("p1", hours{1});
    BOOST_TEST((clocks.now("p1") == start + hours{1}));
    BOOST_TEST((clocks.now("p2") == start));
    clocks.reset("p1");
    BOOST_TEST((clocks.now("p1") == start));
    clocks.freeze_at("", start - hours{2});
    BOOST_TEST((clocks.now("p2") == start - hours{2}));
    base.advance(seconds{5});
    BOOST_TEST((clocks.now("p2") == start - hours{2})); // frozen
    clocks.reset_all();
    BOOST_TEST((clocks.now("p2") == start + seconds{5})); // real time again
    clocks.restore("", clock_state{false, {}, seconds{3}});
    BOOST_TEST((clocks.now("p2") == start + seconds{8}));
}

BOOST_AUTO_TEST_SUITE_END()
