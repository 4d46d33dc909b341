#pragma once
// The emulator's version and the git commit it was built from, reported by --version and
// GET /_emulator/health. Both come from the build: the version from the top-level
// project(VERSION …) in CMakeLists.txt (the only place it is written), the commit from git
// at build time (control/version.cmake writes them into the generated version.cpp).
namespace emu::control {

/// "0.1.0".
const char* emulator_version();

/// The short git commit of the build ("a1b2c3d", with "-dirty" for uncommitted changes),
/// or "unknown" when the source is not a git checkout.
const char* emulator_commit();

} // namespace emu::control
