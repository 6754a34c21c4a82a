#!/usr/bin/env bash
# Runs the real-window suite (`npm run test:electron -- [playwright args]`): the BUILT app (out/) in a
# real Electron 33 (test/infra/electron-runtime.sh), on a desktop made for it:
#   a session D-Bus (dbus-run-session) with an unlocked GNOME Keyring (test/infra/keyring.sh),
#   an X server (xvfb-run) and a notification daemon (dunst) on that bus.
# Whatever of these the caller already has (npm test runs us inside its own bus) is reused.
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$REPO_ROOT"

if [[ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]]; then
  exec dbus-run-session -- bash "${BASH_SOURCE[0]}" "$@"
fi
if [[ -z "${DISPLAY:-}" ]]; then
  bash test/infra/keyring.sh
  exec xvfb-run -a -s '-screen 0 1440x960x24' bash "${BASH_SOURCE[0]}" "$@"
fi

if [[ -f "${RIB_TEST_DIR:-$REPO_ROOT/.test-env}/env.sh" && -z "${DOCKER_HOST:-}" ]]; then
  # shellcheck source=/dev/null
  source "${RIB_TEST_DIR:-$REPO_ROOT/.test-env}/env.sh"
fi
RIB_ELECTRON_DIST="$(bash test/infra/electron-runtime.sh)"
export RIB_ELECTRON_DIST

dunst_pid=""
if ! dbus-send --session --print-reply --dest=org.freedesktop.DBus / org.freedesktop.DBus.NameHasOwner \
  string:org.freedesktop.Notifications 2>/dev/null | grep -q 'boolean true'; then
  command -v dunst >/dev/null || { echo "dunst missing (apt-get install dunst)" >&2; exit 1; }
  dunst_conf="$(mktemp)"
  printf '[global]\n  timeout = 0\n' >"$dunst_conf"
  dunst -config "$dunst_conf" >/dev/null 2>&1 &
  dunst_pid=$!
  for _ in $(seq 50); do
    dbus-send --session --print-reply --dest=org.freedesktop.DBus / org.freedesktop.DBus.NameHasOwner \
      string:org.freedesktop.Notifications 2>/dev/null | grep -q 'boolean true' && break
    sleep 0.1
  done
fi
trap '[[ -n "$dunst_pid" ]] && kill "$dunst_pid" 2>/dev/null; true' EXIT
# RIB_PLAYWRIGHT_CONFIG: another suite on the same desktop (test/packaged/run.sh, the packaged app).
npx playwright test --config "${RIB_PLAYWRIGHT_CONFIG:-test/electron/playwright.config.ts}" "$@"
