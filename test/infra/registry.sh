#!/usr/bin/env bash
# Start, stop or query the test registry that up.sh started.
#   bash test/infra/registry.sh start|stop|restart|status
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

cmd="${1:-status}"
case "$cmd" in
  start)
    take_lock
    registry_start
    log "registry up on $(registry_url)"
    ;;
  stop)
    take_lock
    registry_stop
    log "registry stopped"
    ;;
  restart)
    take_lock
    registry_stop
    registry_start
    log "registry restarted on $(registry_url)"
    ;;
  status)
    if registry_answers && pid="$(registry_pid)"; then
      echo "running pid $pid on $(registry_url)"
    else
      echo "stopped"
      exit 3
    fi
    ;;
  *) die "usage: registry.sh start|stop|restart|status" ;;
esac
