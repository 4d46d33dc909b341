#include "domain/behaviour_registry.hpp"

#include <mutex>

namespace emu::domain {

behaviour behaviour_registry::for_project(std::string_view project) const {
    std::shared_lock lock(mutex_);
    if (projects_.empty())
        return defaults_;
    auto it = projects_.find(project);
    return it == projects_.end() ? defaults_ : it->second;
}

behaviour behaviour_registry::defaults() const {
    std::shared_lock lock(mutex_);
    return defaults_;
}

void behaviour_registry::set_defaults(const behaviour& b) {
    std::unique_lock lock(mutex_);
    defaults_ = b;
}

void behaviour_registry::set_project(std::string_view project, const behaviour& b) {
    std::unique_lock lock(mutex_);
    projects_.insert_or_assign(std::string(project), b);
}

void behaviour_registry::clear_project(std::string_view project) {
    std::unique_lock lock(mutex_);
    if (auto it = projects_.find(project); it != projects_.end())
        projects_.erase(it);
}

void behaviour_registry::clear() {
    std::unique_lock lock(mutex_);
    projects_.clear();
}

std::optional<behaviour> behaviour_registry::project_override(std::string_view project) const {
    std::shared_lock lock(mutex_);
    auto it = projects_.find(project);
    if (it == projects_.end())
        return std::nullopt;
    return it->second;
}

std::vector<std::string> behaviour_registry::projects() const {
    std::shared_lock lock(mutex_);
    std::vector<std::string> out;
    for (auto& [name, b] : projects_)
        out.push_back(name);
    return out;
}

} // namespace emu::domain
