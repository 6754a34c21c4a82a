import { join } from 'node:path';
import type { ElectronApplication } from '@playwright/test';
import { BaseScreenPage, JourneyNav, PackagesScreenPage } from '../e2e/pages';
import { testEngineClient } from '../support/engine-env';
import { buildTryImage, TRY_FIXTURES } from '../support/try-image';
import { closeApp, expect, launchApp, screenshot, test } from './fixtures';

// A user who opened their notebooks builds an image, then tries them in it from the Build step:
// the failures come with their fixes, one click each, and the try stays in the history.

/** The next answer of the native Open dialog (which a test cannot click). */
async function answerOpenDialog(app: ElectronApplication, paths: string[]): Promise<void> {
  await app.evaluate(({ dialog }, filePaths) => {
    dialog.showOpenDialog = (async () => ({ canceled: false, filePaths })) as typeof dialog.showOpenDialog;
  }, paths);
}

test.describe('trying the notebooks in the built image', () => {
  test('opened notebooks are tried after the build: the missing module, the missing library and the failing cell, each fixable', async ({ user }) => {
    test.setTimeout(600_000);
    const docker = testEngineClient();
    // The papermill test base with a stand-in cv2 (no libGL) and a group-0 working directory.
    const base = `ui/try-base:${Date.now()}`;
    await buildTryImage(docker, base);
    const image = `ui/tried:${Date.now()}`;
    const notebooks = [
      join(TRY_FIXTURES, 'missing-module/train.ipynb'),
      join(TRY_FIXTURES, 'missing-library/faces.ipynb'),
      join(TRY_FIXTURES, 'raises-in-cell-3/clean.ipynb'),
    ];
    // Opened the way a user opens them: given to the app (command line, Dock, Open With).
    const running = await launchApp(user, notebooks);
    const { app, page } = running;
    const nav = new JourneyNav(page);
    try {
      const packages = new PackagesScreenPage(page);
      await nav.go('Packages');
      // The review lists what the notebooks import; sklearn is offered with its candidates in a list.
      const review = page.getByRole('region', { name: 'Packages found in your notebooks' });
      await expect(review).toBeVisible({ timeout: 30_000 });
      await expect(review).toContainText('scikit-learn');

      await nav.go('Base');
      await page.getByText('Custom image', { exact: true }).click();
      await page.getByRole('textbox', { name: 'Custom base image' }).fill(base);
      const pins = page.getByRole('switch', { name: "Pre-install Elyra's own packages" });
      await pins.click({ force: true });
      await expect(pins).not.toBeChecked();
      await page.getByRole('switch', { name: 'Allow pip to install into the system Python' }).click({ force: true });
      await new BaseScreenPage(page).imageName().fill(image);

      await nav.go('Build');
      await page.getByRole('button', { name: `Build ${image}` }).click();
      await expect(page.getByText('Built and checked')).toBeVisible({ timeout: 240_000 });

      const card = page.getByRole('region', { name: 'Try your notebooks' });
      await card.scrollIntoViewIfNeeded();
      const files = card.getByLabel('Files to try');
      for (const name of ['train.ipynb', 'faces.ipynb', 'clean.ipynb']) await expect(files.getByText(name, { exact: true })).toBeVisible();
      // One more, chosen with the Open dialog.
      await answerOpenDialog(app, [join(TRY_FIXTURES, 'passes/summary.ipynb')]);
      await card.getByRole('button', { name: 'Choose notebooks…' }).click();
      await expect(files.getByText('summary.ipynb', { exact: true })).toBeVisible();
      await card.getByRole('combobox', { name: 'Time limit per file' }).click();
      await page.getByRole('option', { name: '1 minute' }).click();
      await screenshot(page, 'try-ready');

      const started = Date.now();
      await card.getByRole('button', { name: 'Try 4 files' }).click();
      await expect(card.getByText(/^Step \d of 5: /)).toBeVisible({ timeout: 30_000 });
      await screenshot(page, 'try-running');
      await expect(card.getByText('2 imports failed, 3 of 4 files did not run through')).toBeVisible({ timeout: 240_000 });
      console.log(`[try-window] 4 notebooks tried in ${Date.now() - started} ms`);

      const failures = card.getByRole('list', { name: 'Imports that failed' });
      await expect(failures).toContainText("ModuleNotFoundError: No module named 'sklearn'");
      await expect(failures).toContainText('ImportError: libGL.so.1: cannot open shared object file: No such file or directory');
      await expect(failures).toContainText('Or add the system package libgl1 to a custom base');
      const runs = card.getByRole('table', { name: 'Notebook runs' });
      const row = (name: string) => runs.getByRole('row').filter({ has: page.getByText(name, { exact: true }) });
      await expect(row('clean.ipynb')).toContainText('Cell 3 raised ValueError: expected 7 rows, got 6.');
      await expect(row('clean.ipynb').getByLabel('Error of clean.ipynb')).toContainText("raise ValueError(f'expected 7 rows, got {total}')");
      await expect(row('train.ipynb')).toContainText("Cell 2 raised ModuleNotFoundError: No module named 'sklearn'.");
      await expect(row('faces.ipynb')).toContainText('Cell 1 raised ImportError: libGL.so.1');
      await expect(row('summary.ipynb')).toContainText('Passed');
      await failures.scrollIntoViewIfNeeded();
      await screenshot(page, 'try-results');
      await row('clean.ipynb').scrollIntoViewIfNeeded();
      await screenshot(page, 'try-runs');

      // One click each: the headless twin (added, since the base brought cv2), and scikit-learn.
      await card.getByRole('button', { name: 'Use opencv-python-headless instead' }).click();
      await card.getByRole('button', { name: 'Add scikit-learn' }).click();
      await expect(card.getByRole('button', { name: 'Switched to opencv-python-headless' })).toBeDisabled();
      await expect(card.getByRole('button', { name: 'scikit-learn added' })).toBeDisabled();
      await expect(card.getByText('The packages changed: build again, then try again to see it work.')).toBeVisible();
      await screenshot(page, 'try-fixed');

      // The folder opens in the file manager: stubbed, since the test cannot see one.
      await app.evaluate(({ shell }) => {
        (globalThis as { ribOpened?: string[] }).ribOpened = [];
        shell.openPath = (async (path: string) => {
          (globalThis as { ribOpened?: string[] }).ribOpened?.push(path);
          return '';
        }) as typeof shell.openPath;
      });
      await card.getByRole('button', { name: 'Open the results folder' }).click();
      const opened = await app.evaluate(() => (globalThis as { ribOpened?: string[] }).ribOpened ?? []);
      expect(opened).toHaveLength(1);
      expect(opened[0]).toContain(join(user.dataDir, 'tries'));

      await nav.go('Packages');
      await expect(packages.packageTable()).toContainText('opencv-python-headless');
      await expect(packages.packageTable()).toContainText('try your notebooks');

      await nav.go('History');
      const entry = page.getByRole('group', { name: `build ${image}` });
      await expect(entry).toContainText('1 of 4 files ran; imports failing: cv2: libGL.so.1 missing, sklearn.linear_model: no module sklearn');
      await entry.scrollIntoViewIfNeeded();
      await screenshot(page, 'try-history');
    } finally {
      await closeApp(running);
      await docker
        .getImage(image)
        .remove({ force: true })
        .catch(() => undefined);
      await docker
        .getImage(base)
        .remove({ force: true })
        .catch(() => undefined);
    }
  });
});
