# shellcheck shell=bash
# Helpers sourced by the entry scripts in scripts/ and .ci/ (not executable on its own).
#
# Environment:
#   FGS_BUILD_DIR  build directory (relative paths are taken from the repo root); default
#                  build/, or build-asan / build-tsan / build-ubsan / build-san when
#                  FGS_SANITIZE is set, so a sanitizer build never reuses the normal cache
#   FGS_SANITIZE   passed on as -DFGS_SANITIZE=... (e.g. address,undefined or thread)
#   FGS_SKIP_DEPS  set to 1 to skip the apt-get step (machines that are not Debian)

# Repository root, wherever the caller was started from.
FGS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Debian packages every build needs (bench adds wrk and nginx-light itself).
# shellcheck disable=SC2034  # used by the scripts that source this file
FGS_BASE_PACKAGES=(
  build-essential cmake ninja-build pkg-config
  libboost1.81-dev libboost-json1.81-dev libboost-test1.81-dev
  nettle-dev libspdlog-dev libfmt-dev curl python3
)

# What the browser tests add: Debian's chromium, driven headless through puppeteer-core (which
# downloads no browser). Node.js and npm come from ensure_node.
# shellcheck disable=SC2034  # used by scripts/install-deps
FGS_BROWSER_PACKAGES=(chromium)

# What scripts/fuzz adds: clang and its runtime libraries (libclang-rt-14-dev holds libFuzzer,
# ASan and UBSan for clang 14, Debian 12's default clang).
# shellcheck disable=SC2034  # used by scripts/fuzz
FGS_FUZZ_PACKAGES=(clang libclang-rt-14-dev)

# What scripts/package and scripts/image add: CPack's DEB generator needs dpkg-shlibdeps (dpkg-dev)
# and file; the tests build Debian root file systems with mmdebstrap and images with buildah.
# shellcheck disable=SC2034  # used by scripts/package and scripts/image
FGS_PACKAGE_PACKAGES=(dpkg-dev file mmdebstrap)
# shellcheck disable=SC2034
FGS_IMAGE_PACKAGES=(mmdebstrap buildah)

fgs_log() { printf '%s: %s\n' "${0##*/}" "$*" >&2; }
fgs_die() { fgs_log "error: $*"; exit 1; }
# Name the command when `set -e` stops a script (-E: also inside functions).
set -E
trap 'fgs_log "error: \"$BASH_COMMAND\" failed with status $? at line $LINENO"' ERR

# Runs "$@" as root: directly when we are root, through sudo when it exists.
fgs_as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    fgs_die "need root (or sudo) to run: $*"
  fi
}

# ensure_packages PKG... — installs the Debian packages that are not installed yet.
# Silent and quick (one dpkg-query) when everything is present; apt-get update runs only
# when something is missing.
ensure_packages() {
  [ "${FGS_SKIP_DEPS:-0}" = 1 ] && return 0
  command -v dpkg-query >/dev/null 2>&1 ||
    fgs_die "dpkg-query not found: install $* by hand and set FGS_SKIP_DEPS=1"
  local -A installed=()
  local pkg status missing=()
  # One dpkg-query for all packages; unknown names only print to stderr.
  while read -r pkg status; do
    [ "$status" = installed ] && installed[$pkg]=1
  done < <(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "$@" 2>/dev/null || true)
  for pkg in "$@"; do
    [ -n "${installed[$pkg]:-}" ] || missing+=("$pkg")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0

  fgs_log "installing missing packages: ${missing[*]}"
  # Wait for a running apt (e.g. unattended-upgrades on a fresh VM) instead of failing.
  local -a apt=(env DEBIAN_FRONTEND=noninteractive apt-get -q -y
                -o DPkg::Lock::Timeout=600 -o Dpkg::Use-Pty=0)
  fgs_as_root "${apt[@]}" update
  fgs_as_root "${apt[@]}" install --no-install-recommends "${missing[@]}"
}

# ensure_node — node and npm for the JavaScript suites: Debian's nodejs and npm, unless both
# commands are already there. (A machine may have Node.js from elsewhere, whose nodejs package
# carries npm itself and conflicts with Debian's npm package: installing that would fail.)
ensure_node() {
  if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
    return 0
  fi
  ensure_packages nodejs npm
}

# Build directory, as an absolute path.
fgs_build_dir() {
  local dir=${FGS_BUILD_DIR:-}
  if [ -z "$dir" ]; then
    case ${FGS_SANITIZE:-} in
      '') dir=build ;;
      *thread*) dir=build-tsan ;;
      *address*) dir=build-asan ;;
      undefined) dir=build-ubsan ;;
      *) dir=build-san ;;
    esac
  fi
  case $dir in
    /*) printf '%s\n' "$dir" ;;
    *) printf '%s\n' "$FGS_ROOT/$dir" ;;
  esac
}

# fgs_build [cmake --build args...] — configures once (cmake re-runs itself when a
# CMakeLists.txt changes), then builds incrementally with all cores.
# shellcheck disable=SC2120  # the arguments are optional
fgs_build() {
  local dir
  dir=$(fgs_build_dir)
  local want_sanitize=${FGS_SANITIZE:-} have_sanitize=
  local -a configure=(-S "$FGS_ROOT" -B "$dir" -G Ninja
                      -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFGS_WERROR=ON
                      "-DFGS_SANITIZE=$want_sanitize")
  if [ -f "$dir/CMakeCache.txt" ]; then
    have_sanitize=$(sed -n 's/^FGS_SANITIZE:[A-Z]*=//p' "$dir/CMakeCache.txt")
  fi
  # Configure when there is no complete cache, or when FGS_SANITIZE differs from the
  # cached value; otherwise the build step alone re-runs cmake if a CMakeLists changed.
  if [ ! -f "$dir/CMakeCache.txt" ] || [ ! -f "$dir/build.ninja" ] ||
     [ "$have_sanitize" != "$want_sanitize" ]; then
    cmake "${configure[@]}"
  fi
  cmake --build "$dir" -j"$(nproc)" "$@"
}

# Path of the emulator executable inside the build directory.
fgs_emulator_bin() {
  printf '%s/emulator/fgs-emulator\n' "$(fgs_build_dir)"
}

# fgs_debian_base SUITE — prints the path of a cached minimal Debian root file system tarball
# (mmdebstrap --variant=minbase SUITE), made when missing or older than a week. Extra
# mmdebstrap arguments may follow SUITE; they are part of the cache key.
fgs_debian_base() {
  local suite=$1
  shift
  local cache=${FGS_CACHE_DIR:-$FGS_ROOT/build/cache}
  local key
  key=$(printf '%s\n' "$suite" "$@" | md5sum | cut -c1-8)
  local tar=$cache/$suite-minbase-$key.tar
  mkdir -p "$cache"
  if [ ! -s "$tar" ] || [ -n "$(find "$tar" -mtime +7)" ]; then
    fgs_log "making $tar (mmdebstrap --variant=minbase $suite)"
    mmdebstrap --quiet --format=tar --variant=minbase "$@" "$suite" "$tar.tmp" >&2
    mv "$tar.tmp" "$tar"
  fi
  printf '%s\n' "$tar"
}
