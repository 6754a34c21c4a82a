import fc from 'fast-check';
import { PushProgress } from '../../contract/domain/job';
import { createPushAggregator } from './push-progress';
import { type Scenario, recordedPush } from './testing/recorded-push';

/** Feeds a recorded stream with its real timing; returns every snapshot taken after an event. */
function replay(scenario: Scenario, options: Parameters<typeof createPushAggregator>[0] = {}) {
  const recorded = recordedPush(scenario);
  const aggregator = createPushAggregator(options);
  const snapshots = recorded.events.map(({ t, event }) => {
    aggregator.apply(event);
    return aggregator.snapshot(t);
  });
  return { aggregator, snapshots, recorded, last: snapshots.at(-1) as PushProgress };
}

function expectMonotonicPercent(snapshots: PushProgress[]) {
  for (let i = 1; i < snapshots.length; i += 1) {
    expect(snapshots[i]?.percent).toBeGreaterThanOrEqual(snapshots[i - 1]?.percent ?? 0);
  }
}

describe('the aggregator on streams recorded from the engine', () => {
  it('first push of the 191 MB base: exact final figures, clamped overshoot, a real speed and ETA', () => {
    const { aggregator, snapshots, recorded, last } = replay('first-push');
    for (const snapshot of snapshots) PushProgress.parse(snapshot);
    // The engine reports current 191,269,888 against total 191,237,006 near the end: clamped.
    const overshoot = recorded.events.findIndex(({ event }) => JSON.stringify(event).includes('"current":191269888'));
    expect(overshoot).toBeGreaterThan(0);
    expect(snapshots[overshoot]?.layers[0]).toMatchObject({ current: 191_237_006, total: 191_237_006, done: false });
    expect(snapshots[overshoot]?.percent).toBeLessThan(100);

    expect(last).toMatchObject({
      phase: 'done',
      percent: 100,
      bytesSent: 191_237_006,
      bytesTotal: 191_237_006,
      etaSeconds: 0,
      layersDone: 1,
      layersTotal: 1,
      totalKnown: true,
      message: null,
      layers: [{ id: 'f0fa5c311daa', status: 'Pushed', current: 191_237_006, total: 191_237_006, done: true, outcome: 'pushed' }],
    });
    expect(aggregator.result()).toEqual({ tag: '3.11-slim', digest: expect.stringMatching(/^sha256:[a-f0-9]{64}$/), size: 529 });
    expect(aggregator.counts()).toEqual({ pushed: 1, reused: 0, total: 1 });

    expectMonotonicPercent(snapshots);
    const uploading = snapshots.filter((s) => s.phase === 'pushing');
    expect(uploading.length).toBeGreaterThan(20);
    const middle = uploading[Math.floor(uploading.length / 2)] as PushProgress;
    expect(middle.bytesPerSecond).toBeGreaterThan(1_000_000);
    expect(middle.etaSeconds).not.toBeNull();
    // The final speed is the whole upload's average: bytes over the time from the first byte to the last.
    const firstByte = recorded.events.find(({ event }) => JSON.stringify(event).includes('"Pushing"'))?.t ?? 0;
    const lastByte = recorded.events.find(({ event }) => JSON.stringify(event).includes('"Pushed"'))?.t ?? 1;
    expect(last.bytesPerSecond).toBeGreaterThan(((191_237_006 * 1000) / (lastByte - 0)) * 0.9);
    expect(last.bytesPerSecond).toBeLessThan(((191_237_006 * 1000) / Math.max(1, lastByte - firstByte)) * 2);
  });

  it('re-push: every layer already exists, done at 100 %, nothing uploaded, sizes known from the first push', () => {
    const { aggregator, last } = replay('re-push');
    expect(last).toMatchObject({ phase: 'done', percent: 100, bytesPerSecond: 0, layersDone: 1 });
    expect(last.layers[0]).toMatchObject({ status: 'Layer already exists', done: true, outcome: 'exists', total: null });
    expect(aggregator.counts()).toEqual({ pushed: 0, reused: 1, total: 1 });

    const first = replay('first-push').aggregator;
    const seeded = replay('re-push', { knownLayerSizes: first.layerSizes() }).last;
    expect(seeded).toMatchObject({ bytesSent: 191_237_006, bytesTotal: 191_237_006, bytesPerSecond: 0 });
    expect(seeded.layers[0]).toMatchObject({ current: 191_237_006, total: 191_237_006, outcome: 'exists' });
  });

  it('mounted from another repository counts as done and reused', () => {
    const { aggregator, last } = replay('mounted');
    expect(last.layers[0]).toMatchObject({ status: 'Mounted from rib/python', done: true, outcome: 'mounted' });
    expect(aggregator.counts().reused).toBe(1);
  });

  it('many layers: Preparing then Waiting rows, no ETA while sizes are unknown, exact at the end', () => {
    const { aggregator, snapshots, recorded, last } = replay('many-layers');
    expect(snapshots[1]?.phase).toBe('preparing');
    const waitingAt = recorded.events.findIndex(({ event }) => JSON.stringify(event).includes('"Waiting"'));
    expect(waitingAt).toBeGreaterThan(0);
    expect(snapshots[waitingAt]?.layers.some((l) => l.status === 'Waiting')).toBe(true);
    for (const snapshot of snapshots) {
      PushProgress.parse(snapshot);
      if (!snapshot.totalKnown) expect(snapshot.etaSeconds).toBeNull();
    }
    expectMonotonicPercent(snapshots);
    expect(last).toMatchObject({ phase: 'done', percent: 100, layersDone: 8, layersTotal: 8 });
    expect(last.bytesSent).toBe(last.bytesTotal);
    expect(last.bytesTotal).toBe(7 * 3_000_000);
    expect(aggregator.counts()).toEqual({ pushed: 7, reused: 1, total: 8 });
  });

  it('wrong password: the error event is reported and the push shows as failed', () => {
    const { aggregator, last } = replay('wrong-password');
    expect(aggregator.failure()).toBe('unauthorized: authentication required');
    expect(aggregator.result()).toBeNull();
    expect(last).toMatchObject({ phase: 'failed', message: 'unauthorized: authentication required', etaSeconds: null });
  });

  it('registry restarted mid-push: retrying with the countdown, then resumed and finished', () => {
    const { snapshots, last } = replay('registry-restarted');
    const retrying = snapshots.filter((s) => s.phase === 'retrying');
    expect(retrying.length).toBeGreaterThan(0);
    expect(retrying[0]?.message).toMatch(/^Retrying in \d+ seconds?$/);
    expectMonotonicPercent(snapshots);
    expect(last).toMatchObject({ phase: 'done', percent: 100, message: null });
    expect(last.bytesSent).toBe(last.bytesTotal);
  });

  it('registry gone: retrying, then the engine error', () => {
    const { aggregator, snapshots, last } = replay('registry-gone');
    expect(snapshots.some((s) => s.phase === 'retrying')).toBe(true);
    expect(aggregator.failure()).toMatch(/connection refused/);
    expect(last.phase).toBe('failed');
    expect(last.percent).toBeLessThan(100);
  });
});

