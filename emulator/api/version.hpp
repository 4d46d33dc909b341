#pragma once
// The emulator's version, reported by --version and GET /_emulator/health.
namespace emu::api {
inline constexpr const char* emulator_version = "0.1.0";
} // namespace emu::api
