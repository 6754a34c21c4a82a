#!/usr/bin/env bash
# Stop everything up.sh (and keyring.sh) started, by PID; unmount leftovers. Never fails.
# Keeps the data (images, registry blobs, wheel index, rootfs cache) for the next up.sh.
#   bash test/infra/down.sh [--purge]     --purge also deletes all state except cache/
set -uo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" || exit 0

T0="$(now_us)"
if ! is_root; then
  log "not root: nothing of ours can be running"
  exit 0
fi
take_lock 2>/dev/null || true
index_stop || true
registry_stop || true
engine_stop || true
keyring_stop_all || true
# The second, TLS-only engine of the remote-engine tests, if it was ever started.
if [[ -d "$RIB_TEST_DIR/tls-engine" && -f "$INFRA_DIR/tls-engine.sh" ]]; then
  bash "$INFRA_DIR/tls-engine.sh" down || true
fi
# The engines of the matrix (Docker 28, Podman 5 from the sid chroot), if they were ever started.
if [[ -d "$RIB_TEST_DIR/sid-engines" && -f "$INFRA_DIR/sid-engines.sh" ]]; then
  bash "$INFRA_DIR/sid-engines.sh" down || true
fi
if [[ "${1:-}" == --purge ]]; then
  for d in "$DATA_ROOT" "$RUN_DIR" "$REGISTRY_DIR" "$REGISTRY_DATA" "$INDEX_DIR" "$LOG_DIR" "$CACHE_DIR/rootfs.tmp" "$RIB_TEST_DIR/sid-engines"; do
    safe_rm "$d" || true
  done
  rm -f "$ENV_FILE" "$STORAGE_DRIVER_FILE" "$DOCKERD_CONFIG" || true
  log "purged state in $RIB_TEST_DIR (kept $CACHE_DIR)"
fi
[[ "$RUN_DIR" == /run/rib-test-* ]] && { rmdir "$EXEC_ROOT" "$RUN_DIR" 2>/dev/null || true; }
printf '[down] stopped in %ss\n' "$(fmt_secs $(($(now_us) - T0)))" >&2
exit 0
