#!/usr/bin/env bash
# Packs the BUILT app (out/, from `npx electron-vite build`) the way a release is packed, as a Linux folder:
#   bash test/packaged/pack.sh [output dir]      (default: test-results/packaged)
# gives <output dir>/linux-unpacked/runtime-image-builder: electron-builder --dir with the project's own
# electron-builder.cjs (asar, fuses, asarUnpack, files filter, the afterPack keychain check), on the test
# Electron 33.2.1 (test/infra/electron-runtime.sh) instead of the app's pinned Electron, which cannot be
# downloaded here.
#
# Nothing is downloaded: with electronDist set, a --dir build needs no tool from the network, and where
# we may (root, util-linux's unshare) electron-builder runs in a network namespace of its own with no
# interface up, so an attempt to fetch anything fails the pack instead of going unnoticed.
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$REPO_ROOT"
OUT="${1:-$REPO_ROOT/test-results/packaged}"
[[ "$OUT" == /* ]] || OUT="$REPO_ROOT/$OUT"
ELECTRON_VERSION="33.2.1"

say() { printf '[pack] %s\n' "$*" >&2; }
die() { printf '[pack] ERROR: %s\n' "$*" >&2; exit 1; }
now_us() { local t="${EPOCHREALTIME/[.,]/}"; printf '%s' "$t"; }
secs_since() { local us=$(($(now_us) - $1)); printf '%d.%01d' "$((us / 1000000))" "$(((us % 1000000) / 100000))"; }

[[ -f out/main/index.js && -f out/preload/index.cjs && -f out/renderer/index.html ]] ||
  die "no build in out/: run 'npx electron-vite build' first"
[[ -d node_modules/@napi-rs/keyring ]] || die "node_modules is incomplete: run 'npm ci' first"

ELECTRON_DIST="${RIB_ELECTRON_DIST:-$(bash test/infra/electron-runtime.sh)}"
[[ -x "$ELECTRON_DIST/electron" ]] || die "the test Electron is missing: $ELECTRON_DIST/electron"
[[ "$(cat "$ELECTRON_DIST/version" 2>/dev/null)" == "$ELECTRON_VERSION" ]] ||
  die "$ELECTRON_DIST is not Electron $ELECTRON_VERSION"

t0="$(now_us)"
rm -rf -- "$OUT"
mkdir -p "$OUT"

# A git worktree that shares another checkout's install has node_modules as a symlink, and `npm ls` (which
# electron-builder asks for the production dependencies) cannot read such a tree: electron-builder then
# leaves out most dependencies with a mere warning. There we pack a copy of the project made of hard links
# (under a second, no extra space) in which node_modules is a real folder again.
PROJECT="$REPO_ROOT"
if [[ -L node_modules ]]; then
  PROJECT="$OUT/project"
  say "node_modules is a symlink (a worktree?): packing a hard-linked copy of the project in $PROJECT"
  trap 'rm -rf -- "$PROJECT"' EXIT
  mkdir -p "$PROJECT"
  for item in out assets build README.md package.json package-lock.json electron-builder.cjs; do
    cp -al "$item" "$PROJECT/"
  done
  cp -al "$(readlink -f node_modules)" "$PROJECT/node_modules"
fi

builder=(npx --no-install electron-builder --dir --linux --x64
  --projectDir "$PROJECT" --config "$PROJECT/electron-builder.cjs"
  -c.electronDist="$ELECTRON_DIST" -c.electronVersion="$ELECTRON_VERSION" -c.directories.output="$OUT" --publish never)
isolate=()
if [[ "$(id -u)" == 0 ]] && command -v unshare >/dev/null && unshare -n true 2>/dev/null; then
  isolate=(unshare -n --)
  say "electron-builder runs without a network (unshare -n)"
else
  say "cannot take the network away here (not root, or no unshare): relying on electronDist alone"
fi
# The `npm ls` that electron-builder runs must not ask a registry either. Each log line gets the seconds
# since the start, so a slow step shows in pack.log.
if ! env ELECTRON_BUILDER_CACHE="$OUT/.builder-cache" npm_config_offline=true "${isolate[@]}" "${builder[@]}" 2>&1 |
  while IFS= read -r line; do printf '%5s %s\n' "$(secs_since "$t0")" "$line"; done >"$OUT/pack.log"; then
  cat "$OUT/pack.log" >&2
  die "electron-builder failed (log above, also in $OUT/pack.log)"
fi

APP="$OUT/linux-unpacked"
# electron-builder keeps a custom dist's extras; a downloaded Electron loses them. Drop them too, so the
# folder is what a release holds (and the test Electron's default_app.asar cannot stand in for the app).
rm -f "$APP/resources/default_app.asar" "$APP/version"
[[ -x "$APP/runtime-image-builder" && -f "$APP/resources/app.asar" ]] ||
  die "electron-builder finished but $APP/runtime-image-builder or resources/app.asar is missing (see $OUT/pack.log)"
if grep -q 'cannot find path for dependency\|dependency not found on disk' "$OUT/pack.log"; then
  grep 'cannot find path for dependency\|dependency not found on disk' "$OUT/pack.log" >&2
  die "electron-builder left out production dependencies (see $OUT/pack.log)"
fi
say "packed $APP in $(secs_since "$t0") s ($(du -sh "$APP" | cut -f1))"
printf '%s\n' "$APP"
