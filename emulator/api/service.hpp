#pragma once
// Everything the handlers work on, owned by main and passed by reference.
#include "domain/behaviour_registry.hpp"
#include "domain/clock.hpp"
#include "domain/function_store.hpp"
#include "domain/ids.hpp"

#include <cstddef>
#include <string>

namespace emu::api {

struct service {
    domain::function_store& store;
    domain::clock& clock;
    domain::id_generator& ids;
    domain::behaviour_registry& behaviours;
    std::string region = "cn-north-4"; ///< region of created functions' URNs
    std::size_t max_body = 6 * 1024 * 1024;
};

} // namespace emu::api
