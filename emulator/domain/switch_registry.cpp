#include "domain/switch_registry.hpp"

#include <mutex>

namespace emu::domain {
namespace {

std::atomic<std::uint64_t> next_version{1};

std::uint64_t new_version() {
    return next_version.fetch_add(1, std::memory_order_relaxed);
}

struct defaults_copy {
    const switch_registry* owner = nullptr;
    std::uint64_t version = 0;
    switches value;
};
thread_local defaults_copy cache;

} // namespace

/// A change: the exclusive lock, then a new version (and `plain_`) before it is released.
class switch_registry::writer {
public:
    explicit writer(switch_registry& r) : r_(r), lock_(r.mutex_) {}
    ~writer() {
        r_.plain_.store(r_.projects_.empty(), std::memory_order_release);
        r_.version_.store(new_version(), std::memory_order_release);
    }
    writer(const writer&) = delete;
    writer& operator=(const writer&) = delete;

private:
    switch_registry& r_;
    std::unique_lock<std::shared_mutex> lock_;
};

switch_registry::switch_registry(switches defaults)
    : version_(new_version()), defaults_(defaults) {}

switches switch_registry::cached_defaults() const {
    if (cache.owner == this && cache.version == version_.load(std::memory_order_acquire))
        return cache.value;
    std::shared_lock lock(mutex_);
    cache = {this, version_.load(std::memory_order_relaxed), defaults_};
    return defaults_;
}

switches switch_registry::for_project(std::string_view project) const {
    if (plain_.load(std::memory_order_acquire))
        return cached_defaults();
    std::shared_lock lock(mutex_);
    auto it = projects_.find(project);
    return it == projects_.end() ? defaults_ : it->second;
}

switches switch_registry::defaults() const {
    return cached_defaults();
}

void switch_registry::set_defaults(const switches& b) {
    const writer lock(*this);
    defaults_ = b;
}

void switch_registry::set_project(std::string_view project, const switches& b) {
    const writer lock(*this);
    projects_.insert_or_assign(std::string(project), b);
}

void switch_registry::clear_project(std::string_view project) {
    const writer lock(*this);
    if (auto it = projects_.find(project); it != projects_.end())
        projects_.erase(it);
}

void switch_registry::clear() {
    const writer lock(*this);
    projects_.clear();
}

std::optional<switches> switch_registry::project_override(std::string_view project) const {
    std::shared_lock lock(mutex_);
    auto it = projects_.find(project);
    if (it == projects_.end())
        return std::nullopt;
    return it->second;
}

std::vector<std::string> switch_registry::projects() const {
    std::shared_lock lock(mutex_);
    std::vector<std::string> out;
    for (auto& [name, b] : projects_)
        out.push_back(name);
    return out;
}

} // namespace emu::domain
