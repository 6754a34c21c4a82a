#!/usr/bin/env bash
# The engine-dependent service tests, once per engine users run today (`npm run test:engines`):
# Docker 28.5 (overlay2), Docker 28.5 (containerd image store) and Podman 5.8, started by
# test/infra/sid-engines.sh beside up.sh's Docker 20.10 (which `npm run test:services` covers).
#   bash test/engine-matrix.sh [vitest args…]        e.g. -t 'pushes' (a test file given here is run
#   besides the default ones: RIB_MATRIX_FILES="test/services/x.test.ts" runs that file alone)
# Needs up.sh's parts (source of the base images, the registry, the index). Every line of a run is
# prefixed with the engine's name; a summary table follows. Reports: $RIB_TEST_DIR/reports/engines-<engine>.json
# and engines.json (the counts of all engines, jest-style, for run-all.sh's summary).
# Env: RIB_MATRIX_ENGINES (subset, default all of sid-engines.sh), RIB_MATRIX_FILES (test files).
set -uo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT" || exit 1
export RIB_TEST_DIR="${RIB_TEST_DIR:-$REPO_ROOT/.test-env}"
REPORTS="$RIB_TEST_DIR/reports"
mkdir -p "$REPORTS"

# The service tests that talk to the engine. engine.test.ts (discovery, a TLS dockerd of its own)
# and infra.test.ts (up.sh's files) are about the set-up, not the engine, and run once.
DEFAULT_FILES=(
  test/services/build.test.ts
  test/services/verify.test.ts
  test/services/push.test.ts
  test/services/cli-push.test.ts
  test/services/try.test.ts
  test/services/cli-try.test.ts
  test/services/cli-make.test.ts
  test/services/login.test.ts
  test/services/login-docker-credentials.test.ts
  test/services/faults.test.ts
  test/services/secret-leak.test.ts
  test/services/layers.test.ts
)
read -r -a FILES <<<"${RIB_MATRIX_FILES:-${DEFAULT_FILES[*]}}"

if [[ -f "$RIB_TEST_DIR/env.sh" ]]; then
  # shellcheck source=/dev/null
  source "$RIB_TEST_DIR/env.sh"
else
  echo "[engines] no $RIB_TEST_DIR/env.sh: run test/infra/up.sh first" >&2
  exit 1
fi
t0=$SECONDS
if ! bash test/infra/sid-engines.sh up; then
  echo "[engines] test/infra/sid-engines.sh up failed: no engine of the matrix to test" >&2
  exit 1
fi
echo "[engines] set-up $((SECONDS - t0))s"
# shellcheck source=/dev/null
source "$RIB_TEST_DIR/sid-engines/env.sh"

read -r -a ENGINES <<<"${RIB_MATRIX_ENGINES:-${RIB_ENGINES#docker20 }}"
declare -a rows=()
failed=0
for engine in "${ENGINES[@]}"; do
  var="RIB_ENGINE_${engine^^}"
  host_var="${var}_HOST" label_var="${var}_LABEL" registry_var="${var}_REGISTRY"
  stop_var="${var}_STOP" start_var="${var}_START" pid_var="${var}_PIDFILE"
  if [[ -z "${!host_var:-}" ]]; then
    echo "[engines] $engine is not in $RIB_TEST_DIR/sid-engines/env.sh" >&2
    failed=$((failed + 1))
    continue
  fi
  label="${!label_var}"
  registry="${!registry_var}"
  printf '\n=== engine %s: %s on %s (registry %s)\n' "$engine" "$label" "${!host_var}" "$registry"
  te=$SECONDS
  # The registry host as the engine must be told it (Podman: localhost:PORT, see sid-engines.sh).
  env DOCKER_HOST="${!host_var}" \
    RIB_ENGINE_NAME="$engine" RIB_ENGINE_LABEL="$label" \
    RIB_REGISTRY="$registry" RIB_REGISTRY_HOSTNAME="${registry%:*}" \
    RIB_ENGINE_STOP="${!stop_var}" RIB_ENGINE_START="${!start_var}" \
    RIB_DOCKER_SOCKET="${!host_var#unix://}" RIB_DOCKERD_PIDFILE="${!pid_var:-}" \
    npx vitest run --project services "${FILES[@]}" \
    --reporter=default --reporter=json --outputFile.json="$REPORTS/engines-$engine.json" "$@" 2>&1 |
    sed -u "s/^/[$engine] /"
  rc=${PIPESTATUS[0]}
  ((rc == 0)) || failed=$((failed + 1))
  rows+=("$engine|$label|$rc|$((SECONDS - te))")
done

printf '\n=== engine matrix\n'
node - "$REPORTS" "${rows[@]}" <<'EOF'
const fs = require('node:fs');
const path = require('node:path');
const [dir, ...rows] = process.argv.slice(2);
const total = { numPassedTests: 0, numFailedTests: 0, numPendingTests: 0, numTodoTests: 0, numTotalTests: 0 };
for (const row of rows) {
  const [engine, label, rc, secs] = row.split('|');
  let r = null;
  try { r = JSON.parse(fs.readFileSync(path.join(dir, `engines-${engine}.json`), 'utf8')); } catch {}
  const passed = r?.numPassedTests ?? 0, failed = r?.numFailedTests ?? 0, skipped = (r?.numPendingTests ?? 0) + (r?.numTodoTests ?? 0);
  for (const k of Object.keys(total)) total[k] += r?.[k] ?? 0;
  console.log(`  ${engine.padEnd(11)} ${label.padEnd(44)} ${rc === '0' ? 'ok  ' : 'FAIL'} ${String(passed).padStart(4)} passed ${String(failed).padStart(3)} failed ${String(skipped).padStart(3)} skipped ${secs.padStart(5)}s`);
  for (const file of r?.testResults ?? []) {
    for (const t of file.assertionResults ?? []) {
      if (t.status === 'failed') console.log(`      ✗ ${path.relative(process.cwd(), file.name)} › ${t.fullName ?? t.title}`);
    }
  }
  if (r === null) total.numFailedTests += 1; // the run made no report: count it as a failure
}
fs.writeFileSync(path.join(dir, 'engines.json'), JSON.stringify(total));
console.log(`engines: ${total.numPassedTests} passed, ${total.numFailedTests} failed, ${total.numPendingTests + total.numTodoTests} skipped`);
EOF
((failed == 0))
