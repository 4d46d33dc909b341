#pragma once
// What the public API's handlers work on: references to the domain's state and the
// settings that shape answers. control::service_state owns all of it and builds this view.
#include "domain/clock_registry.hpp"
#include "domain/function_store.hpp"
#include "domain/ids.hpp"
#include "domain/switch_registry.hpp"
#include "gateway/auth.hpp"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace emu::domain {
class invocation_engine;
}

namespace emu::api {

struct service {
    domain::function_store& store;
    domain::clock_registry& clocks;
    domain::id_generator& ids;
    domain::switch_registry& switches;
    gateway::credential_store& credentials;
    gateway::auth_mode auth = gateway::auth_mode::any;
    std::string region = "cn-north-4"; ///< region of created functions' URNs
    std::size_t max_body = 6 * 1024 * 1024;
    /// The asynchronous invocation engine; null where invocations are not served (the dry
    /// run of a state import, fuzz targets).
    domain::invocation_engine* invocations = nullptr;
    /// Called after work was queued or a clock moved, so that the real-clock runner
    /// re-plans its wait (may be empty).
    std::function<void()> invocation_work;
};

} // namespace emu::api
