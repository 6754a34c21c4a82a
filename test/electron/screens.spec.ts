import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ElectronApplication, Locator, Page } from '@playwright/test';
import { HistoryStore } from '../../electron/services/history';
import { BaseScreenPage, EngineScreenPage, JourneyNav, PackagesScreenPage } from '../e2e/pages';
import { buildImage } from '../../electron/services/build';
import { testEngineClient } from '../support/engine-env';
import { openStore } from '../support/headless-core';
import { closeApp, expect, launchApp, screenshot, test, type UserHome } from './fixtures';

// The screens as the user meets them in the real window: what was wrong there, each with the fixed state.

const MIN_WIDTH = 820;
const MIN_HEIGHT = 560;

async function setWindowSize(app: ElectronApplication, width: number, height: number): Promise<void> {
  await app.evaluate(({ BrowserWindow }, size) => BrowserWindow.getAllWindows()[0]?.setSize(size.width, size.height), { width, height });
}

/** The next answer of the native Open dialog (which a test cannot click). */
async function answerOpenDialog(app: ElectronApplication, paths: string[]): Promise<void> {
  await app.evaluate(({ dialog }, filePaths) => {
    dialog.showOpenDialog = (async () => ({ canceled: false, filePaths })) as typeof dialog.showOpenDialog;
  }, paths);
}

/** True when the element shows all of itself: nothing cut off inside it, and it lies inside the window. */
async function fullyShown(locator: Locator): Promise<{ clipped: number; outside: boolean }> {
  return locator.evaluate((el) => {
    const box = el.getBoundingClientRect();
    return { clipped: Math.max(el.scrollWidth - el.clientWidth, 0), outside: box.right > window.innerWidth + 1 || box.left < 0 };
  });
}

function placeLink(page: Page, name: 'History' | 'Settings'): Locator {
  return page.getByRole('navigation', { name: 'Journey' }).getByRole('button', { name, exact: true });
}

