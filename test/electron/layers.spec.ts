import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ElectronApplication, Page } from '@playwright/test';
import { expect, launchApp, makeUserHome, screenshot, test, type RunningApp, type UserHome } from './fixtures';
import { BaseScreenPage, JourneyNav } from '../e2e/pages';

const registry = process.env['RIB_REGISTRY'] ?? '127.0.0.1:5000';
const registryUser = process.env['RIB_REGISTRY_USER'] ?? 'testuser';
const registryPassword = process.env['RIB_REGISTRY_PASSWORD'] ?? 'testpass';

/** Adds the packages of a requirements file through Open files…, the dialog answered with it. */
async function addFile(app: ElectronApplication, page: Page, path: string): Promise<void> {
  await app.evaluate(({ dialog }, file) => {
    dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [file] })) as typeof dialog.showOpenDialog;
  }, path);
  await page.getByRole('button', { name: 'Open files…' }).click();
}

test.describe('heavy packages in layers of their own, in the window', () => {
  test.setTimeout(600_000);
  let user: UserHome;
  let running: RunningApp | null = null;
  test.beforeEach(() => {
    user = makeUserHome();
  });
  test.afterEach(async () => {
    await running?.app.close().catch(() => undefined);
    running = null;
    rmSync(user.root, { recursive: true, force: true });
  });

  test('the Dockerfile preview shows the heavy layer and why; after a rebuild the size view says what changed and what a push sends', async () => {
    const stamp = Date.now();
    const image = `${registry}/layers/app:${stamp}`;
    const first = join(user.home, 'requirements.txt');
    writeFileSync(first, 'ribdemo-heavy\nribdemo-alpha==1.1.0\n');
    writeFileSync(join(user.home, 'more.txt'), 'ribdemo-delta\n');
    writeFileSync(join(user.home, 'even-more.txt'), 'ribdemo-epsilon\n');
    running = await launchApp(user, [first]);
    const { app, page } = running;
    const nav = new JourneyNav(page);
    const base = new BaseScreenPage(page);
    const build = async () => {
      await nav.go('Build');
      await page.getByRole('button', { name: `Build ${image}` }).click();
    };

    // The first build of the image: one layer for the list, as always; the build measures it.
    await nav.go('Base');
    await base.imageName().fill(image);
    await expect(base.dockerfile()).not.toContainText('own layer');
    await build();
    await expect(page.getByText('Built and checked')).toBeVisible({ timeout: 240_000 });
    await expect(page.getByRole('region', { name: 'Changes since the last build' })).toContainText('First build of this image');

    // One package more: the preview puts ribdemo-heavy first, in a layer of its own, and says why.
    await nav.go('Packages');
    await addFile(app, page, join(user.home, 'more.txt'));
    await nav.go('Base');
    await expect(base.dockerfile()).toContainText('# ribdemo-heavy 1.1.0 with the 1 package it needs (60 MB last build) in its own layer');
    await expect(base.dockerfile()).toContainText('pip install ribdemo-heavy==1.1.0 ribdemo-heavy-runtime==1.0.0');
    await expect(page.getByRole('region', { name: 'Package layers' })).toContainText('Layer 2: Your package list');
    await base.dockerfile().scrollIntoViewIfNeeded();
    await screenshot(page, 'layers-dockerfile-preview');
    await build();
    const changes = page.getByRole('region', { name: 'Changes since the last build' });
    await expect(changes).toContainText(/Since the last build .*layers changed/, { timeout: 240_000 });

    // Log in and push, so the registry holds the image.
    await nav.go('Registry');
    const form = page.getByRole('form', { name: 'Log in to a registry' });
    await form.getByRole('textbox', { name: 'Username' }).fill(registryUser);
    await form.getByLabel('Password or access token').fill(registryPassword);
    await form.getByRole('button', { name: 'Log in' }).click();
    await expect(page.getByLabel('Your logins')).toContainText(`${registry} as ${registryUser}`);
    await nav.go('Push');
    await expect(page.getByRole('textbox', { name: 'Push as' })).toHaveValue(image);
    await page.getByRole('button', { name: 'Push', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: /@sha256:[0-9a-f]{64}/ })).toContainText(image, { timeout: 120_000 });

    // Another small package: only the list's layers change, and the registry says what the push will send.
    await nav.go('Packages');
    await addFile(app, page, join(user.home, 'even-more.txt'));
    await build();
    await expect(changes).toContainText(/Since the last build .*: [1-4] of \d+ layers changed, [\d.]+ (B|KB)same/, { timeout: 240_000 });
    const heavyRow = changes.getByText(/ribdemo-heavy==1\.1\.0/);
    await expect(heavyRow).toBeVisible();
    const estimate = page.getByRole('status', { name: 'What a push will send' });
    await expect(estimate).toContainText(`A push to ${image} will send`, { timeout: 30_000 });
    await expect(estimate).toContainText(/will send [\d.]+ (B|KB): [1-4] of \d+ layers, the ones the registry does not have yet/);
    await changes.scrollIntoViewIfNeeded();
    await screenshot(page, 'layers-size-view-after-rebuild');
  });
});
