# shellcheck shell=bash disable=SC2034
# Shared by up.sh, down.sh, engine.sh, registry.sh, index.sh. Source it; it defines paths and
# functions only (no side effects except creating $RIB_TEST_DIR).
#
# Every process started here is remembered by PID and recognised again by a unique path in its
# command line (our exec-root, our registry config, our index dir), so a stale pid file whose PID
# was reused by an unrelated process is never acted upon, and nothing is ever killed by name.

INFRA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$INFRA_DIR/../.." && pwd)"

RIB_TEST_DIR="${RIB_TEST_DIR:-$REPO_ROOT/.test-env}"
mkdir -p "$RIB_TEST_DIR"
RIB_TEST_DIR="$(cd "$RIB_TEST_DIR" && pwd)"
export RIB_TEST_DIR

RIB_REGISTRY_PORT="${RIB_REGISTRY_PORT:-5000}"
RIB_INDEX_PORT="${RIB_INDEX_PORT:-5001}"
REG_USER="testuser"
REG_PASSWORD="testpass"
RIB_DOCKERD_TIMEOUT="${RIB_DOCKERD_TIMEOUT:-60}"

LOG_DIR="$RIB_TEST_DIR/logs"
CACHE_DIR="${RIB_CACHE_DIR:-$RIB_TEST_DIR/cache}"
DATA_ROOT="$RIB_TEST_DIR/docker-data"
# Unix socket paths are limited to 108 bytes; containerd puts "<exec-root>/containerd/containerd.sock.ttrpc"
# under the exec-root. With a deep checkout, keep sockets and the exec-root in a short per-checkout dir.
if (( ${#RIB_TEST_DIR} <= 60 )); then
  RUN_DIR="$RIB_TEST_DIR/run"
else
  RUN_DIR="/run/rib-test-$(printf '%s' "$RIB_TEST_DIR" | sha256sum | cut -c1-12)"
fi
EXEC_ROOT="$RUN_DIR/exec"
DOCKER_SOCK="$RUN_DIR/docker.sock"
DOCKER_HOST_URL="unix://$DOCKER_SOCK"
DOCKERD_PIDFILE="$RIB_TEST_DIR/dockerd.pid"
DOCKERD_CONFIG="$RIB_TEST_DIR/daemon.json"
STORAGE_DRIVER_FILE="$RIB_TEST_DIR/storage-driver"

REGISTRY_DIR="$RIB_TEST_DIR/registry"
REGISTRY_DATA="$RIB_TEST_DIR/registry-data"
REGISTRY_CONFIG="$REGISTRY_DIR/config.yml"
REGISTRY_PIDFILE="$RIB_TEST_DIR/registry.pid"

INDEX_DIR="$RIB_TEST_DIR/index"
INDEX_PIDFILE="$RIB_TEST_DIR/index.pid"

ENV_FILE="$RIB_TEST_DIR/env.sh"
LOCK_FILE="$RIB_TEST_DIR/.lock"

BASE_IMAGE="python:3.11-slim"
BASE_IMAGE_ALIASES=("python:3.11" "local/python:3")
MANAGED_IMAGE="local/python-managed:3.11"
NOCURL_IMAGE="local/nocurl:3.11"
# Debian with python3-papermill and python3-ipykernel (papermill-image.sh): notebooks really run in it.
# trixie: Python 3.13 (Elyra runs 3.10-3.13), papermill 2.6.0 and pyzmq 26.4.0 at Elyra's pins. sid has
# papermill too, on Python 3.14, which Elyra's bootstrapper refuses: the app will not build on it.
PAPERMILL_SUITE="${RIB_PAPERMILL_SUITE:-trixie}"
PAPERMILL_IMAGE="local/python-papermill:$PAPERMILL_SUITE"
IMAGE_PATH_ENV='PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'

# The one list of Debian packages the tests and scripts call (also sourced by .ci/run).
# shellcheck source=apt-packages.sh
source "$INFRA_DIR/apt-packages.sh"

# A Python for our own helpers and the index server: Debian's, not a version manager's shim.
if [[ -x /usr/bin/python3 ]]; then PY=/usr/bin/python3; else PY=python3; fi

log() { printf '[rib-infra] %s\n' "$*" >&2; }
warn() { printf '[rib-infra] WARNING: %s\n' "$*" >&2; }
die() { printf '[rib-infra] ERROR: %s\n' "$*" >&2; exit 1; }

# Microseconds since the epoch (bash 5).
now_us() { local t="${EPOCHREALTIME/[.,]/}"; printf '%s' "$t"; }
fmt_secs() { local us="$1"; printf '%d.%01d' "$((us / 1000000))" "$(((us % 1000000) / 100000))"; }

# take_lock: serialise all set-up/tear-down of this RIB_TEST_DIR (fd 9). Every daemon we start
# gets `9>&-` so it never inherits the lock.
take_lock() {
  exec 9>>"$LOCK_FILE"
  if ! flock -w "${RIB_LOCK_TIMEOUT:-900}" 9; then
    die "another up.sh/down.sh holds $LOCK_FILE for too long"
  fi
}

is_root() { [[ "$(id -u)" == 0 ]]; }
is_debian() { [[ -f /etc/debian_version ]] && command -v apt-get >/dev/null 2>&1 && command -v dpkg-query >/dev/null 2>&1; }

# docker CLI bound to our engine, whatever the caller's DOCKER_* variables say.
dk() { env -u DOCKER_CONTEXT -u DOCKER_TLS_VERIFY -u DOCKER_CERT_PATH docker -H "$DOCKER_HOST_URL" "$@"; }

# ---------------------------------------------------------------- processes

pid_alive() { [[ -n "${1:-}" && "$1" =~ ^[0-9]+$ ]] && kill -0 "$1" 2>/dev/null; }

# pid_cmdline_has PID STRING: the process's command line contains STRING.
pid_cmdline_has() {
  local pid="$1" needle="$2"
  local -a args=()
  # Builtins only: this runs for every process on the machine.
  mapfile -d '' -t args 2>/dev/null <"/proc/$pid/cmdline" || return 1
  ((${#args[@]})) || return 1
  [[ " ${args[*]} " == *"$needle"* ]]
}

# pids_with_cmdline STRING: all PIDs whose command line contains STRING (our unique paths only).
pids_with_cmdline() {
  local needle="$1" d pid
  for d in /proc/[0-9]*; do
    pid="${d#/proc/}"
    [[ "$pid" == "$$" || "$pid" == "$BASHPID" ]] && continue
    pid_cmdline_has "$pid" "$needle" && printf '%s\n' "$pid"
  done
  return 0
}

# children_of PID: PIDs whose parent is PID (parsed after the ")" that ends comm, which may hold spaces).
children_of() {
  local parent="$1" st line rest
  for st in /proc/[0-9]*/stat; do
    read -r line 2>/dev/null <"$st" || continue
    rest="${line##*) }"          # "S PPID PGRP ..."
    rest="${rest#* }"
    [[ "${rest%% *}" == "$parent" ]] && { local p="${st#/proc/}"; printf '%s\n' "${p%/stat}"; }
  done
  return 0
}

# read_pidfile FILE NEEDLE: print the PID in FILE if that process is alive and is ours.
read_pidfile() {
  local file="$1" needle="$2" pid
  [[ -f "$file" ]] || return 1
  pid="$(tr -dc '0-9' <"$file" 2>/dev/null || true)"
  pid_alive "$pid" && pid_cmdline_has "$pid" "$needle" && { printf '%s' "$pid"; return 0; }
  return 1
}

# stop_pid PID SECONDS: SIGTERM, wait up to SECONDS, then SIGKILL and wait for it to go.
stop_pid() {
  local pid="$1" secs="$2" i
  pid_alive "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < secs * 10; i++)); do
    pid_alive "$pid" || return 0
    # A zombie child of ours counts as gone.
    [[ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" == Z ]] && return 0
    sleep 0.1
  done
  warn "PID $pid did not stop in ${secs}s; killing it"
  kill -KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do
    pid_alive "$pid" || return 0
    [[ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" == Z ]] && return 0
    sleep 0.1
  done
  warn "PID $pid still there after SIGKILL"
}

# start_daemon LOGFILE CMD...: start CMD in its own session, detached from our stdio and lock;
# prints its PID.
start_daemon() {
  local logfile="$1"; shift
  mkdir -p "$(dirname "$logfile")"
  [[ -f "$logfile" ]] && mv -f "$logfile" "$logfile.1"
  setsid "$@" >"$logfile" 2>&1 </dev/null 9>&- &
  printf '%s' "$!"
}

# port_in_use PORT: something accepts TCP connections on 127.0.0.1:PORT.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

http_code() { curl -s -o /dev/null -w '%{http_code}' --max-time "${2:-3}" "$1" 2>/dev/null || true; }

# ---------------------------------------------------------------- mounts

# unmount_under DIR: unmount everything mounted at or below DIR, deepest first.
unmount_under() {
  local dir="$1" mp
  [[ -n "$dir" && "$dir" == /* ]] || return 0
  local -a mps=()
  # Field 5 of mountinfo is the mount point, with spaces etc. as octal escapes.
  while IFS= read -r mp; do
    mp="$(printf '%b' "$mp")"
    if [[ "$mp" == "$dir" || "$mp" == "$dir"/* ]]; then mps+=("$mp"); fi
  done < <(awk '{print $5}' /proc/self/mountinfo)
  ((${#mps[@]})) || return 0
  local sorted
  sorted="$(printf '%s\n' "${mps[@]}" | awk '{print length($0) "\t" $0}' | sort -rn | cut -f2-)"
  while IFS= read -r mp; do
    [[ -n "$mp" ]] || continue
    umount "$mp" 2>/dev/null || umount -l "$mp" 2>/dev/null || warn "could not unmount $mp"
  done <<<"$sorted"
}

# safe_rm DIR: remove DIR without ever crossing into a mount (e.g. a leftover /proc in a chroot).
safe_rm() {
  local dir="$1"
  [[ -e "$dir" ]] || return 0
  unmount_under "$dir"
  rm -rf --one-file-system -- "$dir"
}

# ---------------------------------------------------------------- dockerd

engine_answers() {
  [[ -S "$DOCKER_SOCK" ]] || return 1
  [[ "$(curl -s --max-time 3 --unix-socket "$DOCKER_SOCK" http://localhost/_ping 2>/dev/null || true)" == OK ]]
}

dockerd_pid() { read_pidfile "$DOCKERD_PIDFILE" "--exec-root=$EXEC_ROOT"; }

# engine_cleanup: after dockerd is gone, end what it left (its containerd, shims and their
# containers), unmount leftovers under the exec-root and data-root, drop the socket and pid file.
engine_cleanup() {
  local pid child
  local -a leftovers=()
  local comm
  for pid in $(pids_with_cmdline "$EXEC_ROOT/"); do
    read -r comm 2>/dev/null <"/proc/$pid/comm" || continue
    # Only the engine's own helpers (containerd, containerd-shim-runc-v2, runc, docker-proxy, ...).
    [[ "$comm" == containerd* || "$comm" == runc* || "$comm" == docker* ]] && leftovers+=("$pid")
  done
  if ((${#leftovers[@]})); then
    for pid in "${leftovers[@]}"; do
      # Container init processes are children of the shims: end them first.
      for child in $(children_of "$pid"); do kill -KILL "$child" 2>/dev/null || true; done
    done
    for pid in "${leftovers[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    sleep 0.3
    for pid in "${leftovers[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
    log "ended ${#leftovers[@]} leftover containerd/shim process(es)"
  fi
  unmount_under "$EXEC_ROOT"
  unmount_under "$DATA_ROOT"
  rm -f "$DOCKER_SOCK" "$DOCKERD_PIDFILE"
  # The exec-root is run-time state (like /run after a reboot): its containerd.pid may name a PID
  # that has since been reused, which makes dockerd wait for a containerd that is not there.
  rm -rf --one-file-system "$EXEC_ROOT" 2>/dev/null || true
}

engine_stop() {
  local pid
  local -a pids=()
  if pid="$(dockerd_pid)"; then pids+=("$pid"); fi
  # Also a dockerd of ours whose pid file is gone.
  for pid in $(pids_with_cmdline "--exec-root=$EXEC_ROOT"); do
    [[ -r "/proc/$pid/comm" && "$(cat "/proc/$pid/comm")" == dockerd ]] && pids+=("$pid")
  done
  if ((${#pids[@]})); then
    # dockerd's own shutdown waits each running container's stop timeout (10 s by default):
    # kill them first so that a stop takes a second, not ten.
    if engine_answers; then
      local ids
      ids="$(timeout 5 env -u DOCKER_CONTEXT docker -H "$DOCKER_HOST_URL" ps -q 2>/dev/null || true)"
      if [[ -n "$ids" ]]; then
        # shellcheck disable=SC2086
        timeout 10 env -u DOCKER_CONTEXT docker -H "$DOCKER_HOST_URL" kill $ids >/dev/null 2>&1 || true
      fi
    fi
    for pid in $(printf '%s\n' "${pids[@]}" | sort -u); do
      stop_pid "$pid" 15
    done
  fi
  engine_cleanup
}

# engine_launch DRIVER: start dockerd and wait; returns 0 when it answers, 1 if it died/timed out.
engine_launch() {
  local driver="$1" pid i
  mkdir -p "$DATA_ROOT" "$EXEC_ROOT" "$LOG_DIR"
  chmod 700 "$RUN_DIR" 2>/dev/null || true
  [[ -f "$DOCKERD_CONFIG" ]] || printf '{}\n' >"$DOCKERD_CONFIG"
  pid="$(start_daemon "$LOG_DIR/dockerd.log" dockerd \
    --config-file="$DOCKERD_CONFIG" \
    --storage-driver="$driver" \
    --iptables=false --ip-forward=false --ip-masq=false --bridge=none \
    --data-root="$DATA_ROOT" --exec-root="$EXEC_ROOT" --pidfile="$DOCKERD_PIDFILE" \
    --containerd-namespace=rib --containerd-plugins-namespace=rib-plugins \
    --shutdown-timeout=2 \
    -H "$DOCKER_HOST_URL")"
  for ((i = 0; i < RIB_DOCKERD_TIMEOUT * 10; i++)); do
    if engine_answers; then return 0; fi
    if ! pid_alive "$pid"; then
      warn "dockerd ($driver) exited during start-up; last log lines:"
      tail -n 15 "$LOG_DIR/dockerd.log" >&2 || true
      return 1
    fi
    sleep 0.1
  done
  warn "dockerd ($driver) did not answer on $DOCKER_SOCK within ${RIB_DOCKERD_TIMEOUT}s; last log lines:"
  tail -n 15 "$LOG_DIR/dockerd.log" >&2 || true
  stop_pid "$pid" 5
  return 1
}

# engine_start: idempotent. Leaves STORAGE_DRIVER set.
engine_start() {
  if engine_answers && dockerd_pid >/dev/null; then
    STORAGE_DRIVER="$(cat "$STORAGE_DRIVER_FILE" 2>/dev/null || echo overlay2)"
    return 0
  fi
  # Not answering, or answering without our pid file: whatever of ours is there (hung daemon, stale pid file, socket, mounts) goes.
  engine_stop

  local driver="${RIB_STORAGE_DRIVER:-}"
  [[ -n "$driver" ]] || driver="$(cat "$STORAGE_DRIVER_FILE" 2>/dev/null || true)"
  [[ -n "$driver" ]] || driver=overlay2

  if ! engine_launch "$driver"; then
    engine_stop
    if [[ "$driver" == overlay2 && -z "${RIB_STORAGE_DRIVER:-}" ]] &&
      grep -qiE 'error initializing graphdriver|backing file ?system is unsupported|driver not supported|overlay.*not supported' "$LOG_DIR/dockerd.log" 2>/dev/null; then
      warn "overlay2 does not work here (nested overlay?); falling back to vfs, which is much slower for builds"
      driver=vfs
    else
      warn "dockerd failed with an existing data-root; moving the data-root aside and retrying once"
      safe_rm "$DATA_ROOT.broken"
      [[ -d "$DATA_ROOT" ]] && mv "$DATA_ROOT" "$DATA_ROOT.broken"
    fi
    if ! engine_launch "$driver"; then
      engine_stop
      die "dockerd would not start (see $LOG_DIR/dockerd.log)"
    fi
    safe_rm "$DATA_ROOT.broken"
  fi
  printf '%s\n' "$driver" >"$STORAGE_DRIVER_FILE"
  STORAGE_DRIVER="$driver"
  dk version --format 'engine {{.Server.Version}} (API {{.Server.APIVersion}})' >/dev/null ||
    die "docker -H $DOCKER_HOST_URL version does not answer"
}

# ---------------------------------------------------------------- registry

registry_pid() { read_pidfile "$REGISTRY_PIDFILE" "$REGISTRY_CONFIG"; }
registry_url() { printf 'http://127.0.0.1:%s' "$RIB_REGISTRY_PORT"; }
registry_answers() { [[ "$(http_code "$(registry_url)/v2/")" == 401 ]]; }

registry_write_config() {
  mkdir -p "$REGISTRY_DIR" "$REGISTRY_DATA"
  if [[ ! -s "$REGISTRY_DIR/htpasswd" ]] || ! htpasswd -vbB "$REGISTRY_DIR/htpasswd" "$REG_USER" "$REG_PASSWORD" >/dev/null 2>&1; then
    htpasswd -Bbn "$REG_USER" "$REG_PASSWORD" >"$REGISTRY_DIR/htpasswd.tmp"
    mv -f "$REGISTRY_DIR/htpasswd.tmp" "$REGISTRY_DIR/htpasswd"
  fi
  cat >"$REGISTRY_CONFIG.tmp" <<EOF
# written by test/infra (registry.sh / up.sh)
version: 0.1
log:
  level: info
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $REGISTRY_DATA
  delete:
    enabled: true
  maintenance:
    uploadpurging:
      enabled: false
http:
  addr: 127.0.0.1:$RIB_REGISTRY_PORT
  secret: rib-test-not-a-secret
  headers:
    X-Content-Type-Options: [nosniff]
auth:
  htpasswd:
    realm: rib-test-registry
    path: $REGISTRY_DIR/htpasswd
EOF
  mv -f "$REGISTRY_CONFIG.tmp" "$REGISTRY_CONFIG"
}

registry_stop() {
  local pid
  if pid="$(registry_pid)"; then stop_pid "$pid" 5; fi
  for pid in $(pids_with_cmdline "$REGISTRY_CONFIG"); do stop_pid "$pid" 5; done
  rm -f "$REGISTRY_PIDFILE"
}

registry_start() {
  local pid i
  if registry_pid >/dev/null && registry_answers; then return 0; fi
  registry_stop
  if port_in_use "$RIB_REGISTRY_PORT"; then
    die "127.0.0.1:$RIB_REGISTRY_PORT is taken by another process (not this checkout's registry); free it or set RIB_REGISTRY_PORT"
  fi
  registry_write_config
  pid="$(start_daemon "$LOG_DIR/registry.log" docker-registry serve "$REGISTRY_CONFIG")"
  printf '%s\n' "$pid" >"$REGISTRY_PIDFILE"
  for ((i = 0; i < 200; i++)); do
    registry_answers && return 0
    if ! pid_alive "$pid"; then
      tail -n 15 "$LOG_DIR/registry.log" >&2 || true
      die "docker-registry exited during start-up (see $LOG_DIR/registry.log)"
    fi
    sleep 0.1
  done
  tail -n 15 "$LOG_DIR/registry.log" >&2 || true
  die "registry on $(registry_url) did not answer 401 on /v2/ within 20s"
}

# ---------------------------------------------------------------- package index

index_pid() { read_pidfile "$INDEX_PIDFILE" "$INDEX_DIR"; }
index_url() { printf 'http://127.0.0.1:%s/simple' "$RIB_INDEX_PORT"; }
index_answers() { [[ "$(http_code "$(index_url)/ribdemo-alpha/")" == 200 ]]; }

index_build() { "$PY" "$INFRA_DIR/make-wheels.py" "$INDEX_DIR" >&2; }

index_stop() {
  local pid
  if pid="$(index_pid)"; then stop_pid "$pid" 5; fi
  for pid in $(pids_with_cmdline "--directory $INDEX_DIR"); do stop_pid "$pid" 5; done
  rm -f "$INDEX_PIDFILE"
}

index_start() {
  local pid i
  if index_pid >/dev/null && index_answers; then return 0; fi
  index_stop
  if port_in_use "$RIB_INDEX_PORT"; then
    die "127.0.0.1:$RIB_INDEX_PORT is taken by another process (not this checkout's index); free it or set RIB_INDEX_PORT"
  fi
  pid="$(start_daemon "$LOG_DIR/index.log" "$PY" -m http.server --bind 127.0.0.1 --directory "$INDEX_DIR" "$RIB_INDEX_PORT")"
  printf '%s\n' "$pid" >"$INDEX_PIDFILE"
  for ((i = 0; i < 100; i++)); do
    index_answers && return 0
    if ! pid_alive "$pid"; then
      tail -n 15 "$LOG_DIR/index.log" >&2 || true
      die "package index server exited during start-up (see $LOG_DIR/index.log)"
    fi
    sleep 0.1
  done
  die "package index on $(index_url) did not answer within 10s"
}

# ---------------------------------------------------------------- keyring daemons (keyring.sh)

keyring_stop_all() {
  local dir pid krun
  for dir in "$RIB_TEST_DIR"/keyring-*; do
    [[ -d "$dir" ]] || continue
    if pid="$(read_pidfile "$dir/daemon.pid" gnome-keyring-daemon)"; then stop_pid "$pid" 3; fi
    krun="$(cat "$dir/runtime-dir" 2>/dev/null || true)"
    [[ "$krun" == /*/keyring-[0-9]* ]] && safe_rm "$krun"
    safe_rm "$dir"
  done
}

# The Debian mirror (bookworm for the base images, sid for the engine chroot): RIB_DEBIAN_MIRROR, else the first http(s) "deb" source for bookworm (not security) in
# apt's sources (Deb822 *.sources or one-line *.list), else deb.debian.org.
debian_mirror() {
  if [[ -n "${RIB_DEBIAN_MIRROR:-}" ]]; then printf '%s' "$RIB_DEBIAN_MIRROR"; return; fi
  "$PY" - <<'PYEOF'
import glob, re
def stanzas(text):
    for block in re.split(r"\n\s*\n", text):
        fields, key = {}, None
        for line in block.splitlines():
            if line.startswith("#") or not line.strip():
                continue
            if line[0] in " \t" and key:
                fields[key] += " " + line.strip()
                continue
            if ":" in line:
                key, _, val = line.partition(":")
                key = key.strip().lower()
                fields[key] = val.strip()
        if fields:
            yield fields
cands = []
for path in sorted(glob.glob("/etc/apt/sources.list.d/*.sources")):
    try:
        text = open(path, encoding="utf-8").read()
    except OSError:
        continue
    for f in stanzas(text):
        if f.get("enabled", "yes").lower() == "no" or "deb" not in f.get("types", "").split():
            continue
        for uri in f.get("uris", "").split():
            cands.append((uri, f.get("suites", "").split()))
for path in ["/etc/apt/sources.list"] + sorted(glob.glob("/etc/apt/sources.list.d/*.list")):
    try:
        lines = open(path, encoding="utf-8").read().splitlines()
    except OSError:
        continue
    for line in lines:
        line = line.split("#", 1)[0].strip()
        m = re.match(r"^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+(\S+)", line)
        if m:
            cands.append((m.group(1), [m.group(2)]))
for uri, suites in cands:
    if uri.startswith(("http://", "https://")) and "bookworm" in suites and "security" not in uri:
        print(uri.rstrip("/"), end="")
        raise SystemExit
for uri, suites in cands:
    if uri.startswith(("http://", "https://")) and "security" not in uri and uri.rstrip("/").endswith("/debian"):
        print(uri.rstrip("/"), end="")
        raise SystemExit
print("http://deb.debian.org/debian", end="")
PYEOF
}
