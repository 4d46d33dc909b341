#include "control/fault_injector.hpp"

#include "control/glob.hpp"

namespace emu::control {

fault_rule fault_injector::add(fault_rule r) {
    std::lock_guard lock(mutex_);
    r.id = "f" + std::to_string(next_id_++);
    r.hits = 0;
    rules_.push_back(r);
    return r;
}

std::optional<fault_rule> fault_injector::match(std::string_view method, std::string_view path,
                                                std::string_view project) {
    std::lock_guard lock(mutex_);
    for (auto& r : rules_) {
        if (r.remaining && *r.remaining == 0)
            continue;
        if ((r.method && *r.method != method) || (r.project && *r.project != project) ||
            (r.path_pattern && !glob_match(*r.path_pattern, path)))
            continue;
        if (r.probability &&
            std::uniform_real_distribution<double>(0.0, 1.0)(engine_) >= *r.probability)
            continue;
        if (r.remaining)
            --*r.remaining;
        ++r.hits;
        return r;
    }
    return std::nullopt;
}

std::vector<fault_rule> fault_injector::list(const std::optional<std::string>& project) const {
    std::lock_guard lock(mutex_);
    std::vector<fault_rule> out;
    for (auto& r : rules_)
        if (!project || r.project == project)
            out.push_back(r);
    return out;
}

bool fault_injector::remove(std::string_view id) {
    std::lock_guard lock(mutex_);
    return std::erase_if(rules_, [&](const fault_rule& r) { return r.id == id; }) > 0;
}

void fault_injector::clear(const std::optional<std::string>& project) {
    std::lock_guard lock(mutex_);
    if (!project)
        rules_.clear();
    else
        std::erase_if(rules_, [&](const fault_rule& r) { return r.project == project; });
}

void fault_injector::seed(std::uint64_t s) {
    std::lock_guard lock(mutex_);
    engine_.seed(s);
}

} // namespace emu::control
