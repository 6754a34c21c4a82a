import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures';
import { BaseScreenPage, JourneyNav, PackagesScreenPage } from './pages';

test.describe('the user never loses their work, and sets their preferences', () => {
  test('the recipe comes back as they left it after the app is closed', async ({ app }) => {
    const nav = new JourneyNav(app.page);
    await nav.go('Packages');
    const packages = new PackagesScreenPage(app.page);
    await packages.packageInput().fill('polars>=1');
    await packages.addButton().click();
    await nav.go('Base');
    await new BaseScreenPage(app.page).imageName().fill('alice/polars:0.1');
    // The draft is written shortly after the last change.
    await expect.poll(() => app.core.handlers['draft:load']({}).then((d) => d.recipe?.imageName), { timeout: 5000 }).toBe('alice/polars:0.1');

    await app.restart();
    await expect(app.page.getByRole('status').filter({ hasText: 'Welcome back' })).toBeVisible();
    const again = new JourneyNav(app.page);
    await again.go('Packages');
    await expect(new PackagesScreenPage(app.page).packageTable().getByText('polars>=1')).toBeVisible();
    await again.go('Base');
    await expect(new BaseScreenPage(app.page).imageName()).toHaveValue('alice/polars:0.1');
    await app.screenshot('draft-restored');
  });

  test('a damaged settings file is set aside at start, and the app says so', async ({ app }) => {
    writeFileSync(join(app.dataDir, 'settings.json'), '{"settings": {"platform": "linux/s390x", "notifications": "yes please"');
    await app.restart();
    await expect(app.page.getByRole('alert').filter({ hasText: /settings/i })).toBeVisible();
    await app.screenshot('settings-damaged');
  });

  test('changes the package index and the build network in Settings', async ({ app }) => {
    await app.page.getByRole('button', { name: 'Settings' }).click();
    const index = app.page.getByRole('textbox', { name: 'Index URL', exact: true });
    await index.fill('not a url');
    await app.page.getByRole('button', { name: 'Save settings' }).click();
    await expect(app.page.getByRole('alert')).toContainText(/malformed|Index|http/i);
    await index.fill('https://mirror.example.com/simple');
    await app.page.getByText('Host (for an index on this computer)').click();
    await app.page.getByRole('button', { name: 'Save settings' }).click();
    await expect(app.page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
    const saved = await app.core.handlers['settings:get']({});
    expect(saved.settings.packageIndex.indexUrl).toBe('https://mirror.example.com/simple');
    expect(saved.settings.buildNetwork).toBe('host');
    await app.screenshot('settings-saved');
  });
});
