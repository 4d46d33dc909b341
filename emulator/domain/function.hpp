#pragma once
// The minimal function model (spec §10.2/§10.3) that async-invoke-configs belong to.
#include "domain/clock.hpp"
#include "domain/sent_integer.hpp"
#include "domain/shared_text.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace emu::domain {

/// A POST functions body as received, after JSON type checks.
struct function_input {
    std::optional<std::string> func_name, package, runtime, handler, code_type, code_filename,
        description, type;
    std::optional<std::int64_t> timeout, memory_size;
    std::optional<std::string> func_code_file; ///< base64
    std::optional<std::string> func_code_link;
    sent_integers sent; ///< integer fields that did not fit in 64 bits, as sent
};

/// A stored function (its `latest` head).
struct function_record {
    // The name first: a store lookup compares it, and finds region next to it (one cache line
    // or two of the entry at 100k functions, not three).
    std::string func_name;
    std::string package;
    std::string region;
    std::string project_id;
    std::string func_id;
    std::string runtime;
    std::int64_t timeout = 0;
    std::string handler;
    std::int64_t memory_size = 0;
    std::string code_type;
    std::string code_filename;
    std::int64_t code_size = 0;
    shared_text digest; ///< SHA-512 hex of the code (usually of no code: shared)
    std::string func_code_link;
    std::string description;
    std::string type; ///< v1 / v2 (D22: default v2)
    time_point created;
    time_point last_modified;

    /// urn:fss:region:project:function:package:name:<qualifier> ("latest" by default).
    std::string func_urn(std::string_view qualifier = "latest") const;
    /// urn:fss:region:project:function:package:name (no qualifier).
    std::string unqualified_urn() const;
    friend bool operator==(const function_record&, const function_record&) = default;
};

} // namespace emu::domain
