#pragma once
// What every test tier shares and that needs nothing but the standard library: the test
// projects and the paths and bodies built from them, `contains`, and reading files. The
// domain tier uses this header too, so it must stay free of Beast, JSON and the emulator.
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

namespace emu::test {

/// The project of the tests (32 hex digits, as Huawei Cloud project ids are)...
inline const std::string project = "0123456789abcdef0123456789abcdef";
/// ...and a second one, for what must stay apart.
inline const std::string other_project = "fedcba9876543210fedcba9876543210";
/// The region the emulator serves by default.
inline const std::string region = "cn-north-4";

/// /v2/{p}/fgs/functions
inline std::string functions_path(const std::string& p = project) {
    return "/v2/" + p + "/fgs/functions";
}

/// The full URN of function `name` (package default) of `p`.
inline std::string urn(const std::string& name, const std::string& p = project,
                       const std::string& qualifier = "latest") {
    return "urn:fss:" + region + ":" + p + ":function:default:" + name + ":" + qualifier;
}

/// /v2/{p}/fgs/functions/{urn of name}/async-invoke-config
inline std::string config_path(const std::string& name, const std::string& p = project) {
    return functions_path(p) + "/" + urn(name, p) + "/async-invoke-config";
}

/// The body of a function creation: Python3.9, 128 MB, 30 s, inline code.
inline std::string create_body(const std::string& name) {
    return R"({"func_name":")" + name +
           R"(","package":"default","runtime":"Python3.9","handler":"index.handler",)"
           R"("memory_size":128,"timeout":30,"code_type":"inline"})";
}

/// An async-invoke-config body with only the two limits.
inline std::string config_body(int age, int retries) {
    return R"({"max_async_event_age_in_seconds":)" + std::to_string(age) +
           R"(,"max_async_retry_attempts":)" + std::to_string(retries) + "}";
}

inline bool contains(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

/// The whole content of a file ("" when it cannot be read).
inline std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// A file of the repository, e.g. "fixtures/default/functions.json".
inline std::string read_source_file(const std::string& relative) {
    return read_file(std::string(FGS_SOURCE_DIR) + "/" + relative);
}

} // namespace emu::test
