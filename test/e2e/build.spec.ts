import { execSync } from 'node:child_process';
import { test, expect, needEngine } from './fixtures';
import { BaseScreenPage, JourneyNav, PackagesScreenPage } from './pages';

test.describe('the user builds the image and sees whether Elyra can run it', () => {
  needEngine();
  test.setTimeout(240_000);

  test('builds with a live step counter and log, survives a reload mid-build, and shows the checklist and sizes', async ({ app }) => {
    const nav = new JourneyNav(app.page);
    await nav.go('Packages');
    const packages = new PackagesScreenPage(app.page);
    for (const line of ['ribdemo-alpha==1.1.0', 'ribdemo-big']) {
      await packages.packageInput().fill(line);
      await packages.addButton().click();
    }
    await nav.go('Base');
    await new BaseScreenPage(app.page).imageName().fill(`e2e/build-demo:${Date.now()}`);
    await nav.go('Build');
    await app.page.getByRole('button', { name: /^Build e2e\/build-demo/ }).click();
    const status = app.page.getByRole('status').filter({ hasText: /^Step \d+ of \d+: / });
    await expect(status).toBeVisible({ timeout: 30_000 });
    await app.screenshot('build-running');

    // Reload the window mid-build: main owns the job, so it comes back where it is, log included.
    await app.page.reload();
    await nav.go('Build');
    await expect(app.page.getByRole('log', { name: 'Build log' })).toContainText(/Step 1\/\d+ : FROM python:3\.11-slim|FROM python:3\.11-slim/, {
      timeout: 15_000,
    });

    await expect(app.page.getByText('Built and checked')).toBeVisible({ timeout: 180_000 });
    const checks = app.page.getByRole('list', { name: 'Image checks' });
    await expect(checks).toContainText('python3');
    await expect(checks).toContainText('curl');
    await expect(app.page.getByLabel('Image size')).toContainText('Largest Python packages');
    await expect(app.page.getByLabel('Image size')).toContainText('ribdemo-big');
    await app.screenshot('build-done');
  });

  test('a package that is not on the index fails with pip naming it, and Retry is offered', async ({ app }) => {
    const nav = new JourneyNav(app.page);
    await nav.go('Packages');
    const packages = new PackagesScreenPage(app.page);
    await packages.packageInput().fill('ribdemo-nothere');
    await packages.addButton().click();
    await nav.go('Base');
    await new BaseScreenPage(app.page).imageName().fill('e2e/build-fail:1');
    await nav.go('Build');
    await app.page.getByRole('button', { name: /^Build e2e\/build-fail/ }).click();
    const failure = app.page.getByRole('alert').filter({ hasText: 'ribdemo-nothere' });
    await expect(failure).toBeVisible({ timeout: 120_000 });
    await expect(failure.getByRole('button', { name: 'Retry' })).toBeVisible();
    await app.screenshot('build-failed');
  });

  test('cancel stops the build within seconds and says so', async ({ app }) => {
    const nav = new JourneyNav(app.page);
    await nav.go('Packages');
    const packages = new PackagesScreenPage(app.page);
    await packages.packageInput().fill('ribdemo-big');
    await packages.addButton().click();
    await nav.go('Base');
    await new BaseScreenPage(app.page).imageName().fill(`e2e/build-cancel:${Date.now()}`);
    await nav.go('Build');
    await app.page.getByRole('button', { name: /^Build e2e\/build-cancel/ }).click();
    await expect(app.page.getByRole('status').filter({ hasText: /^Step \d+ of \d+: / })).toBeVisible({ timeout: 30_000 });
    const cancelledAt = Date.now();
    await app.page.getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect(app.page.getByText('Build cancelled')).toBeVisible({ timeout: 10_000 });
    expect(Date.now() - cancelledAt).toBeLessThan(5_000);
    await app.screenshot('build-cancelled');
  });

  test('the engine stopping mid-build is named as the cause, and Retry builds once it is back', async ({ app }) => {
    const stop = process.env['RIB_ENGINE_STOP'];
    const start = process.env['RIB_ENGINE_START'];
    if (!stop || !start) throw new Error('RIB_ENGINE_STOP and RIB_ENGINE_START must be set by test/infra/up.sh');
    const nav = new JourneyNav(app.page);
    await nav.go('Packages');
    const packages = new PackagesScreenPage(app.page);
    // A version no earlier build installed, so the install step runs rather than coming from the cache.
    await packages.packageInput().fill(`ribdemo-big!=0.0.${Date.now() % 1_000_000}`);
    await packages.addButton().click();
    await nav.go('Base');
    await new BaseScreenPage(app.page).imageName().fill(`e2e/build-engine-stopped:${Date.now()}`);
    await nav.go('Build');
    await app.page.getByRole('button', { name: /^Build e2e\/build-engine-stopped/ }).click();
    // As the install step starts: pip and the check after it take about 2 s here, a stopping engine
    // about 1 s to stop answering, so the stop lands in one or the other.
    await expect(app.page.getByRole('status').filter({ hasText: /^Step \d+ of \d+: installing your packages/ })).toBeVisible({ timeout: 60_000 });
    execSync(stop, { stdio: 'inherit' });
    let failure;
    try {
      failure = app.page.getByRole('alert').filter({ hasText: /^Docker is not running/ });
      // While pip runs, or (when the install step is quick) during the check after it: either way the
      // user is told the engine went, not that their packages failed.
      await expect(failure).toContainText(
        /The Docker engine (stopped answering during the build \(at step \d+ of \d+\)|is not running, so the image could not be checked)/,
        { timeout: 10_000 },
      );
      await expect(failure).toContainText('Start Docker (or your container engine), wait until it is ready, then try again.');
      await app.screenshot('build-engine-stopped');
    } finally {
      execSync(start, { stdio: 'inherit' });
    }
    await failure.getByRole('button', { name: 'Retry' }).click();
    await expect(app.page.getByText('Built and checked')).toBeVisible({ timeout: 180_000 });
  });
});
