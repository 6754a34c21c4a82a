// Loads the push streams recorded from the real engine (test/fixtures/push-events, made by
// test/fixtures/push-events/tools/record-push-events.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface RecordedPush {
  scenario: string;
  description: string;
  engine: string;
  events: { t: number; event: unknown }[];
}

const dir = join(import.meta.dirname, '../../../../test/fixtures/push-events');

export type Scenario =
  'first-push' | 're-push' | 'mounted' | 'many-layers' | 'wrong-password' | 'push-denied' | 'registry-restarted' | 'registry-gone' | 'loopback-address';

/**
 * Where it was recorded: Docker 20.10 (the top folder), or an engine of the matrix
 * (test/infra/sid-engines.sh): Docker 28 overlay2, Docker 28 with the containerd image store, Podman 5.
 */
export type RecordingEngine = 'docker20' | 'docker28cd' | 'podman';

export function recordedPush(scenario: Scenario, engine: RecordingEngine = 'docker20'): RecordedPush {
  const folder = engine === 'docker20' ? dir : join(dir, engine);
  return JSON.parse(readFileSync(join(folder, `${scenario}.json`), 'utf8')) as RecordedPush;
}

/** The stream as the engine wrote it: one JSON document per line. */
export function recordedLines(scenario: Scenario, engine: RecordingEngine = 'docker20'): string[] {
  return recordedPush(scenario, engine).events.map(({ event }) => (typeof event === 'string' ? event : JSON.stringify(event)));
}
