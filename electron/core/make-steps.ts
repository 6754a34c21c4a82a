import type { BuildJobResult } from '../contract/domain/build';
import { describeLayerCounts, type PushResult } from '../contract/domain/push';
import type { TryReport } from '../contract/domain/try';
import { AppError } from '../contract/errors';
import { formatDuration } from '../contract/figures';
import { type ChainContext, type ChainStep, runMakeChain, type StepContext } from './make-chain';

/** What `make` does, step by step: the app's window and the CLI give their own of each. */
export interface MakeParts {
  /** The local image the build makes. */
  tag: string;
  /** Where the push sends it. */
  reference: string;
  build(ctx: StepContext): Promise<BuildJobResult>;
  /** Null: no notebooks were given, the try is skipped. */
  tryNotebooks: ((ctx: StepContext) => Promise<TryReport>) | null;
  push(ctx: StepContext): Promise<PushResult>;
  /** Writes the runtime-image file where Elyra reads it. */
  register(ctx: StepContext, pushed: PushResult): Promise<{ path: string; replaced: boolean; name: string }>;
}

export interface MadeImage {
  image: string;
  build: BuildJobResult;
  try: TryReport | null;
  push: PushResult;
  elyra: { path: string; replaced: boolean; name: string };
}

/** "2 imports failed, 1 of 3 files did not run through": what a failed try comes to. */
export function tryFailureText(report: TryReport): string {
  const imports = report.importCheck.items.filter((i) => i.status !== 'ok' && !i.optional).length;
  const files = report.files.filter((f) => f.status !== 'passed').length;
  const parts = [
    imports > 0 ? `${imports} import${imports === 1 ? '' : 's'} failed` : '',
    files > 0 ? `${files} of ${report.files.length} file${report.files.length === 1 ? '' : 's'} did not run through` : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'the try did not pass';
}

/**
 * Build (with its check), the notebook try when there are notebooks, push, then the Elyra entry:
 * one chain, stopped at the first step that fails. A build whose check fails, or a try with a
 * failing import or notebook, stops it too: pushing an image Elyra cannot run helps nobody.
 */
export async function runMake(parts: MakeParts, ctx: ChainContext): Promise<MadeImage> {
  const made: { build: BuildJobResult | null; try: TryReport | null; push: PushResult | null; elyra: MadeImage['elyra'] | null } = {
    build: null,
    try: null,
    push: null,
    elyra: null,
  };
  const tryNotebooks = parts.tryNotebooks;
  const steps: ChainStep[] = [
    {
      id: 'build',
      label: 'Build and check',
      doing: 'building the image',
      weight: 60,
      cancelNote: 'Nothing of the unfinished build was left behind',
      kept: () => `${parts.tag} is built and stays on your engine`,
      run: async (step) => {
        const built = await parts.build(step);
        if (built.verify.status === 'fail') {
          const failing = built.verify.items.filter((i) => i.status === 'fail').map((i) => i.title);
          throw new AppError(
            'verify-failed',
            `${parts.tag} was built and stays on your engine, but Elyra cannot run it: ${failing.join('; ') || 'its check failed'}.`,
            built.verify.items
              .filter((i) => i.status === 'fail')
              .map((i) => `${i.title}: ${i.detail}${i.fix ? ` (${i.fix})` : ''}`)
              .join('\n'),
          );
        }
        made.build = built;
        return `${built.build.cachedSteps} of ${built.build.totalSteps} steps from the cache, ${formatDuration(built.build.durationMs)}`;
      },
    },
    {
      id: 'try',
      label: 'Try your notebooks',
      doing: 'trying your notebooks',
      weight: 15,
      skip: tryNotebooks === null ? 'no notebooks were given' : null,
      cancelNote: 'Its containers were removed; what it saved so far stays in its folder',
      kept: () => (made.try ? `the try's results are in ${made.try.outputDir}` : null),
      run: async (step) => {
        if (tryNotebooks === null) return null;
        const report = await tryNotebooks(step);
        made.try = report;
        if (!report.passed) {
          throw new AppError(
            'try-failed',
            `${tryFailureText(report)} in ${parts.tag}; the results are in ${report.outputDir}.`,
            report.notes.join('\n') || undefined,
          );
        }
        return `${report.files.length} file${report.files.length === 1 ? '' : 's'} ran, every import`;
      },
    },
    {
      id: 'push',
      label: 'Push',
      doing: 'pushing',
      weight: 20,
      cancelNote: 'Layers the registry already has stay there and are not sent again next time',
      kept: () => (made.push ? `${made.push.reference} is in the registry (${made.push.digest})` : null),
      run: async (step) => {
        const pushed = await parts.push(step);
        made.push = pushed;
        return `${pushed.reference}: ${describeLayerCounts(pushed)}`;
      },
    },
    {
      id: 'elyra',
      label: 'Add to Elyra',
      doing: 'adding it to Elyra',
      weight: 5,
      run: async (step) => {
        if (!made.push) throw new AppError('internal', 'There is nothing pushed to add to Elyra.');
        const written = await parts.register(step, made.push);
        made.elyra = written;
        return `${written.replaced ? 'replaced' : 'added'} ${written.name}`;
      },
    },
  ];
  await runMakeChain(steps, ctx);
  if (!made.build || !made.push || !made.elyra) throw new AppError('internal', 'The chain ended without all of its results.');
  return { image: parts.tag, build: made.build, try: made.try, push: made.push, elyra: made.elyra };
}
