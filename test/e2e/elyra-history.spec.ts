import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, needEngine } from './fixtures';
import { BaseScreenPage, JourneyNav, PackagesScreenPage } from './pages';

const registry = process.env['RIB_REGISTRY'] ?? '127.0.0.1:5000';
const jupyterDir = mkdtempSync(join(tmpdir(), 'rib-jupyter-'));

test.describe('the user hands the image to Elyra and finds it again in history', () => {
  needEngine();
  test.setTimeout(240_000);
  test.use({
    appOptions: async ({ appOptions }, use) => use({ ...appOptions, env: { ...appOptions.env, JUPYTER_DATA_DIR: jupyterDir, ELYRA_METADATA_PATH: undefined } }),
  });

  test('build, push, add to Elyra, see the JSON on disk, see it in history, rebuild from history', async ({ app }) => {
    const nav = new JourneyNav(app.page);
    await nav.go('Packages');
    const packages = new PackagesScreenPage(app.page);
    await packages.packageInput().fill('ribdemo-alpha>=1');
    await packages.addButton().click();
    await nav.go('Base');
    const tag = `${registry}/e2e/elyra-demo:${Date.now()}`;
    await new BaseScreenPage(app.page).imageName().fill(tag);
    await nav.go('Build');
    await app.page.getByRole('button', { name: /^Build 127\.0\.0\.1/ }).click();
    await expect(app.page.getByText('Built and checked')).toBeVisible({ timeout: 180_000 });
    await expect(app.page.getByLabel('Resolved versions')).toContainText('ribdemo-alpha>=1 → 2.0.0');

    // Log in for this session only, then push what was built.
    await nav.go('Registry');
    const form = app.page.getByRole('form', { name: 'Log in to a registry' });
    await form.getByRole('combobox', { name: 'Registry' }).click();
    await app.page.getByRole('option', { name: 'Another registry…' }).click();
    await form.getByRole('textbox', { name: 'Address' }).fill(registry);
    await form.getByRole('textbox', { name: 'Username' }).fill(process.env['RIB_REGISTRY_USER'] ?? 'testuser');
    await form.getByLabel('Password or access token').fill(process.env['RIB_REGISTRY_PASSWORD'] ?? 'testpass');
    await form.getByRole('checkbox').check();
    await form.getByRole('button', { name: 'Log in' }).click();
    await expect(app.page.getByLabel('Your logins')).toContainText('for this session only');
    await nav.go('Push');
    await expect(app.page.getByRole('textbox', { name: 'Push as' })).toHaveValue(tag);
    await app.page.getByRole('button', { name: 'Push', exact: true }).click();
    await app.page.getByRole('button', { name: 'Next: Use in Elyra' }).click({ timeout: 120_000 });

    await app.page.getByRole('textbox', { name: 'Display name' }).fill('Elyra demo');
    await expect(app.page.getByLabel('Runtime image preview')).toContainText(`"image_name": "${tag}"`);
    await app.screenshot('elyra-preview');
    await app.page.getByRole('button', { name: 'Add to Elyra' }).click();
    await expect(app.page.getByRole('status').filter({ hasText: 'Added' })).toBeVisible();
    const file = join(jupyterDir, 'metadata', 'runtime-images', 'elyra_demo.json');
    expect(existsSync(file)).toBe(true);
    const json = JSON.parse(readFileSync(file, 'utf8')) as {
      schema_name: string;
      display_name: string;
      metadata: { image_name: string; pull_policy?: string };
    };
    expect(json.schema_name).toBe('runtime-image');
    expect(json.display_name).toBe('Elyra demo');
    expect(json.metadata.image_name).toBe(tag);
    expect(json.metadata.pull_policy).toBe('IfNotPresent');
    await app.screenshot('elyra-added');

    // Adding it again asks before replacing the file.
    await app.page.getByRole('button', { name: 'Add to Elyra' }).click();
    await expect(app.page.getByRole('dialog', { name: 'Replace the runtime image?' })).toBeVisible();
    await app.screenshot('elyra-replace-question');
    await app.page.getByRole('button', { name: 'Keep the old one' }).click();

    await app.page.getByRole('button', { name: 'History' }).click();
    const entries = app.page.getByLabel('Builds and pushes');
    await expect(entries).toContainText(`push succeeded`);
    await expect(entries).toContainText('build succeeded');
    // The engine's images come in their own call: the screenshot shows them, not "Looking…".
    await expect(app.page.getByRole('table', { name: 'Images on the engine' })).toContainText('elyra-demo');
    await app.screenshot('history');
    await app.page
      .getByRole('button', { name: `Actions for ${tag}` })
      .last()
      .click();
    await app.page.getByRole('menuitem', { name: 'Rebuild', exact: true }).click();
    await expect(app.page.getByRole('heading', { name: 'Build and check' })).toBeVisible();
    await app.page.getByRole('button', { name: /^Build 127\.0\.0\.1/ }).click();
    await expect(app.page.getByText('Built and checked')).toBeVisible({ timeout: 180_000 });
  });
});
