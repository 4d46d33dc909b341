#include "api/config_answer_cache.hpp"

#include <array>
#include <functional>
#include <memory>

namespace emu::api {
namespace {

struct slot {
    std::uint64_t revision = 0; // revisions start at 1: an empty slot never matches
    std::string project, region, urn;
    domain::switches switches;
    std::string text;
};

// Enough for the functions a test or a load works on at once; memory only once used.
constexpr std::size_t slot_count = 64;

slot& slot_for(const config_answer_key& key) {
    thread_local std::unique_ptr<std::array<slot, slot_count>> table;
    if (!table)
        table = std::make_unique<std::array<slot, slot_count>>();
    const std::hash<std::string_view> hash;
    return (*table)[(hash(key.urn) ^ (hash(key.project) * 31)) % slot_count];
}

} // namespace

const std::string* find_config_answer(const config_answer_key& key) {
    const auto& s = slot_for(key);
    if (s.revision != key.revision || s.urn != key.urn || s.project != key.project ||
        s.region != key.region || !(s.switches == key.switches))
        return nullptr;
    return &s.text;
}

void keep_config_answer(const config_answer_key& key, const std::string& text) {
    auto& s = slot_for(key);
    s.revision = key.revision;
    s.project.assign(key.project);
    s.region.assign(key.region);
    s.urn.assign(key.urn);
    s.switches = key.switches;
    s.text.assign(text);
}

} // namespace emu::api
