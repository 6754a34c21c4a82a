import { parsePushEvent } from './push-event';
import { createMovementTracker } from './push-movement';
import { recordedLines } from './testing/recorded-push';

const pushing = (current: number) => parsePushEvent({ status: 'Pushing', progressDetail: { current, total: 100 }, id: 'b403298ee969' });

describe('whether the push moves', () => {
  it('Docker 28 (containerd store): its repeats on a timer are not movement, everything else is', () => {
    const moved = createMovementTracker();
    const lines = recordedLines('first-push', 'docker28cd');
    const flags = lines.map((line) => moved(parsePushEvent(line)));
    // The recording repeats a layer's unchanged figures or status 7 times in a row.
    const repeats = lines.filter((line, i) => i > 0 && line === lines[i - 1]).length;
    expect(repeats).toBe(7);
    expect(flags.filter((f) => !f)).toHaveLength(repeats + 2); // and the two lines that are not progress
    expect(flags.at(-1)).toBe(false); // the digest line: the aggregator ends the push on it
  });

  it('the same figures over and over, as on a connection that hangs, are not movement', () => {
    const moved = createMovementTracker();
    expect([10, 10, 10, 10].map((n) => moved(pushing(n)))).toEqual([true, false, false, false]);
  });

  it('a layer that starts again from 0 (a retry), a new status, a new layer: movement', () => {
    const moved = createMovementTracker();
    expect(moved(pushing(50))).toBe(true);
    expect(moved(pushing(0))).toBe(true);
    expect(moved(parsePushEvent({ status: 'Pushed', progressDetail: {}, id: 'b403298ee969' }))).toBe(true);
    expect(moved(parsePushEvent({ status: 'Waiting', progressDetail: {}, id: 'other' }))).toBe(true);
    expect(moved(parsePushEvent({ status: 'Waiting', progressDetail: {}, id: 'other' }))).toBe(false);
  });

  it('Docker 20.10 and Podman recordings: every event but the info lines is movement', () => {
    for (const [scenario, engine] of [
      ['first-push', 'docker20'],
      ['many-layers', 'docker20'],
      ['first-push', 'podman'],
    ] as const) {
      const moved = createMovementTracker();
      for (const line of recordedLines(scenario, engine)) {
        const event = parsePushEvent(line);
        if (event.type !== 'ignored' && event.type !== 'progress') expect(moved(event), `${scenario} ${engine}: ${line}`).toBe(true);
        else moved(event);
      }
    }
  });
});
