#!/usr/bin/env bash
# Builds the .deb from a release build, validates its desktop metadata, installs it with apt and
# runs the installed binary on a temporary workspace.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/packaging/install-deps.sh" --test
build="$here/build/package"
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DFLOWLET_BUILD_TESTS=OFF \
      -DCMAKE_INSTALL_PREFIX=/usr >/dev/null
cmake --build "$build" --parallel "$(nproc)" --target flowlet
(cd "$build" && cpack -G DEB >/dev/null)
deb="$(ls "$build"/flowlet-workstation_*.deb | head -n1)"
echo "package: $(basename "$deb") ($(du -h "$deb" | cut -f1))"

desktop-file-validate "$here/packaging/org.flowlet.Workstation.desktop"
appstreamcli validate --no-net --pedantic "$here/packaging/org.flowlet.Workstation.metainfo.xml" >/dev/null \
    || appstreamcli validate --no-net "$here/packaging/org.flowlet.Workstation.metainfo.xml"

SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$deb" >/dev/null
dpkg -L flowlet-workstation | grep -E 'bin/flowlet$|applications/|metainfo/|icons/' 

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export HOME="$work"
/usr/bin/flowlet --version
/usr/bin/flowlet db init --db "sqlite://$work/installed.db"
/usr/bin/flowlet db status --db "sqlite://$work/installed.db"
echo "installed package works"
