import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test, expect } from './fixtures';
import { JourneyNav, PackagesScreenPage } from './pages';

const project = fileURLToPath(new URL('../fixtures/notebooks/project/', import.meta.url));
const neighbours = fileURLToPath(new URL('../fixtures/notebooks/neighbours/', import.meta.url));

test.describe('the user starts from their notebooks', () => {
  // PyPI's index, which cannot be reached here: names are not confirmed, and the inference stands on its own.
  test.use({ appOptions: { env: process.env, homedir: process.env['HOME'] ?? '/tmp', settings: { elyraVersion: 'main', firstRunDone: true } } });

  test('drops a notebook, sees each package with where it is imported, confirms, and the packages join the recipe', async ({ app }) => {
    const nav = new JourneyNav(app.page);
    const screen = new PackagesScreenPage(app.page);
    await nav.go('Packages');
    await screen.dropFiles([{ name: 'train.ipynb', content: readFileSync(`${project}train.ipynb`) }]);
    const review = app.page.getByRole('region', { name: 'Packages found in your notebooks' });
    await expect(review).toBeVisible();
    const table = review.getByRole('table', { name: 'Inferred packages' });
    // import seaborn in cell 3, mapped sklearn → scikit-learn, and the %pip line's spec kept as written.
    await expect(table.getByRole('row', { name: /seaborn/ })).toContainText('imported in train.ipynb, cell 3');
    await expect(table.getByRole('row', { name: /scikit-learn/ }).first()).toBeVisible();
    await expect(table.getByText('pandas>=2.1')).toBeVisible();
    // Nothing from strings, comments or docstrings.
    await expect(review).not.toContainText('fake_string_pkg');
    await expect(review).not.toContainText('fake-docstring-pkg');
    await app.screenshot('notebooks-review');

    await review.getByRole('checkbox', { name: 'Add seaborn' }).uncheck();
    const addButton = review.getByRole('button', { name: /^Add \d+ packages?$/ });
    await addButton.click();
    await expect(review).toHaveCount(0);
    const packages = screen.packageTable();
    await expect(packages.getByText('pandas>=2.1')).toBeVisible();
    await expect(packages.getByText('cell 2 of train.ipynb').first()).toBeVisible();
    await expect(packages.getByText('seaborn', { exact: true })).toHaveCount(0);
    await app.screenshot('notebooks-added');
  });

  test('a corrupt notebook is reported and the others are still read', async ({ app }) => {
    const nav = new JourneyNav(app.page);
    const screen = new PackagesScreenPage(app.page);
    await nav.go('Packages');
    await screen.dropFiles([
      { name: 'broken.ipynb', content: readFileSync(`${project}broken.ipynb`) },
      { name: 'explore.ipynb', content: readFileSync(`${project}explore.ipynb`) },
    ]);
    const review = app.page.getByRole('region', { name: 'Packages found in your notebooks' });
    await expect(review).toContainText(/broken\.ipynb: /);
    await expect(review.getByRole('table', { name: 'Inferred packages' }).getByRole('row')).not.toHaveCount(0);
    await app.screenshot('notebooks-corrupt');
  });

  test('opens one notebook: the helpers it imports are read too, and an ambiguous import offers its candidates', async ({ app }) => {
    const nav = new JourneyNav(app.page);
    await nav.go('Packages');
    app.dialogAnswers.files = [`${neighbours}notebooks/train.ipynb`];
    await app.page.getByRole('button', { name: 'Open files…' }).click();
    const review = app.page.getByRole('region', { name: 'Packages found in your notebooks' });
    await expect(review).toContainText('12 files read (11 of them imported or run by the others)');
    const table = review.getByRole('table', { name: 'Inferred packages' });
    // tensorflow and torch are only imported by helpers beside the notebook.
    await expect(table.getByRole('row', { name: /tensorflow/ })).toContainText('imported in helpers.py, line 4');
    await expect(table.getByRole('row', { name: /^Add torch / })).toContainText('imported in common.py, line 4');
    await expect(table.getByRole('row', { name: /tensorboard/ })).toContainText('needed by a magic in train.ipynb, cell 3');
    // The local datasets/ folder is not the Hugging Face package, and the user learns why it matters.
    await expect(review.getByRole('checkbox', { name: 'Add datasets' })).toHaveCount(0);
    await expect(review).toContainText('datasets/ is read as your own package');
    await expect(review).toContainText('`pip install pyjokes` has no %');
    await app.screenshot('notebooks-neighbours');
  });

  test('drops a notebook importing cv2: the headless build is recommended and another can be picked', async ({ app }) => {
    const nav = new JourneyNav(app.page);
    const screen = new PackagesScreenPage(app.page);
    await nav.go('Packages');
    const cells = ['import cv2\nimport sklearn', 'import google'].map((source) => ({ cell_type: 'code', source, metadata: {}, outputs: [] }));
    await screen.dropFiles([{ name: 'vision.ipynb', content: JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells }) }]);
    const review = app.page.getByRole('region', { name: 'Packages found in your notebooks' });
    const choice = review.getByRole('combobox', { name: 'Package for import cv2' });
    await expect(choice).toHaveValue('opencv-python-headless');
    await choice.selectOption('opencv-python');
    await expect(review).toContainText('needs libGL.so.1');
    await expect(review.getByRole('combobox', { name: 'Package for import google' })).toBeVisible();
    await app.screenshot('notebooks-candidates');
    await review.getByRole('button', { name: /^Add \d+ packages?$/ }).click();
    const packages = screen.packageTable();
    await expect(packages.getByText('opencv-python', { exact: true })).toBeVisible();
    await expect(packages.getByText('scikit-learn', { exact: true })).toBeVisible();
  });
});
