#pragma once
// Shared helpers of the build_config tests (validation_test.cpp, validation_destination_test.cpp).
#include "domain/validation.hpp"

#include "support/domain_checks.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace emu::domain::test {

inline const urn_defaults defaults{"proj0001", "cn-north-4"};
inline const std::string self_urn = "urn:fss:cn-north-4:proj0001:function:default:myfunc:latest";
inline const std::string target_urn = "urn:fss:cn-north-4:proj0001:function:default:target:latest";

using fields_t = std::map<std::string, param_value>;

/// A destination as the codec would hand it over: `param` holds a JSON object.
inline destination_input dest(std::string destination, fields_t fields) {
    destination_input d;
    d.destination = std::move(destination);
    d.param = "{...}"; // the text is kept verbatim; only the decoded fields are validated
    d.param_fields = std::move(fields);
    d.param_is_json_object = true;
    return d;
}

inline fields_t valid_param(const std::string& destination) {
    if (destination == "OBS")
        return {{"bucket", std::string("my-bucket")},
                {"prefix", std::string("async/")},
                {"expires", std::int64_t{30}}};
    if (destination == "SMN")
        return {{"topic_urn", std::string("urn:smn:cn-north-4:proj0001:topic1")}};
    if (destination == "DIS")
        return {{"stream_name", std::string("stream-1")}};
    return {{"func_urn", target_urn}};
}

inline config_input with_on_failure(destination_input d) {
    config_input in;
    in.has_destination_config = true;
    in.on_failure = std::move(d);
    return in;
}

inline result<async_invoke_config> build(const config_input& in, const switches& b = {},
                                         const std::optional<async_invoke_config>& existing = {},
                                         time_point now = at(1000)) {
    return build_config(in, existing ? &*existing : nullptr, b, defaults, self_urn, now);
}

} // namespace emu::domain::test
