import { _electron as electron, expect, test } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { electronBinary } from './electron-binary';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const binary = electronBinary();

test.describe('the packaged window', () => {
  test.skip('missing' in binary, 'missing' in binary ? binary.missing : '');

  test('opens one secure window that shows the engine screen', async () => {
    const app = await electron.launch({ executablePath: 'path' in binary ? binary.path : '', args: [repo] });
    try {
      const page = await app.firstWindow();
      await expect(page.getByRole('heading', { name: 'Container engine' })).toBeVisible();
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
      // The renderer has no Node (`require`, `process`), only the contract's bridge.
      const globals = await page.evaluate(() => {
        const g = globalThis as Record<string, unknown>;
        return { require: typeof g['require'], process: typeof g['process'], api: Object.keys(g['api'] as object).sort() };
      });
      expect(globals).toEqual({ require: 'undefined', process: 'undefined', api: ['invoke', 'on', 'pathForFile'] });
      // window.open is denied.
      expect(await page.evaluate(() => window.open('https://example.com') === null)).toBe(true);
      await page.screenshot({ path: join(repo, 'test-results', 'screenshots', 'electron-window.png') });
    } finally {
      await app.close();
    }
  });
});
