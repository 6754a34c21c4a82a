import { execSync } from 'node:child_process';
import { test, expect, needEngine } from './fixtures';
import { EngineScreenPage, JourneyNav } from './pages';

test.describe('the user opens the app and sees whether Docker is ready', () => {
  needEngine();

  test('with the engine running, it says it is connected and names the endpoint', async ({ app }) => {
    const screen = new EngineScreenPage(app.page);
    await expect(screen.heading()).toBeVisible();
    await expect(screen.connected()).toContainText(/Connected to Docker Engine \d+\.\d+/);
    await expect(screen.connected()).toContainText(/Endpoint: unix:\/\//);
    const nav = new JourneyNav(app.page);
    // Every step of the journey is open: each has landed.
    for (const step of ['Engine', 'Packages', 'Base', 'Build', 'Registry', 'Push', 'Use in Elyra']) await expect(nav.step(step)).toBeEnabled();
    // Nothing to retry while connected.
    await expect(screen.retry()).toHaveCount(0);
    await app.screenshot('engine-connected');
  });

  test('with the engine stopped, it explains what to do and finds it again by itself', async ({ app }) => {
    const screen = new EngineScreenPage(app.page);
    await expect(screen.connected()).toBeVisible();
    const stop = process.env['RIB_ENGINE_STOP'];
    const start = process.env['RIB_ENGINE_START'];
    if (!stop || !start) throw new Error('RIB_ENGINE_STOP and RIB_ENGINE_START must be set by test/infra/up.sh');
    execSync(stop, { stdio: 'inherit' });
    try {
      // Coming back to the screen checks at once (while connected it re-checks only every 30 s).
      const nav = new JourneyNav(app.page);
      await nav.go('Packages');
      await nav.go('Engine');
      await expect(screen.retry()).toBeVisible();
      await screen.retry().click();
      await expect(screen.problem()).toContainText("Docker isn't running. Start Docker Desktop, Colima or Rancher Desktop, then press Retry.");
      await expect(screen.installLink()).toBeVisible();
      await app.screenshot('engine-none');
    } finally {
      execSync(start, { stdio: 'inherit' });
    }
    // No click: the screen re-checks every few seconds while the engine is down.
    await expect(screen.connected()).toBeVisible({ timeout: 20_000 });
  });
});
