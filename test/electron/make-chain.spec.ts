import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { HistoryStore } from '../../electron/services/history';
import { JourneyNav } from '../e2e/pages';
import { testEngineClient } from '../support/engine-env';
import { openStore } from '../support/headless-core';
import { MANIFEST_TYPES } from '../support/registry-manifest';
import { buildTryImage } from '../support/try-image';
import { closeApp, expect, launchApp, screenshot, test, type UserHome } from './fixtures';
import { logIn } from './push-steps';
import { progressCalls, spyOnProgressBar } from './progress-bar-spy';
import { RegistryGate } from './registry-gate';

// The loop in one action: from files dropped on the window to an image registered in Elyra, with a
// login already saved. The clicks from the drop on are counted (at most 3, no typing); a registry
// that refuses the push stops the chain at Push with one notification; a cancel says what is left.

const registry = process.env['RIB_REGISTRY'] ?? '127.0.0.1:5000';
const registryUser = process.env['RIB_REGISTRY_USER'] ?? 'testuser';
const registryPassword = process.env['RIB_REGISTRY_PASSWORD'] ?? 'testpass';
const idleTray = ['Show Runtime Image Builder', 'No build or push running', 'Quit'];

/** A base with papermill and a working directory group 0 may write to, so the notebooks really run in the image. */
let base = '';
test.beforeAll(async () => {
  test.setTimeout(300_000);
  base = await buildTryImage(testEngineClient(), `desktop/make-base:${Date.now()}`);
});
test.afterAll(async () => {
  await testEngineClient()
    .getImage(base)
    .remove({ force: true })
    .catch(() => undefined);
});

/** The user's project: a requirements file and a notebook that imports one more package. */
function project(user: UserHome, withNotebook: boolean): string[] {
  const dir = join(user.home, 'project');
  mkdirSync(dir, { recursive: true });
  const requirements = join(dir, 'requirements.txt');
  writeFileSync(requirements, 'ribdemo-alpha==1.1.0\n');
  if (!withNotebook) return [requirements];
  const notebook = join(dir, 'analysis.ipynb');
  const cell = (source: string, i: number) => ({ cell_type: 'code', execution_count: null, id: `c${i}`, metadata: {}, outputs: [], source });
  writeFileSync(
    notebook,
    JSON.stringify({
      cells: ['import ribdemo_alpha\nimport ribdemo_gamma\n', 'print("ran with", ribdemo_gamma.__name__)\n'].map(cell),
      metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' }, language_info: { name: 'python' } },
      nbformat: 4,
      nbformat_minor: 5,
    }),
  );
  return [requirements, notebook];
}

/** The base the user's team builds on, chosen once on the Base step (set-up, before the drop). */
async function chooseBase(page: Page): Promise<void> {
  await new JourneyNav(page).go('Base');
  await page.getByText('Custom image', { exact: true }).click();
  await page.getByRole('textbox', { name: 'Custom base image' }).fill(base);
  const pins = page.getByRole('switch', { name: "Pre-install Elyra's own packages" });
  await pins.click({ force: true });
  await expect(pins).not.toBeChecked();
  await page.getByRole('switch', { name: 'Allow pip to install into the system Python' }).click({ force: true });
  await new JourneyNav(page).go('Engine');
}

/** Drops files from disk on the window, as a drag from the file manager does (Chromium's own File objects). */
async function dropFiles(page: Page, paths: string[]): Promise<void> {
  const input = await page.evaluateHandle(() => {
    const element = document.createElement('input');
    element.type = 'file';
    element.multiple = true;
    element.style.display = 'none';
    document.body.append(element);
    return element;
  });
  await input.setInputFiles(paths);
  await input.evaluate((element) => {
    const transfer = new DataTransfer();
    for (const file of Array.from(element.files ?? [])) transfer.items.add(file);
    for (const type of ['dragenter', 'dragover', 'drop'])
      window.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
    element.remove();
  });
}

