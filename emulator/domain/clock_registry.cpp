#include "domain/clock_registry.hpp"

#include <algorithm>
#include <limits>
#include <mutex>

namespace emu::domain {
namespace {

// Time points count nanoseconds in 64 bits (±292 years around 1970). Offsets and advances come
// from clients (control API, state documents), so sums and differences saturate instead of
// overflowing, and a clock never answers outside the years 1678–2261 that time_format prints
// and parse_time reads (found by fuzz_http: three PUT /_emulator/clock advances of 100 years).
using rep = time_point::duration::rep;

rep saturated_sum(rep a, rep b) {
    rep sum = 0;
    if (__builtin_add_overflow(a, b, &sum))
        return b > 0 ? std::numeric_limits<rep>::max() : std::numeric_limits<rep>::min();
    return sum;
}

time_point::duration plus(time_point::duration a, time_point::duration b) {
    return time_point::duration(saturated_sum(a.count(), b.count()));
}

time_point bounded(time_point t) {
    using namespace std::chrono;
    static const time_point earliest{sys_days{year{1678} / 1 / 1}};
    static const time_point latest{sys_days{year{2262} / 1 / 1} - seconds{1}};
    return std::clamp(t, earliest, latest);
}

} // namespace

time_point clock_registry::read(const clock_state& s) const {
    if (s.frozen)
        return bounded(s.frozen_at);
    return bounded(time_point(plus(base_.now().time_since_epoch(), s.offset)));
}

/// A change: the exclusive lock, and real_time_ brought up to date before it is released.
class clock_registry::writer {
public:
    explicit writer(clock_registry& r) : r_(r), lock_(r.mutex_) {}
    ~writer() {
        r_.real_time_.store(r_.projects_.empty() && r_.default_ == clock_state{},
                            std::memory_order_release);
    }
    writer(const writer&) = delete;
    writer& operator=(const writer&) = delete;

private:
    clock_registry& r_;
    std::unique_lock<std::shared_mutex> lock_;
};

time_point clock_registry::now(std::string_view project) const {
    if (real_time_.load(std::memory_order_acquire))
        return read(clock_state{});
    std::shared_lock lock(mutex_);
    if (!project.empty())
        if (auto it = projects_.find(project); it != projects_.end())
            return read(it->second);
    return read(default_);
}

clock_state clock_registry::state(std::string_view project) const {
    std::shared_lock lock(mutex_);
    if (!project.empty())
        if (auto it = projects_.find(project); it != projects_.end())
            return it->second;
    return default_;
}

bool clock_registry::has_own(std::string_view project) const {
    std::shared_lock lock(mutex_);
    return projects_.find(project) != projects_.end();
}

clock_state& clock_registry::own(std::string_view project) {
    if (project.empty())
        return default_;
    auto it = projects_.find(project);
    if (it == projects_.end())
        it = projects_.emplace(std::string(project), default_).first;
    return it->second;
}

void clock_registry::freeze_at(std::string_view project, time_point t) {
    const writer lock(*this);
    auto& s = own(project);
    s.frozen = true;
    s.frozen_at = t;
}

void clock_registry::freeze(std::string_view project) {
    const writer lock(*this);
    auto& s = own(project);
    s.frozen_at = read(s);
    s.frozen = true;
}

void clock_registry::unfreeze(std::string_view project) {
    const writer lock(*this);
    auto& s = own(project);
    if (s.frozen)
        s.offset = plus(bounded(s.frozen_at).time_since_epoch(), -base_.now().time_since_epoch());
    s.frozen = false;
}

void clock_registry::advance(std::string_view project, time_point::duration d) {
    const writer lock(*this);
    auto& s = own(project);
    if (s.frozen)
        s.frozen_at = bounded(time_point(plus(s.frozen_at.time_since_epoch(), d)));
    else
        s.offset = plus(s.offset, d);
}

void clock_registry::restore(std::string_view project, const clock_state& s) {
    const writer lock(*this);
    own(project) = s;
}

void clock_registry::reset(std::string_view project) {
    const writer lock(*this);
    if (project.empty())
        default_ = {};
    else if (auto it = projects_.find(project); it != projects_.end())
        projects_.erase(it);
}

void clock_registry::reset_all() {
    const writer lock(*this);
    default_ = {};
    projects_.clear();
}

std::vector<std::string> clock_registry::projects() const {
    std::shared_lock lock(mutex_);
    std::vector<std::string> out;
    for (auto& [name, s] : projects_)
        out.push_back(name);
    return out;
}

} // namespace emu::domain
