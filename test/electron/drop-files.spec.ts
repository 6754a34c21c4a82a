import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeApp, expect, launchApp, screenshot, test } from './fixtures';
import { PackagesScreenPage } from '../e2e/pages';

test.describe('the user drops a requirements file from their file manager', () => {
  test('the window reads it from disk, includes and all (the preload finds the dropped file’s path)', async ({ user }) => {
    const project = join(user.home, 'project');
    mkdirSync(project, { recursive: true });
    // The include can only be followed from the file's folder: proof the drop went by path, not bytes.
    writeFileSync(join(project, 'requirements.txt'), 'ribdemo-alpha==1.1.0\n-r more.txt\n');
    writeFileSync(join(project, 'more.txt'), 'requests==2.33.0\n');
    const running = await launchApp(user);
    const { page } = running;
    await expect(page.getByRole('heading', { name: 'Container engine' })).toBeVisible();

    // A File backed by the file on disk, made by Chromium itself (as a drag from a file manager
    // does): a file input given the path; then a drop carrying that File.
    const input = await page.evaluateHandle(() => {
      const element = document.createElement('input');
      element.type = 'file';
      element.style.display = 'none';
      document.body.append(element);
      return element;
    });
    await input.setInputFiles(join(project, 'requirements.txt'));
    const seenPath = await input.evaluate((element) => {
      const file = element.files?.[0];
      if (!file) throw new Error('the input has no file');
      const transfer = new DataTransfer();
      transfer.items.add(file);
      for (const type of ['dragenter', 'dragover', 'drop']) {
        window.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
      }
      element.remove();
      return window.api.pathForFile(file);
    });
    expect(seenPath).toBe(join(project, 'requirements.txt'));

    const packages = new PackagesScreenPage(page);
    await expect(packages.heading()).toBeVisible();
    await expect(packages.packageTable()).toContainText('ribdemo-alpha');
    await expect(packages.packageTable()).toContainText('requests');
    await expect(page.getByText(/was not read, because a dropped file comes without its folder/)).toHaveCount(0);
    await screenshot(page, 'dropped-requirements');
    await closeApp(running);
  });
});

test.describe('the user drops one notebook from their file manager', () => {
  test('one notebook dropped by itself brings the helper module beside it that it imports', async ({ user }) => {
    const project = join(user.home, 'churn');
    mkdirSync(project, { recursive: true });
    const cell = (source: string) => ({ cell_type: 'code', source, metadata: {}, outputs: [], execution_count: null });
    writeFileSync(
      join(project, 'train.ipynb'),
      JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [cell('pip install tqdm'), cell('import helpers\nimport pandas as pd')] }),
    );
    writeFileSync(join(project, 'helpers.py'), 'import torch\n');
    const running = await launchApp(user);
    const { page } = running;
    await expect(page.getByRole('heading', { name: 'Container engine' })).toBeVisible();

    const input = await page.evaluateHandle(() => {
      const element = document.createElement('input');
      element.type = 'file';
      element.style.display = 'none';
      document.body.append(element);
      return element;
    });
    await input.setInputFiles(join(project, 'train.ipynb'));
    await input.evaluate((element) => {
      const file = element.files?.[0];
      if (!file) throw new Error('the input has no file');
      const transfer = new DataTransfer();
      transfer.items.add(file);
      for (const type of ['dragenter', 'dragover', 'drop']) {
        window.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
      }
      element.remove();
    });

    const review = page.getByRole('region', { name: 'Packages found in your notebooks' });
    await expect(review).toContainText('2 files read (1 of them imported or run by the others)');
    const table = review.getByRole('table', { name: 'Inferred packages' });
    await expect(table.getByRole('row', { name: /^Add torch / })).toContainText('imported in helpers.py, line 1');
    await expect(table.getByRole('row', { name: /^Add tqdm / })).toContainText('installed with %pip in train.ipynb, cell 1');
    await expect(table.getByRole('row', { name: /^Add pandas / })).toBeVisible();
    await expect(review.getByRole('checkbox', { name: 'Add helpers' })).toHaveCount(0);
    await screenshot(page, 'dropped-notebook-with-helper');
    await closeApp(running);
  });
});
