#!/usr/bin/env bash
# Start, stop or query the test dockerd that up.sh started (for fault tests: engine goes away).
#   bash test/infra/engine.sh start|stop|restart|status
# stop: SIGTERM by PID, wait for exit, end leftover containerd/shims, unmount leftovers under the
# exec-root (netns/*) and data-root. start: idempotent, a second or two. Both exit 0 on success.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

is_root || die "engine.sh manages the test engine and needs root"
cmd="${1:-status}"
case "$cmd" in
  start)
    take_lock
    engine_start
    log "engine up ($STORAGE_DRIVER) on $DOCKER_HOST_URL"
    ;;
  stop)
    take_lock
    engine_stop
    log "engine stopped"
    ;;
  restart)
    take_lock
    engine_stop
    engine_start
    log "engine restarted ($STORAGE_DRIVER) on $DOCKER_HOST_URL"
    ;;
  status)
    if engine_answers && pid="$(dockerd_pid)"; then
      echo "running pid $pid on $DOCKER_HOST_URL"
    else
      echo "stopped"
      exit 3
    fi
    ;;
  *) die "usage: engine.sh start|stop|restart|status" ;;
esac
