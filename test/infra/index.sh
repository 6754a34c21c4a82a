#!/usr/bin/env bash
# Start, stop or query the local PEP 503 package index that up.sh started.
#   bash test/infra/index.sh start|stop|restart|status
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

cmd="${1:-status}"
case "$cmd" in
  start)
    take_lock
    index_build
    index_start
    log "index up on $(index_url)"
    ;;
  stop)
    take_lock
    index_stop
    log "index stopped"
    ;;
  restart)
    take_lock
    index_stop
    index_build
    index_start
    log "index restarted on $(index_url)"
    ;;
  status)
    if index_answers && pid="$(index_pid)"; then
      echo "running pid $pid on $(index_url)"
    else
      echo "stopped"
      exit 3
    fi
    ;;
  *) die "usage: index.sh start|stop|restart|status" ;;
esac
