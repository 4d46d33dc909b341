#include "domain/clock_registry.hpp"

#include <mutex>

namespace emu::domain {

time_point clock_registry::read(const clock_state& s) const {
    return s.frozen ? s.frozen_at : base_.now() + s.offset;
}

time_point clock_registry::now(std::string_view project) const {
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
    std::unique_lock lock(mutex_);
    auto& s = own(project);
    s.frozen = true;
    s.frozen_at = t;
}

void clock_registry::freeze(std::string_view project) {
    std::unique_lock lock(mutex_);
    auto& s = own(project);
    s.frozen_at = read(s);
    s.frozen = true;
}

void clock_registry::unfreeze(std::string_view project) {
    std::unique_lock lock(mutex_);
    auto& s = own(project);
    if (s.frozen)
        s.offset = s.frozen_at - base_.now();
    s.frozen = false;
}

void clock_registry::advance(std::string_view project, time_point::duration d) {
    std::unique_lock lock(mutex_);
    auto& s = own(project);
    if (s.frozen)
        s.frozen_at += d;
    else
        s.offset += d;
}

void clock_registry::restore(std::string_view project, const clock_state& s) {
    std::unique_lock lock(mutex_);
    own(project) = s;
}

void clock_registry::reset(std::string_view project) {
    std::unique_lock lock(mutex_);
    if (project.empty())
        default_ = {};
    else if (auto it = projects_.find(project); it != projects_.end())
        projects_.erase(it);
}

void clock_registry::reset_all() {
    std::unique_lock lock(mutex_);
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
