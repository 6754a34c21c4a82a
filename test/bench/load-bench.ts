// Load-to-interactive: from navigation start (the page's time origin) to the first painted frame
// with the Engine screen's "Container engine" heading and an enabled step in the nav, in a fresh
// browser context each run (empty cache, as at app start). Measured in the page by an init script;
// Playwright then checks that the nav is really clickable (a trial click) and times that too.
import type { AppHarness } from './browser';
import { median } from './stats';

export interface LoadResult {
  /** In the page: navigation start → heading and nav painted. */
  runsMs: number[];
  medianMs: number;
  /** In the test: page.goto called → trial click on the nav succeeded. */
  wallMs: number[];
}

interface LoadWindow {
  __ribLoaded?: Promise<number>;
}

export async function benchLoad(harness: AppHarness, runs = 5): Promise<LoadResult> {
  const result: LoadResult = { runsMs: [], medianMs: 0, wallMs: [] };
  for (let run = 0; run < Math.max(5, runs); run += 1) {
    const { context, page, errors } = await harness.newPage();
    try {
      await page.addInitScript(() => {
        const w = window as unknown as LoadWindow;
        w.__ribLoaded = new Promise((resolve) => {
          const ready = (): boolean => {
            const heading = [...document.querySelectorAll('h2')].some((h) => h.textContent?.trim() === 'Container engine');
            const nav = document.querySelector('nav[aria-label="Journey"] button:not([disabled])');
            return heading && nav !== null;
          };
          const observer = new MutationObserver(() => {
            if (!ready()) return;
            observer.disconnect();
            // The next frame paints it; a task queued in its rAF callback runs after the paint.
            requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0));
          });
          observer.observe(document, { childList: true, subtree: true, characterData: true });
        });
      });
      const started = performance.now();
      await page.goto(harness.url);
      const inPage = await page.evaluate(() => (window as unknown as LoadWindow).__ribLoaded);
      await page
        .getByRole('navigation', { name: 'Journey' })
        .getByRole('button', { name: /Packages/ })
        .click({ trial: true });
      const wall = performance.now() - started;
      if (inPage === undefined) throw new Error('the load probe was not installed');
      if (errors.length > 0) throw new Error(`the page threw: ${errors.join('; ')}`);
      result.runsMs.push(inPage);
      result.wallMs.push(wall);
    } finally {
      await context.close();
    }
  }
  result.medianMs = median(result.runsMs);
  return result;
}
