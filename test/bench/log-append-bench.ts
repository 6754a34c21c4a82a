// Time to append 10,000 lines to a 200,000-line build log, in the real renderer (Build screen,
// LogView) in headless Chromium. The bench drives a 'build' job in the app's own JobManager whose
// runner logs lines it chooses: 200,000 first, then bursts of 10,000. The JobManager coalesces a
// burst into one update (a marker line first takes the at-once flush, so the 10,000 that follow go
// out together one interval later, exactly as a burst from the engine would).
//
// Measured in the page: from the moment the update reaches the renderer's event listener (what
// webContents.send would deliver) to the end of the first frame that shows the new last line
// (React commit, the virtualizer scrolling to the end, paint). Delivery over the test bridge
// (Playwright's evaluate) is outside the clock, as Electron's IPC would be.
import type { Page } from 'playwright-core';
import type { JobContext } from '../../electron/core/job-manager';
import type { AppHarness } from './browser';
import { median } from './stats';

export interface LogAppendResult {
  baseLines: number;
  appendLines: number;
  /** Per burst: update received → first painted frame showing the new last line. */
  runsMs: number[];
  medianMs: number;
  /** Per burst: update received → the listener returned (React state set). */
  handlerMs: number[];
  /** Per burst: update received → React committed to the log's DOM. */
  commitMs: number[];
}

type Action = 'append' | 'finish';

/** Hands actions to the job's runner one at a time. */
class Mailbox {
  private waiting: ((action: Action) => void) | null = null;
  private readonly queued: Action[] = [];

  next(): Promise<Action> {
    const queued = this.queued.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  send(action: Action): void {
    const waiting = this.waiting;
    this.waiting = null;
    if (waiting) waiting(action);
    else this.queued.push(action);
  }
}

const label = (i: number): string => `L${String(i).padStart(7, '0')}`;
// As long as a typical classic-builder line.
const line = (i: number): string => `${label(i)} Step 4/6 : RUN python3 -m pip install --no-cache-dir -r /tmp/requirements.txt`;

interface BenchWindow {
  __ribEmit?: (event: string, payload: unknown) => void;
  __ribBench?: Promise<{ handlerMs: number; commitMs: number; paintedMs: number }>;
}

/** Wraps the bridge's event delivery so the next update of `count` lines is timed in the page. */
async function armMeasurement(page: Page, count: number, lastLabel: string): Promise<void> {
  await page.evaluate(
    ({ count, lastLabel }) => {
      const w = window as unknown as BenchWindow;
      const original = w.__ribEmit;
      if (original === undefined) throw new Error('the test bridge is not installed');
      w.__ribBench = new Promise((resolve) => {
        w.__ribEmit = (event, payload) => {
          const appended = (payload as { appendedLog?: unknown[] } | null)?.appendedLog;
          if (event !== 'job:update' || appended?.length !== count) {
            original(event, payload);
            return;
          }
          w.__ribEmit = original;
          const log = document.querySelector('[role="log"]');
          if (log === null) throw new Error('no log on the page');
          const t0 = performance.now();
          let commitAt: number | null = null;
          const observer = new MutationObserver(() => {
            commitAt ??= performance.now();
          });
          observer.observe(log, { subtree: true, childList: true, attributes: true, characterData: true });
          original(event, payload);
          const handlerMs = performance.now() - t0;
          const check = (): void => {
            if (!(log.textContent ?? '').includes(lastLabel)) {
              requestAnimationFrame(check);
              return;
            }
            // In a rAF callback the DOM is what this frame paints; a task queued now runs after it.
            setTimeout(() => {
              observer.disconnect();
              resolve({ handlerMs, commitMs: (commitAt ?? performance.now()) - t0, paintedMs: performance.now() - t0 });
            }, 0);
          };
          requestAnimationFrame(check);
        };
      });
    },
    { count, lastLabel },
  );
}

/** page.evaluate has no timeout of its own; a page that never shows the lines must not hang the bench. */
function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function benchLogAppend(harness: AppHarness, options: { baseLines?: number; appendLines?: number; runs?: number } = {}): Promise<LogAppendResult> {
  const baseLines = options.baseLines ?? 200_000;
  const appendLines = options.appendLines ?? 10_000;
  const runs = Math.max(5, options.runs ?? 5);
  const { context, page, errors } = await harness.newPage();
  const mailbox = new Mailbox();
  let jobId: string | null = null;
  try {
    await page.goto(harness.url);
    await page.getByRole('navigation', { name: 'Journey' }).getByRole('button', { name: /Build/ }).click();
    await page.getByRole('heading', { name: 'Build and check' }).waitFor();

    let next = 0;
    const logMany = (ctx: JobContext, count: number): void => {
      for (let i = 0; i < count; i += 1) ctx.log(line(next++));
    };
    jobId = harness.core.jobs.start('build', 'Bench: a long build log', async (ctx) => {
      logMany(ctx, baseLines);
      for (;;) {
        if ((await mailbox.next()) === 'finish') return null;
        ctx.log('--- marker: takes the at-once flush ---');
        logMany(ctx, appendLines);
      }
    }).id;
    const log = page.getByRole('log', { name: 'Build log' });
    await log.getByText(label(baseLines - 1)).waitFor({ timeout: 120_000 });

    const result: LogAppendResult = { baseLines, appendLines, runsMs: [], medianMs: 0, handlerMs: [], commitMs: [] };
    for (let run = 0; run < runs; run += 1) {
      // Let the page settle (and the JobManager's interval pass) so each burst starts from rest.
      await page.waitForTimeout(400);
      await armMeasurement(page, appendLines, label(next + appendLines - 1));
      mailbox.send('append');
      const measured = await withTimeout(
        page.evaluate(() => (window as unknown as BenchWindow).__ribBench),
        60_000,
        `the page did not show the appended lines within 60 s (run ${run + 1})`,
      );
      if (measured === undefined) throw new Error('the measurement was not armed');
      result.runsMs.push(measured.paintedMs);
      result.handlerMs.push(measured.handlerMs);
      result.commitMs.push(measured.commitMs);
    }
    result.medianMs = median(result.runsMs);
    if (errors.length > 0) throw new Error(`the page threw: ${errors.join('; ')}`);
    return result;
  } finally {
    mailbox.send('finish');
    if (jobId !== null) await harness.core.jobs.wait(jobId);
    await context.close();
  }
}
