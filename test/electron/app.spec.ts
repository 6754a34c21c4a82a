import { closeApp, expect, launchApp, screenshot, test } from './fixtures';

test.describe('the app starts', () => {
  test('one secure window on the engine screen, and its tray item on the bus', async ({ user, desktop }) => {
    const running = await launchApp(user);
    const { app, page } = running;
    await expect(page.getByRole('heading', { name: 'Container engine' })).toBeVisible();
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
    expect(page.url()).toBe('app://rib/index.html');
    // The renderer has no Node (`require`, `process`), only the contract's bridge.
    const globals = await page.evaluate(() => {
      const g = globalThis as Record<string, unknown>;
      return { require: typeof g['require'], process: typeof g['process'], api: Object.keys(g['api'] as object).sort() };
    });
    expect(globals).toEqual({ require: 'undefined', process: 'undefined', api: ['invoke', 'on', 'pathForFile'] });
    expect(await page.evaluate(() => window.open('https://example.com') === null)).toBe(true);
    await expect.poll(async () => (await desktop.tray()).length).toBeGreaterThan(0);
    expect(await desktop.trayLabels()).toEqual(['Show Runtime Image Builder', 'No build or push running', 'Quit']);
    await screenshot(page, 'engine');
    await closeApp(running);
  });
});
