#!/usr/bin/env bash
# The base the "try your notebooks" tests run notebooks in: Debian's own papermill and ipykernel
# (python3-papermill, python3-ipykernel) on $PAPERMILL_SUITE (lib.sh: trixie, whose Python 3.13 Elyra
# accepts, so the app also builds on it), made with debootstrap like the bookworm base and imported
# into up.sh's engine as $PAPERMILL_IMAGE. No image can be pulled here, and the bookworm base has no
# papermill: this is the image that proves a notebook really runs.
#
# Sourced by up.sh (papermill_image_ensure); also runnable alone against a running engine:
#   bash test/infra/papermill-image.sh        # idempotent; <1 s when the image is there

# up.sh has sourced lib.sh already.
# shellcheck source=lib.sh
[[ -n "${INFRA_DIR:-}" ]] || source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PAPERMILL_ARCH="$(dpkg --print-architecture)"
PAPERMILL_ROOTFS_TAR="$CACHE_DIR/rootfs-$PAPERMILL_SUITE-papermill-$PAPERMILL_ARCH.tar"
PAPERMILL_ROOTFS_TMP="$CACHE_DIR/rootfs-$PAPERMILL_SUITE-papermill.tmp"
# tar: Elyra's bootstrapper unpacks a node's files with `tar -zxvf`; curl fetches the bootstrapper.
# python3-cffi-backend: sid's python3-zmq depends on the virtual python3-cffi-backend-api-min/max,
# which debootstrap does not resolve (seen here: python3-zmq left unconfigured without it).
PAPERMILL_PACKAGES="python3,python3-papermill,python3-ipykernel,python3-cffi-backend,python3-pip,curl,tar,ca-certificates"

papermill_rootfs_tar() {
  local mirror
  mirror="$(debian_mirror)"  # trixie and sid live on the same mirror as bookworm
  log "debootstrap $PAPERMILL_SUITE with papermill from $mirror (once; cached as $PAPERMILL_ROOTFS_TAR)"
  safe_rm "$PAPERMILL_ROOTFS_TMP"
  rm -f "$PAPERMILL_ROOTFS_TAR.partial"
  mkdir -p "$LOG_DIR" "$CACHE_DIR"
  if ! debootstrap --variant=minbase --include="$PAPERMILL_PACKAGES" \
    "$PAPERMILL_SUITE" "$PAPERMILL_ROOTFS_TMP" "$mirror" </dev/null >"$LOG_DIR/debootstrap-papermill.log" 2>&1 9>&-; then
    tail -n 20 "$LOG_DIR/debootstrap-papermill.log" >&2 || true
    safe_rm "$PAPERMILL_ROOTFS_TMP"
    die "debootstrap $PAPERMILL_SUITE (papermill) failed (see $LOG_DIR/debootstrap-papermill.log)"
  fi
  unmount_under "$PAPERMILL_ROOTFS_TMP"
  rm -rf "$PAPERMILL_ROOTFS_TMP"/var/cache/apt/archives/*.deb "$PAPERMILL_ROOTFS_TMP"/var/cache/apt/*.bin \
    "$PAPERMILL_ROOTFS_TMP"/var/lib/apt/lists/* "$PAPERMILL_ROOTFS_TMP"/var/log/* "$PAPERMILL_ROOTFS_TMP"/debootstrap
  : >"$PAPERMILL_ROOTFS_TMP/etc/resolv.conf"
  tar -C "$PAPERMILL_ROOTFS_TMP" --numeric-owner -cf "$PAPERMILL_ROOTFS_TAR.partial" .
  mv -f "$PAPERMILL_ROOTFS_TAR.partial" "$PAPERMILL_ROOTFS_TAR"
  safe_rm "$PAPERMILL_ROOTFS_TMP"
}

# papermill_image_ensure: prints what it did (for up.sh's phase line).
papermill_image_ensure() {
  if dk image inspect "$PAPERMILL_IMAGE" >/dev/null 2>&1; then
    printf 'present: %s' "$PAPERMILL_IMAGE"
    return 0
  fi
  local made=""
  if [[ ! -s "$PAPERMILL_ROOTFS_TAR" ]]; then papermill_rootfs_tar; made=" (debootstrap $PAPERMILL_SUITE)"; fi
  # Debian's python3 keeps its EXTERNALLY-MANAGED marker: a user's custom base often does too.
  dk import \
    -c 'CMD ["python3"]' \
    -c "ENV $IMAGE_PATH_ENV" \
    -c 'ENV LANG=C.UTF-8' \
    -c 'LABEL org.opencontainers.image.description=rib-test-papermill' \
    - "$PAPERMILL_IMAGE" <"$PAPERMILL_ROOTFS_TAR" >/dev/null
  local smoke
  smoke="$(dk run --rm --network none --user 1000720000:0 "$PAPERMILL_IMAGE" sh -c \
    'python3 -c "import sys, papermill, ipykernel; print(\"python\", sys.version.split()[0], \"papermill\", papermill.__version__, \"ipykernel\", ipykernel.__version__)"' 2>&1)" ||
    die "cannot run papermill in $PAPERMILL_IMAGE: $smoke"
  printf 'made %s%s; smoke: %s' "$PAPERMILL_IMAGE" "$made" "$smoke"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  is_root || die "papermill-image.sh needs root (debootstrap)"
  engine_answers || die "the test engine does not answer on $DOCKER_SOCK: run test/infra/up.sh first"
  take_lock
  t0="$(now_us)"
  msg="$(papermill_image_ensure)"
  printf '[papermill] %ss  %s\n' "$(fmt_secs $(($(now_us) - t0)))" "$msg" >&2
fi
