// Each benchmark's figures as report rows, with the reason when a goal is missed. The goals are the
// ones issue 7 sets; every figure shown was measured in this run.
import type { BenchResult } from './build-bench';
import type { EventRateResult } from './event-rate-bench';
import type { JourneyBenchResult } from './journey-bench';
import type { LoadResult } from './load-bench';
import type { LogAppendResult } from './log-append-bench';
import type { PushBenchResult } from './push-bench';
import type { PushMemoryResult } from './push-memory';
import type { RendererSize } from './renderer-build';
import { kB, MB, msList, ratioStatus, type Row } from './report';
import { ms, spread } from './stats';

const pct = (share: number): string => `${(share * 100).toFixed(1)} %`;

export const GOALS = { ratio: 1.03, updatesPerSecond: 10, appendMs: 50, jsGzipBytes: 300_000, loadMs: 500, memoryBytes: 200e6 } as const;

export interface Section {
  rows: Row[];
  why: string[];
  details: string[];
}

const ratio = (value: number): string => value.toFixed(3);

export function buildRows(result: BenchResult): Section {
  const row: Row = {
    measure: 'Build ÷ `docker build` (uncached)',
    result: `${ratio(result.ratio.uncached)} (app ${ms(result.app.uncached.medianMs)}, CLI ${ms(result.cliClassic.uncached.medianMs)}; paired ${ratio(result.pairedRatio.uncached)})`,
    goal: `≤ ${GOALS.ratio}`,
    status: ratioStatus(result.ratio.uncached, GOALS.ratio),
    notes: `medians of ${result.runs} alternating runs each; same recipe, classic builder on both sides (CLI with DOCKER_BUILDKIT=0); --no-cache; run-to-run spread ±${pct(spread(result.app.uncached.runsMs))} app, ±${pct(spread(result.cliClassic.uncached.runsMs))} CLI`,
  };
  const cached: Row = {
    measure: 'Cached rebuild',
    result: `${ms(result.app.cached.medianMs)} (CLI ${ms(result.cliClassic.cached.medianMs)}, ratio ${ratio(result.ratio.cached)})`,
    goal: '—',
    status: 'info',
    notes: `the same recipe rebuilt unchanged, every step from the cache; medians of ${result.runs} alternating runs`,
  };
  const why: string[] = [];
  if (row.status === 'missed') why.push(`Build: app ${msList(result.app.uncached.runsMs)} ms vs CLI ${msList(result.cliClassic.uncached.runsMs)} ms; the paired ratio (${ratio(result.pairedRatio.uncached)}) says whether this is drift or the app.`);
  return {
    rows: [row, cached],
    why,
    details: [
      `Build uncached (ms): app ${msList(result.app.uncached.runsMs)} | CLI ${msList(result.cliClassic.uncached.runsMs)}`,
      `Build cached (ms): app ${msList(result.app.cached.runsMs)} | CLI ${msList(result.cliClassic.cached.runsMs)}`,
      'unavailable' in result.cliDefault ? `CLI default builder (BuildKit) not measured: ${result.cliDefault.unavailable}` : 'CLI default builder measured separately',
    ],
  };
}

function uploadNote(uploaded: Record<string, number[]>, expected: number | null): string {
  const all = Object.values(uploaded).flat();
  const same = all.every((n) => n === all[0]);
  if (expected !== null && same && all[0] === expected) return `every measured push uploaded ${expected} layers, on every side`;
  return `layers uploaded per push: ${Object.entries(uploaded)
    .map(([side, counts]) => `${side} ${counts.join(', ')}`)
    .join('; ')}`;
}

