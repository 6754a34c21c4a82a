#!/usr/bin/env bash
# The one test command (`npm test`): starts what the tests need (engine, registry, package index,
# keychain) where the machine allows it, runs every level of test in order, and stops what it started.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

started=$(date +%s)
bash test/infra/up.sh
env_file="${RIB_TEST_DIR:-$repo/.test-env}/env.sh"
# shellcheck disable=SC1090
[ -f "$env_file" ] && . "$env_file"
if [ "${RIB_INFRA:-}" = managed ]; then
  trap 'bash "$repo/test/infra/down.sh"' EXIT
fi

# The keychain needs a session bus with a Secret Service on it; dbus-run-session gives the
# inner run its own bus, which ends with it.
if command -v dbus-run-session >/dev/null 2>&1; then
  dbus-run-session -- bash test/run-inner.sh
else
  echo "No dbus-run-session here: keychain tests use whatever Secret Service the desktop session has."
  bash test/run-inner.sh
fi
echo "npm test: all stages passed in $(( $(date +%s) - started )) s"
