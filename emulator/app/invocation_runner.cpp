#include "app/invocation_runner.hpp"

#include "api/service.hpp"
#include "domain/invocation_engine.hpp"

#include <algorithm>
#include <chrono>
#include <optional>

namespace emu {

invocation_runner::invocation_runner(api::service& svc) : svc_(svc), thread_([this] { run(); }) {}

invocation_runner::~invocation_runner() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    cv_.notify_all();
    thread_.join();
}

void invocation_runner::wake() {
    {
        std::lock_guard lock(mutex_);
        woken_ = true;
    }
    cv_.notify_all();
}

void invocation_runner::queued(std::string_view project, std::optional<domain::time_point> next) {
    using namespace std::chrono;
    if (!next)
        return;
    // In real time, as run() reads it.
    const auto delay = *next - svc_.clocks.now(project);
    {
        std::lock_guard lock(mutex_);
        // The planned wake-up runs the project's next work at most min_wait after it falls
        // due: the lateness run() allows anyway, so the plan stands.
        if (sleeping_ && wake_at_ && delay + min_wait >= *wake_at_ - steady_clock::now())
            return;
        woken_ = true;
    }
    cv_.notify_all();
}

void invocation_runner::run() {
    using namespace std::chrono;
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        woken_ = false;
        lock.unlock();
        std::optional<nanoseconds> wait;
        auto& engine = *svc_.invocations;
        for (auto& p : engine.busy_projects()) {
            engine.run_due(p, svc_.clocks.now(p), svc_.switches.for_project(p));
            auto next = engine.next_due(p);
            if (!next || svc_.clocks.state(p).frozen)
                continue;
            auto d = duration_cast<nanoseconds>(*next - svc_.clocks.now(p));
            wait = wait ? std::min(*wait, d) : d;
        }
        lock.lock();
        auto ready = [this] { return stopping_ || woken_; };
        if (ready())
            continue;
        // queued() reads the plan.
        sleeping_ = true;
        if (wait) {
            wake_at_ = steady_clock::now() + std::max<nanoseconds>(*wait, min_wait);
            cv_.wait_until(lock, *wake_at_, ready);
        } else {
            wake_at_.reset();
            cv_.wait(lock, ready);
        }
        sleeping_ = false;
    }
}

} // namespace emu