test.describe('the screens in the real window', () => {
  test('a PEP 668 base fails with advice the window can follow, and following it makes the build pass', async ({ user }) => {
    test.setTimeout(400_000);
    const managed = process.env['RIB_BASE_IMAGE_MANAGED'];
    if (!managed) throw new Error('RIB_BASE_IMAGE_MANAGED must be set by test/infra/up.sh');
    const running = await launchApp(user);
    const { page } = running;
    const nav = new JourneyNav(page);
    const base = new BaseScreenPage(page);
    const packages = new PackagesScreenPage(page);
    await nav.go('Packages');
    await packages.packageInput().fill('ribdemo-alpha');
    await packages.addButton().click();
    await nav.go('Base');
    await page.getByText('Custom image', { exact: true }).click();
    await page.getByRole('textbox', { name: 'Custom base image' }).fill(managed);
    const image = `ui/pep668:${Date.now()}`;
    await base.imageName().fill(image);
    const allow = page.getByRole('switch', { name: 'Allow pip to install into the system Python' });
    await expect(allow).not.toBeChecked();

    await nav.go('Build');
    await page.getByRole('button', { name: `Build ${image}` }).click();
    const failure = page.getByRole('alert').filter({ hasText: 'externally managed' });
    await expect(failure).toBeVisible({ timeout: 180_000 });
    // The advice names a switch and where it is: the Base step, under the custom base image.
    await expect(failure).toContainText('On the Base step, under the custom base image, turn on "Allow pip to install into the system Python"');
    await screenshot(page, 'pep668-failed');

    await nav.go('Base');
    await expect(allow).toBeVisible();
    // The switch says what it risks.
    await expect(page.getByText(/may replace packages that the operating system installed/)).toBeVisible();
    await allow.click({ force: true });
    await expect(allow).toBeChecked();
    await expect(base.dockerfile()).toContainText('PIP_BREAK_SYSTEM_PACKAGES=1');
    await allow.scrollIntoViewIfNeeded();
    await screenshot(page, 'pep668-switch');

    await nav.go('Build');
    await page.getByRole('button', { name: `Build ${image}` }).click();
    await expect(page.getByText('Built and checked')).toBeVisible({ timeout: 240_000 });
    const checks = page.getByRole('list', { name: 'Image checks' });
    const pipCheck = checks.getByRole('listitem').filter({ hasText: 'PIP_BREAK_SYSTEM_PACKAGES=1' });
    await expect(pipCheck.getByLabel('Passed')).toBeVisible();
    await pipCheck.scrollIntoViewIfNeeded();
    await screenshot(page, 'pep668-built');
    await closeApp(running);
  });

  test("a custom base with a newer jupyter_client than Elyra's pin: the check says nodes DOWNGRADE it at every start", async ({ user }) => {
    test.setTimeout(300_000);
    const baseImage = process.env['RIB_BASE_IMAGE'];
    if (!baseImage) throw new Error('RIB_BASE_IMAGE must be set by test/infra/up.sh');
    // A METADATA file is all pip freeze needs to list jupyter_client 99.0.0, spelled as its project does.
    const docker = testEngineClient();
    const newer = `ui/newer-client:${Date.now()}`;
    // Built, not committed from a container: a container committed on an engine without a bridge
    // network carries that into the image, and builds from it then cannot reach the package index.
    const fake = String.raw`import os, sysconfig; d = os.path.join(sysconfig.get_paths()["purelib"], "jupyter_client-99.0.0.dist-info"); os.makedirs(d); open(os.path.join(d, "METADATA"), "w").write("Metadata-Version: 2.1\nName: jupyter_client\nVersion: 99.0.0\n")`;
    await buildImage({
      docker,
      plan: { dockerfile: `FROM ${baseImage}\nRUN python3 -c '${fake}'\n`, files: [], buildArgs: {} },
      tag: newer,
      platform: 'linux/amd64',
      network: 'host',
    });

    const running = await launchApp(user);
    const { page } = running;
    const nav = new JourneyNav(page);
    const base = new BaseScreenPage(page);
    const packages = new PackagesScreenPage(page);
    try {
      await nav.go('Packages');
      await packages.packageInput().fill('ribdemo-alpha');
      await packages.addButton().click();
      await nav.go('Base');
      await page.getByText('Custom image', { exact: true }).click();
      await page.getByRole('textbox', { name: 'Custom base image' }).fill(newer);
      // Elyra's pins pre-installed would put jupyter_client back at the pin in the image itself.
      const pins = page.getByRole('switch', { name: "Pre-install Elyra's own packages" });
      await pins.click({ force: true });
      await expect(pins).not.toBeChecked();
      const image = `ui/downgraded:${Date.now()}`;
      await base.imageName().fill(image);
      await nav.go('Build');
      await page.getByRole('button', { name: `Build ${image}` }).click();
      await expect(page.getByText('Built and checked')).toBeVisible({ timeout: 240_000 });
      const pinsCheck = page.getByRole('list', { name: 'Image checks' }).getByRole('listitem').filter({ hasText: 'as its bootstrapper compares them' });
      await expect(pinsCheck.getByLabel('Warning')).toBeVisible();
      await expect(pinsCheck).toContainText('DOWNGRADED at each node start: jupyter_client 99.0.0 to 8.9.1');
      await pinsCheck.scrollIntoViewIfNeeded();
      await screenshot(page, 'check-downgraded-pin');
    } finally {
      await closeApp(running);
      await docker
        .getImage(newer)
        .remove({ force: true })
        .catch(() => undefined);
    }
  });

  test('opening the same requirements file again replaces its packages, and duplicates name real lines or table rows', async ({ user }) => {
    const folder = join(user.home, 'project');
    mkdirSync(folder, { recursive: true });
    const file = join(folder, 'team.txt');
    writeFileSync(file, '# what the team needs\nribdemo-alpha\nribdemo-beta\n');
    const running = await launchApp(user);
    const { app, page } = running;
    const nav = new JourneyNav(page);
    const packages = new PackagesScreenPage(page);
    await nav.go('Packages');
    await answerOpenDialog(app, [file]);
    await page.getByRole('button', { name: 'Open files…' }).click();
    const table = packages.packageTable();
    await expect(table.getByText('line 2 of team.txt')).toBeVisible();

    // Opened again, after the file changed: its entries are replaced, not added a second time.
    writeFileSync(file, '# what the team needs\nribdemo-alpha\nribdemo-beta\nribdemo-gamma\n');
    await page.getByRole('button', { name: 'Open files…' }).click();
    await expect(table.getByText('ribdemo-gamma')).toBeVisible();
    await expect(table.getByRole('row')).toHaveCount(1 + 3);
    await expect(packages.fileCard('team.txt')).toHaveCount(1);
    await expect(packages.fileCard('team.txt').getByRole('status')).toContainText('Opened again');
    await expect(page.getByText(/listed twice/)).toHaveCount(0);

    // The same package typed in the app: the warning cites the file's real line and the table row.
    await packages.packageInput().fill('ribdemo-alpha');
    await packages.addButton().click();
    await expect(packages.checks()).toContainText('ribdemo-alpha is listed twice: line 2 of team.txt and "ribdemo-alpha" (row 4 of the package table)');
    await screenshot(page, 'requirements-reopened');
    await closeApp(running);
  });

  test('the private-image notice on Use in Elyra is readable in full', async ({ user }) => {
    const running = await launchApp(user);
    const { app, page } = running;
    await new JourneyNav(page).go('Use in Elyra');
    await page.getByRole('textbox', { name: 'Image', exact: true }).fill('registry.example.com/data-science-team/pipelines/pandas-tools:1.0');
    await page.getByRole('textbox', { name: 'Display name' }).fill('Pandas tools');
    await page.getByRole('checkbox', { name: /The image is private/ }).check();
    const notice = page.getByRole('region', { name: 'Pull secret' });
    await expect(notice).toContainText('kubectl create secret docker-registry');
    for (const [width, height] of [
      [1100, 800],
      [MIN_WIDTH, MIN_HEIGHT],
    ] as const) {
      await setWindowSize(app, width, height);
      await expect.poll(() => page.evaluate(() => window.innerWidth)).toBe(width);
      expect(await fullyShown(notice)).toEqual({ clipped: 0, outside: false });
      expect(await fullyShown(notice.getByLabel('Pull secret command'))).toEqual({ clipped: 0, outside: false });
      await notice.scrollIntoViewIfNeeded();
      await screenshot(page, `elyra-pull-secret-${width}`);
    }
    await expect(notice.getByRole('button', { name: 'Copy kubectl command' })).toBeVisible();
    await closeApp(running);
  });

  test('at the smallest window every sidebar entry can be reached, and History shows whole buttons', async ({ user }) => {
    seedHistory(user);
    const running = await launchApp(user);
    const { app, page } = running;
    await setWindowSize(app, MIN_WIDTH, MIN_HEIGHT);
    await expect.poll(() => page.evaluate(() => window.innerWidth)).toBe(MIN_WIDTH);
    // As a user reaches them: the mouse wheel over the sidebar (Playwright's own scrolling would
    // also move a box that clips its content, which no user can).
    await expect(placeLink(page, 'Settings')).not.toBeInViewport();
    await page.getByRole('navigation', { name: 'Journey' }).hover();
    await page.mouse.wheel(0, 800);
    await expect(placeLink(page, 'Settings')).toBeInViewport();
    await expect(placeLink(page, 'History')).toBeInViewport();
    await placeLink(page, 'History').click();
    await expect(page.getByRole('heading', { name: 'History', level: 2 })).toBeVisible();
    await expect(placeLink(page, 'History')).toBeInViewport();
    const actions = page.getByRole('button', { name: /^Actions for / });
    await expect(actions).toHaveCount(2);
    for (const button of await actions.all()) {
      await expect(button).toHaveText('Actions');
      expect(await fullyShown(button.locator('.mantine-Button-label'))).toEqual({ clipped: 0, outside: false });
    }
    await screenshot(page, 'history-min-window');
    await placeLink(page, 'Settings').click();
    await expect(page.getByRole('heading', { name: 'Settings', level: 2 })).toBeVisible();
    await screenshot(page, 'settings-min-window');

    // And at the default size.
    await setWindowSize(app, 1100, 760);
    await placeLink(page, 'History').click();
    for (const button of await actions.all()) expect(await fullyShown(button.locator('.mantine-Button-label'))).toEqual({ clipped: 0, outside: false });
    await closeApp(running);
  });

  test('small things: the Dockerfile sentence, neutral empty fields, one name for Settings, Retry only when needed', async ({ user }) => {
    const running = await launchApp(user);
    const { app, page } = running;
    const engine = new EngineScreenPage(page);
    await expect(engine.connected()).toBeVisible();
    await expect(engine.retry()).toHaveCount(0);
    await screenshot(page, 'engine-connected-no-retry');

    const menu = await app.evaluate(({ Menu }) => {
      const labels: string[] = [];
      const walk = (items: Electron.MenuItem[]) => {
        for (const item of items) {
          labels.push(item.label);
          if (item.submenu) walk(item.submenu.items);
        }
      };
      walk(Menu.getApplicationMenu()?.items ?? []);
      return labels;
    });
    expect(menu).toContain('Settings…');
    expect(menu.filter((label) => /Preferences/.test(label))).toEqual([]);

    const nav = new JourneyNav(page);
    const base = new BaseScreenPage(page);
    await nav.go('Base');
    await page.getByText('Custom image', { exact: true }).click();
    const custom = page.getByRole('textbox', { name: 'Custom base image' });
    await custom.fill('local/python:3');
    await expect(base.dockerfile()).toContainText("on the base image's own Python.");
    await expect(base.dockerfile()).not.toContainText('on Python the base image');

    // Empty required fields are neutral until the user tries to go on; a wrong value is red at once.
    await custom.fill('');
    await base.imageName().fill('');
    await expect(base.imageName()).not.toHaveAttribute('aria-invalid', 'true');
    await expect(custom).not.toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText('Give the image a name, like alice/pandas-tools:1.0.')).toHaveCount(0);
    await screenshot(page, 'base-empty-neutral');
    await base.imageName().fill('Alice/Tools:1');
    await expect(base.imageName()).toHaveAttribute('aria-invalid', 'true');
    await base.imageName().fill('');
    await nav.go('Build');
    await expect(page.getByRole('alert').filter({ hasText: 'Fix this before building' })).toBeVisible();
    await page.getByRole('button', { name: 'Go there' }).click();
    await expect(base.imageName()).toHaveAttribute('aria-invalid', 'true');
    await expect(custom).toHaveAttribute('aria-invalid', 'true');
    await screenshot(page, 'base-empty-after-trying');
    await closeApp(running);
  });

  test('"Welcome back" greets a returning user once, on the first screen', async ({ user }) => {
    const first = await launchApp(user);
    const nav = new JourneyNav(first.page);
    await nav.go('Packages');
    const packages = new PackagesScreenPage(first.page);
    await packages.packageInput().fill('ribdemo-alpha');
    await packages.addButton().click();
    // The draft is written shortly after a change.
    await first.page.waitForTimeout(1500);
    await closeApp(first);

    const again = await launchApp(user);
    const { page } = again;
    const welcome = page.getByRole('status').filter({ hasText: /^Welcome back/ });
    await expect(welcome).toBeVisible();
    await screenshot(page, 'welcome-back');
    for (const step of ['Packages', 'Base', 'Engine']) {
      await new JourneyNav(page).go(step);
      await expect(welcome).toHaveCount(0);
    }
    await closeApp(again);
  });
});

/** Two history entries with long names, as a user who has built a few images has. */
function seedHistory(user: UserHome): void {
  const history = new HistoryStore(openStore(user.dataDir, 'history'));
  for (const [kind, image] of [
    ['build', 'registry.example.com/data-science-team/pipelines/pandas-tools-with-a-long-name:2026.12.04'],
    ['push', 'quay.io/a-rather-long-organisation-name/feature-engineering-notebook-runtime:1.0.0'],
  ] as const) {
    history.add({
      kind,
      image,
      digest: null,
      packages: ['pandas>=2.2', 'scikit-learn', 'matplotlib', 'pyarrow>=15', 'polars', 'seaborn', 'statsmodels'],
      python: '3.11',
      elyraVersion: 'main',
      base: 'python:3.11-slim',
      platform: 'linux/amd64',
      sizeBytes: 512_000_000,
      result: 'succeeded',
      error: null,
      lock: null,
      recipe: null,
    });
  }
}