export function pushRows(result: PushBenchResult): Section {
  const sizes = result.layerBytes.map((b) => MB(b)).join(' + ');
  const appOverApi = result.app.medianMs / result.api.medianMs;
  const apiOverCli = result.api.medianMs / result.cli.medianMs;
  const row: Row = {
    measure: 'Push ÷ `docker push`',
    result: `${ratio(result.ratio)} (app ${ms(result.app.medianMs)}, CLI ${ms(result.cli.medianMs)}; paired ${ratio(result.pairedRatio)})`,
    goal: `≤ ${GOALS.ratio}`,
    status: ratioStatus(result.ratio, GOALS.ratio),
    notes:
      `medians of ${result.runs} runs each, sides taking turns; a new image per push, random layers ${sizes}, to an empty private registry (htpasswd, http on 127.0.0.1); ${uploadNote(result.uploaded, result.layerBytes.length)}; ` +
      `app = pushImage wired as the push job, incl. its tag call; engine API direct (dockerode, no app code) ${ms(result.api.medianMs)}: app ÷ API ${ratio(appOverApi)}, API ÷ CLI ${ratio(apiOverCli)}; run-to-run spread ±${pct(spread(result.app.runsMs))} app, ±${pct(spread(result.cli.runsMs))} CLI`,
  };
  const why: string[] = [];
  if (row.status === 'missed') {
    why.push(
      `Push: app ${msList(result.app.runsMs)} ms vs CLI ${msList(result.cli.runsMs)} ms (paired ratio ${ratio(result.pairedRatio)}). ` +
        `The app's own code accounts for app ÷ API = ${ratio(appOverApi)} (the API side sends the same request without it); the engine API itself against the CLI is ${ratio(apiOverCli)}. ` +
        `With a run-to-run spread of ±${pct(spread(result.app.runsMs))} (app) and ±${pct(spread(result.cli.runsMs))} (CLI) on this shared 2-core engine, a gap of ${pct(result.ratio - 1)} is ${Math.abs(result.ratio - 1) <= Math.max(spread(result.app.runsMs), spread(result.cli.runsMs)) ? 'within' : 'beyond'} the noise.`,
    );
  }
  return { rows: [row], why, details: [`Push (ms): app ${msList(result.app.runsMs)} | engine API ${msList(result.api.runsMs)} | CLI ${msList(result.cli.runsMs)}`] };
}

export function journeyRows(result: JourneyBenchResult): Section {
  const row: Row = {
    measure: 'Build + push ÷ CLI build + push',
    result: `${ratio(result.ratio)} (app ${ms(result.app.medianMs)}, CLI ${ms(result.cli.medianMs)}; paired ${ratio(result.pairedRatio)})`,
    goal: `≤ ${GOALS.ratio}`,
    status: ratioStatus(result.ratio, GOALS.ratio),
    notes: `medians of ${result.runs} alternating runs each: uncached build of the bench recipe, then push to the private registry; ${uploadNote(result.uploaded, null)}; build part app ${ms(result.buildPart.app.medianMs)} vs CLI ${ms(result.buildPart.cli.medianMs)}, push part app ${ms(result.pushPart.app.medianMs)} vs CLI ${ms(result.pushPart.cli.medianMs)}; run-to-run spread ±${pct(spread(result.app.runsMs))} app, ±${pct(spread(result.cli.runsMs))} CLI`,
  };
  const why: string[] = [];
  if (row.status === 'missed') {
    why.push(
      `Build + push: app ${msList(result.app.runsMs)} ms vs CLI ${msList(result.cli.runsMs)} ms (paired ${ratio(result.pairedRatio)}); ` +
        `build part app ${ratio(result.buildPart.app.medianMs / result.buildPart.cli.medianMs)} × CLI, push part ${ratio(result.pushPart.app.medianMs / result.pushPart.cli.medianMs)} × CLI; ` +
        `run-to-run spread ±${pct(spread(result.app.runsMs))} (app), ±${pct(spread(result.cli.runsMs))} (CLI).`,
    );
  }
  return {
    rows: [row],
    why,
    details: [
      `Build + push (ms): app ${msList(result.app.runsMs)} | CLI ${msList(result.cli.runsMs)}; build part: app ${msList(result.buildPart.app.runsMs)} | CLI ${msList(result.buildPart.cli.runsMs)}; push part: app ${msList(result.pushPart.app.runsMs)} | CLI ${msList(result.pushPart.cli.runsMs)}`,
    ],
  };
}

