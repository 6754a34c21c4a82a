import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { electronBinary } from './electron-runtime';
import { closeApp, expect, launchApp, makeUserHome, repo, screenshot, test, type RunningApp, type UserHome } from './fixtures';
import { BaseScreenPage, EngineScreenPage, JourneyNav, PackagesScreenPage } from '../e2e/pages';

const registry = process.env['RIB_REGISTRY'] ?? '127.0.0.1:5000';
const registryUser = process.env['RIB_REGISTRY_USER'] ?? 'testuser';
const registryPassword = process.env['RIB_REGISTRY_PASSWORD'] ?? 'testpass';
const indexUrl = process.env['RIB_INDEX_URL'] ?? '';
/** The service name the app's keychain entries are filed under (electron/services/credentials). */
const keychainService = 'runtime-image-builder';

function next(page: Page, step: string) {
  return page.getByRole('button', { name: `Next: ${step}`, exact: true });
}

/** Runs a second copy of the app with a file, as a double-click in the file manager would; resolves with its exit code. */
function secondInstance(user: UserHome, file: string): Promise<{ code: number | null; signal: string | null; ms: number; stderr: string }> {
  const started = Date.now();
  // Chromium refuses to start as root without --no-sandbox (Playwright adds it to the first copy); a real user is not root.
  const sandbox = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  const child = spawn(electronBinary(), [...sandbox, repo, file], { env: user.env, cwd: user.home, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error('the second instance did not exit within 20 s'));
    }, 20_000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, ms: Date.now() - started, stderr });
    });
  });
}

