import type { ElectronApplication } from '@playwright/test';

/** Records every value given to setProgressBar on any window (the dock/taskbar progress). */
export async function spyOnProgressBar(app: ElectronApplication): Promise<void> {
  await app.evaluate(({ BrowserWindow }) => {
    const calls: number[] = [];
    (globalThis as { progressCalls?: number[] }).progressCalls = calls;
    let owner: object | null = BrowserWindow.prototype;
    while (owner && !Object.hasOwn(owner, 'setProgressBar')) owner = Object.getPrototypeOf(owner) as object | null;
    const target = owner as { setProgressBar: (value: number, options?: object) => void };
    const original = target.setProgressBar;
    target.setProgressBar = function (this: unknown, value: number, options?: object) {
      calls.push(value);
      original.call(this, value, options);
    };
  });
}

/** The values setProgressBar was given since spyOnProgressBar. */
export const progressCalls = (app: ElectronApplication) => app.evaluate(() => (globalThis as { progressCalls?: number[] }).progressCalls ?? []);
