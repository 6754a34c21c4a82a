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
      const window = await app.firstWindow();
      await expect(window.getByRole('heading', { name: 'Container engine' })).toBeVisible();
      const prefs = await app.evaluate(({ BrowserWindow }) => {
        const w = BrowserWindow.getAllWindows()[0];
        const p = w?.webContents.getLastWebPreferences();
        return { contextIsolation: p?.contextIsolation, sandbox: p?.sandbox, nodeIntegration: p?.nodeIntegration };
      });
      expect(prefs).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false });
      // The renderer has no Node: `require` and `process` are not there.
      expect(await window.evaluate(() => typeof (globalThis as Record<string, unknown>)['require'])).toBe('undefined');
      // window.open is denied.
      expect(await window.evaluate(() => window.open('https://example.com') === null)).toBe(true);
      await window.screenshot({ path: join(repo, 'test-results', 'screenshots', 'electron-window.png') });
    } finally {
      await app.close();
    }
  });
});
