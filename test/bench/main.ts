// `npm run bench [runs]`: every benchmark of issues 7 and 13 in one run, against the real engines,
// registries and Chromium, ending in one Markdown table (also written to test-results/bench.md).
// Needs the test engines (it starts them like `npm test` and `npm run test:engines` do when the
// machine allows). RIB_BENCH_ENGINES="docker28 podman" narrows the engine matrix; `npm run
// bench:engines [runs]` runs the matrix alone.
//
// Order: the engine matrix first (one engine at a time, each with a registry of its own), then the
// test engine's journey and memory benchmarks (one private registry, whose base layer the first push
// uploads), then the in-process and browser ones, so no two measurements overlap.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builderOf } from '../../electron/services/build';
import { needsSidEngines, requestedEngines } from './bench-engines';
import { loadTestEnv } from './bench-env';
import { BenchRun } from './bench-run';
import { launchChromium, startAppHarness } from './browser';
import { bundleBreakdown } from './bundle-breakdown';
import { engineCli, type EngineCli } from './engine-cli';
import { benchEngine } from './engine';
import { runEngineMatrix } from './engine-matrix-bench';
import { engineIdentity, loadAverage } from './engine-watch';
import { benchEventRate } from './event-rate-bench';
import { benchJourney } from './journey-bench';
import { benchLoad, type LoadResult } from './load-bench';
import { benchLogAppend } from './log-append-bench';
import { describeMachine, machineLine } from './machine';
import { benchPushMemory } from './push-memory';
import { type RegistrySession, startRegistrySession } from './registry-session';
import { buildRenderer, looksMinified, rendererJsSize, writeMinifyConfig } from './renderer-build';
import { layersBenchEngine, layersBenchRuns, runLayersBench } from './layers-bench';
import { appendRows, eventRateRows, GOALS, journeyRows, layersRows, loadRows, memoryRows, sizeRows } from './rows';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const MB = 1_000_000;

// Nine by default: the shared engine's run-to-run spread is a few per cent, and a median of five can cross 1.03 by chance.
// Fewer are for trying the bench out (`npm run bench 1`), not for figures.
const runs = Math.max(1, Number(process.argv[2] ?? 9));
const started = performance.now();
const sidMissing = loadTestEnv(repo, { sidEngines: needsSidEngines([...requestedEngines(process.env), layersBenchEngine(process.env)]) });
const { docker, socketPath } = benchEngine();
const base = process.env['RIB_BASE_IMAGE'] ?? 'python:3.11-slim';
const bench = new BenchRun('Benchmarks (npm run bench)');
const section = bench.section.bind(bench);
const add = bench.add.bind(bench);
let browserVersion: string | null = null;

const machine = await describeMachine(docker);
const engineAtStart = engineIdentity();
const loadAtStart = loadAverage();

// The engine matrix first: app ÷ the engine's own CLI on every engine, each with a registry of its own.
const engines = await runEngineMatrix(bench, { runs, base, layerBytes: [50 * MB, 50 * MB], sidMissing, log: (line) => console.log(`  ${line}`) });

// The journey and the memory bench on the test engine (DOCKER_HOST), sharing one private registry,
// started when the first needs it. Holder objects, so TypeScript does not narrow them to null across
// the closures that set them.
const registry: { session: RegistrySession | null; cli: EngineCli | null } = { session: null, cli: null };
const session = async (): Promise<{ session: RegistrySession; cli: EngineCli }> => {
  registry.cli ??= await engineCli({ key: 'docker20', label: 'test engine', socketPath, registryHostname: '127.0.0.1' }, await builderOf(docker));
  registry.session ??= await startRegistrySession({ hostname: '127.0.0.1', cli: registry.cli });
  return { session: registry.session, cli: registry.cli };
};
try {
  await section(['Build + push ÷ CLI build + push'], async () => {
    add(journeyRows(await benchJourney({ docker, ...(await session()), runs })));
  });
  await section(['Peak memory of the services during a 500 MB push'], async () => {
    const layerBytes = [100 * MB, 100 * MB, 100 * MB, 100 * MB, 100 * MB];
    add(memoryRows(await benchPushMemory({ docker, session: (await session()).session, base, layerBytes })));
  });
} finally {
  await registry.session?.dispose();
  await registry.cli?.dispose();
}

