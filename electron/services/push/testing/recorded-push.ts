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

export type Scenario = 'first-push' | 're-push' | 'mounted' | 'many-layers' | 'wrong-password' | 'registry-restarted' | 'registry-gone';

export function recordedPush(scenario: Scenario): RecordedPush {
  return JSON.parse(readFileSync(join(dir, `${scenario}.json`), 'utf8')) as RecordedPush;
}

/** The stream as the engine wrote it: one JSON document per line. */
export function recordedLines(scenario: Scenario): string[] {
  return recordedPush(scenario).events.map(({ event }) => (typeof event === 'string' ? event : JSON.stringify(event)));
}
