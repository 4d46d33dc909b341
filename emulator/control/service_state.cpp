#include "control/service_state.hpp"

#include "api/json_codec.hpp"
#include "api/notification_codec.hpp"

#include <map>
#include <string_view>

namespace emu::control {
using namespace api; // the control API is built from the public API's pieces

service_state::service_state(const domain::clock& base, const service_config& c)
    : config(c), clocks(base), switches(c.control.startup_switches), journal(c.journal_size),
      control(c.control), svc{store,  clocks,   ids,        switches, credentials,
                              c.auth, c.region, c.max_body, nullptr,  {}} {
    if (c.invocations) {
        engine.emplace(
            store, ids,
            domain::invocation_codecs{api::encode_notification,
                                      [](std::string_view param) {
                                          return api::read_destination_param(param).value_or(
                                              std::map<std::string, domain::param_value>{});
                                      }},
            c.limits);
        svc.invocations = &*engine;
        engine->set_observer([this] { waits.notify(); });
    }
}

} // namespace emu::control