// The loop against the seed's recipe, on an engine and registry of its own (RIB_LAYERS_BENCH_ENGINE,
// Docker 28 with BuildKit by default; RIB_LAYERS_BENCH_RUNS; the framework's size: RIB_FRAMEWORK_MB).
await section(['Add one package: rebuild + push ÷ seed recipe', 'Add one package: bytes pushed ÷ image size', 'First build + push ÷ seed recipe'], async () => {
  add(layersRows(await runLayersBench({ runs: layersBenchRuns(process.env), base, log: (line) => console.log(`  ${line}`) })));
});

await section(['Renderer updates/s at 5,000 engine events/s', 'Aggregator throughput'], async () => add(eventRateRows(await benchEventRate())));

const work = await mkdtemp(join(tmpdir(), 'rib-bench-renderer-'));
try {
  let shipped: string | null = null;
  let minifiedBuild: string | null = null;
  await section(['Renderer JS, gzipped'], async () => {
    shipped = await buildRenderer(repo, join(work, 'shipped'));
    const size = await rendererJsSize(shipped);
    let whatIf = null;
    let breakdown: { name: string; bytes: number; share: number }[] = [];
    if (size.gzipBytes > GOALS.jsGzipBytes) {
      // Over budget: find out what the bundle is made of, and what minifying it would give.
      breakdown = (await bundleBreakdown(await buildRenderer(repo, join(work, 'mapped'), { sourcemap: true }))).slice(0, 6);
      const configDir = join(repo, 'test-results', 'bench');
      const configFile = await writeMinifyConfig(repo, configDir);
      try {
        minifiedBuild = await buildRenderer(repo, join(work, 'minified'), { configFile });
      } finally {
        await rm(configFile, { force: true });
      }
      whatIf = await rendererJsSize(minifiedBuild);
    }
    add(sizeRows({ size, minified: await looksMinified(shipped), whatIf, breakdown }));
  });

  await section(['Load-to-interactive', 'Append 10,000 lines to a 200,000-line log'], async () => {
    if (shipped === null) throw new Error('the renderer did not build');
    const browser = await launchChromium();
    browserVersion = `Chromium ${browser.version()} (headless, Debian)`;
    try {
      const harness = await startAppHarness(browser, shipped);
      let load: LoadResult;
      try {
        // Load first, while the core holds no job: the log bench leaves a 250,000-line one behind.
        load = await benchLoad(harness, runs);
        add(appendRows(await benchLogAppend(harness, { runs })));
      } finally {
        await harness.close();
      }
      let whatIf: LoadResult | null = null;
      if (load.medianMs > GOALS.loadMs && minifiedBuild !== null) {
        const minified = await startAppHarness(browser, minifiedBuild);
        try {
          whatIf = await benchLoad(minified, runs);
        } finally {
          await minified.close();
        }
      }
      add(loadRows(load, whatIf));
    } finally {
      await browser.close();
    }
  });
} finally {
  await rm(work, { recursive: true, force: true });
}

// The matrix's rows first, in engine order; then the rest in the order, whatever order they ran in.
const order = ['Build + push', 'Add one package', 'First build + push', 'Renderer updates', 'Aggregator', 'Append', 'Renderer JS', 'Load', 'Peak memory'];
const rank = (measure: string): number => order.findIndex((prefix) => measure.startsWith(prefix));
const report = bench.report;
report.rows.sort((a, b) => rank(a.measure) - rank(b.measure));
report.machine = machineLine(machine, browserVersion, engines);
report.details.push(
  `Whole bench: ${((performance.now() - started) / 1000).toFixed(0)} s; load average (1, 5, 15 min) at start ${loadAtStart}, at end ${loadAverage()}`,
);
const engineAtEnd = engineIdentity();
if (engineAtStart !== engineAtEnd) {
  report.why.unshift(
    `Warning: the test engine was restarted during the bench (dockerd ${engineAtStart ?? 'unknown'} → ${engineAtEnd ?? 'not running'}); another test run (the fault suite stops it) shared it, so the engine figures may be disturbed.`,
  );
}
await bench.finish(repo, 'bench.md');
