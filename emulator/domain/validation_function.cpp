// Rules of the function bodies: create (spec §10.2), and the updates of latest's code
// (PUT …/code) and metadata (PUT …/config). One rule per field, shared by all three.
#include "domain/validation.hpp"

#include "crypto/digest.hpp"
#include "domain/validation_rules.hpp"

#include <algorithm>
#include <initializer_list>
#include <iterator>
#include <string>

namespace emu::domain {
namespace {

const char* const name_rule =
    "must be 1-60 letters, digits, '-' or '_', start with a letter and end with a letter or "
    "digit";

/// func_name of create; of an update only when given, and then it must be the function's.
result<void> rule_func_name(const function_input& in, function_record& f, bool update) {
    if (!in.func_name)
        return update ? result<void>{} : result<void>(missing("func_name"));
    if (!is_valid_function_name(*in.func_name))
        return bad_format("func_name", name_rule);
    // Emulation: G — a function cannot be renamed; the update bodies may repeat the name.
    if (update && *in.func_name != f.func_name)
        return bad_format("func_name", "'" + *in.func_name + "' is not the name of function " +
                                           f.func_urn() + "; a function cannot be renamed");
    f.func_name = *in.func_name;
    return {};
}

result<void> rule_package(const function_input& in, function_record& f, bool update) {
    if (!in.package)
        return update ? result<void>{} : result<void>(missing("package"));
    if (!is_valid_package_name(*in.package))
        return bad_format("package", "must be 1-64 letters, digits, '-' or '_'");
    // Emulation: G — Terraform repeats the package in metadata updates; moving is not modelled.
    if (update && *in.package != f.package)
        return bad_format("package", "'" + *in.package + "' is not the package of function " +
                                         f.func_urn() + "; a function cannot be moved");
    f.package = *in.package;
    return {};
}

result<void> rule_runtime(const function_input& in, function_record& f) {
    static const std::vector<std::string_view> runtimes = {"Java8",
                                                           "Java11",
                                                           "Java17",
                                                           "Java21",
                                                           "Node.js6.10",
                                                           "Node.js8.10",
                                                           "Node.js10.16",
                                                           "Node.js12.13",
                                                           "Node.js14.18",
                                                           "Node.js16.17",
                                                           "Node.js18.15",
                                                           "Node.js20.15",
                                                           "Python2.7",
                                                           "Python3.6",
                                                           "Python3.9",
                                                           "Python3.10",
                                                           "Python3.12",
                                                           "Go1.8",
                                                           "Go1.x",
                                                           "C#(.NET Core 2.0)",
                                                           "C#(.NET Core 2.1)",
                                                           "C#(.NET Core 3.1)",
                                                           "C#(.NET Core 6.0)",
                                                           "Custom",
                                                           "PHP7.3",
                                                           "PHP8.3",
                                                           "Cangjie1.0",
                                                           "http",
                                                           "Custom Image"};
    if (!in.runtime)
        return missing("runtime");
    if (std::find(runtimes.begin(), runtimes.end(), *in.runtime) == runtimes.end())
        return make_error(errc::invalid_enum, "runtime",
                          "runtime must be one of " + join(runtimes) + ", got '" + *in.runtime +
                              "'");
    f.runtime = *in.runtime;
    return {};
}

result<void> rule_timeout(const function_input& in, function_record& f) {
    // Emulation: D22 — timeout 3-900 on older pages, 3-259200 on current ones.
    if (!in.timeout)
        return missing("timeout");
    if (*in.timeout < 3 || *in.timeout > 259200)
        return out_of_range("timeout", 3, 259200, shown_integer(in.sent, "timeout", *in.timeout),
                            " seconds");
    f.timeout = *in.timeout;
    return {};
}

result<void> rule_handler(const function_input& in, function_record& f) {
    const bool custom_image = f.runtime == "Custom Image";
    if (!in.handler)
        return missing("handler");
    if (!(custom_image && *in.handler == "-") &&
        (in.handler->size() < 3 || in.handler->size() > 128))
        return bad_format("handler", "must be 3-128 characters (\"-\" for Custom Image), got " +
                                         std::to_string(in.handler->size()));
    f.handler = *in.handler;
    return {};
}

result<void> rule_memory_size(const function_input& in, function_record& f) {
    const std::initializer_list<std::int64_t> sizes = {128,  256,  512,  768,  1024, 1280, 1536,
                                                       1792, 2048, 2560, 3072, 3584, 4096};
    if (!in.memory_size)
        return missing("memory_size");
    if (std::find(sizes.begin(), sizes.end(), *in.memory_size) == sizes.end())
        return make_error(errc::invalid_enum, "memory_size",
                          "memory_size must be one of 128, 256, 512, 768, 1024, 1280, 1536, "
                          "1792, 2048, 2560, 3072, 3584, 4096 (MB), got " +
                              shown_integer(in.sent, "memory_size", *in.memory_size));
    f.memory_size = *in.memory_size;
    return {};
}

/// code_type, func_code {file, link} and code_filename; the digest and size follow the code.
result<void> rule_code(const function_input& in, function_record& f) {
    static const std::vector<std::string_view> code_types = {"inline", "zip", "obs", "jar",
                                                             "Custom-Image-Swr"};
    if (!in.code_type && f.runtime != "Custom Image")
        return missing("code_type", " (except for runtime Custom Image)");
    std::string code_type = in.code_type.value_or("Custom-Image-Swr");
    if (std::find(code_types.begin(), code_types.end(), code_type) == code_types.end())
        return make_error(errc::invalid_enum, "code_type",
                          "code_type must be one of " + join(code_types) + ", got '" + code_type +
                              "'");
    std::string code;
    if (in.func_code_file && !crypto::base64_decode(*in.func_code_file, code))
        return bad_format("func_code.file", "must be base64");
    f.code_type = std::move(code_type);
    f.code_size = static_cast<std::int64_t>(code.size());
    f.digest = crypto::sha512_hex(code);
    f.func_code_link = in.func_code_link.value_or("");
    f.code_filename = in.code_filename.value_or(f.code_type == "inline" ? "index.zip" : "");
    return {};
}

result<void> rule_type(const function_input& in, function_record& f) {
    f.type = in.type.value_or("v2");
    if (f.type != "v1" && f.type != "v2")
        return make_error(errc::invalid_enum, "type",
                          "type must be one of v1, v2, got '" + f.type + "'");
    return {};
}

/// description: absent keeps `keep` (create: empty).
result<void> rule_description(const function_input& in, function_record& f,
                              const std::string& keep) {
    f.description = in.description.value_or(keep);
    if (f.description.size() > 512)
        return bad_format("description", "must be at most 512 characters");
    return {};
}

/// Applies rules in order; the first failure wins.
template <class... Rule> result<void> apply(Rule&&... rules) {
    result<void> r;
    ((r = rules()) && ...);
    return r;
}

} // namespace

result<void> check_instance_memory(std::optional<std::string_view> value, const switches& b) {
    // Emulation: D18 — the header's 15 values are documented for synchronous invocation
    // only; the Go SDK sends it on invocations-async too. Checked in strict only.
    if (!value || !b.validate_instance_memory)
        return {};
    static constexpr std::string_view sizes[] = {"128",  "256",  "512",  "768",  "1024",
                                                 "1280", "1536", "1792", "2048", "2560",
                                                 "3072", "3584", "4096", "8192", "10240"};
    if (std::find(std::begin(sizes), std::end(sizes), *value) != std::end(sizes))
        return {};
    const std::string_view shown = value->substr(0, 64);
    return make_error(errc::invalid_enum, "X-Cff-Instance-Memory",
                      "header X-Cff-Instance-Memory must be one of 128, 256, 512, 768, 1024, "
                      "1280, 1536, 1792, 2048, 2560, 3072, 3584, 4096, 8192, 10240 (MB), got '" +
                          std::string(shown) + (shown.size() < value->size() ? "…" : "") +
                          "' (switch validate_instance_memory)");
}

result<function_record> build_function(const function_input& in) {
    function_record f;
    auto r = apply([&] { return rule_func_name(in, f, false); },
                   [&] { return rule_package(in, f, false); }, [&] { return rule_runtime(in, f); },
                   [&] { return rule_timeout(in, f); }, [&] { return rule_handler(in, f); },
                   [&] { return rule_memory_size(in, f); }, [&] { return rule_code(in, f); },
                   [&] { return rule_type(in, f); }, [&] { return rule_description(in, f, ""); });
    if (!r)
        return r.error();
    return f;
}

result<function_record> apply_function_config(const function_input& in,
                                              const function_record& latest) {
    function_record f = latest;
    auto r = apply([&] { return rule_func_name(in, f, true); },
                   [&] { return rule_package(in, f, true); }, [&] { return rule_runtime(in, f); },
                   [&] { return rule_timeout(in, f); }, [&] { return rule_handler(in, f); },
                   [&] { return rule_memory_size(in, f); },
                   [&] { return rule_description(in, f, latest.description); });
    if (!r)
        return r.error();
    return f;
}

result<function_record> apply_function_code(const function_input& in,
                                            const function_record& latest) {
    function_record f = latest;
    if (auto r = rule_code(in, f); !r)
        return r.error();
    return f;
}

bool same_content(const function_record& a, const function_record& b) {
    return a.runtime == b.runtime && a.timeout == b.timeout && a.handler == b.handler &&
           a.memory_size == b.memory_size && a.code_type == b.code_type &&
           a.code_filename == b.code_filename && a.code_size == b.code_size &&
           a.digest == b.digest && a.func_code_link == b.func_code_link &&
           a.description == b.description && a.type == b.type;
}

} // namespace emu::domain
