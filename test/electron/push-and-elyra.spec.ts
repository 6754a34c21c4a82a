import Dockerode from 'dockerode';
import { buildRandomImage } from '../fixtures/push-events/tools/random-image';
import { BaseScreenPage, JourneyNav } from '../e2e/pages';
import { closeApp, expect, launchApp, screenshot, test } from './fixtures';

const registry = process.env['RIB_REGISTRY'] ?? '127.0.0.1:5000';
const baseImage = process.env['RIB_BASE_IMAGE'] ?? 'python:3.11-slim';

test.describe('Use in Elyra only offers what a cluster can pull', () => {
  test('with nothing pushed, it says so and offers no local name', async ({ user }) => {
    const running = await launchApp(user);
    const { page } = running;
    const nav = new JourneyNav(page);
    const local = `journey/local-only:${Date.now()}`;
    await nav.go('Base');
    await new BaseScreenPage(page).imageName().fill(local);
    await nav.go('Use in Elyra');
    const notPushed = page.getByRole('alert').filter({ hasText: `${local} has not been pushed yet` });
    await expect(notPushed).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Image' })).toHaveValue('');
    await expect(page.getByRole('button', { name: 'Add to Elyra' })).toBeDisabled();
    await screenshot(page, 'journey-elyra-not-pushed');
    await notPushed.getByRole('button', { name: 'Go to Push' }).click();
    await expect(page.getByRole('heading', { name: 'Push', level: 2 })).toBeVisible();
    await closeApp(running);
  });
});

test.describe('a push says truthfully how it starts and how it ends', () => {
  test.setTimeout(180_000);

  test('starting shows no empty figures, and a cancelled push says it was cancelled', async ({ user }) => {
    const stamp = Date.now();
    const local = `journey/cancel-source:${stamp}`;
    const docker = new Dockerode({ socketPath: (process.env['DOCKER_HOST'] ?? '').replace(/^unix:\/\//, '') });
    // Fresh random layers: real bytes to send, so there is time to cancel.
    await buildRandomImage(docker, { tag: local, base: baseImage, layerBytes: [80_000_000, 80_000_000] });
    const running = await launchApp(user);
    const { page } = running;
    try {
      const nav = new JourneyNav(page);
      await nav.go('Registry');
      const form = page.getByRole('form', { name: 'Log in to a registry' });
      await form.getByRole('combobox', { name: 'Registry' }).click();
      await page.getByRole('option', { name: 'Another registry…' }).click();
      await form.getByRole('textbox', { name: 'Address' }).fill(registry);
      await form.getByRole('textbox', { name: 'Username' }).fill(process.env['RIB_REGISTRY_USER'] ?? 'testuser');
      await form.getByLabel('Password or access token').fill(process.env['RIB_REGISTRY_PASSWORD'] ?? 'testpass');
      await form.getByRole('checkbox').check();
      await form.getByRole('button', { name: 'Log in' }).click();
      await expect(page.getByLabel('Your logins')).toContainText('for this session only');

      await nav.go('Push');
      await page.getByRole('textbox', { name: 'Local image' }).fill(local);
      await page.getByRole('textbox', { name: 'Push as' }).fill(`${registry}/journey/cancel-${stamp}:1`);
      // Every text the status and the figures show, from the first moment on.
      await page.evaluate(() => {
        const seen: string[] = [];
        (window as unknown as { seenPushTexts: string[] }).seenPushTexts = seen;
        const record = () => {
          for (const el of document.querySelectorAll('[aria-label="Push figures"], [role="status"]')) {
            const text = el.textContent ?? '';
            if (text !== '' && seen.at(-1) !== text) seen.push(text);
          }
        };
        new MutationObserver(record).observe(document.body, { subtree: true, childList: true, characterData: true });
      });
      await page.getByRole('button', { name: 'Push', exact: true }).click();
      await expect(page.getByRole('status').filter({ hasText: /^Pushing: \d+%$/ })).toBeVisible({ timeout: 60_000 });
      await page.getByRole('button', { name: 'Cancel push' }).click();
      await expect(page.getByRole('status').filter({ hasText: /^Push cancelled$/ })).toBeVisible({ timeout: 30_000 });
      const figures = page.getByLabel('Push figures');
      await expect(figures).toHaveText(/^Push cancelled (after .+ of .+|before anything was uploaded)$/);
      await expect(page.getByRole('alert').filter({ hasText: 'Push cancelled. Layers the registry already has stay there' })).toBeVisible();
      // Once cancelled, no layer is still "Pushing", and the bar agrees with the bytes beside it.
      await expect(page.getByRole('table', { name: 'Layers' }).getByRole('cell', { name: 'Pushing', exact: true })).toHaveCount(0);
      const bar = Number(await page.getByRole('progressbar', { name: 'Push progress' }).getAttribute('aria-valuenow'));
      const bytes = await page.evaluate(async () => {
        type Job = { kind: string; progress?: { kind: string; bytesSent: number; bytesTotal: number } | null };
        const api = (window as unknown as { api: { invoke: (channel: string, input: object) => Promise<{ ok: boolean; value: Job[] }> } }).api;
        const jobs = await api.invoke('job:list', {});
        const push = jobs.ok ? jobs.value.filter((job) => job.kind === 'push').at(-1) : undefined;
        return push?.progress?.kind === 'push' ? (100 * push.progress.bytesSent) / push.progress.bytesTotal : null;
      });
      expect(bytes).not.toBeNull();
      expect(Math.abs(bar - (bytes ?? 0))).toBeLessThan(2);
      await screenshot(page, 'journey-push-cancelled');
      const seen = await page.evaluate(() => (window as unknown as { seenPushTexts: string[] }).seenPushTexts);
      expect(seen.join('\n')).not.toContain('of at least 0 B');
      expect(seen.join('\n')).not.toContain('Nothing to upload');
      expect(seen.some((text) => /^(Starting the push…|Preparing layers…)/.test(text) || text.includes('Starting the push…'))).toBe(true);
    } finally {
      await closeApp(running);
      await docker
        .getImage(local)
        .remove()
        .catch(() => undefined);
    }
  });
});