export function eventRateRows(result: EventRateResult): Section {
  const met = result.maxInOneSecond <= GOALS.updatesPerSecond && result.exact.ok;
  const rows: Row[] = [
    {
      measure: 'Renderer updates/s at 5,000 engine events/s',
      result: `max ${result.maxInOneSecond} in any 1 s window (per second from the start: ${result.perSecondBuckets.join(', ')}; steady ${result.steadyPerSecond.toFixed(1)}/s); final totals exact: ${result.exact.ok ? 'yes' : 'NO'}`,
      goal: `≤ ${GOALS.updatesPerSecond}, exact totals`,
      status: met ? 'met' : 'missed',
      notes: `recorded '${result.scenario}' stream (${result.recordedEvents} events, each progress step split ×${result.factor} → ${result.events.toLocaleString('en-US')} events) replayed at ${Math.round(result.achievedRate).toLocaleString('en-US')} events/s through pushImage + a real JobManager (default interval; median gap ${result.medianGapMs.toFixed(0)} ms, smallest ${result.minGapMs.toFixed(0)} ms); ${result.publishes} updates in ${(result.replayMs / 1000).toFixed(1)} s; last update = the aggregator's final figures and an unpaced aggregator's, log complete with no gap`,
    },
    {
      measure: 'Aggregator throughput',
      result: `${(result.aggregatorRate / 1e6).toFixed(2)} M events/s`,
      goal: '—',
      status: 'info',
      notes: `apply + snapshot per event, as pushImage calls them; the whole service path (line splitting, parsing, aggregation, JobManager) unpaced: ${Math.round(result.pipelineRate).toLocaleString('en-US')} events/s`,
    },
  ];
  const why: string[] = [];
  if (!result.exact.ok) why.push(`Update totals: ${result.exact.problems.join('; ')}`);
  if (result.maxInOneSecond > GOALS.updatesPerSecond) {
    why.push(
      `Updates: the coalescing settles at ${result.steadyPerSecond.toFixed(1)}/s (median gap ${result.medianGapMs.toFixed(1)} ms), but up to ${result.maxInOneSecond} updates fall in one second. ` +
        "JobManager (electron/core/job-manager.ts) keeps a *minimum* gap of its interval between timer flushes; n + 1 flushes n intervals apart span n intervals (fence-post), " +
        'and its clock is Date.now (1 ms steps), so a gap can come out a little short. ' +
        `On top, the job's first and final states are published at once (start() and finish() bypass the interval; smallest gap here ${result.minGapMs.toFixed(1)} ms). ` +
        'To hold ≤ 10 in every second the interval must leave room for those (e.g. 125 ms: at most 8 timer flushes plus start and final). App code: reported, not changed by the bench.',
    );
  }
  return { rows, why, details: [] };
}

export function appendRows(result: LogAppendResult): Section {
  const row: Row = {
    measure: `Append ${result.appendLines.toLocaleString('en-US')} lines to a ${result.baseLines.toLocaleString('en-US')}-line log`,
    result: `${ms(result.medianMs)} median (max ${ms(Math.max(...result.runsMs))})`,
    goal: `< ${GOALS.appendMs} ms`,
    status: result.medianMs < GOALS.appendMs ? 'met' : 'missed',
    notes: `headless Chromium, the built renderer's Build screen (LogView); ${result.runsMs.length} bursts on a log growing from ${result.baseLines.toLocaleString('en-US')} lines, each one JobManager update; clock in the page from the update's arrival to the first painted frame showing the new last line`,
  };
  const why: string[] = [];
  if (row.status === 'missed') why.push(`Log append: runs ${msList(result.runsMs)} ms; the listener itself took ${msList(result.handlerMs)} ms and React committed after ${msList(result.commitMs)} ms, the rest is layout, the virtualizer's scroll to the end and paint.`);
  return {
    rows: [row],
    why,
    details: [`Log append (ms): painted ${msList(result.runsMs)}; React commit ${msList(result.commitMs)}; listener ${msList(result.handlerMs)}`],
  };
}