test.describe('a new user goes from requirements and a notebook to a runtime image in Elyra', () => {
  test.setTimeout(420_000);
  let user: UserHome;
  let running: RunningApp | null = null;
  test.beforeEach(() => {
    // Brand new: no settings at all, so the first-run guide shows and the index is set the way a user would.
    user = makeUserHome(null);
  });
  test.afterEach(async () => {
    // A failed run leaves the app open, still writing to its folders.
    await running?.app.close().catch(() => undefined);
    running = null;
    rmSync(user.root, { recursive: true, force: true });
  });

  test('first run, two requirements files (one through a second instance), a notebook, build, login, push, Elyra', async () => {
    expect(indexUrl, 'RIB_INDEX_URL (source the test environment)').not.toBe('');
    const stamp = Date.now();
    const first = join(user.home, 'requirements.txt');
    const second = join(user.home, 'team-requirements.txt');
    const notebook = join(user.home, 'analysis.ipynb');
    writeFileSync(first, 'ribdemo-alpha==1.1.0\n');
    writeFileSync(second, 'ribdemo-beta\n');
    writeFileSync(
      notebook,
      JSON.stringify({
        cells: [{ cell_type: 'code', execution_count: 1, id: 'c1', metadata: {}, outputs: [], source: 'import ribdemo_gamma\nimport os\n' }],
        metadata: { language_info: { name: 'python' } },
        nbformat: 4,
        nbformat_minor: 5,
      }),
    );

    running = await launchApp(user, [first]);
    const { app, page } = running;
    const nav = new JourneyNav(page);

    // First run: the guide, once.
    const welcome = page.getByRole('dialog', { name: 'Welcome to Runtime Image Builder' });
    await expect(welcome).toBeVisible();
    await screenshot(page, 'journey-first-run');
    await welcome.getByRole('button', { name: 'Get started' }).click();
    await expect(welcome).toHaveCount(0);

    // The file from the command line is in the recipe.
    const packages = new PackagesScreenPage(page);
    await expect(packages.packageTable().getByText('ribdemo-alpha==1.1.0')).toBeVisible();

    // The engine is found.
    await nav.go('Engine');
    await expect(new EngineScreenPage(page).connected()).toBeVisible();
    await screenshot(page, 'journey-engine');

    // The company's index, registry and Elyra, set once in Settings: the open recipe follows the index at once.
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('textbox', { name: 'Index URL', exact: true }).fill(indexUrl);
    await page.getByRole('textbox', { name: 'Trusted hosts' }).fill(new URL(indexUrl).host);
    await page.getByText('Host (for an index on this computer)').click();
    await page.getByRole('textbox', { name: 'Default registry' }).fill(registry);
    await page.getByRole('textbox', { name: 'Namespace' }).fill('journey');
    await page.getByRole('combobox', { name: 'Elyra version you run' }).click();
    await page.getByRole('option', { name: 'main' }).click();
    await page.getByRole('combobox', { name: 'Python' }).click();
    await page.getByRole('option', { name: '3.11' }).click();
    await page.getByRole('button', { name: 'Save settings' }).click();
    const saved = page.getByRole('status').filter({ hasText: /^Saved\./ });
    await expect(saved).toContainText('Your recipe now uses this package index.');
    await saved.getByRole('button', { name: 'Use them for this recipe too' }).click();
    await expect(saved).toContainText('Your open recipe uses these settings too.');
    await screenshot(page, 'journey-settings');

    // A second requirements file, handed over by a second copy of the app that exits at once.
    await nav.go('Engine');
    await next(page, 'Packages').click();
    const handoff = await secondInstance(user, second);
    expect(handoff, `the second instance exits cleanly: ${handoff.stderr}`).toMatchObject({ code: 0, signal: null });
    expect(handoff.ms).toBeLessThan(15_000);
    await expect(packages.packageTable().getByText('ribdemo-beta', { exact: true })).toBeVisible();
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);

    // A notebook through the Open dialog: its imports are proposed, confirmed, and join the recipe.
    await app.evaluate(({ dialog }, path) => {
      dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [path] })) as typeof dialog.showOpenDialog;
    }, notebook);
    await page.getByRole('button', { name: 'Open files…' }).click();
    const review = page.getByRole('region', { name: 'Packages found in your notebooks' });
    await expect(review.getByRole('table', { name: 'Inferred packages' })).toContainText('ribdemo_gamma');
    await expect(review).not.toContainText(/\bos\b.*Add/);
    await screenshot(page, 'journey-notebook-review');
    await review.getByRole('button', { name: /^Add \d+ packages?$/ }).click();
    // The import name is ribdemo_gamma; the distribution on the index, as PEP 503 names it, is ribdemo-gamma.
    await expect(packages.packageTable().getByText('ribdemo-gamma', { exact: true })).toBeVisible();
    await expect(packages.packageTable().getByRole('row')).toHaveCount(4); // header + three packages
    await screenshot(page, 'journey-packages');
    await next(page, 'Base').click();

    // The suggested name is one the app itself accepts: the settings' registry and namespace, each package once.
    const base = new BaseScreenPage(page);
    await page.getByRole('button', { name: 'Suggest' }).click();
    await expect(base.imageName()).toHaveValue(
      new RegExp(`^${registry.replace(/[.]/g, '\\.')}/journey/elyra-ribdemo-alpha-ribdemo-beta-ribdemo-gamma:\\d{4}\\.\\d{2}\\.\\d{2}$`),
    );
    await expect(base.imageName()).not.toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Base checks')).toHaveCount(0);
    const image = `${registry}/journey/app:${stamp}`;
    await base.imageName().fill(image);
    await expect(base.dockerfile()).toContainText('FROM python:3.11-slim');
    await screenshot(page, 'journey-base');
    await next(page, 'Build').click();

    // Build on the real engine, from the test index.
    await page.getByRole('button', { name: `Build ${image}` }).click();
    await expect(page.getByText('Built and checked')).toBeVisible({ timeout: 240_000 });
    await expect(page.getByLabel('Resolved versions')).toContainText('ribdemo-gamma → 0.1.0');
    await screenshot(page, 'journey-build-done');
    await next(page, 'Registry').click();

    // The Registry step starts at the registry the image is named for, and after login shows only the login.
    const form = page.getByRole('form', { name: 'Log in to a registry' });
    await expect(form.getByRole('combobox', { name: 'Registry' })).toHaveValue('Another registry…');
    await expect(form.getByRole('textbox', { name: 'Address' })).toHaveValue(registry);
    await form.getByRole('textbox', { name: 'Username' }).fill(registryUser);
    await form.getByLabel('Password or access token').fill(registryPassword);
    await form.getByRole('button', { name: 'Log in' }).click();
    await expect(page.getByLabel('Your logins')).toContainText(`${registry} as ${registryUser}`);
    await expect(page.getByLabel('Your logins')).toContainText('saved in your keychain');
    await expect(form).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Log in to another registry' })).toBeVisible();
    await screenshot(page, 'journey-registry');

    // The secret is in the OS keychain, as seen from inside the app's own process.
    const keychain = await app.evaluate(async (_electron, service) => {
      const { execFileSync } = process.getBuiltinModule('node:child_process');
      return execFileSync('secret-tool', ['search', '--all', 'service', service], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    }, keychainService);
    expect(keychain).toContain(`label = keyring:${registryUser}@${registry}@${keychainService}`);
    expect(keychain).toContain(`secret = ${registryPassword}`);
    await next(page, 'Push').click();

    // Push what was built.
    await expect(page.getByRole('textbox', { name: 'Push as' })).toHaveValue(image);
    await page.getByRole('button', { name: 'Push', exact: true }).click();
    const pushed = page.getByRole('status').filter({ hasText: /@sha256:[0-9a-f]{64}/ });
    await expect(pushed).toContainText(image, { timeout: 120_000 });
    await expect(page.getByLabel('Push figures')).not.toContainText('0 B of at least 0 B');
    await screenshot(page, 'journey-push-done');
    await next(page, 'Use in Elyra').click();

    // Elyra gets the pushed reference.
    await expect(page.getByRole('textbox', { name: 'Image' })).toHaveValue(image);
    await page.getByRole('textbox', { name: 'Display name' }).fill(`Journey ${stamp}`);
    await expect(page.getByLabel('Runtime image preview')).toContainText(`"image_name": "${image}"`);
    await page.getByRole('button', { name: 'Add to Elyra' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Added' })).toBeVisible();
    const file = join(user.jupyterDataDir, 'metadata', 'runtime-images', `journey_${stamp}.json`);
    expect(existsSync(file)).toBe(true);
    const json = JSON.parse(readFileSync(file, 'utf8')) as { schema_name: string; metadata: { image_name: string } };
    expect(json.schema_name).toBe('runtime-image');
    expect(json.metadata.image_name).toBe(image);
    await screenshot(page, 'journey-elyra');

    // A window made anew (reload) knows nothing handed over: Use in Elyra from the sidebar still offers the pushed reference.
    await page.reload();
    await nav.go('Use in Elyra');
    await expect(page.getByRole('textbox', { name: 'Image' })).toHaveValue(image);
    await expect(page.getByText(/The pushed reference the cluster pulls \(pushed /)).toBeVisible();
    await screenshot(page, 'journey-elyra-from-sidebar');
    await closeApp(running);
    running = null;
  });
});
