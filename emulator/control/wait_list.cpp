#include "control/wait_list.hpp"

#include <algorithm>
#include <utility>

namespace emu::control {

wait_list::~wait_list() {
    release_all();
}

void wait_list::park(check c, std::chrono::steady_clock::time_point deadline,
                     api::answer_sink sink) {
    bool parked = false;
    {
        std::lock_guard lock(mutex_);
        if (!stopping_) {
            waiters_.push_back({std::move(c), deadline, std::move(sink)});
            parked = true;
            // A change between the handler's own check and now would otherwise be missed.
            changed_ = true;
            if (!thread_.joinable())
                thread_ = std::thread([this] { run(); });
        }
    }
    if (parked)
        wake_.notify_all();
    else // stopping: answer at once with what there is
        settle({{std::move(c), deadline, std::move(sink)}}, true);
}

void wait_list::notify() {
    {
        std::lock_guard lock(mutex_);
        changed_ = true;
    }
    wake_.notify_all();
}

void wait_list::release_all() {
    std::thread t;
    {
        std::lock_guard lock(mutex_);
        stopping_ = true; // the thread answers what is parked; later parks answer at once
        t = std::move(thread_);
    }
    wake_.notify_all();
    if (t.joinable()) // every answer has gone to its sink when this returns
        t.join();
}

std::size_t wait_list::parked() const {
    std::lock_guard lock(mutex_);
    return waiters_.size() + checking_;
}

std::vector<wait_list::waiter> wait_list::settle(std::vector<waiter> ws, bool all_final) {
    const auto now = std::chrono::steady_clock::now();
    std::vector<waiter> open;
    for (auto& w : ws) {
        auto answer = w.c(all_final || w.deadline <= now);
        if (answer)
            w.sink(std::move(*answer));
        else
            open.push_back(std::move(w));
    }
    return open;
}

void wait_list::run() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        if (waiters_.empty()) {
            wake_.wait(lock, [this] { return stopping_ || !waiters_.empty(); });
            continue;
        }
        auto earliest = std::min_element(waiters_.begin(), waiters_.end(), [](auto& a, auto& b) {
                            return a.deadline < b.deadline;
                        })->deadline;
        wake_.wait_until(lock, earliest, [this] { return stopping_ || changed_; });
        if (stopping_)
            break;
        changed_ = false;
        std::vector<waiter> ws;
        ws.swap(waiters_);
        checking_ = ws.size();
        lock.unlock(); // checks read the engine, sinks post to connections: no lock held
        auto open = settle(std::move(ws), false);
        lock.lock();
        checking_ = 0;
        for (auto& w : open)
            waiters_.push_back(std::move(w));
    }
    auto rest = std::move(waiters_);
    waiters_.clear();
    lock.unlock();
    settle(std::move(rest), true);
}

} // namespace emu::control
