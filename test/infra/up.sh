#!/usr/bin/env bash
# Bring up the real parts the tests use: a private dockerd, an htpasswd-protected registry, a
# local PEP 503 package index and the Python base images. Idempotent: re-running it with
# everything up takes about a second; it also recovers after an earlier run was killed.
#
# State lives in $RIB_TEST_DIR (default <repo>/.test-env). Afterwards:  source $RIB_TEST_DIR/env.sh
#
# Env knobs: RIB_TEST_DIR, RIB_REGISTRY_PORT (5000), RIB_INDEX_PORT (5001), RIB_STORAGE_DRIVER
# (force overlay2|vfs), RIB_DEBIAN_MIRROR (else read from apt's sources), RIB_CACHE_DIR,
# RIB_INFRA=external (do not start anything; use the developer's own engine), RIB_DOCKERD_TIMEOUT.
set -euo pipefail

# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

T_ALL="$(now_us)"
PHASE_T=0
PHASE_NAME=""
phase() { PHASE_NAME="$1"; PHASE_T="$(now_us)"; }
phase_done() {
  printf '[up] %-9s %6ss  %s\n' "$PHASE_NAME" "$(fmt_secs $(($(now_us) - PHASE_T)))" "${1:-}" >&2
}

q() { printf '%q' "$1"; }

# ------------------------------------------------------------------ developer mode
write_external_env() {
  local why="$1"
  log "not starting anything: $why"
  log "tests will use your own engine (DOCKER_HOST ${DOCKER_HOST:-unset}); registry/index tests skip unless RIB_* are set"
  {
    echo "# written by test/infra/up.sh ($(date -u +%FT%TZ)): external mode — $why"
    echo "export RIB_TEST_DIR=$(q "$RIB_TEST_DIR")"
    echo "export RIB_INFRA=external"
    if [[ -n "${DOCKER_HOST:-}" ]]; then echo "export DOCKER_HOST=$(q "$DOCKER_HOST")"; fi
    local v
    for v in RIB_REGISTRY RIB_REGISTRY_USER RIB_REGISTRY_PASSWORD RIB_INDEX_URL RIB_BASE_IMAGE; do
      if [[ -n "${!v:-}" ]]; then echo "export $v=$(q "${!v}")"; fi
    done
  } >"$ENV_FILE.tmp"
  mv -f "$ENV_FILE.tmp" "$ENV_FILE"
  log "wrote $ENV_FILE"
  exit 0
}

if [[ "${RIB_INFRA:-}" == external ]]; then write_external_env "RIB_INFRA=external"; fi
if ! is_debian; then write_external_env "this is not a Debian system"; fi
if ! is_root; then write_external_env "not running as root"; fi

take_lock

