// `npm run bench:engines [runs]`: the engine matrix alone (engine-matrix-bench.ts), its table printed
// and written to test-results/bench-engines.md. RIB_BENCH_ENGINES="docker28 podman" narrows it; a run
// count of 1 or 2 tries it out in a few minutes (medians of so few runs are not figures).
import { fileURLToPath } from 'node:url';
import { needsSidEngines, requestedEngines } from './bench-engines';
import { loadTestEnv } from './bench-env';
import { BenchRun } from './bench-run';
import { benchEngine } from './engine';
import { runEngineMatrix } from './engine-matrix-bench';
import { loadAverage } from './engine-watch';
import { describeMachine, machineLine } from './machine';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const MB = 1_000_000;
const runs = Math.max(1, Number(process.argv[2] ?? 9));
const started = performance.now();
const sidMissing = loadTestEnv(repo, { sidEngines: needsSidEngines(requestedEngines(process.env)) });
const bench = new BenchRun('Engine matrix (npm run bench:engines)');
const machine = await describeMachine(benchEngine().docker);
const loadAtStart = loadAverage();
const engines = await runEngineMatrix(bench, {
  runs,
  base: process.env['RIB_BASE_IMAGE'] ?? 'python:3.11-slim',
  layerBytes: [50 * MB, 50 * MB],
  sidMissing,
  log: (line) => console.log(`  ${line}`),
});
bench.report.machine = machineLine(machine, null, engines);
bench.report.details.push(
  `Whole bench: ${((performance.now() - started) / 1000).toFixed(0)} s; ${runs} runs per side; load average (1, 5, 15 min) at start ${loadAtStart}, at end ${loadAverage()}`,
);
await bench.finish(repo, 'bench-engines.md');
