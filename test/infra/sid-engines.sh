#!/usr/bin/env bash
# The engines users run today, beside the 20.10 test engine: Docker 28.5 (overlay2), Docker 28.5 with
# the containerd image store, and Podman 5.8 (Docker-compatible API), all from a Debian sid chroot.
#   bash test/infra/sid-engines.sh up|down|status|env
#   bash test/infra/sid-engines.sh stop|start docker28|docker28cd|podman     (one engine, for fault tests)
# up:     idempotent; recovers after a killed run. Makes (once, cached) a `debootstrap --variant=minbase
#         sid` chroot with docker.io, containerd, docker-buildx, podman and runc; mounts it; starts the
#         engines (each with its own data-root, exec-root, pid file and socket), loads the test base
#         images of the 20.10 engine into each, writes $RIB_TEST_DIR/sid-engines/env.sh and prints
#         the set-up times. Needs up.sh's engine running (the base images come from it).
# down:   stops the engines by PID, ends what they left, unmounts everything it mounted. Data and the
#         chroot cache stay, so the next `up` is warm.
# status: one line per engine; exit 3 if one is not answering.
# env:    prints env.sh.
#
# Env knobs: RIB_SID_ENGINES (space-separated subset of: docker28 docker28cd podman), RIB_DEBIAN_MIRROR,
# RIB_SID_TIMEOUT (seconds an engine may take to answer, 60).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SID_ARCH="$(dpkg --print-architecture 2>/dev/null || echo amd64)"
SID_DIR="$RIB_TEST_DIR/sid-engines"
SID_STATE="$SID_DIR/state"          # bound to /rib inside the chroot: data-roots, exec-roots, pid files
SID_LOGS="$SID_DIR/logs"
SID_ENV_FILE="$SID_DIR/env.sh"
SID_CHROOT="$CACHE_DIR/sid-chroot-$SID_ARCH"
SID_READY="$SID_CHROOT/.rib-ready"
SID_IMAGES_TAR="$CACHE_DIR/sid-engines-base-images.tar"
SID_TIMEOUT="${RIB_SID_TIMEOUT:-60}"
# Unix socket paths are limited to 108 bytes: with a deep checkout the sockets go to a short dir.
if (( ${#SID_DIR} <= 60 )); then
  SID_SOCK_DIR="$SID_DIR/sock"
else
  SID_SOCK_DIR="/run/rib-sid-$(printf '%s' "$SID_DIR" | sha256sum | cut -c1-12)"
fi
SID_PACKAGES=(docker.io containerd docker-buildx podman runc ca-certificates)
ALL_ENGINES=(docker28 docker28cd podman)
read -r -a ENGINES <<<"${RIB_SID_ENGINES:-${ALL_ENGINES[*]}}"
# The test base images of up.sh, loaded into each engine.
SID_IMAGES=("$BASE_IMAGE" "${BASE_IMAGE_ALIASES[@]}" "$MANAGED_IMAGE" "$NOCURL_IMAGE" "$PAPERMILL_IMAGE")

tlog() { printf '[sid-engines] %s\n' "$*" >&2; }
T_ALL="$(now_us)"
PHASE_T=0
phase() { PHASE_T="$(now_us)"; }
phase_done() { printf '[sid-engines] %-10s %6ss  %s\n' "$1" "$(fmt_secs $(($(now_us) - PHASE_T)))" "${2:-}" >&2; }

sid_lock() {
  mkdir -p "$SID_DIR"
  exec 9>>"$SID_DIR/.lock"
  flock -w 900 9 || die "another sid-engines.sh holds $SID_DIR/.lock"
}

# In the chroot, with a clean environment (the host's DOCKER_HOST etc. must not leak in).
in_chroot() {
  chroot "$SID_CHROOT" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
}

# ---------------------------------------------------------------- the chroot (cached)

make_chroot() {
  local mirror tmp="$SID_CHROOT.tmp"
  mirror="$(debian_mirror)"  # sid lives on the same mirror as bookworm
  tlog "debootstrap sid from $mirror and apt-get install ${SID_PACKAGES[*]} (once; cached in $SID_CHROOT)"
  safe_rm "$tmp"
  if ! debootstrap --variant=minbase sid "$tmp" "$mirror" </dev/null >"$SID_LOGS/debootstrap.log" 2>&1 9>&-; then
    tail -n 20 "$SID_LOGS/debootstrap.log" >&2 || true
    safe_rm "$tmp"
    die "debootstrap sid failed (see $SID_LOGS/debootstrap.log)"
  fi
  cp /etc/resolv.conf "$tmp/etc/resolv.conf" 2>/dev/null || true
  printf '127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback\n' >"$tmp/etc/hosts"
  # Daemons must not start at install time.
  printf '#!/bin/sh\nexit 101\n' >"$tmp/usr/sbin/policy-rc.d"
  chmod +x "$tmp/usr/sbin/policy-rc.d"
  mount -t proc proc "$tmp/proc"
  local rc=0
  {
    chroot "$tmp" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
      apt-get -o Acquire::Check-Valid-Until=false update -qq &&
      chroot "$tmp" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
        apt-get -o Acquire::Check-Valid-Until=false install -y -qq --no-install-recommends "${SID_PACKAGES[@]}" \
        netavark aardvark-dns conmon catatonit iptables
  } </dev/null >"$SID_LOGS/apt.log" 2>&1 9>&- || rc=$?
  unmount_under "$tmp"
  if ((rc != 0)); then
    tail -n 20 "$SID_LOGS/apt.log" >&2 || true
    safe_rm "$tmp"
    die "apt-get install in the sid chroot failed (see $SID_LOGS/apt.log)"
  fi
  rm -rf "$tmp"/var/cache/apt/archives/*.deb "$tmp"/var/lib/apt/lists/*
  mkdir -p "$tmp/rib" "$tmp/rib-sock"
  chroot "$tmp" dpkg-query -W -f='${Package} ${Version}\n' docker.io containerd docker-buildx podman runc >"$tmp/.rib-ready.tmp"
  mv "$tmp/.rib-ready.tmp" "$tmp/.rib-ready"
  [[ -d "$SID_CHROOT" ]] && safe_rm "$SID_CHROOT"
  mv "$tmp" "$SID_CHROOT"
}

is_mounted() { awk '{print $5}' /proc/self/mountinfo | grep -qxF "$1"; }

# mount_chroot: the chroot bound onto itself (else `docker load` fails to remount /), proc, /sys and
# /dev (slaves, so that unmounting them here never reaches the host's), the state dir and the sockets.
mount_chroot() {
  mkdir -p "$SID_STATE" "$SID_SOCK_DIR"
  chmod 700 "$SID_SOCK_DIR"
  if ! is_mounted "$SID_CHROOT"; then
    mount --bind "$SID_CHROOT" "$SID_CHROOT"
    mount --make-private "$SID_CHROOT"
  fi
  is_mounted "$SID_CHROOT/proc" || mount -t proc proc "$SID_CHROOT/proc"
  if ! is_mounted "$SID_CHROOT/sys"; then
    mount --rbind /sys "$SID_CHROOT/sys"
    mount --make-rslave "$SID_CHROOT/sys"
  fi
  if ! is_mounted "$SID_CHROOT/dev"; then
    mount --rbind /dev "$SID_CHROOT/dev"
    mount --make-rslave "$SID_CHROOT/dev"
  fi
  is_mounted "$SID_CHROOT/rib" || mount --bind "$SID_STATE" "$SID_CHROOT/rib"
  is_mounted "$SID_CHROOT/rib-sock" || mount --bind "$SID_SOCK_DIR" "$SID_CHROOT/rib-sock"
  is_mounted "$SID_CHROOT/run" || mount -t tmpfs -o mode=755 tmpfs "$SID_CHROOT/run"
  is_mounted "$SID_CHROOT/tmp" || mount -t tmpfs -o mode=1777 tmpfs "$SID_CHROOT/tmp"
}

# ---------------------------------------------------------------- processes of the chroot

# in_our_root PID: the process's root directory is our chroot (containers have their own root).
# A builtin test (same device and inode): this runs for every process on the machine.
in_our_root() { [[ -d "$SID_CHROOT" && "/proc/$1/root" -ef "$SID_CHROOT" ]]; }

# pids_in_chroot NEEDLE: our chroot's processes whose command line has NEEDLE.
pids_in_chroot() {
  local pid
  for pid in $(pids_with_cmdline "$1"); do in_our_root "$pid" && printf '%s\n' "$pid"; done
  return 0
}

# all_chroot_pids: every process whose root is our chroot.
all_chroot_pids() {
  local d pid
  for d in /proc/[0-9]*; do
    pid="${d#/proc/}"
    in_our_root "$pid" && printf '%s\n' "$pid"
  done
  return 0
}

# ---------------------------------------------------------------- one engine

# Per engine: directory inside the chroot, socket on the host.
eng_dir() { printf '/rib/%s' "$1"; }
eng_host_dir() { printf '%s/%s' "$SID_STATE" "$1"; }
eng_sock() { printf '%s/%s.sock' "$SID_SOCK_DIR" "$1"; }
eng_url() { printf 'unix://%s' "$(eng_sock "$1")"; }
eng_pidfile() { printf '%s/%s/daemon.pid' "$SID_STATE" "$1"; }
# What identifies the engine's main process (in its command line).
eng_needle() {
  case "$1" in
    podman) printf 'unix:///rib-sock/podman.sock' ;;
    *) printf -- '--exec-root=/rib/%s/exec' "$1" ;;
  esac
}
eng_label() {
  case "$1" in
    docker28) echo "Docker 28 (overlay2)" ;;
    docker28cd) echo "Docker 28 (containerd image store)" ;;
    podman) echo "Podman 5" ;;
  esac
}

eng_answers() {
  local sock
  sock="$(eng_sock "$1")"
  [[ -S "$sock" ]] || return 1
  [[ "$(curl -s --max-time 3 --unix-socket "$sock" http://localhost/_ping 2>/dev/null || true)" == OK ]]
}

eng_pid() {
  local pid
  pid="$(cat "$(eng_pidfile "$1")" 2>/dev/null | tr -dc 0-9 || true)"
  pid_alive "$pid" && pid_cmdline_has "$pid" "$(eng_needle "$1")" && in_our_root "$pid" && { printf '%s' "$pid"; return 0; }
  return 1
}

# eng_stop NAME: SIGTERM by PID (and its own containerd), end what is left of it, unmount its dirs.
eng_stop() {
  local name="$1" pid child host
  host="$(eng_host_dir "$name")"
  local -a pids=()
  if pid="$(eng_pid "$name")"; then pids+=("$pid"); fi
  for pid in $(pids_in_chroot "$(eng_needle "$name")"); do pids+=("$pid"); done
  if ((${#pids[@]})); then
    if [[ "$name" != podman ]] && eng_answers "$name"; then
      # dockerd waits each running container's stop timeout: kill them first.
      local ids
      ids="$(timeout 5 docker -H "$(eng_url "$name")" ps -q 2>/dev/null || true)"
      # shellcheck disable=SC2086
      [[ -z "$ids" ]] || timeout 10 docker -H "$(eng_url "$name")" kill $ids >/dev/null 2>&1 || true
    fi
    for pid in $(printf '%s\n' "${pids[@]}" | sort -u); do stop_pid "$pid" 15; done
  fi
  # Its helpers: containerd (own or managed), shims and their containers, conmon.
  local -a rest=()
  for pid in $(pids_in_chroot "/rib/$name/"); do rest+=("$pid"); done
  if ((${#rest[@]})); then
    for pid in "${rest[@]}"; do
      for child in $(children_of "$pid"); do kill -KILL "$child" 2>/dev/null || true; done
    done
    for pid in "${rest[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    sleep 0.3
    for pid in "${rest[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
    tlog "$name: ended ${#rest[@]} leftover process(es)"
  fi
  unmount_under "$SID_CHROOT/rib/$name"
  unmount_under "$host"
  rm -f "$(eng_sock "$name")" "$(eng_pidfile "$name")"
  # Run-time state, like /run after a reboot (a stale containerd.pid makes dockerd wait for it).
  rm -rf --one-file-system "$host/exec" "$host/podman-run" "$host/containerd-state" 2>/dev/null || true
}

write_configs() {
  local name="$1" host
  host="$(eng_host_dir "$name")"
  mkdir -p "$host"
  case "$name" in
    docker28)
      printf '{}\n' >"$host/daemon.json"
      ;;
    docker28cd)
      printf '{"features":{"containerd-snapshotter":true}}\n' >"$host/daemon.json"
      cat >"$host/containerd.toml" <<'EOF'
# Docker 28's containerd image store: its own containerd, no CRI.
version = 3
root = "/rib/docker28cd/containerd-root"
state = "/rib/docker28cd/containerd-state"
disabled_plugins = ["io.containerd.grpc.v1.cri", "io.containerd.cri.v1.images", "io.containerd.cri.v1.runtime", "io.containerd.podsandbox.controller.v1.podsandbox"]
[grpc]
  address = "/rib/docker28cd/exec/containerd.sock"
[ttrpc]
  address = "/rib/docker28cd/exec/containerd.sock.ttrpc"
[debug]
  address = ""
EOF
      ;;
    podman)
      # Podman's builder (buildah) sets nproc to 1048576 for a RUN step unless told otherwise, and
      # without CAP_SYS_RESOURCE (as in this sandbox) runc then fails every RUN with "error setting
      # rlimit type 6"; `podman run` clamps to the hard limit itself, a build does not.
      local nproc
      nproc="$(ulimit -Hu)"
      [[ "$nproc" =~ ^[0-9]+$ ]] || nproc=65536
      cat >"$host/containers.conf" <<EOF
# The sandbox's limits (not the app's concern): a smaller nofile and nproc, and runc.
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=$nproc:$nproc"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
EOF
      cat >"$host/storage.conf" <<'EOF'
[storage]
driver = "overlay"
graphroot = "/rib/podman/storage"
runroot = "/rib/podman/podman-run"
EOF
      ;;
  esac
}

# eng_launch NAME: start it and wait for /_ping; 0 when it answers.
eng_launch() {
  local name="$1" dir host log pid i
  dir="$(eng_dir "$name")"
  host="$(eng_host_dir "$name")"
  log="$SID_LOGS/$name.log"
  write_configs "$name"
  mkdir -p "$host/exec" "$host/data"
  case "$name" in
    docker28)
      pid="$(start_daemon "$log" chroot "$SID_CHROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
        dockerd --config-file="$dir/daemon.json" --storage-driver=overlay2 \
        --iptables=false --ip6tables=false --ip-forward=false --ip-masq=false --bridge=none \
        --data-root="$dir/data" --exec-root="$dir/exec" --pidfile="$dir/dockerd.pid" \
        --containerd-namespace=rib28 --containerd-plugins-namespace=rib28-plugins \
        --shutdown-timeout=2 -H unix:///rib-sock/docker28.sock)"
      ;;
    docker28cd)
      mkdir -p "$host/containerd-root" "$host/containerd-state"
      local cpid
      cpid="$(start_daemon "$SID_LOGS/docker28cd-containerd.log" chroot "$SID_CHROOT" /usr/bin/env -i \
        PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root containerd --config "$dir/containerd.toml")"
      printf '%s\n' "$cpid" >"$host/containerd.pid"
      for ((i = 0; i < SID_TIMEOUT * 10; i++)); do
        [[ -S "$host/exec/containerd.sock" ]] && break
        pid_alive "$cpid" || { tail -n 15 "$SID_LOGS/docker28cd-containerd.log" >&2; return 1; }
        sleep 0.1
      done
      pid="$(start_daemon "$log" chroot "$SID_CHROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
        dockerd --config-file="$dir/daemon.json" --storage-driver=overlayfs --containerd="$dir/exec/containerd.sock" \
        --iptables=false --ip6tables=false --ip-forward=false --ip-masq=false --bridge=none \
        --data-root="$dir/data" --exec-root="$dir/exec" --pidfile="$dir/dockerd.pid" \
        --containerd-namespace=rib28cd --containerd-plugins-namespace=rib28cd-plugins \
        --shutdown-timeout=2 -H unix:///rib-sock/docker28cd.sock)"
      ;;
    podman)
      pid="$(start_daemon "$log" chroot "$SID_CHROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
        CONTAINERS_CONF="$dir/containers.conf" CONTAINERS_STORAGE_CONF="$dir/storage.conf" \
        podman --root "$dir/storage" --runroot "$dir/podman-run" --cgroup-manager cgroupfs --events-backend file \
        system service --time=0 unix:///rib-sock/podman.sock)"
      ;;
  esac
  printf '%s\n' "$pid" >"$(eng_pidfile "$name")"
  for ((i = 0; i < SID_TIMEOUT * 10; i++)); do
    eng_answers "$name" && return 0
    if ! pid_alive "$pid"; then
      warn "$name exited during start-up; last log lines:"
      tail -n 15 "$log" >&2 || true
      return 1
    fi
    sleep 0.1
  done
  warn "$name did not answer within ${SID_TIMEOUT}s; last log lines:"
  tail -n 15 "$log" >&2 || true
  return 1
}

eng_start() {
  local name="$1"
  if eng_answers "$name" && eng_pid "$name" >/dev/null; then return 0; fi
  eng_stop "$name"
  eng_launch "$name" && return 0
  eng_stop "$name"
  die "$name would not start (see $SID_LOGS/$name.log)"
}

eng_version() {
  curl -s --max-time 5 --unix-socket "$(eng_sock "$1")" http://localhost/version 2>/dev/null |
    "$PY" -c 'import json,sys; v=json.load(sys.stdin); print(v.get("Version","?"), "(API " + v.get("ApiVersion","?") + ")")' 2>/dev/null || echo '?'
}

# ---------------------------------------------------------------- base images

image_on() { curl -sf --max-time 5 --unix-socket "$(eng_sock "$1")" "http://localhost/images/$2/json" >/dev/null 2>&1; }

# The 20.10 engine's test images, saved once per set of image ids.
save_images() {
  local ids
  ids="$(dk image inspect --format '{{.Id}}' "${SID_IMAGES[@]}" 2>/dev/null | sort -u | sha256sum | cut -c1-16)" ||
    die "the test base images are not on the 20.10 engine: run test/infra/up.sh first"
  if [[ -s "$SID_IMAGES_TAR" && "$(cat "$SID_IMAGES_TAR.ids" 2>/dev/null)" == "$ids" ]]; then return 0; fi
  dk save -o "$SID_IMAGES_TAR.partial" "${SID_IMAGES[@]}"
  mv -f "$SID_IMAGES_TAR.partial" "$SID_IMAGES_TAR"
  printf '%s\n' "$ids" >"$SID_IMAGES_TAR.ids"
}

missing_images() {
  local name="$1" t
  for t in "${SID_IMAGES[@]}"; do image_on "$name" "$t" || printf '%s ' "$t"; done
}

load_images() {
  local name="$1"
  # The host's docker CLI (20.10) talks to each engine through its socket; the API is the same.
  env -u DOCKER_CONTEXT -u DOCKER_TLS_VERIFY -u DOCKER_CERT_PATH DOCKER_CONFIG="$SID_DIR/docker-config" \
    docker -H "$(eng_url "$name")" load -q -i "$SID_IMAGES_TAR" >"$SID_LOGS/$name-load.log" 2>&1 ||
    { tail -n 5 "$SID_LOGS/$name-load.log" >&2; die "$name: docker load failed"; }
}

# ---------------------------------------------------------------- env.sh

env_var() {
  case "$1" in
    docker28) echo RIB_ENGINE_DOCKER28 ;;
    docker28cd) echo RIB_ENGINE_DOCKER28CD ;;
    podman) echo RIB_ENGINE_PODMAN ;;
  esac
}

write_env() {
  local name v
  {
    echo "# written by test/infra/sid-engines.sh ($(date -u +%FT%TZ)) — source it after .test-env/env.sh"
    echo "# RIB_ENGINES: the engine matrix (docker20 is up.sh's engine, DOCKER_HOST of env.sh)."
    echo "export RIB_ENGINES=$(q "docker20 ${ENGINES[*]}")"
    echo "export RIB_ENGINE_DOCKER20_HOST=\"\${DOCKER_HOST:-}\""
    echo "export RIB_ENGINE_DOCKER20_LABEL='Docker 20.10 (overlay2)'"
    echo "export RIB_ENGINE_DOCKER20_REGISTRY=127.0.0.1:$RIB_REGISTRY_PORT"
    for name in "${ENGINES[@]}"; do
      v="$(env_var "$name")"
      echo "export ${v}_HOST=$(q "$(eng_url "$name")")"
      echo "export ${v}_LABEL=$(q "$(eng_label "$name") $(eng_version "$name" | cut -d' ' -f1)")"
      # Podman forces TLS for every registry not named localhost:PORT (unless registries.conf marks it
      # insecure); the tests address the plain-http test registry the way Podman accepts as local.
      if [[ "$name" == podman ]]; then
        echo "export ${v}_REGISTRY=localhost:$RIB_REGISTRY_PORT"
      else
        echo "export ${v}_REGISTRY=127.0.0.1:$RIB_REGISTRY_PORT"
      fi
      echo "export ${v}_PIDFILE=$(q "$(eng_pidfile "$name")")"
      echo "export ${v}_STOP=$(q "bash $INFRA_DIR/sid-engines.sh stop $name")"
      echo "export ${v}_START=$(q "bash $INFRA_DIR/sid-engines.sh start $name")"
    done
    echo "export RIB_SID_ENGINES_STOP=$(q "bash $INFRA_DIR/sid-engines.sh down")"
  } >"$SID_ENV_FILE.tmp"
  mv -f "$SID_ENV_FILE.tmp" "$SID_ENV_FILE"
}

q() { printf '%q' "$1"; }

# ---------------------------------------------------------------- commands

cmd_up() {
  is_root || die "sid-engines.sh needs root (chroot, mounts)"
  is_debian || die "sid-engines.sh needs Debian (debootstrap)"
  command -v debootstrap >/dev/null || die "debootstrap is missing (apt-get install debootstrap)"
  sid_lock
  mkdir -p "$SID_LOGS" "$CACHE_DIR"

  phase
  if [[ -s "$SID_READY" ]]; then
    phase_done chroot "cached: $(tr '\n' ' ' <"$SID_READY")"
  else
    # A chroot without the ready marker is from a killed run: nothing of it is mounted or running any more.
    if [[ -d "$SID_CHROOT" ]]; then cmd_stop_all; safe_rm "$SID_CHROOT"; fi
    make_chroot
    phase_done chroot "made: $(tr '\n' ' ' <"$SID_READY")"
  fi

  phase
  mount_chroot
  local name started=() already=()
  for name in "${ENGINES[@]}"; do
    if eng_answers "$name" && eng_pid "$name" >/dev/null; then already+=("$name"); else started+=("$name"); fi
  done
  # Start them one after the other: each takes a second or two.
  local t_eng timings=()
  for name in "${started[@]}"; do
    t_eng="$(now_us)"
    eng_start "$name"
    timings+=("$name $(fmt_secs $(($(now_us) - t_eng)))s")
  done
  phase_done engines "${started[*]:+started ${timings[*]}}${already[*]:+ already running ${already[*]}}"

  phase
  local need=() loaded=()
  for name in "${ENGINES[@]}"; do [[ -z "$(missing_images "$name")" ]] || need+=("$name"); done
  if ((${#need[@]})); then
    save_images
    local -a pids=()
    for name in "${need[@]}"; do load_images "$name" & pids+=("$!"); done
    local p
    for p in "${pids[@]}"; do wait "$p" || die "loading the base images failed"; done
    for name in "${need[@]}"; do
      local miss
      miss="$(missing_images "$name")"
      [[ -z "$miss" ]] || die "$name: still missing after load: $miss"
      loaded+=("$name")
    done
    phase_done images "loaded ${SID_IMAGES[*]} into ${loaded[*]}"
  else
    phase_done images "present on every engine"
  fi

  phase
  write_env
  phase_done env "$SID_ENV_FILE"
  for name in "${ENGINES[@]}"; do
    printf '[sid-engines] %-10s %s on %s\n' "$name" "$(eng_version "$name")" "$(eng_url "$name")" >&2
  done
  printf '[sid-engines] %-10s %6ss  ready: . %s\n' total "$(fmt_secs $(($(now_us) - T_ALL)))" "$SID_ENV_FILE" >&2
}

# Everything of ours, stopped and unmounted (also after a killed run).
cmd_stop_all() {
  local name pid
  for name in "${ALL_ENGINES[@]}"; do eng_stop "$name"; done
  # Anything else still running from the chroot (a `docker load` child, a stray shim).
  local -a rest=()
  for pid in $(all_chroot_pids); do rest+=("$pid"); done
  if ((${#rest[@]})); then
    for pid in "${rest[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
    tlog "ended ${#rest[@]} other process(es) of the chroot"
    sleep 0.2
  fi
  [[ -d "$SID_CHROOT" ]] && unmount_under "$SID_CHROOT"
  [[ -d "$SID_CHROOT.tmp" ]] && unmount_under "$SID_CHROOT.tmp"
  rm -f "$SID_ENV_FILE"
  [[ "$SID_SOCK_DIR" == /run/rib-sid-* ]] && { rmdir "$SID_SOCK_DIR" 2>/dev/null || true; }
  return 0
}

cmd_down() {
  is_root || { tlog "not root: nothing of ours can be running"; exit 0; }
  local t0
  t0="$(now_us)"
  sid_lock
  cmd_stop_all
  printf '[sid-engines] stopped in %ss\n' "$(fmt_secs $(($(now_us) - t0)))" >&2
}

cmd_status() {
  local name pid rc=0
  for name in "${ENGINES[@]}"; do
    if eng_answers "$name" && pid="$(eng_pid "$name")"; then
      printf '%-10s running pid %s, %s on %s\n' "$name" "$pid" "$(eng_version "$name")" "$(eng_url "$name")"
    else
      printf '%-10s stopped\n' "$name"
      rc=3
    fi
  done
  return "$rc"
}

# For the fault tests (the engine goes away mid-build): one engine, by name.
cmd_engine() {
  local what="$1" name="${2:-}"
  [[ " ${ALL_ENGINES[*]} " == *" $name "* ]] || die "usage: sid-engines.sh $what ${ALL_ENGINES[*]// /|}"
  is_root || die "sid-engines.sh needs root"
  [[ -s "$SID_READY" ]] || die "no sid chroot yet: run sid-engines.sh up"
  sid_lock
  case "$what" in
    stop) eng_stop "$name"; tlog "$name stopped" ;;
    start) mount_chroot; eng_start "$name"; tlog "$name up on $(eng_url "$name")" ;;
  esac
}

case "${1:-status}" in
  up) cmd_up ;;
  stop | start) cmd_engine "$1" "${2:-}" ;;
  down) cmd_down ;;
  status) cmd_status ;;
  env) cat "$SID_ENV_FILE" ;;
  *) die "usage: sid-engines.sh up|down|status|env|stop NAME|start NAME" ;;
esac