# ------------------------------------------------------------------ a. apt packages
phase apt
missing=()
for p in "${APT_PACKAGES[@]}"; do
  [[ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)" == installed ]] || missing+=("$p")
done
if ((${#missing[@]})); then
  log "installing missing packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq </dev/null
  apt-get install -y -qq "${missing[@]}" </dev/null >"$RIB_TEST_DIR/apt.log" 2>&1 ||
    { tail -n 20 "$RIB_TEST_DIR/apt.log" >&2; die "apt-get install failed (see $RIB_TEST_DIR/apt.log)"; }
  phase_done "installed ${missing[*]}"
else
  phase_done "all ${#APT_PACKAGES[@]} packages present"
fi
mkdir -p "$LOG_DIR" "$CACHE_DIR"

# ------------------------------------------------------------------ b. dockerd
phase engine
if engine_answers && dockerd_pid >/dev/null; then
  engine_start
  phase_done "already running ($STORAGE_DRIVER) on $DOCKER_HOST_URL"
else
  engine_start
  phase_done "started ($STORAGE_DRIVER) on $DOCKER_HOST_URL"
fi

# ------------------------------------------------------------------ c. registry
phase registry
if registry_pid >/dev/null && registry_answers; then
  phase_done "already running on $(registry_url)"
else
  registry_start
  phase_done "started on $(registry_url) (htpasswd $REG_USER)"
fi

# ------------------------------------------------------------------ d. base images
image_exists() { dk image inspect "$1" >/dev/null 2>&1; }

ARCH="$(dpkg --print-architecture)"
ROOTFS_TAR="$CACHE_DIR/rootfs-bookworm-python3-$ARCH.tar"
ROOTFS_TMP="$CACHE_DIR/rootfs.tmp"

make_rootfs_tar() {
  local mirror
  mirror="$(debian_mirror)"
  log "debootstrap bookworm from $mirror (once; cached as $ROOTFS_TAR)"
  safe_rm "$ROOTFS_TMP"
  rm -f "$ROOTFS_TAR.partial"
  if ! debootstrap --variant=minbase --include=python3,curl,python3-pip,ca-certificates \
    bookworm "$ROOTFS_TMP" "$mirror" </dev/null >"$LOG_DIR/debootstrap.log" 2>&1 9>&-; then
    tail -n 20 "$LOG_DIR/debootstrap.log" >&2 || true
    safe_rm "$ROOTFS_TMP"
    die "debootstrap failed (see $LOG_DIR/debootstrap.log)"
  fi
  unmount_under "$ROOTFS_TMP"
  # Like the official slim images: no package caches or lists, no host resolver config.
  rm -rf "$ROOTFS_TMP"/var/cache/apt/archives/*.deb "$ROOTFS_TMP"/var/cache/apt/*.bin \
    "$ROOTFS_TMP"/var/lib/apt/lists/* "$ROOTFS_TMP"/var/log/* "$ROOTFS_TMP"/debootstrap
  : >"$ROOTFS_TMP/etc/resolv.conf"
  tar -C "$ROOTFS_TMP" --numeric-owner -cf "$ROOTFS_TAR.partial" .
  mv -f "$ROOTFS_TAR.partial" "$ROOTFS_TAR"
  safe_rm "$ROOTFS_TMP"
  MIRROR_USED="$mirror"
}

# import_variant TAG LABEL [EXCLUDE_GLOB...]
import_variant() {
  local tag="$1" label="$2"; shift 2
  local -a filter=()
  local pat
  for pat in "$@"; do filter+=(--exclude "$pat"); done
  "$PY" "$INFRA_DIR/tar-filter.py" "${filter[@]}" <"$ROOTFS_TAR" 2>/dev/null |
    dk import \
      -c 'CMD ["python3"]' \
      -c "ENV $IMAGE_PATH_ENV" \
      -c 'ENV LANG=C.UTF-8' \
      -c "LABEL org.opencontainers.image.description=rib-test-$label" \
      - "$tag" >/dev/null
}

phase images
want=("$BASE_IMAGE" "${BASE_IMAGE_ALIASES[@]}" "$MANAGED_IMAGE" "$NOCURL_IMAGE")
have_all=1
for t in "${want[@]}"; do image_exists "$t" || { have_all=0; break; }; done
if ((have_all)); then
  phase_done "present: ${want[*]}"
else
  MIRROR_USED=""
  if [[ ! -s "$ROOTFS_TAR" ]]; then make_rootfs_tar; fi
  made=()
  if ! image_exists "$BASE_IMAGE"; then
    import_variant "$BASE_IMAGE" official 'usr/lib/python3*/EXTERNALLY-MANAGED'
    made+=("$BASE_IMAGE")
  fi
  for t in "${BASE_IMAGE_ALIASES[@]}"; do
    image_exists "$t" || { dk tag "$BASE_IMAGE" "$t"; made+=("$t"); }
  done
  if ! image_exists "$MANAGED_IMAGE"; then
    import_variant "$MANAGED_IMAGE" externally-managed
    made+=("$MANAGED_IMAGE")
  fi
  if ! image_exists "$NOCURL_IMAGE"; then
    import_variant "$NOCURL_IMAGE" nocurl 'usr/lib/python3*/EXTERNALLY-MANAGED' 'usr/bin/curl'
    made+=("$NOCURL_IMAGE")
  fi
  # One run proves the runtime (runc, cgroups, overlay) works, not just the image store.
  smoke="$(dk run --rm --network none "$BASE_IMAGE" sh -c \
    'python3 -c "import sys; print(\"python\", sys.version.split()[0])"; python3 -m pip --version | cut -d" " -f1-2; ls /usr/lib/python3*/EXTERNALLY-MANAGED 2>/dev/null || echo no-marker' 2>&1)" ||
    die "cannot run a container from $BASE_IMAGE: $smoke"
  phase_done "made ${made[*]}${MIRROR_USED:+ (debootstrap from $MIRROR_USED)}; smoke: $(echo "$smoke" | tr '\n' ' ')"
fi

# ------------------------------------------------------------------ d2. the papermill base
# Debian sid with papermill and ipykernel: the "try your notebooks" tests run notebooks in it.
phase papermill
# shellcheck source=papermill-image.sh
source "$INFRA_DIR/papermill-image.sh"
# An assignment, so that a failure inside stops the set-up (set -e skips a failing argument).
papermill_msg="$(papermill_image_ensure)"
phase_done "$papermill_msg"

# ------------------------------------------------------------------ e. package index
phase index
index_msg="$(index_build 2>&1)"
if index_pid >/dev/null && index_answers; then
  phase_done "$index_msg; already serving $(index_url)"
else
  index_start
  phase_done "$index_msg; serving $(index_url)"
fi

# ------------------------------------------------------------------ f. the test Electron
# A real Electron 33 for the real-window suite and the launch check (never shipped; see electron-runtime.sh).
phase electron
ELECTRON_DIST="$(bash "$INFRA_DIR/electron-runtime.sh" 9>&-)" || die "could not make the test Electron (test/infra/electron-runtime.sh)"
phase_done "$ELECTRON_DIST"

# ------------------------------------------------------------------ g. env.sh
phase env
{
  echo "# written by test/infra/up.sh ($(date -u +%FT%TZ)) — source it: . $(q "$ENV_FILE")"
  echo "export RIB_TEST_DIR=$(q "$RIB_TEST_DIR")"
  echo "export RIB_INFRA=managed"
  echo "export DOCKER_HOST=$(q "$DOCKER_HOST_URL")"
  echo "export RIB_DOCKER_SOCKET=$(q "$DOCKER_SOCK")"
  echo "export RIB_STORAGE_DRIVER=$(q "$STORAGE_DRIVER")"
  echo "export RIB_REGISTRY=127.0.0.1:$RIB_REGISTRY_PORT"
  echo "export RIB_REGISTRY_URL=$(q "$(registry_url)")"
  echo "export RIB_REGISTRY_USER=$(q "$REG_USER")"
  echo "export RIB_REGISTRY_PASSWORD=$(q "$REG_PASSWORD")"
  echo "export RIB_INDEX_URL=$(q "$(index_url)")"
  echo "export RIB_BASE_IMAGE=$(q "$BASE_IMAGE")"
  echo "export RIB_ELECTRON_DIST=$(q "$ELECTRON_DIST")"
  echo "export RIB_BASE_IMAGE_MANAGED=$(q "$MANAGED_IMAGE")"
  echo "export RIB_BASE_IMAGE_NOCURL=$(q "$NOCURL_IMAGE")"
  echo "export RIB_BASE_IMAGE_PAPERMILL=$(q "$PAPERMILL_IMAGE")"
  echo "export RIB_DOCKERD_PIDFILE=$(q "$DOCKERD_PIDFILE")"
  echo "export RIB_REGISTRY_PIDFILE=$(q "$REGISTRY_PIDFILE")"
  echo "export RIB_INDEX_PIDFILE=$(q "$INDEX_PIDFILE")"
  echo "export RIB_ENGINE_STOP=$(q "bash $INFRA_DIR/engine.sh stop")"
  echo "export RIB_ENGINE_START=$(q "bash $INFRA_DIR/engine.sh start")"
  echo "export RIB_REGISTRY_STOP=$(q "bash $INFRA_DIR/registry.sh stop")"
  echo "export RIB_REGISTRY_START=$(q "bash $INFRA_DIR/registry.sh start")"
} >"$ENV_FILE.tmp"
mv -f "$ENV_FILE.tmp" "$ENV_FILE"
phase_done "$ENV_FILE"

printf '[up] %-9s %6ss  ready: . %s\n' total "$(fmt_secs $(($(now_us) - T_ALL)))" "$ENV_FILE" >&2
