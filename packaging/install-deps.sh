#!/usr/bin/env bash
# Installs the Debian 12 packages Flowlet Workstation needs to build, run and test.
# Shared by the README's two commands and by CI. Installs only what is missing.
#   packaging/install-deps.sh          build + run dependencies
#   packaging/install-deps.sh --test   also the test-suite tools (PostgreSQL, keyring, gcovr, ...)
set -euo pipefail

build_pkgs=(
    build-essential cmake ninja-build pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    qt6-charts-dev qt6-httpserver-dev qt6-websockets-dev
    libqt6sql6-sqlite libqt6sql6-psql libqt6svg6 qt6-translations-l10n qt6-qpa-plugins
    libgl-dev libvulkan-dev libxkbcommon-dev libqt6opengl6-dev
    qtkeychain-qt6-dev libssl-dev libqrencode-dev libofx-dev libxlsxwriter-dev libcrypt-dev libpq-dev libsqlite3-dev
    gnome-keyring dbus dbus-x11 libsecret-tools
)
test_pkgs=(
    postgresql postgresql-contrib postgresql-common
    gcovr oathtool zbar-tools xvfb xauth file dpkg-dev hyperfine desktop-file-utils appstream time
    nodejs # the OpenAPI linter (npm; NodeSource's nodejs bundles it, Debian's needs the npm package)
)

want=("${build_pkgs[@]}")
if [[ "${1:-}" == "--test" ]]; then
    want+=("${test_pkgs[@]}")
fi

if [[ "${1:-}" == "--test" ]] && ! command -v npm >/dev/null; then
    want+=(npm)
fi

missing=()
for p in "${want[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
        missing+=("$p")
    fi
done

if (( ${#missing[@]} == 0 )); then
    exit 0
fi

echo "Installing missing packages: ${missing[*]}"
SUDO=""
if [[ $(id -u) -ne 0 ]]; then
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