/** Counts the user's clicks and key presses in the window from now on. */
async function countInput(page: Page): Promise<() => Promise<{ clicks: number; keys: number }>> {
  await page.evaluate(() => {
    const counts = { clicks: 0, keys: 0 };
    (window as unknown as { inputCounts: typeof counts }).inputCounts = counts;
    document.addEventListener('click', () => (counts.clicks += 1), true);
    document.addEventListener('keydown', () => (counts.keys += 1), true);
  });
  return () => page.evaluate(() => (window as unknown as { inputCounts: { clicks: number; keys: number } }).inputCounts);
}

/** The digest the registry has for the tag, asked over its HTTP API. */
async function registryDigest(reference: string): Promise<string | null> {
  const [, host, repository, tag] = /^([^/]+)\/(.+):([^:]+)$/.exec(reference) ?? [];
  const answer = await fetch(`http://${host}/v2/${repository}/manifests/${tag}`, {
    method: 'HEAD',
    headers: { Authorization: `Basic ${Buffer.from(`${registryUser}:${registryPassword}`).toString('base64')}`, Accept: MANIFEST_TYPES },
  });
  return answer.ok ? answer.headers.get('docker-content-digest') : null;
}

test.describe('from dropped files to an image registered in Elyra in one action', () => {
  test.setTimeout(420_000);

  test('a requirements file and a notebook dropped: at most 3 clicks and no typing to a registered, pushed image', async ({ user, desktop }) => {
    const files = project(user, true);
    const running = await launchApp(user);
    const { app, page } = running;
    // Set-up, not counted: the saved login and the team's base.
    await logIn(page, registry);
    await chooseBase(page);
    await spyOnProgressBar(app);

    const input = await countInput(page);
    await dropFiles(page, files);
    // The notebook's import is proposed; the requirements file's package is in already.
    const review = page.getByRole('region', { name: 'Packages found in your notebooks' });
    await expect(review.getByRole('table', { name: 'Inferred packages' })).toContainText('ribdemo_gamma');
    await review.getByRole('button', { name: /^Add \d+ packages?$/ }).click();

    const card = page.getByRole('region', { name: 'Build, push and add to Elyra' });
    const today = new Date();
    const date = `${today.getFullYear()}.${String(today.getMonth() + 1).padStart(2, '0')}.${String(today.getDate()).padStart(2, '0')}`;
    const reference = `${registry}/${registryUser}/elyra-ribdemo-alpha-ribdemo-gamma:${date}`;
    await expect(card.getByRole('textbox', { name: 'Image name' })).toHaveValue(reference);
    await expect(card.getByRole('textbox', { name: 'Push as' })).toHaveValue(reference);
    await expect(card.getByRole('textbox', { name: 'Name in Elyra' })).toHaveValue(`elyra-ribdemo-alpha-ribdemo-gamma:${date}`);
    await expect(card).toContainText('Tries analysis.ipynb in the image before pushing it.');
    const start = card.getByRole('button', { name: 'Build, push and add to Elyra' });
    await expect(start).toBeEnabled();
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'make-ready');
    await start.click();

    await expect(card.getByRole('status').filter({ hasText: /^Step 1 of 4: Build and check/ })).toBeVisible({ timeout: 30_000 });
    await card.getByRole('list', { name: 'Steps' }).scrollIntoViewIfNeeded();
    await expect
      .poll(() => desktop.trayLabels(), { timeout: 30_000 })
      .toEqual([
        'Show Runtime Image Builder',
        expect.stringMatching(/^Build, push and add to Elyra: .*: build and check, \d+%$/),
        'Cancel build, push and add',
        'Quit',
      ]);
    await screenshot(page, 'make-running');
    await expect(card.getByRole('status').filter({ hasText: /^Ready in Elyra$/ })).toBeVisible({ timeout: 300_000 });
    await card.getByRole('status').filter({ hasText: 'is in Elyra' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'make-done');

    const counted = await input();
    console.log(`[make-window] from the drop to a registered image: ${counted.clicks} clicks, ${counted.keys} key presses`);
    expect(counted.clicks).toBeLessThanOrEqual(3);
    expect(counted.keys).toBe(0);

    const steps = card.getByRole('list', { name: 'Steps' });
    for (const label of ['Build and check: done', 'Try your notebooks: done', 'Push: done', 'Add to Elyra: done']) {
      await expect(steps.getByRole('listitem', { name: label })).toBeVisible();
    }
    // The runtime image where Elyra reads it, naming what was pushed; the registry has that tag, at the digest shown.
    const file = join(user.jupyterDataDir, 'metadata', 'runtime-images', `elyra-ribdemo-alpha-ribdemo-gamma_${date.replace(/\./g, '_')}.json`);
    expect(existsSync(file), file).toBe(true);
    const json = JSON.parse(readFileSync(file, 'utf8')) as { schema_name: string; display_name: string; metadata: Record<string, unknown> };
    expect(json).toMatchObject({ schema_name: 'runtime-image', metadata: { image_name: reference, pull_policy: 'Always' } });
    const shown = /@(sha256:[0-9a-f]{64})/.exec((await card.getByRole('status').filter({ hasText: 'is in Elyra' }).textContent()) ?? '')?.[1];
    expect(shown).toBeDefined();
    expect(await registryDigest(reference)).toBe(shown);
    // The history has the build and the push, as when each is done on its own screen.
    await expect
      .poll(() => {
        const { entries } = new HistoryStore(openStore(user.dataDir, 'history')).list();
        return entries.filter((e) => e.result === 'succeeded').map((e) => `${e.kind} ${e.kind === 'push' ? e.digest : ''}`);
      })
      .toEqual(expect.arrayContaining([`push ${shown}`, 'build ']));
    // One notification, at the end; the tray and the taskbar are back to rest.
    await expect.poll(() => desktop.notificationsAbout(reference)).toHaveLength(1);
    const [notification] = await desktop.notificationsAbout(reference);
    expect(notification?.summary).toBe('Ready in Elyra');
    expect(notification?.body).toBe(`Pushed ${reference} and added "elyra-ribdemo-alpha-ribdemo-gamma:${date}" to Elyra.`);
    await expect.poll(() => desktop.trayLabels()).toEqual(idleTray);
    const bars = await progressCalls(app);
    expect(
      bars.some((v) => v > 0 && v < 1),
      'a fraction on the taskbar while it ran',
    ).toBe(true);
    expect(bars.at(-1), 'the taskbar progress is cleared').toBe(-1);
    await closeApp(running);
  });
});

