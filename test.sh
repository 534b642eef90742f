#!/usr/bin/env bash
# The whole test suite on a fresh Debian 12 machine, in one command:
#   ./test.sh
# installs what is missing (packaging/install-deps.sh --test), builds with coverage, and runs
# every test: unit, model, GUI (offscreen), database tests on SQLite and on a throwaway
# PostgreSQL 15 (pg_virtualenv), keychain tests against a real gnome-keyring inside
# dbus-run-session. Prints a line-coverage figure for app/ at the end.
#   ./test.sh -R demo     extra arguments go to ctest
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

"$here/packaging/install-deps.sh" --test

build="${FLOWLET_TEST_BUILD_DIR:-$here/build/test}"
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DFLOWLET_COVERAGE=ON \
      -DFLOWLET_SAMPLES_DIR="$here/../shared/samples" >/dev/null
cmake --build "$build" --parallel "$(nproc)"

# Coverage counts only this run.
find "$build" -name '*.gcda' -delete

# A private home for settings, the keyring and workspaces: the tests never touch the user's own.
scratch="$(mktemp -d)"
chmod 755 "$scratch"   # the PostgreSQL server runs as user postgres and must reach its socket dir
trap 'rm -rf "$scratch"' EXIT
export HOME="$scratch/home" XDG_DATA_HOME="$scratch/home/.local/share" XDG_CONFIG_HOME="$scratch/home/.config"
export XDG_RUNTIME_DIR="$scratch/runtime"
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

status=0
dbus-run-session -- bash -c '
    set -euo pipefail
    # A real Secret Service: gnome-keyring, its login keyring created and unlocked.
    echo -n "flowlet-test-keyring" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    # A throwaway PostgreSQL 15 cluster; libpq finds it through PGHOST/PGPORT/PGUSER/PGPASSWORD.
    pg_virtualenv -v 15 -o "shared_buffers=128MB" bash -c "cd \"$1\" && ctest --output-on-failure -j 2 \"\${@:2}\"" _ "$@"
' _ "$build" "$@" || status=$?

if command -v gcovr >/dev/null; then
    echo
    echo "Line coverage of app/ (gcovr):"
    # gcovr 5.2 trips over gcc 12's negative branch counts; those lines only concern branches.
    (cd "$build" && gcovr --root "$here" --filter "$here/app/" --object-directory "$build" \
          --gcov-ignore-parse-errors --print-summary --txt "$build/coverage.txt" 2>/dev/null) \
        | grep -E '^(lines|functions):' || echo "coverage: gcovr failed"
fi
exit $status
