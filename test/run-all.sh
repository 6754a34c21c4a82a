#!/usr/bin/env bash
# The one test command (`npm test`): every check, in order, against real parts.
#   1. test/infra/up.sh (engine, registry, package index, base images); down.sh on exit.
#   2. Inside a private D-Bus session: keyring.sh (Secret Service), then typecheck, lint,
#      electronegativity, unit tests, service tests, the engine matrix (the same service tests on
#      Docker 28.5 overlay2, Docker 28.5 containerd store, Podman 5.8), build, the launch check of the
#      built app (a real Electron under Xvfb), the Chromium e2e suite, the real-window suite
#      (test/electron), the real-window journey once per engine of the matrix, the packaged app.
# Every step runs even when an earlier one failed (except the steps that need the build); the exit code
# is non-zero if any step failed. The last line is "tests: N passed, N failed, N skipped", where
# "failed" also counts failed steps that are not test runners (typecheck, lint, ...) and test files
# that failed before their tests ran; the failed tests are listed by name above it.
# With CI=true a missing engine or keyring is an error; elsewhere it is a warning and the tests
# that need it skip themselves.
set -uo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT" || exit 1
export RIB_TEST_DIR="${RIB_TEST_DIR:-$REPO_ROOT/.test-env}"
REPORTS="$RIB_TEST_DIR/reports"
is_ci() { [[ "${CI:-}" == true || "${CI:-}" == 1 ]]; }

# ---------------------------------------------------------------- inner: inside dbus-run-session
if [[ "${1:-}" == --inner ]]; then
  failed_steps=0
  declare -a summary=()
  step() {
    local name="$1"; shift
    local t0=$SECONDS rc=0
    printf '\n=== %s\n' "$name"
    "$@" || rc=$?
    summary+=("$(printf '%-18s %-4s %4ss' "$name" "$([[ $rc == 0 ]] && echo ok || echo FAIL)" $((SECONDS - t0)))")
    ((rc == 0)) || failed_steps=$((failed_steps + 1))
    return "$rc"
  }

  if [[ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ]]; then
    if ! step keyring bash test/infra/keyring.sh; then
      is_ci && echo "CI: no Secret Service; keyring tests will fail" >&2
    fi
  fi

  step typecheck npm run typecheck
  step lint npm run lint
  step electronegativity npm run electronegativity
  step unit npm run test:unit -- --reporter=default --reporter=json --outputFile.json="$REPORTS/unit.json"
  step services npm run test:services -- --reporter=default --reporter=json --outputFile.json="$REPORTS/services.json"
  # The same engine-dependent service tests on every engine users run today: Docker 28.5 (overlay2 and
  # the containerd image store) and Podman 5.8, started from a Debian sid chroot (test/engine-matrix.sh).
  step engines bash test/engine-matrix.sh
  if step build npm run build; then
    # The built app must start: a crash at launch fails here, named as such, before any suite runs.
    step launch xvfb-run -a -s '-screen 0 1440x960x24' npx tsx test/tools/launch-smoke.ts
    step e2e env PLAYWRIGHT_JSON_OUTPUT_NAME="$REPORTS/e2e.json" npm run test:e2e -- --reporter=list,json
    # The main end-to-end suite: the built app in a real Electron window (test/electron/run.sh).
    step electron env PLAYWRIGHT_JSON_OUTPUT_NAME="$REPORTS/electron.json" npm run test:electron -- --reporter=list,json
    # The real-window journey again on each engine of the matrix.
    step journeys bash test/electron/journey-per-engine.sh
    # The app as users install it: packed by electron-builder --dir, started from its unpacked folder.
    step packaged env PLAYWRIGHT_JSON_OUTPUT_NAME="$REPORTS/packaged.json" npm run test:packaged -- --reporter=list,json
  else
    for skipped_step in launch e2e electron journeys packaged; do
      summary+=("$(printf '%-18s %-4s' "$skipped_step" SKIP) (build failed)")
      failed_steps=$((failed_steps + 1))
    done
  fi

  printf '\n=== summary\n'
  printf '  %s\n' "${summary[@]}"
  # Count tests from the runners' JSON reports (vitest: jest-style; playwright: stats).
  node - "$failed_steps" "$REPORTS" <<'EOF'