describe('the aggregator on cases the recordings do not show', () => {
  const pushing = (id: string, current: number, total?: number) => ({
    status: 'Pushing',
    progressDetail: total === undefined ? { current } : { current, total },
    id,
  });

  it('a layer without a total: bytes count, total is a lower bound, no ETA', () => {
    const aggregator = createPushAggregator();
    aggregator.apply(pushing('a', 1000));
    aggregator.apply(pushing('b', 500, 2000));
    const snapshot = aggregator.snapshot(0);
    expect(snapshot).toMatchObject({ bytesSent: 1500, bytesTotal: 3000, totalKnown: false, etaSeconds: null });
    expect(snapshot.layers.map((l) => l.total)).toEqual([null, 2000]);
    aggregator.apply({ status: 'Pushed', id: 'a' });
    expect(aggregator.snapshot(1)).toMatchObject({ bytesSent: 1500, bytesTotal: 3000, totalKnown: true });
  });

  it('a layer mounted from another repository before any size is known does not jump the bar ahead of the bytes', () => {
    const aggregator = createPushAggregator();
    aggregator.apply({ status: 'Preparing', progressDetail: {}, id: 'b' });
    aggregator.apply({ status: 'Preparing', progressDetail: {}, id: 'c' });
    aggregator.apply({ status: 'Mounted from team/other', progressDetail: {}, id: 'a' });
    expect(aggregator.snapshot(0).percent).toBe(0);
    aggregator.apply(pushing('b', 4_000_000, 80_000_000));
    aggregator.apply(pushing('c', 400_000, 80_000_000));
    const snapshot = aggregator.snapshot(1000);
    expect(snapshot.totalKnown).toBe(true);
    expect(snapshot.percent).toBeCloseTo((100 * 4_400_000) / 160_000_000, 5);
  });

  it('"Layer already exists" after a total was seen counts that size, but not as uploaded speed', () => {
    const aggregator = createPushAggregator();
    aggregator.snapshot(0);
    aggregator.apply(pushing('a', 100, 1_000_000));
    aggregator.snapshot(1000);
    aggregator.apply({ status: 'Layer already exists', id: 'a' });
    const snapshot = aggregator.snapshot(2000);
    expect(snapshot.layers[0]).toMatchObject({ current: 1_000_000, total: 1_000_000, done: true, outcome: 'exists' });
    expect(snapshot.bytesSent).toBe(1_000_000);
    expect(snapshot.bytesPerSecond).toBeLessThan(200);
  });

  it('measures speed over a sliding window', () => {
    const aggregator = createPushAggregator({ rateWindowMs: 2000 });
    aggregator.apply(pushing('a', 0, 100_000_000));
    aggregator.snapshot(0);
    // 1 MB/s for 5 s, then 10 MB/s for 3 s.
    let sent = 0;
    for (let t = 100; t <= 5000; t += 100) {
      sent += 100_000;
      aggregator.apply(pushing('a', sent, 100_000_000));
      aggregator.snapshot(t);
    }
    expect(aggregator.snapshot(5000).bytesPerSecond).toBeCloseTo(1_000_000, -4);
    for (let t = 5100; t <= 8000; t += 100) {
      sent += 1_000_000;
      aggregator.apply(pushing('a', sent, 100_000_000));
      aggregator.snapshot(t);
    }
    const snapshot = aggregator.snapshot(8000);
    expect(snapshot.bytesPerSecond).toBeCloseTo(10_000_000, -5);
    expect(snapshot.etaSeconds).toBeCloseTo((100_000_000 - sent) / 10_000_000, 0);
  });

  it('a retry that restarts a layer at 0 does not send the percentage back', () => {
    const aggregator = createPushAggregator();
    aggregator.apply(pushing('a', 600, 1000));
    expect(aggregator.snapshot(0).percent).toBe(60);
    aggregator.apply({ status: 'Retrying in 5 seconds', id: 'a' });
    expect(aggregator.snapshot(1)).toMatchObject({ phase: 'retrying', message: 'Retrying in 5 seconds', percent: 60 });
    aggregator.apply(pushing('a', 100, 1000));
    expect(aggregator.snapshot(2)).toMatchObject({ phase: 'pushing', message: null, percent: 60, bytesSent: 100 });
  });

  it('stays below 100 until the engine says done, even with every layer pushed', () => {
    const aggregator = createPushAggregator();
    aggregator.apply(pushing('a', 1000, 1000));
    aggregator.apply({ status: 'Pushed', id: 'a' });
    expect(aggregator.snapshot(0).percent).toBeLessThan(100);
    // Engines without aux (Docker 28 containerd store, Podman) say done with the digest line alone.
    aggregator.apply({ status: `1: digest: sha256:${'a'.repeat(64)} size: 9` });
    expect(aggregator.result()).toMatchObject({ size: 9 });
    expect(aggregator.snapshot(1)).toMatchObject({ percent: 100, phase: 'done' });
  });

  it('ignores lines that are not progress without changing anything', () => {
    const aggregator = createPushAggregator();
    aggregator.apply(pushing('a', 10, 100));
    const before = aggregator.snapshot(0);
    for (const line of ['', 'garbage', '[]', 'null', '{"status":"The push refers to repository [x/y]"}', '{"stream":"Step 1/2"}']) {
      expect(aggregator.apply(line).type).toBe('ignored');
    }
    expect(aggregator.snapshot(0)).toEqual(before);
  });
});

