#!/usr/bin/env bash
# A third dockerd whose data-root is a small tmpfs, for the "disk full during a build" fault test
# (test/services/faults.test.ts). It has its own data-root, exec-root, pid file and socket, so the
# shared test engine is never touched.
#   bash test/infra/small-disk-engine.sh up|down|grow|status|env
# up:     idempotent. Mounts a tmpfs on $RIB_TEST_DIR/small-disk/data, starts dockerd (overlay2) on it,
#         loads the base image from the shared engine (docker save | docker load), then shrinks the
#         tmpfs to what is used + RIB_SMALL_DISK_FREE_MB (default 12): enough for Elyra's pins (stand-in
#         wheels of ~1 kB each), not for ribdemo-big (20 MB wheel, unpacked once more, then committed).
#         Prints `export …` lines (see env).
# grow:   the user freeing space: the tmpfs gets RIB_SMALL_DISK_GROW_MB (default 400) more, live.
# down:   stops that dockerd by PID, ends what it left, unmounts its leftovers and the tmpfs.
# Why tmpfs and not a loop-mounted ext4: it needs no loop device (often missing in containers and
# VMs), overlay2 works on it, and its size can be changed while mounted, which is how `grow` works.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SMALL_DIR="$RIB_TEST_DIR/small-disk"
SMALL_DATA_ROOT="$SMALL_DIR/data"
# containerd's sockets live under the exec-root and unix socket paths are limited to 108 bytes.
if (( ${#SMALL_DIR} <= 60 )); then
  SMALL_RUN_DIR="$SMALL_DIR/run"
else
  SMALL_RUN_DIR="/run/rib-small-$(printf '%s' "$SMALL_DIR" | sha256sum | cut -c1-12)"
fi
SMALL_EXEC_ROOT="$SMALL_RUN_DIR/exec"
SMALL_SOCK="$SMALL_RUN_DIR/docker.sock"
SMALL_HOST_URL="unix://$SMALL_SOCK"
SMALL_PIDFILE="$SMALL_DIR/dockerd.pid"
SMALL_CONFIG="$SMALL_DIR/daemon.json"
SMALL_LOG="$SMALL_DIR/dockerd.log"
SMALL_ENV_FILE="$SMALL_DIR/env.sh"
SMALL_BASE="${RIB_BASE_IMAGE:-$BASE_IMAGE}"
# Room to load the base image (its layer, unpacked, is ~191 MB) before the tmpfs is shrunk.
SMALL_LOAD_MB="${RIB_SMALL_DISK_LOAD_MB:-1024}"
SMALL_FREE_MB="${RIB_SMALL_DISK_FREE_MB:-12}"
SMALL_GROW_MB="${RIB_SMALL_DISK_GROW_MB:-400}"
SMALL_TIMEOUT="${RIB_DOCKERD_TIMEOUT:-60}"

# Our own lock: a long set-up of the shared engine must not hold this one up, nor the reverse.
small_lock() {
  mkdir -p "$SMALL_DIR"
  exec 9>>"$SMALL_DIR/.lock"
  flock -w 300 9 || die "another small-disk-engine.sh holds $SMALL_DIR/.lock"
}

sdk() { env -u DOCKER_CONTEXT -u DOCKER_TLS_VERIFY -u DOCKER_CERT_PATH docker -H "$SMALL_HOST_URL" "$@"; }

small_answers() {
  [[ -S "$SMALL_SOCK" ]] || return 1
  [[ "$(curl -s --max-time 3 --unix-socket "$SMALL_SOCK" http://localhost/_ping 2>/dev/null || true)" == OK ]]
}

small_dockerd_pid() { read_pidfile "$SMALL_PIDFILE" "--exec-root=$SMALL_EXEC_ROOT"; }

is_tmpfs_mounted() { [[ "$(findmnt -n -o FSTYPE --target "$SMALL_DATA_ROOT" 2>/dev/null || true)" == tmpfs ]] && findmnt -n "$SMALL_DATA_ROOT" >/dev/null 2>&1; }

used_mb() { df --output=used -BM "$SMALL_DATA_ROOT" | tail -n 1 | tr -dc '0-9'; }
size_mb() { df --output=size -BM "$SMALL_DATA_ROOT" | tail -n 1 | tr -dc '0-9'; }

small_cleanup() {
  local pid comm child
  for pid in $(pids_with_cmdline "$SMALL_EXEC_ROOT/"); do
    read -r comm 2>/dev/null <"/proc/$pid/comm" || continue
    # Only the engine's own helpers (containerd, shims, runc) and the containers they run.
    if [[ "$comm" == containerd* || "$comm" == runc* || "$comm" == docker* ]]; then
      for child in $(children_of "$pid"); do kill -KILL "$child" 2>/dev/null || true; done
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  unmount_under "$SMALL_EXEC_ROOT"
  # The overlay mounts inside the data-root first, then the tmpfs itself (unmount_under goes deepest first).
  unmount_under "$SMALL_DATA_ROOT"
  rm -f "$SMALL_PIDFILE" "$SMALL_SOCK"
  rm -rf --one-file-system "$SMALL_EXEC_ROOT" 2>/dev/null || true
}

small_stop() {
  local pid
  local -a pids=()
  if pid="$(small_dockerd_pid)"; then pids+=("$pid"); fi
  # Also a dockerd of ours whose pid file is gone.
  for pid in $(pids_with_cmdline "--exec-root=$SMALL_EXEC_ROOT"); do
    [[ -r "/proc/$pid/comm" && "$(cat "/proc/$pid/comm")" == dockerd ]] && pids+=("$pid")
  done
  if ((${#pids[@]})); then
    for pid in $(printf '%s\n' "${pids[@]}" | sort -u); do stop_pid "$pid" 15; done
  fi
  small_cleanup
}

small_launch() {
  local pid i
  mkdir -p "$SMALL_DATA_ROOT" "$SMALL_EXEC_ROOT"
  chmod 700 "$SMALL_RUN_DIR" 2>/dev/null || true
  # A fresh tmpfs: whatever an earlier run left in it is gone with the unmount in small_stop.
  mount -t tmpfs -o "size=${SMALL_LOAD_MB}m,mode=0710" rib-small-disk "$SMALL_DATA_ROOT"
  # Our own (empty) daemon.json, so /etc/docker/daemon.json cannot clash with our flags.
  [[ -f "$SMALL_CONFIG" ]] || printf '{}\n' >"$SMALL_CONFIG"
  pid="$(start_daemon "$SMALL_LOG" dockerd \
    --config-file="$SMALL_CONFIG" \
    --storage-driver=overlay2 \
    --iptables=false --ip6tables=false --ip-forward=false --ip-masq=false --bridge=none \
    --data-root="$SMALL_DATA_ROOT" --exec-root="$SMALL_EXEC_ROOT" --pidfile="$SMALL_PIDFILE" \
    --containerd-namespace=rib-small --containerd-plugins-namespace=rib-small-plugins \
    --shutdown-timeout=2 \
    -H "$SMALL_HOST_URL")"
  for ((i = 0; i < SMALL_TIMEOUT * 10; i++)); do
    small_answers && return 0
    if ! pid_alive "$pid"; then
      warn "small-disk dockerd exited during start-up; last log lines:"
      tail -n 15 "$SMALL_LOG" >&2 || true
      return 1
    fi
    sleep 0.1
  done
  warn "small-disk dockerd did not answer on $SMALL_HOST_URL within ${SMALL_TIMEOUT}s"
  tail -n 15 "$SMALL_LOG" >&2 || true
  stop_pid "$pid" 5
  return 1
}

small_load_base() {
  if sdk image inspect "$SMALL_BASE" >/dev/null 2>&1; then return 0; fi
  # A room as big as at load time, in case an earlier `up` shrank it before the base was there.
  mount -o "remount,size=${SMALL_LOAD_MB}m" "$SMALL_DATA_ROOT"
  engine_answers || die "the shared test engine ($DOCKER_HOST_URL) does not answer: run test/infra/up.sh first"
  dk image inspect "$SMALL_BASE" >/dev/null 2>&1 || die "$SMALL_BASE is not on the shared test engine: run test/infra/up.sh first"
  dk save "$SMALL_BASE" | sdk load >/dev/null
}

# The disk as the test wants it: what is used now, plus a little.
small_shrink() {
  local target
  target=$(($(used_mb) + SMALL_FREE_MB))
  mount -o "remount,size=${target}m" "$SMALL_DATA_ROOT"
}

small_start() {
  if small_answers && small_dockerd_pid >/dev/null && is_tmpfs_mounted; then return 0; fi
  small_stop
  small_launch || { small_stop; die "small-disk dockerd would not start (see $SMALL_LOG)"; }
}

print_env() {
  cat <<EOF
export RIB_SMALL_DOCKER_HOST=$SMALL_HOST_URL
export RIB_SMALL_DATA_ROOT=$SMALL_DATA_ROOT
export RIB_SMALL_PIDFILE=$SMALL_PIDFILE
EOF
}

cmd="${1:-status}"
case "$cmd" in
  up)
    is_root || die "small-disk-engine.sh mounts a tmpfs and starts dockerd: it needs root"
    command -v dockerd >/dev/null || die "dockerd is not installed (apt-get install docker.io)"
    small_lock
    started="$(now_us)"
    small_start
    small_load_base
    small_shrink
    print_env >"$SMALL_ENV_FILE"
    log "small-disk engine up on $SMALL_HOST_URL: tmpfs $(size_mb) MB, $(used_mb) MB used, in $(fmt_secs $(($(now_us) - started))) s"
    print_env
    ;;
  grow)
    small_lock
    is_tmpfs_mounted || die "the small-disk engine is not up"
    mount -o "remount,size=$(($(size_mb) + SMALL_GROW_MB))m" "$SMALL_DATA_ROOT"
    log "small-disk tmpfs grown to $(size_mb) MB ($(used_mb) MB used)"
    ;;
  down)
    small_lock
    small_stop
    log "small-disk engine stopped, tmpfs unmounted"
    ;;
  status)
    if small_answers && pid="$(small_dockerd_pid)"; then
      echo "running pid $pid on $SMALL_HOST_URL, tmpfs $(size_mb) MB, $(used_mb) MB used"
    else
      echo "stopped"
      exit 3
    fi
    ;;
  env) print_env ;;
  *) die "usage: small-disk-engine.sh up|down|grow|status|env" ;;
esac
