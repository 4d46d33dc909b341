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
    /// The hash of the key last offered here and not kept (0: none): the next offer of the
    /// same key is kept.
    std::size_t candidate = 0;
};

// Enough for the functions a test or a load works on at once; memory only once used.
constexpr std::size_t slot_count = 64;

std::size_t key_hash(const config_answer_key& key) {
    if (key.hash == 0) {
        const std::hash<std::string_view> hash;
        key.hash = (hash(key.urn) ^ (hash(key.project) * 31)) | 1; // never 0 (see above)
    }
    return key.hash;
}

slot& slot_for(std::size_t hash) {
    thread_local std::unique_ptr<std::array<slot, slot_count>> table;
    if (!table)
        table = std::make_unique<std::array<slot, slot_count>>();
    return (*table)[hash % slot_count];
}

} // namespace

const std::string* find_config_answer(const config_answer_key& key) {
    const auto& s = slot_for(key_hash(key));
    if (s.revision != key.revision || s.urn != key.urn || s.project != key.project ||
        s.region != key.region || !(s.switches == key.switches))
        return nullptr;
    return &s.text;
}

bool keep_config_answer(const config_answer_key& key, const std::string& text) {
    const auto hash = key_hash(key);
    auto& s = slot_for(hash);
    if (s.candidate != hash) {
        s.candidate = hash;
        return false;
    }
    s.candidate = 0;
    s.revision = key.revision;
    s.project.assign(key.project);
    s.region.assign(key.region);
    s.urn.assign(key.urn);
    s.switches = key.switches;
    s.text.assign(text);
    return true;
}

} // namespace emu::api
