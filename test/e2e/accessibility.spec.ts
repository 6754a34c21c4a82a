import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { JourneyNav, PackagesScreenPage } from './pages';

const requirements = readFileSync(fileURLToPath(new URL('../fixtures/requirements/team-requirements.txt', import.meta.url)));

/** Serious and critical violations only, as the issue asks; each listed with its rule and first target. */
async function seriousViolations(page: Page, scope?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  const results = await (scope ? builder.include(scope) : builder).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes[0]?.target.join(' ') ?? ''}`);
}

test.describe('every screen works with a screen reader and the keyboard', () => {
  test('the first run explains the journey once, and every screen passes axe', async ({ app }) => {
    await app.core.handlers['settings:update']({ patch: { firstRunDone: false } });
    await app.restart();
    const welcome = app.page.getByRole('dialog', { name: 'Welcome to Runtime Image Builder' });
    await expect(welcome).toBeVisible();
    // Checked once its opening transition is over: colours mid-fade are not what the user reads.
    await expect(welcome).toHaveCSS('opacity', '1');
    await app.page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null))));
    // The page behind the modal is dimmed on purpose; the dialog itself is what the user reads.
    expect(await seriousViolations(app.page, '[role="dialog"]')).toEqual([]);
    await app.screenshot('first-run');
    await welcome.getByRole('button', { name: 'Get started' }).click();
    await expect(welcome).toHaveCount(0);

    const nav = new JourneyNav(app.page);
    const screens: { name: string; heading: RegExp; prepare?: () => Promise<void> }[] = [
      { name: 'Engine', heading: /Container engine/ },
      {
        name: 'Packages',
        heading: /^Packages$/,
        prepare: async () => new PackagesScreenPage(app.page).dropFiles([{ name: 'team-requirements.txt', content: requirements }]),
      },
      { name: 'Base', heading: /Base and name/ },
      { name: 'Build', heading: /Build and check/ },
      { name: 'Registry', heading: /^Registry$/ },
      { name: 'Push', heading: /^Push$/ },
      { name: 'Use in Elyra', heading: /Use in Elyra/ },
      { name: 'History', heading: /^History$/ },
      { name: 'Settings', heading: /^Settings$/ },
    ];
    for (const screen of screens) {
      await nav.go(screen.name);
      await expect(app.page.getByRole('heading', { level: 2, name: screen.heading })).toBeVisible();
      await screen.prepare?.();
      expect(await seriousViolations(app.page), `axe on ${screen.name}`).toEqual([]);
    }
  });

  test('the journey can be walked with the keyboard alone, with a visible focus', async ({ app }) => {
    await expect(app.page.getByRole('heading', { name: 'Container engine' })).toBeVisible();
    const focusedText = () => app.page.evaluate(() => (document.activeElement?.tagName === 'BUTTON' ? (document.activeElement.textContent ?? '') : ''));
    // Tab until the Packages step has the focus, then Enter opens it.
    for (let i = 0; i < 20 && !(await focusedText()).includes('Packages'); i += 1) await app.page.keyboard.press('Tab');
    expect(await focusedText()).toContain('Packages');
    const focus = await app.page.evaluate(() => {
      const el = document.activeElement;
      if (!el) return null;
      const style = getComputedStyle(el);
      return { visible: el.matches(':focus-visible'), outline: `${style.outlineStyle} ${style.outlineWidth}`, shadow: style.boxShadow };
    });
    expect(focus?.visible).toBe(true);
    expect(focus?.outline).not.toMatch(/^none/);
    await app.page.keyboard.press('Enter');
    await expect(app.page.getByRole('heading', { level: 2, name: 'Packages' })).toBeVisible();
    await app.screenshot('keyboard-focus');
  });
});