test.describe('the one action stops or is cancelled in the middle', () => {
  test.setTimeout(420_000);
  let gate: RegistryGate;
  test.beforeEach(async () => {
    gate = new RegistryGate(registry);
    await gate.start();
  });
  test.afterEach(async () => {
    await gate.stop();
  });

  test('a registry that refuses the push: one notification naming the push and what to do; the built image is kept', async ({ user, desktop }) => {
    const files = project(user, false);
    const running = await launchApp(user);
    const { page } = running;
    await logIn(page, gate.address);
    await chooseBase(page);
    gate.deny();
    await dropFiles(page, files);
    const card = page.getByRole('region', { name: 'Build, push and add to Elyra' });
    const reference = (await card.getByRole('textbox', { name: 'Push as' }).inputValue()) || '';
    await expect(card.getByRole('textbox', { name: 'Push as' })).toHaveValue(
      new RegExp(`^${gate.address.replace(/[.]/g, '\\.')}/${registryUser}/elyra-ribdemo-alpha:`),
    );
    await expect(card).toContainText('No notebooks opened with a path: the try is skipped.');
    await card.getByRole('button', { name: 'Build, push and add to Elyra' }).click();

    await expect(card.getByRole('status').filter({ hasText: /^Stopped at Push$/ })).toBeVisible({ timeout: 300_000 });
    const steps = card.getByRole('list', { name: 'Steps' });
    for (const label of ['Build and check: done', 'Try your notebooks: skipped', 'Push: failed', 'Add to Elyra: waiting']) {
      await expect(steps.getByRole('listitem', { name: label })).toBeVisible();
    }
    const image = await card.getByRole('textbox', { name: 'Image name' }).inputValue();
    await expect(card.getByRole('alert').filter({ hasText: 'The registry refused the push' })).toContainText(
      'Push to an account or organisation your login may write to.',
    );
    await expect(steps).toContainText(`Kept: ${image} is built and stays on your engine.`);
    await steps.scrollIntoViewIfNeeded();
    await screenshot(page, 'make-failed');

    const pushed = (await card.getByRole('textbox', { name: 'Push as' }).inputValue()) || reference;
    await expect.poll(() => desktop.notificationsAbout(pushed)).toHaveLength(1);
    const [notification] = await desktop.notificationsAbout(pushed);
    expect(notification?.summary).toBe('Stopped at Push: The registry refused the push');
    expect(notification?.body).toContain('Push to an account or organisation your login may write to.');
    expect(notification?.body).toContain(`Kept: ${image} is built and stays on your engine.`);
    // Kept on the engine, for a push again once the registry lets it in; nothing written for Elyra.
    expect((await testEngineClient().getImage(image).inspect()).Id).toMatch(/^sha256:/);
    expect(existsSync(join(user.jupyterDataDir, 'metadata', 'runtime-images'))).toBe(false);
    await expect.poll(() => desktop.trayLabels()).toEqual(idleTray);
    await closeApp(running);
  });

  test('cancel during the push says what was left, and the tray lets go', async ({ user, desktop }) => {
    const files = project(user, false);
    const running = await launchApp(user);
    const { page } = running;
    await logIn(page, gate.address);
    await chooseBase(page);
    gate.hold();
    await dropFiles(page, files);
    const card = page.getByRole('region', { name: 'Build, push and add to Elyra' });
    await expect(card.getByRole('textbox', { name: 'Push as' })).toHaveValue(new RegExp(`^${gate.address.replace(/[.]/g, '\\.')}/`));
    const image = await card.getByRole('textbox', { name: 'Image name' }).inputValue();
    await card.getByRole('button', { name: 'Build, push and add to Elyra' }).click();

    await expect(card.getByRole('status').filter({ hasText: /^Step 2 of 3: Push/ })).toBeVisible({ timeout: 300_000 });
    await expect.poll(() => gate.held(), { timeout: 60_000 }).toBeGreaterThan(0);
    await expect
      .poll(() => desktop.trayLabels())
      .toEqual(['Show Runtime Image Builder', expect.stringMatching(/^Build, push and add to Elyra: .*: push, \d+%$/), 'Cancel build, push and add', 'Quit']);
    await card.getByRole('list', { name: 'Steps' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'make-pushing');
    await card.getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect(card.getByRole('status').filter({ hasText: /^Cancelled$/ })).toBeVisible({ timeout: 30_000 });
    await expect(card.getByRole('alert')).toContainText(
      `Cancelled while pushing. ${image} is built and stays on your engine. Layers the registry already has stay there and are not sent again next time. Not done: Add to Elyra.`,
    );
    const steps = card.getByRole('list', { name: 'Steps' });
    await expect(steps.getByRole('listitem', { name: 'Push: cancelled' })).toBeVisible();
    await expect(steps.getByRole('listitem', { name: 'Add to Elyra: waiting' })).toBeVisible();
    await card.getByRole('alert').scrollIntoViewIfNeeded();
    await screenshot(page, 'make-cancelled');
    await expect.poll(() => desktop.trayLabels()).toEqual(idleTray);
    expect(existsSync(join(user.jupyterDataDir, 'metadata', 'runtime-images'))).toBe(false);
    await closeApp(running);
  });
});