const fs = require('node:fs');
const path = require('node:path');
const [failedSteps, dir] = process.argv.slice(2);
let passed = 0, failed = 0, skipped = 0;
const read = (f) => { try { return JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')); } catch { return null; } };
for (const f of ['unit.json', 'services.json', 'engines.json']) {
  const r = read(f);
  if (r) { passed += r.numPassedTests ?? 0; failed += r.numFailedTests ?? 0; skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0); }
}
for (const f of ['e2e.json', 'electron.json', 'journeys.json', 'packaged.json']) {
  const r = read(f);
  if (r?.stats) { passed += (r.stats.expected ?? 0) + (r.stats.flaky ?? 0); failed += r.stats.unexpected ?? 0; skipped += r.stats.skipped ?? 0; }
}
// The failed tests by name, so that the last lines of a long log say what to look at.
const failures = [];
let failedFiles = 0;
const firstLine = (text) => String(text ?? '').split('\n').find((line) => line.trim() !== '')?.trim().slice(0, 200) ?? '';
for (const f of fs.readdirSync(dir).filter((name) => name.endsWith('.json') && name !== 'engines.json').sort()) {
  const r = read(f);
  const where = f.replace(/\.json$/, '');
  for (const file of r?.testResults ?? []) {
    // A file whose set-up failed has no failed test of its own, only skipped ones.
    if (file.status === 'failed' && !(file.assertionResults ?? []).some((t) => t.status === 'failed')) {
      failures.push(`[${where}] ${path.relative(process.cwd(), file.name)} (the file failed): ${firstLine(file.message)}`);
      failedFiles += 1;
    }
    for (const t of file.assertionResults ?? []) {
      if (t.status === 'failed') failures.push(`[${where}] ${path.relative(process.cwd(), file.name)} › ${t.fullName}: ${firstLine(t.failureMessages?.[0])}`);
    }
  }
  const walk = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        if (t.status === 'unexpected') {
          const message = t.results?.find((result) => result.error)?.error?.message;
          failures.push(`[${where}] ${spec.file}:${spec.line} › ${[...titles, spec.title].join(' › ')}: ${firstLine(message)}`);
        }
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...titles, child.title]);
  };
  for (const suite of r?.suites ?? []) walk(suite, []);
}
if (failures.length > 0) {
  console.log('failed tests:');
  for (const line of failures.slice(0, 30)) console.log(`  ${line}`);
  if (failures.length > 30) console.log(`  … and ${failures.length - 30} more`);
}
console.log(`tests: ${passed} passed, ${failed + failedFiles + Number(failedSteps)} failed, ${skipped} skipped`);
EOF
  ((failed_steps == 0))
  exit $?
fi

# ---------------------------------------------------------------- outer
rm -rf "$REPORTS"
mkdir -p "$REPORTS"
# RIB_KEEP_UP=1 leaves the services running afterwards (handy when others share this checkout's env).
if [[ "${RIB_KEEP_UP:-}" != 1 ]]; then trap 'bash "$REPO_ROOT/test/infra/down.sh"' EXIT; fi

if ! bash test/infra/up.sh; then
  if is_ci; then
    echo "CI: test/infra/up.sh failed; the engine, registry and index are required" >&2
    exit 1
  fi
  echo "WARNING: test/infra/up.sh failed; tests that need the engine will skip" >&2
fi
if [[ -f "$RIB_TEST_DIR/env.sh" ]]; then
  # shellcheck source=/dev/null
  source "$RIB_TEST_DIR/env.sh"
fi
if is_ci; then
  sock="${DOCKER_HOST:-unix:///var/run/docker.sock}"
  sock="${sock#unix://}"
  if [[ "$(curl -s --max-time 5 --unix-socket "$sock" http://localhost/_ping 2>/dev/null)" != OK ]]; then
    echo "CI: no Docker engine answers on $sock" >&2
    exit 1
  fi
fi

if command -v dbus-run-session >/dev/null 2>&1; then
  dbus-run-session -- bash "$REPO_ROOT/test/run-all.sh" --inner
else
  is_ci && { echo "CI: dbus-run-session missing (apt-get install dbus)" >&2; exit 1; }
  echo "WARNING: no dbus-run-session; keychain tests will skip" >&2
  bash "$REPO_ROOT/test/run-all.sh" --inner
fi
