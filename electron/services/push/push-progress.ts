import type { LayerProgress, PushProgress } from '../../contract/domain/job';
import { type LayerOutcome, type PushEvent, parsePushEvent } from './push-event';

// Turns the engine's push events into what the user sees: overall bytes and percent, speed, ETA and
// one row per layer. Pure: time comes in as `nowMs`, nothing is read from the clock or the world.
//
// How the figures are made:
//  - A layer's bytes: `current` clamped to its `total` (the engine counts compressed bytes against
//    the uncompressed size, so current can pass total). A finished layer counts its whole size.
//  - bytesTotal: known sizes, plus `current` of layers whose size is not known yet, so it is a lower
//    bound (totalKnown false) until every unfinished layer has said its size; sent ≤ total always.
//  - "Layer already exists" / "Mounted from": done, not uploaded; their size counts when known
//    (from an earlier total, or from `knownLayerSizes` of an earlier attempt), else they add nothing.
//  - Speed counts only bytes actually uploaded, over a sliding window of samples taken at each
//    snapshot, so a layer that turns out to exist does not look like a burst of speed.
//  - Percent never goes back while the push runs (a retry restarts a layer at 0, a new layer's size
//    arrives late) and stays below 100 until the engine says the push is done (the aux event, or the
//    "<tag>: digest: …" line on engines that send no aux); then it is 100.

export interface PushAggregatorOptions {
  /** Sizes learnt by an earlier attempt (`layerSizes()`), so skipped layers still count their bytes. */
  knownLayerSizes?: ReadonlyMap<string, number>;
  /** Window for bytes per second. */
  rateWindowMs?: number;
}

export interface PushOutcome {
  tag: string;
  digest: string;
  size: number;
}

export interface PushAggregator {
  /** Reads one event (parsed JSON or a raw line) and updates the state; returns what it was. */
  apply(event: unknown): PushEvent;
  /** The figures at `nowMs` (also records a speed sample). */
  snapshot(nowMs: number): PushProgress;
  /** From the final aux event, or the "<tag>: digest: … size: …" line when no aux came. */
  result(): PushOutcome | null;
  /** The first error the engine reported, or null. */
  failure(): string | null;
  /** Sizes seen so far, to seed the aggregator of a retry. */
  layerSizes(): Map<string, number>;
  counts(): { pushed: number; reused: number; total: number };
}

interface LayerState {
  id: string;
  status: string;
  current: number;
  total: number | null;
  done: boolean;
  outcome: LayerOutcome | null;
  retrying: boolean;
}

interface Sample {
  t: number;
  bytes: number;
}

const DEFAULT_RATE_WINDOW_MS = 5_000;
// Samples closer than this add nothing to a seconds-long window; skipping them bounds memory when
// snapshots come thousands of times a second.
const MIN_SAMPLE_GAP_MS = 100;
const MAX_RUNNING_PERCENT = 99.9;

