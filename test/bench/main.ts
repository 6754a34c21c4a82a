// `npm run bench [runs]`: every benchmark of issue 7 in one run, against the real engine, registry and
// Chromium, ending in one Markdown table (also written to test-results/bench.md).
// Needs the test engine (it starts it like `npm test` does when the machine allows).
//
// Order: the engine-bound benchmarks first (they share one private registry, whose base layer the
// push warm-up uploads), then the in-process and browser ones, so no two measurements overlap.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, startAppHarness } from './browser';
import { bundleBreakdown } from './bundle-breakdown';
import { benchBuild } from './build-bench';
import { benchEngine } from './engine';
import { engineIdentity, loadAverage } from './engine-watch';
import { benchEventRate } from './event-rate-bench';
import { benchJourney } from './journey-bench';
import { benchLoad, type LoadResult } from './load-bench';
import { benchLogAppend } from './log-append-bench';
import { describeMachine, machineLine } from './machine';
import { benchPush } from './push-bench';
import { benchPushMemory } from './push-memory';
import { type RegistrySession, startRegistrySession } from './registry-session';
import { buildRenderer, looksMinified, rendererJsSize, writeMinifyConfig } from './renderer-build';
import { type Report, renderReport } from './report';
import { appendRows, buildRows, eventRateRows, GOALS, journeyRows, loadRows, memoryRows, pushRows, type Section, sizeRows } from './rows';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const MB = 1_000_000;

/** Loads .test-env/env.sh after starting the services, as the test command does. */
function loadTestEnv(): void {
  execFileSync('bash', ['test/infra/up.sh'], { cwd: repo, stdio: 'inherit' });
  const envFile = `${process.env['RIB_TEST_DIR'] ?? `${repo}.test-env`}/env.sh`;
  if (!existsSync(envFile)) return;
  for (const line of readFileSync(envFile, 'utf8').split('\n')) {
    const match = /^export ([A-Z_]+)=(.*)$/.exec(line);
    if (match?.[1] && match[2] !== undefined) process.env[match[1]] = match[2].replace(/\\ /g, ' ');
  }
}

// Nine by default: the shared engine's run-to-run spread is a few per cent, and a median of five can cross 1.03 by chance.
const runs = Math.max(5, Number(process.argv[2] ?? 9));
const started = performance.now();
loadTestEnv();
const { docker } = benchEngine();
const base = process.env['RIB_BASE_IMAGE'] ?? 'python:3.11-slim';
const report: Report = { title: `Benchmarks (npm run bench, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC)`, machine: '', rows: [], why: [], details: [] };
const errors: string[] = [];
let browserVersion: string | null = null;

function add(section: Section): void {
  report.rows.push(...section.rows);
  report.why.push(...section.why);
  report.details.push(...section.details);
}

/** Runs one benchmark; a failure becomes an error row (and a non-zero exit), not a missing table. */
async function section(measures: string[], run: () => Promise<void>): Promise<void> {
  const t = performance.now();
  console.log(`\n▶ ${measures.join(' · ')}`);
  try {
    await run();
  } catch (error) {
    // Playwright's messages carry colour codes and a call log; the first line says what failed.
    const full = (error instanceof Error ? error.message : String(error)).replace(/\u001b\[[0-9;]*m/g, '');
    const message = full.split('\n')[0] ?? full;
    errors.push(`${measures.join(', ')}: ${message}`);
    console.error(`  failed: ${full}`);
    for (const measure of measures) report.rows.push({ measure, result: 'not measured', goal: '', status: 'error', notes: message.slice(0, 400) });
  }
  console.log(`  ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

const machine = await describeMachine(docker);
const engineAtStart = engineIdentity();
const loadAtStart = loadAverage();

await section(['Build ÷ `docker build`', 'Cached rebuild'], async () => add(buildRows(await benchBuild({ runs }))));

// One private registry for the push benchmarks, started when the first needs it. A holder object,
// so TypeScript does not narrow it to null across the closures that set it.
const registry: { session: RegistrySession | null } = { session: null };
const session = async (): Promise<RegistrySession> => (registry.session ??= await startRegistrySession());
try {
  await section(['Push ÷ `docker push`'], async () => {
    add(pushRows(await benchPush({ docker, session: await session(), runs, layerBytes: [50 * MB, 50 * MB], base })));
  });
  await section(['Build + push ÷ CLI build + push'], async () => {
    add(journeyRows(await benchJourney({ docker, session: await session(), runs })));
  });
  await section(['Peak memory of the services during a 500 MB push'], async () => {
    const layerBytes = [100 * MB, 100 * MB, 100 * MB, 100 * MB, 100 * MB];
    add(memoryRows(await benchPushMemory({ docker, session: await session(), base, layerBytes })));
  });
} finally {
  await registry.session?.dispose();
}

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

// The table in the issue's order, whatever order the benchmarks ran in.
const order = ['Build ÷', 'Push ÷', 'Build + push', 'Cached rebuild', 'Renderer updates', 'Aggregator', 'Append', 'Renderer JS', 'Load', 'Peak memory'];
const rank = (measure: string): number => order.findIndex((prefix) => measure.startsWith(prefix));
report.rows.sort((a, b) => rank(a.measure) - rank(b.measure));
report.machine = machineLine(machine, browserVersion);
report.details.push(`Whole bench: ${((performance.now() - started) / 1000).toFixed(0)} s; load average (1, 5, 15 min) at start ${loadAtStart}, at end ${loadAverage()}`);
const engineAtEnd = engineIdentity();
if (engineAtStart !== engineAtEnd) {
  report.why.unshift(`Warning: the test engine was restarted during the bench (dockerd ${engineAtStart ?? 'unknown'} → ${engineAtEnd ?? 'not running'}); another test run (the fault suite stops it) shared it, so the engine figures may be disturbed.`);
}
const text = renderReport(report);
await mkdir(join(repo, 'test-results'), { recursive: true });
await writeFile(join(repo, 'test-results', 'bench.md'), text);
console.log(`\n${text}`);
console.log('(written to test-results/bench.md)');
if (errors.length > 0) {
  console.error(`\n${errors.length} benchmark(s) could not run:\n${errors.map((e) => `  - ${e}`).join('\n')}`);
  process.exitCode = 1;
}
