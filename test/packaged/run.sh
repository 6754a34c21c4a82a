#!/usr/bin/env bash
# `npm run test:packaged -- [playwright args]`: packs the BUILT app (out/) as a release folder
# (test/packaged/pack.sh), then starts it from there in test/packaged/*.spec.ts, on the same desktop as the
# real-window suite (test/electron/run.sh: session D-Bus, unlocked keyring, Xvfb, dunst).
# RIB_PACKAGED_APP=<linux-unpacked dir> skips the pack and tests that folder.
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$REPO_ROOT"
if [[ -z "${RIB_PACKAGED_APP:-}" ]]; then
  RIB_PACKAGED_APP="$(bash test/packaged/pack.sh)"
fi
export RIB_PACKAGED_APP
t0=$SECONDS
rc=0
RIB_PLAYWRIGHT_CONFIG=test/packaged/playwright.config.ts bash test/electron/run.sh "$@" || rc=$?
printf '[packaged] tests took %d s\n' $((SECONDS - t0)) >&2
exit "$rc"
