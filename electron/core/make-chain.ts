import type { BuildProgress, MakeProgress, MakeStep, MakeStepId, PushProgress } from '../contract/domain/job';
import type { TryProgress } from '../contract/domain/try';
import { AppError } from '../contract/errors';

/** Where the chain reports: the job manager's context fits, and so does the CLI's printer. */
export interface ChainContext {
  readonly signal: AbortSignal;
  log(line: string): void;
  progress(progress: MakeProgress): void;
  whenCancelled?(message: string): void;
}

/** What one step sees: its own progress, as its own job would report it. */
export interface StepContext {
  readonly signal: AbortSignal;
  log(line: string): void;
  progress(progress: BuildProgress | PushProgress | TryProgress): void;
}

export interface ChainStep {
  id: MakeStepId;
  label: string;
  /** "building": for "Cancelled while building." */
  doing: string;
  /** Its share of the whole bar, against the other steps' (a build takes longest). */
  weight: number;
  /** Why the step does not run (no notebooks were given); null or absent: it runs. */
  skip?: string | null;
  /** Runs the step; answers what it did in a few words for the step list, or throws. */
  run(ctx: StepContext): Promise<string | null>;
  /** What this step made that stays when a later step fails or is cancelled. */
  kept?: () => string | null;
  /** What a cancel in the middle of this step leaves. */
  cancelNote?: string;
}

/** How far the running step is, 0–1, from its own progress. */
function stepFraction(progress: BuildProgress | PushProgress | TryProgress | null): number {
  if (progress === null) return 0;
  if (progress.kind === 'push') return Math.min(1, progress.percent / 100);
  return progress.totalSteps > 0 ? Math.min(1, progress.step / progress.totalSteps) : 0;
}

/**
 * Runs the steps in order as one job: each step's state in the step list, the running step's own
 * progress beside it, one bar for the whole. It stops at the first step that throws (that step is
 * marked failed, with the error's message) and rethrows that error as it is, so the error's code
 * still says what to do; what earlier steps made is listed as kept. A cancel stops the running
 * step and says what was done, what it left and what was not done.
 */
export async function runMakeChain(steps: readonly ChainStep[], ctx: ChainContext): Promise<void> {
  const states: MakeStep[] = steps.map((s) => ({
    id: s.id,
    label: s.label,
    status: s.skip ? 'skipped' : 'waiting',
    detail: s.skip ?? null,
  }));
  const totalWeight = steps.reduce((sum, s) => sum + (s.skip ? 0 : s.weight), 0) || 1;
  let current: MakeProgress['current'] = null;
  let kept: string[] = [];

  const publish = (index: number | null) => {
    let done = 0;
    steps.forEach((s, i) => {
      if (s.skip) return;
      if (states[i]?.status === 'done') done += s.weight;
      else if (i === index) done += s.weight * stepFraction(current);
    });
    ctx.progress({ kind: 'make', steps: states.map((s) => ({ ...s })), percent: Math.min(100, (100 * done) / totalWeight), current, kept });
  };
  const keptSoFar = (upTo: number) =>
    steps
      .slice(0, upTo)
      .filter((_, i) => states[i]?.status === 'done')
      .map((s) => s.kept?.() ?? null)
      .filter((k): k is string => k !== null);
  const setState = (index: number, patch: Partial<MakeStep>) => {
    const state = states[index];
    if (state) states[index] = { ...state, ...patch };
  };

  const running = steps.filter((s) => !s.skip);
  publish(null);
  for (const [index, step] of steps.entries()) {
    if (step.skip) {
      ctx.log(`==> ${step.label}: skipped (${step.skip})`);
      continue;
    }
    const stepContext: StepContext = {
      signal: ctx.signal,
      log: (line) => ctx.log(line),
      progress: (progress) => {
        current = progress;
        publish(index);
      },
    };
    try {
      if (ctx.signal.aborted) throw new AppError('cancelled', 'Cancelled by the user.');
      current = null;
      setState(index, { status: 'running', detail: null });
      ctx.log(`==> [${running.indexOf(step) + 1}/${running.length}] ${step.label}`);
      publish(index);
      const detail = await step.run(stepContext);
      setState(index, { status: 'done', detail });
      ctx.log(`==> ${step.label}: done${detail ? ` (${detail})` : ''}`);
      current = null;
      publish(index);
    } catch (error) {
      kept = keptSoFar(index);
      const notDone = steps.slice(index + 1).filter((s) => !s.skip);
      if (ctx.signal.aborted) {
        setState(index, { status: 'cancelled', detail: step.cancelNote ?? null });
        ctx.whenCancelled?.(cancelledText(step, kept, notDone));
        ctx.log(`==> Cancelled while ${step.doing}.`);
      } else {
        setState(index, { status: 'failed', detail: error instanceof Error ? error.message : String(error) });
        ctx.log(`==> ${step.label} failed: ${error instanceof Error ? error.message : String(error)}`);
        for (const line of kept) ctx.log(`    kept: ${line}`);
      }
      publish(index);
      throw error;
    }
  }
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return trimmed === '' || /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** "Cancelled while pushing. rib/x:1 is built and stays on your engine. Layers … Not done: Add to Elyra." */
export function cancelledText(step: ChainStep, kept: readonly string[], notDone: readonly ChainStep[]): string {
  return [
    `Cancelled while ${step.doing}.`,
    ...kept.map(sentence),
    step.cancelNote ? sentence(step.cancelNote) : '',
    notDone.length > 0 ? `Not done: ${notDone.map((s) => s.label).join(', ')}.` : '',
  ]
    .filter((part) => part !== '')
    .join(' ');
}

/** The step that failed or was cancelled, from a chain's progress. */
export function endedStep(progress: MakeProgress | null): MakeStep | null {
  return progress?.steps.find((s) => s.status === 'failed' || s.status === 'cancelled') ?? null;
}