export interface SizeFindings {
  size: RendererSize;
  minified: { minified: boolean; lines: number };
  whatIf: RendererSize | null;
  breakdown: { name: string; bytes: number; share: number }[];
}

export function sizeRows(found: SizeFindings): Section {
  const { size } = found;
  const row: Row = {
    measure: 'Renderer JS, gzipped',
    result: kB(size.gzipBytes),
    goal: `≤ ${kB(GOALS.jsGzipBytes)}`,
    status: size.gzipBytes <= GOALS.jsGzipBytes ? 'met' : 'missed',
    notes: `${size.files.length} file(s) in the renderer's assets/, ${kB(size.rawBytes)} raw, built by electron-vite from the current sources; zlib default level; ${found.minified.minified ? 'minified' : `NOT minified (${found.minified.lines.toLocaleString('en-US')} lines)`}`,
  };
  const why: string[] = [];
  if (row.status === 'missed') {
    const parts = found.breakdown.map((p) => `${p.name} ${(p.share * 100).toFixed(0)}%`).join(', ');
    const whatIf = found.whatIf === null ? '' : ` Built with \`renderer.build.minify: true\` added to electron.vite.config.ts (what-if, measured in this run) the same code is ${kB(found.whatIf.gzipBytes)} gzipped (${kB(found.whatIf.rawBytes)} raw).`;
    const cause = found.minified.minified
      ? 'The bundle is minified; what remains is the libraries.'
      : 'The renderer bundle is shipped unminified: electron-vite 6 sets `build.minify: false` for the renderer by default (node_modules/electron-vite, electronRendererConfigPresetPlugin) and electron.vite.config.ts does not turn it on.';
    why.push(`Renderer size: ${cause}${whatIf} Largest parts of the bundle (raw bytes, from its source map): ${parts}.`);
  }
  return { rows: [row], why, details: [] };
}

export function loadRows(result: LoadResult, whatIf: LoadResult | null): Section {
  const row: Row = {
    measure: 'Load-to-interactive',
    result: `${ms(result.medianMs)} median`,
    goal: `≤ ${GOALS.loadMs} ms`,
    status: result.medianMs <= GOALS.loadMs ? 'met' : 'missed',
    notes: `headless Chromium, new context (empty cache) per run, ${result.runsMs.length} runs; navigation start → first painted frame with "Container engine" and an enabled nav step (then a trial click on the nav: ${ms(Math.max(...result.wallMs))} at most from page.goto, test-side)`,
  };
  const why: string[] = [];
  if (row.status === 'missed') why.push(`Load: runs ${msList(result.runsMs)} ms.${whatIf === null ? '' : ` With the minified what-if build: ${ms(whatIf.medianMs)} median.`}`);
  return { rows: [row], why, details: [`Load (ms, in page): ${msList(result.runsMs)}; page.goto → nav clickable (test side): ${msList(result.wallMs)}`] };
}

export function memoryRows(result: PushMemoryResult): Section {
  const row: Row = {
    measure: 'Peak memory of the services during a 500 MB push',
    result: `${MB(result.peakBytes)} (baseline ${MB(result.baselineBytes)})`,
    goal: `≤ ${MB(GOALS.memoryBytes)}`,
    status: result.peakBytes <= GOALS.memoryBytes ? 'met' : 'missed',
    notes: `a Node process (node --import tsx) doing only the app-side push (pushImage + JobManager) of fresh random layers, ${MB(result.pushedBytes)} uploaded in ${(result.pushMs / 1000).toFixed(1)} s, ${result.layersPushed} layers; peak RSS by ${result.method}; baseline = same process, modules loaded, no push (includes tsx compiling TypeScript at run time, which the packaged app does not do)`,
  };
  const why: string[] = [];
  if (row.status === 'missed') why.push(`Memory: peak ${MB(result.peakBytes)} against a baseline of ${MB(result.baselineBytes)} without the push.`);
  return { rows: [row], why, details: [] };
}
