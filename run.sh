#!/usr/bin/env bash
# Sets up and starts Flowlet Workstation on a fresh Debian 12 machine, in one command:
#   ./run.sh              the workstation on the local SQLite workspace (the welcome dialog
#                         offers to create it, empty or with demo data, on first run)
#   ./run.sh db status    any sub-command (see ./run.sh --help)
# Installs missing Debian packages (packaging/install-deps.sh), builds a release build in
# build/release and runs it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$here/packaging/install-deps.sh"
build="$here/build/release"
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DFLOWLET_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --parallel "$(nproc)" --target flowlet
exec "$build/flowlet" "$@"
