// A recorded push stream (test/fixtures/push-events), made long enough to replay at a high rate, and
// a fake engine that plays it back at a chosen pace through the same code path as a real push.
//
// The engine itself sends about ten progress events a second per layer (a 191 MB push is 54
// events), so no recording lasts more than a few milliseconds at 5,000 events/s. To measure a rate
// over seconds, each recorded "Pushing" step of a layer is split into k equal steps (same layer id,
// same total, current rising from the previous recorded value to the recorded one). Everything else
// (Preparing, Waiting, Pushed, Mounted, the digest line, aux) is kept as recorded, in order, so the
// final figures are the recording's.
import { PassThrough } from 'node:stream';
import type { PushEngine } from '../../electron/services/push';
import { recordedPush, type Scenario } from '../../electron/services/push/testing/recorded-push';

export interface ReplayLines {
  scenario: Scenario;
  recordedEvents: number;
  /** Each recorded progress step became this many. */
  factor: number;
  lines: string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function progressOf(event: unknown): { id: string; current: number; total: unknown } | null {
  if (!isRecord(event) || event['status'] !== 'Pushing' || typeof event['id'] !== 'string') return null;
  const detail = event['progressDetail'];
  if (!isRecord(detail) || typeof detail['current'] !== 'number') return null;
  return { id: event['id'], current: detail['current'], total: detail['total'] };
}

/** The recording with its progress steps split so that it has at least `target` events. */
export function densify(scenario: Scenario, target: number): ReplayLines {
  const events = recordedPush(scenario).events.map(({ event }) => event);
  const progressCount = events.filter((event) => progressOf(event) !== null).length;
  if (progressCount === 0) throw new Error(`${scenario} has no progress events to replay`);
  const factor = Math.max(1, Math.ceil((target - (events.length - progressCount)) / progressCount));
  const previous = new Map<string, number>();
  const lines: string[] = [];
  for (const event of events) {
    const progress = progressOf(event);
    if (progress === null || !isRecord(event)) {
      lines.push(typeof event === 'string' ? event : JSON.stringify(event));
      continue;
    }
    const from = previous.get(progress.id) ?? 0;
    for (let step = 1; step <= factor; step += 1) {
      const current = step === factor ? progress.current : Math.round(from + ((progress.current - from) * step) / factor);
      lines.push(JSON.stringify({ ...event, progressDetail: { current, total: progress.total } }));
    }
    previous.set(progress.id, progress.current);
  }
  return { scenario, recordedEvents: events.length, factor, lines };
}

export interface PacedReplay {
  engine: PushEngine;
  /** When the last line was written, and when the first was (performance.now()). */
  timing: Promise<{ firstAt: number; lastAt: number }>;
}

/**
 * An engine whose push() answers with `lines` written at `eventsPerSecond` (0: all at once), each
 * line with the engine's CRLF. Timer ticks are ~1 ms, so lines go in small bursts of what is due.
 */
export function pacedEngine(lines: readonly string[], eventsPerSecond: number): PacedReplay {
  let resolveTiming: (value: { firstAt: number; lastAt: number }) => void = () => undefined;
  const timing = new Promise<{ firstAt: number; lastAt: number }>((resolve) => {
    resolveTiming = resolve;
  });
  const play = (stream: PassThrough): void => {
    const firstAt = performance.now();
    let sent = 0;
    const tick = (): void => {
      const due = eventsPerSecond <= 0 ? lines.length : Math.min(lines.length, Math.floor(((performance.now() - firstAt) * eventsPerSecond) / 1000) + 1);
      for (; sent < due; sent += 1) stream.write(`${lines[sent] ?? ''}\r\n`);
      if (sent < lines.length) {
        setTimeout(tick, 1);
        return;
      }
      resolveTiming({ firstAt, lastAt: performance.now() });
      stream.end();
    };
    tick();
  };
  const image = {
    tag: async (): Promise<void> => undefined,
    push: async (): Promise<PassThrough> => {
      const stream = new PassThrough();
      // After pushImage has its listeners on: the engine, too, only starts once the request is answered.
      setImmediate(() => play(stream));
      return stream;
    },
  };
  // Only the two calls pushImage makes; the cast is the test double's, as in push-image.test.ts.
  const engine = { getImage: () => image, checkAuth: async () => ({ Status: 'Login Succeeded' }) } as unknown as PushEngine;
  return { engine, timing };
}
