import { execSync } from 'node:child_process';
import { test, expect, needEngine } from './fixtures';
import { JourneyNav } from './pages';
import type { Page } from '@playwright/test';
import Dockerode from 'dockerode';
import { buildRandomImage } from '../fixtures/push-events/tools/random-image';

const registry = process.env['RIB_REGISTRY'] ?? '127.0.0.1:5000';
const user = process.env['RIB_REGISTRY_USER'] ?? 'testuser';
const password = process.env['RIB_REGISTRY_PASSWORD'] ?? 'testpass';
const baseImage = process.env['RIB_BASE_IMAGE'] ?? 'python:3.11-slim';

async function logIn(page: Page, secret: string, sessionOnly = false) {
  await new JourneyNav(page).go('Registry');
  const form = page.getByRole('form', { name: 'Log in to a registry' });
  await form.getByRole('combobox', { name: 'Registry' }).click();
  await page.getByRole('option', { name: 'Another registry…' }).click();
  await form.getByRole('textbox', { name: 'Address' }).fill(registry);
  await form.getByRole('textbox', { name: 'Username' }).fill(user);
  await form.getByLabel('Password or access token').fill(secret);
  if (sessionOnly) await form.getByRole('checkbox').check();
  await form.getByRole('button', { name: 'Log in' }).click();
}

test.describe('the user logs in to their registry and pushes the image', () => {
  needEngine();
  test.setTimeout(150_000);

  test('a wrong password says so within 3 seconds, and nothing is saved', async ({ app }) => {
    const started = Date.now();
    await logIn(app.page, 'not-the-password');
    await expect(app.page.getByRole('alert').filter({ hasText: 'Wrong user name or password' })).toBeVisible({ timeout: 3_000 });
    expect(Date.now() - started).toBeLessThan(5_000);
    await expect(app.page.getByLabel('Your logins')).toHaveCount(0);
    await app.screenshot('registry-wrong-password');
  });

  test('logs in (keychain), pushes with progress and per-layer rows, and copies the reference with its digest', async ({ app }) => {
    await logIn(app.page, password);
    await expect(app.page.getByLabel('Your logins')).toContainText(`as ${user}`);
    await expect(app.page.getByLabel('Your logins')).toContainText('saved in your keychain');
    await app.screenshot('registry-logged-in');

    await new JourneyNav(app.page).go('Push');
    await app.page.getByRole('textbox', { name: 'Local image' }).fill(baseImage);
    const target = app.page.getByRole('textbox', { name: 'Push as' });
    await expect(target).toHaveValue(`${registry}/python:3.11-slim`);
    // Fresh random layers, so the push has real bytes to send and the progress can be seen.
    const local = `e2e/random:${Date.now()}`;
    const socket = (process.env['DOCKER_HOST'] ?? '').replace(/^unix:\/\//, '');
    await buildRandomImage(new Dockerode({ socketPath: socket }), { tag: local, base: baseImage, layerBytes: [60_000_000, 60_000_000] });
    await app.page.getByRole('textbox', { name: 'Local image' }).fill(local);
    const unique = `${registry}/e2e/push-${Date.now()}:1.0`;
    await target.fill(unique);
    await app.page.getByRole('button', { name: 'Push', exact: true }).click();
    await expect(app.page.getByRole('table', { name: 'Layers' })).toBeVisible({ timeout: 30_000 });
    await expect(app.page.getByRole('status').filter({ hasText: /^Pushing: \d+%$/ })).toBeVisible({ timeout: 30_000 });
    await app.screenshot('push-running');
    const done = app.page.getByRole('status').filter({ hasText: unique });
    await expect(done).toBeVisible({ timeout: 120_000 });
    await expect(done).toContainText(/@sha256:[0-9a-f]{64}/);
    await done.getByRole('button', { name: 'Copy with digest' }).click();
    const escaped = registry.replace(/[.]/g, '\\.');
    await expect.poll(() => app.clipboard.at(-1)).toMatch(new RegExp(`^${escaped}/e2e/push-\\d+@sha256:[0-9a-f]{64}$`));
    await app.screenshot('push-done');

    // The registry stops answering: the push fails with a clear message in seconds, and says Retry.
    execSync(process.env['RIB_REGISTRY_STOP'] ?? 'true', { stdio: 'inherit' });
    try {
      await target.fill(`${registry}/e2e/push-down-${Date.now()}:1.0`);
      await app.page.getByRole('button', { name: 'Push', exact: true }).click();
      const failure = app.page.getByRole('alert').filter({ has: app.page.getByRole('button', { name: 'Retry' }) });
      await expect(failure).toBeVisible({ timeout: 15_000 });
      await app.screenshot('push-failed');
    } finally {
      execSync(process.env['RIB_REGISTRY_START'] ?? 'true', { stdio: 'inherit' });
    }
  });
});
