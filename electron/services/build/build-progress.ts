import type { Builder } from '../../contract/domain/build';
import type { BuildProgress } from '../../contract/domain/job';
import type { BuildEvent } from './build-events';

/** What a build reports to: the job context's log and progress (electron/core's JobContext fits). */
export interface BuildProgressSink {
  log(line: string): void;
  progress(progress: BuildProgress): void;
}

/** The step the classic builder adds for the build-time label (see buildImage), after the recipe's own; BuildKit adds none. */
export const CREATED_LABEL_STEP = 'recording when the image was built';

/** The user's words for step `n`: the plan's label, else the build-time label step, else the instruction. */
export function stepLabel(stepLabels: readonly string[], n: number, instruction: string): string {
  const planned = stepLabels[n - 1];
  if (planned !== undefined) return planned;
  // Docker prints the key bare, Podman quoted: LABEL "org.opencontainers.image.created"="…".
  if (/^LABEL\s+"?org\.opencontainers\.image\.created"?=/.test(instruction)) return CREATED_LABEL_STEP;
  return instruction.length > 80 ? `${instruction.slice(0, 77)}…` : instruction;
}

/** "Step 7 of 8: installing your packages" (the CLI prints it; the UI may show the same words). */
export function describeBuildProgress(progress: BuildProgress): string {
  if (progress.step === 0) return progress.label;
  return `Step ${progress.step} of ${progress.totalSteps}: ${progress.label}`;
}

/**
 * An onEvent for buildImage that feeds a job: every log line to the log, and "step N of M" with
 * the plan's words to the progress. The first progress (step 0) is sent at once.
 */
export function reportBuildProgress(sink: BuildProgressSink, stepLabels: readonly string[], builder: Builder = 'classic'): (event: BuildEvent) => void {
  // The classic builder adds one step for the build-time label; until it says how many, expect that.
  sink.progress({ kind: 'build', step: 0, totalSteps: stepLabels.length + (builder === 'classic' ? 1 : 0), label: 'sending the recipe to Docker' });
  return (event) => {
    switch (event.type) {
      case 'log':
        sink.log(event.line);
        break;
      case 'step':
        sink.progress({ kind: 'build', step: event.n, totalSteps: event.total, label: stepLabel(stepLabels, event.n, event.instruction) });
        break;
      default:
        break;
    }
  };
}
