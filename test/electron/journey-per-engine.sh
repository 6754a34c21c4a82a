#!/usr/bin/env bash
# The real-window journey (test/electron/journey.spec.ts) once per engine of the matrix: the built app
# in Electron, pointed at Docker 28.5 (overlay2), Docker 28.5 (containerd image store) and Podman 5.8
# by DOCKER_HOST, pushing to the registry as that engine must name it. Docker 20.10 runs it in the
# `electron` step already. Needs `npm run build` and test/infra/sid-engines.sh up.
#   bash test/electron/journey-per-engine.sh            RIB_MATRIX_ENGINES="podman" for a subset
# Reports: $RIB_TEST_DIR/reports/journey-<engine>.json and journeys.json (playwright stats, summed).
set -uo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$REPO_ROOT" || exit 1
export RIB_TEST_DIR="${RIB_TEST_DIR:-$REPO_ROOT/.test-env}"
REPORTS="$RIB_TEST_DIR/reports"
mkdir -p "$REPORTS"
# shellcheck source=/dev/null
source "$RIB_TEST_DIR/env.sh"
if [[ ! -f "$RIB_TEST_DIR/sid-engines/env.sh" ]]; then
  echo "[journeys] no $RIB_TEST_DIR/sid-engines/env.sh: run test/infra/sid-engines.sh up first" >&2
  exit 1
fi
# shellcheck source=/dev/null
source "$RIB_TEST_DIR/sid-engines/env.sh"
read -r -a ENGINES <<<"${RIB_MATRIX_ENGINES:-${RIB_ENGINES#docker20 }}"

failed=0
for engine in "${ENGINES[@]}"; do
  var="RIB_ENGINE_${engine^^}"
  host_var="${var}_HOST" label_var="${var}_LABEL" registry_var="${var}_REGISTRY"
  if [[ -z "${!host_var:-}" ]]; then
    echo "[journeys] $engine is not in $RIB_TEST_DIR/sid-engines/env.sh" >&2
    failed=$((failed + 1))
    continue
  fi
  printf '\n=== journey on %s: %s\n' "$engine" "${!label_var}"
  DOCKER_HOST="${!host_var}" RIB_REGISTRY="${!registry_var}" RIB_ENGINE_NAME="$engine" \
    PLAYWRIGHT_JSON_OUTPUT_NAME="$REPORTS/journey-$engine.json" \
    bash test/electron/run.sh test/electron/journey.spec.ts --reporter=list,json 2>&1 | sed -u "s/^/[$engine] /"
  ((PIPESTATUS[0] == 0)) || failed=$((failed + 1))
done

node - "$REPORTS" "${ENGINES[@]}" <<'NODE'
const fs = require('node:fs');
const path = require('node:path');
const [dir, ...engines] = process.argv.slice(2);
const stats = { expected: 0, unexpected: 0, skipped: 0, flaky: 0 };
for (const engine of engines) {
  let r = null;
  try { r = JSON.parse(fs.readFileSync(path.join(dir, `journey-${engine}.json`), 'utf8')); } catch {}
  if (!r?.stats) { stats.unexpected += 1; console.log(`  ${engine.padEnd(11)} no report`); continue; }
  for (const k of Object.keys(stats)) stats[k] += r.stats[k] ?? 0;
  console.log(`  ${engine.padEnd(11)} ${r.stats.unexpected ? 'FAIL' : 'ok  '} ${r.stats.expected} passed ${r.stats.unexpected} failed`);
}
fs.writeFileSync(path.join(dir, 'journeys.json'), JSON.stringify({ stats }));
NODE
((failed == 0))
