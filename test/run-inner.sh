#!/usr/bin/env bash
# The stages of `npm test`, in order; run by test/run-all.sh once the services are up.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [ -f test/infra/keyring.sh ] && [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  # shellcheck disable=SC1091
  . test/infra/keyring.sh
fi

stage() {
  local name=$1
  shift
  local t0
  t0=$(date +%s)
  echo "=== $name"
  "$@"
  echo "=== $name passed in $(( $(date +%s) - t0 )) s"
}

stage typecheck npm run --silent typecheck
stage lint npm run --silent lint
stage electronegativity npm run --silent electronegativity
stage "unit tests" npm run --silent test:unit
stage "service tests (real engine, registry, index, keychain)" npm run --silent test:services
stage "build (main, preload, renderer)" npm run --silent build
stage "end-to-end (renderer in Chromium, real services)" npm run --silent test:e2e
stage "Electron suite" npm run --silent test:electron
