#!/usr/bin/env bash
# Start a throwaway, unlocked GNOME Keyring (Secret Service) on the current D-Bus session bus.
# Run it INSIDE `dbus-run-session`, e.g.:
#   dbus-run-session -- bash -c 'bash test/infra/keyring.sh && npm run test:services'
# It returns once org.freedesktop.secrets has an owner; the daemon keeps running in the background
# until the session bus goes away (or down.sh stops it). Prints nothing on success.
#
# No DISPLAY on purpose: with a display, a locked keyring opens a prompt and writes hang.
# Pin the store in clients so that a missing Secret Service fails instead of silently falling back
# to the kernel keyring: new Entry(service, account, { linux: { store: 'secret-service' } }).

# Sourced (`. test/infra/keyring.sh`)? Run as a child instead, so that neither our `exit`, our
# `set -e` nor lib.sh's variables leak into the caller; the daemon outlives the child either way.
if [[ "${BASH_SOURCE[0]}" != "$0" ]]; then
  bash "${BASH_SOURCE[0]}" "$@"
  return $?
fi

set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[[ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ]] || die "keyring.sh: no session bus; run it inside dbus-run-session"
command -v gnome-keyring-daemon >/dev/null || die "keyring.sh: gnome-keyring-daemon missing (apt-get install gnome-keyring)"
command -v dbus-send >/dev/null || die "keyring.sh: dbus-send missing (apt-get install dbus)"

secrets_owned() {
  dbus-send --session --print-reply --dest=org.freedesktop.DBus / \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'
}

if secrets_owned; then exit 0; fi # already there on this bus

# Drop directories of daemons that are gone (earlier sessions).
for dir in "$RIB_TEST_DIR"/keyring-*; do
  [[ -d "$dir" ]] || continue
  read_pidfile "$dir/daemon.pid" gnome-keyring-daemon >/dev/null && continue
  krun="$(cat "$dir/runtime-dir" 2>/dev/null || true)"
  [[ "$krun" == /*/keyring-[0-9]* ]] && safe_rm "$krun"
  safe_rm "$dir"
done

KDIR="$RIB_TEST_DIR/keyring-$$"
# The daemon's control socket lives in XDG_RUNTIME_DIR: keep that path short (108-byte limit).
KRUN="$RUN_DIR/keyring-$$"
safe_rm "$KDIR"
safe_rm "$KRUN"
mkdir -p "$KDIR/data" "$KRUN"
chmod 700 "$KDIR" "$KRUN"
printf '%s\n' "$KRUN" >"$KDIR/runtime-dir"

(
  unset DISPLAY WAYLAND_DISPLAY
  export XDG_DATA_HOME="$KDIR/data" XDG_RUNTIME_DIR="$KRUN"
  # --unlock reads the login keyring's password from stdin and creates that keyring if needed.
  exec gnome-keyring-daemon --foreground --unlock --components=secrets \
    <<<"rib-test-keyring-password" >"$KDIR/daemon.log" 2>&1 9>&-
) &
pid=$!
printf '%s\n' "$pid" >"$KDIR/daemon.pid"

for ((i = 0; i < 100; i++)); do
  secrets_owned && exit 0
  if ! pid_alive "$pid"; then
    cat "$KDIR/daemon.log" >&2 || true
    die "keyring.sh: gnome-keyring-daemon exited before it took org.freedesktop.secrets"
  fi
  sleep 0.1
done
cat "$KDIR/daemon.log" >&2 || true
die "keyring.sh: org.freedesktop.secrets has no owner after 10s"