export function createPushAggregator(options: PushAggregatorOptions = {}): PushAggregator {
  const rateWindowMs = options.rateWindowMs ?? DEFAULT_RATE_WINDOW_MS;
  const knownSizes = new Map(options.knownLayerSizes ?? []);
  const layers = new Map<string, LayerState>();
  let uploaded = 0;
  let outcome: PushOutcome | null = null;
  let digestLine: PushOutcome | null = null;
  let failure: string | null = null;
  let lastMessage: string | null = null;
  let lastPercent = 0;
  let samples: Sample[] = [];
  // For the final average speed: the last snapshot before any byte went, and the last that saw bytes go.
  let idleUntil: number | null = null;
  let lastUploadAt: number | null = null;
  let uploadedAtLastSnapshot = 0;
  let lastNow = Number.NEGATIVE_INFINITY;

  const layer = (id: string): LayerState => {
    let state = layers.get(id);
    if (state === undefined) {
      state = { id, status: '', current: 0, total: knownSizes.get(id) ?? null, done: false, outcome: null, retrying: false };
      layers.set(id, state);
    }
    return state;
  };

  const setTotal = (state: LayerState, total: number): void => {
    state.total = total;
    knownSizes.set(state.id, total);
  };

  function apply(input: unknown): PushEvent {
    const event = parsePushEvent(input);
    switch (event.type) {
      case 'progress': {
        const state = layer(event.layerId);
        if (state.done) break; // a late progress line after "Pushed" must not undo it
        state.status = 'Pushing';
        state.retrying = false;
        if (event.total !== null) setTotal(state, event.total);
        if (event.current !== null) {
          const next = state.total === null ? event.current : Math.min(event.current, state.total);
          if (next > state.current) uploaded += next - state.current;
          state.current = next;
        }
        lastMessage = null;
        break;
      }
      case 'layer-status': {
        const state = layer(event.layerId);
        state.status = event.status;
        state.retrying = false;
        if (event.done) {
          state.done = true;
          state.outcome = event.outcome;
          if (state.total === null && event.outcome === 'pushed' && state.current > 0) setTotal(state, state.current);
          if (state.total !== null) {
            if (event.outcome === 'pushed' && state.current < state.total) uploaded += state.total - state.current;
            state.current = state.total;
          }
        }
        break;
      }
      case 'retrying': {
        const state = layer(event.layerId);
        state.status = event.status;
        state.retrying = true;
        lastMessage = event.status;
        break;
      }
      case 'done':
        outcome = { tag: event.tag, digest: event.digest, size: event.size };
        finishAll();
        break;
      case 'error':
        failure ??= event.message;
        lastMessage = event.message;
        break;
      case 'ignored':
        // Docker 28 with the containerd image store and Podman send no aux: the digest line is their
        // only "done", and it comes after the manifest is in the registry, so the push is complete.
        if (event.digestLine !== undefined && failure === null) {
          digestLine = event.digestLine;
          finishAll();
        }
        break;
    }
    return event;
  }

  // The engine says done only after every layer is in the registry; make the rows agree exactly.
  function finishAll(): void {
    for (const state of layers.values()) {
      if (state.done) continue;
      state.done = true;
      state.retrying = false;
      state.outcome ??= 'pushed';
      if (state.total !== null) state.current = state.total;
    }
  }

  function snapshot(nowMs: number): PushProgress {
    const now = Math.max(nowMs, lastNow);
    lastNow = now;
    if (uploaded === 0) idleUntil = now;
    else if (uploaded > uploadedAtLastSnapshot) lastUploadAt = now;
    uploadedAtLastSnapshot = uploaded;
    recordSample(now);

    const rows: LayerProgress[] = [];
    let bytesSent = 0;
    let bytesTotal = 0;
    let layersDone = 0;
    let totalKnown = layers.size > 0;
    let fractionSum = 0;
    // Layers the registry had (mounted, already there) before any size was seen carry no bytes: counted
    // in the estimate they would jump the bar ahead of the bytes, and it never comes back down.
    let fractionLayers = 0;
    let retrying: string | null = null;
    let started = false;
    for (const state of layers.values()) {
      const size = state.total ?? state.current;
      const sent = state.done ? size : Math.min(state.current, size);
      bytesSent += sent;
      bytesTotal += size;
      if (state.done) layersDone += 1;
      if (!state.done && state.total === null) totalKnown = false;
      if (!state.done && state.retrying) retrying ??= state.status;
      if (state.done || state.status === 'Pushing') started = true;
      if (!(state.done && size === 0)) {
        fractionLayers += 1;
        fractionSum += state.done ? 1 : state.total === null || state.total === 0 ? 0 : sent / state.total;
      }
      rows.push({ id: state.id, status: state.status, current: sent, total: state.total, done: state.done, outcome: state.outcome });
    }

    const finished = (outcome ?? digestLine) !== null;
    let percent: number;
    if (finished) percent = 100;
    else if (layers.size === 0) percent = 0;
    else {
      const byLayers = fractionLayers > 0 ? (100 * fractionSum) / fractionLayers : 0;
      const estimate = totalKnown && bytesTotal > 0 ? (100 * bytesSent) / bytesTotal : byLayers;
      percent = Math.min(MAX_RUNNING_PERCENT, Math.max(lastPercent, estimate));
    }
    if (failure === null) lastPercent = percent;

    const bytesPerSecond = finished ? averageRate() : windowRate(now);
    const remaining = Math.max(0, bytesTotal - bytesSent);
    const eta = totalKnown && bytesPerSecond > 0 ? remaining / bytesPerSecond : null;
    const etaSeconds = finished ? 0 : eta !== null && Number.isFinite(eta) ? eta : null;

    return {
      kind: 'push',
      bytesSent,
      bytesTotal,
      percent: failure === null ? percent : lastPercent,
      bytesPerSecond,
      etaSeconds: failure === null ? etaSeconds : null,
      layers: rows,
      phase: failure !== null ? 'failed' : finished ? 'done' : retrying !== null ? 'retrying' : started ? 'pushing' : 'preparing',
      layersDone,
      layersTotal: layers.size,
      totalKnown: totalKnown || finished,
      message: failure ?? retrying ?? (finished ? null : lastMessage),
    };
  }

  function recordSample(now: number): void {
    const last = samples.at(-1);
    if (last === undefined || now - last.t >= MIN_SAMPLE_GAP_MS) samples.push({ t: now, bytes: uploaded });
    // Keep one sample at or before the window's start as the anchor of the rate.
    const start = now - rateWindowMs;
    let drop = 0;
    while (drop + 1 < samples.length && (samples[drop + 1]?.t ?? now) <= start) drop += 1;
    if (drop > 0) samples = samples.slice(drop);
  }

  function windowRate(now: number): number {
    const anchor = samples[0];
    if (anchor === undefined) return 0;
    const elapsed = now - anchor.t;
    // Less than a fifth of a second says more about event batching than about speed.
    if (elapsed < 200) return 0;
    return Math.max(0, ((uploaded - anchor.bytes) * 1000) / elapsed);
  }

  function averageRate(): number {
    if (idleUntil === null || lastUploadAt === null || lastUploadAt <= idleUntil) return 0;
    return (uploaded * 1000) / (lastUploadAt - idleUntil);
  }

  return {
    apply,
    snapshot,
    result: () => outcome ?? digestLine,
    failure: () => failure,
    layerSizes: () => new Map(knownSizes),
    counts: () => {
      let pushed = 0;
      let reused = 0;
      for (const state of layers.values()) {
        if (state.outcome === 'pushed') pushed += 1;
        else if (state.outcome === 'exists' || state.outcome === 'mounted') reused += 1;
      }
      return { pushed, reused, total: layers.size };
    },
  };
}