function brokenInvariant(s: PushProgress): string | null {
  if (!(s.percent >= 0 && s.percent <= 100)) return 'percent out of 0–100';
  if (!(s.bytesSent <= s.bytesTotal)) return 'sent > total';
  if (!Number.isFinite(s.bytesSent) || !Number.isFinite(s.bytesTotal)) return 'bytes not finite';
  if (!Number.isFinite(s.bytesPerSecond) || s.bytesPerSecond < 0) return 'speed not a finite non-negative number';
  if (s.etaSeconds !== null && !(s.etaSeconds >= 0 && Number.isFinite(s.etaSeconds))) return 'bad ETA';
  if (s.layersDone > s.layersTotal) return 'more layers done than there are';
  return null;
}

describe('the aggregator under generated events (property)', () => {
  const ids = fc.constantFrom('aaa', 'bbb', 'ccc', 'ddd', 'eee', 'fff');
  const size = fc.oneof(fc.nat(), fc.integer({ min: 0, max: 2 ** 40 }), fc.constant(0), fc.double({ noNaN: false }));
  const event = fc.oneof(
    {
      weight: 10,
      arbitrary: fc.record({ status: fc.constant('Pushing'), id: ids, progressDetail: fc.record({ current: size, total: size }, { requiredKeys: [] }) }),
    },
    {
      weight: 4,
      arbitrary: fc.record({
        status: fc.constantFrom(
          'Preparing',
          'Waiting',
          'Pushed',
          'Layer already exists',
          'Mounted from a/b',
          'Retrying in 3 seconds',
          'Retrying in 1 second',
          'Something new',
        ),
        id: ids,
        progressDetail: fc.constant({}),
      }),
    },
    { weight: 1, arbitrary: fc.record({ aux: fc.record({ Tag: fc.string(), Digest: fc.constantFrom(`sha256:${'b'.repeat(64)}`, 'nope'), Size: size }) }) },
    { weight: 1, arbitrary: fc.record({ error: fc.string(), errorDetail: fc.record({ message: fc.string() }, { requiredKeys: [] }) }, { requiredKeys: [] }) },
    { weight: 1, arbitrary: fc.string() },
    { weight: 1, arbitrary: fc.jsonValue() },
    { weight: 1, arbitrary: fc.record({ status: fc.string(), id: fc.option(fc.string(), { nil: undefined }) }, { requiredKeys: [] }) },
  );
  const step = fc.tuple(event, fc.integer({ min: -50, max: 2000 }));

  it('never throws; percent stays in 0–100; sent ≤ total; every snapshot fits the schema', () => {
    let events = 0;
    fc.assert(
      fc.property(fc.array(step, { minLength: 100, maxLength: 400 }), (steps) => {
        const aggregator = createPushAggregator({ rateWindowMs: 3000 });
        let now = 0;
        for (const [e, dt] of steps) {
          events += 1;
          aggregator.apply(e);
          now += dt;
          const s = aggregator.snapshot(now);
          const broken = brokenInvariant(s);
          if (broken !== null) throw new Error(`${broken} after event ${JSON.stringify(e)}: ${JSON.stringify(s)}`);
          if (events % 97 === 0) PushProgress.parse(s);
        }
        return true;
      }),
      { numRuns: 1000 },
    );
    expect(events).toBeGreaterThanOrEqual(100_000);
  }, 60_000);
});
