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
        if (wait)
            cv_.wait_for(lock, std::max(*wait, nanoseconds(milliseconds(1))), ready);
        else
            cv_.wait(lock, ready);
    }
}

} // namespace emu
