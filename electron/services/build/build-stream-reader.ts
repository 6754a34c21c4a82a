import type { BuildEvent } from './build-events';

/** The step being run: its number and total as the plan counts them, and its instruction. */
export interface CurrentStep {
  n: number;
  total: number;
  instruction: string;
}

/**
 * What buildImage needs of a builder's event reader: the classic builder's (BuildEventReader) and
 * BuildKit's (BuildKitEventReader) both turn the engine's raw events into BuildEvents. One per build.
 */
export interface BuildStreamReader {
  /** Events for one raw engine event, in order. */
  push(raw: unknown): BuildEvent[];
  /** The stream ended: whatever partial output is left. */
  end(): BuildEvent[];
  /** The step being run, and the lines it printed so far (for a failure found outside the stream). */
  current(): { step: CurrentStep | null; stepLog: readonly string[] };
}
