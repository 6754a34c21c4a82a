import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test, expect } from './fixtures';
import { BaseScreenPage, JourneyNav, PackagesScreenPage } from './pages';

const fixtures = fileURLToPath(new URL('../fixtures/requirements/', import.meta.url));
const teamFile = `${fixtures}team-requirements.txt`;

test.describe('the user chooses the packages their notebooks need', () => {
  test('drops a requirements file and sees every line, each error with its line number, and the Elyra conflict', async ({ app }) => {
    const nav = new JourneyNav(app.page);
    const screen = new PackagesScreenPage(app.page);
    await nav.go('Packages');
    await expect(screen.heading()).toBeVisible();
    await app.screenshot('packages-empty');

    await screen.dropFiles([{ name: 'team-requirements.txt', content: readFileSync(teamFile) }]);
    const card = screen.fileCard('team-requirements.txt');
    await expect(card).toBeVisible();
    // Every non-blank line is shown with its number.
    for (const line of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12]) await expect(card.getByText(`line ${line}`, { exact: true })).toBeVisible();
    // Each bad line says what is wrong, with its line number.
    await expect(card.getByText(/^Line 7: .*(==|single)/i)).toBeVisible();
    await expect(card.getByText(/^Line 8: /)).toBeVisible();
    await expect(card.getByText(/^Line 9: .*editable/i)).toBeVisible();
    // The good lines joined the package list, with where they came from.
    const table = screen.packageTable();
    await expect(table.getByText('pandas>=2.2')).toBeVisible();
    await expect(table.getByText('line 3 of team-requirements.txt')).toBeVisible();
    // The conflict with Elyra's pins is explained before any build.
    await expect(screen.checks()).toContainText('papermill>=3 conflicts with papermill==2.6.0 that Elyra main installs at run time');
    await app.screenshot('packages-dropped-file');
  });

  test('a binary file dropped on the window is refused with a clear message, and nothing is lost', async ({ app }) => {
    const nav = new JourneyNav(app.page);
    const screen = new PackagesScreenPage(app.page);
    await nav.go('Packages');
    await screen.packageInput().fill('numpy');
    await screen.addButton().click();
    await screen.dropFiles([{ name: 'requirements.txt', content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) }]);
    await expect(screen.fileCard('requirements.txt').getByRole('alert')).toContainText('requirements.txt: This file is not a text file');
    await screen.dropFiles([{ name: 'big.txt', content: Buffer.alloc(1_100_000, 'a') }]);
    await expect(screen.fileCard('big.txt').getByRole('alert')).toContainText(/1 MB|too large/i);
    await expect(screen.packageTable().getByText('numpy', { exact: true })).toBeVisible();
    await app.screenshot('packages-refused-files');
  });

  test('picks a version from the package index, then opens a file from the menu with its -r include', async ({ app }) => {
    const nav = new JourneyNav(app.page);
    const screen = new PackagesScreenPage(app.page);
    await nav.go('Packages');
    await screen.packageInput().fill('ribdemo-alpha');
    await expect(app.page.getByText('3 released')).toBeVisible();
    await screen.versionSelect().click();
    await app.page.getByRole('option', { name: '1.1.0' }).click();
    await screen.addButton().click();
    await expect(screen.packageTable().getByText('ribdemo-alpha==1.1.0')).toBeVisible();

    app.dialogAnswers.files = [teamFile];
    await app.page.getByRole('button', { name: 'Open files…' }).click();
    await expect(screen.packageTable().getByText('pyarrow>=15')).toBeVisible();
    await expect(screen.packageTable().getByText('line 1 of more-requirements.txt')).toBeVisible();
    await screen.packageTable().getByRole('button', { name: 'Remove pyarrow>=15' }).click();
    await expect(screen.packageTable().getByText('pyarrow>=15')).toHaveCount(0);
    await app.screenshot('packages-picked');

    // The file's --index-url (PyPI, unreachable here) now applies: the picker still works and says why there are no versions.
    await screen.packageInput().fill('ribdemo-beta');
    await expect(app.page.getByRole('status').filter({ hasText: 'versions could not be listed' })).toBeVisible();
    await screen.addButton().click();
    await expect(screen.packageTable().getByText('ribdemo-beta', { exact: true })).toBeVisible();
    await app.screenshot('packages-offline-versions');
  });

  test('names the image with validation as they type, and previews the Dockerfile', async ({ app }) => {
    const nav = new JourneyNav(app.page);
    const packages = new PackagesScreenPage(app.page);
    await nav.go('Packages');
    await packages.packageInput().fill('pandas>=2');
    await packages.addButton().click();
    await nav.go('Base');
    const base = new BaseScreenPage(app.page);
    await base.imageName().fill('Alice/Tools:1.0');
    await expect(app.page.getByText(/lowercase/i).first()).toBeVisible();
    await app.screenshot('base-invalid-name');
    await base.imageName().fill('alice/tools:1.0');
    await expect(base.dockerfile()).toContainText('FROM python:3.11-slim');
    await expect(base.dockerfile()).toContainText('RUN python3 -m pip install -r /tmp/runtime-image-builder/requirements.txt');
    await expect(base.dockerfile()).toContainText('COPY requirements.txt');
    await app.screenshot('base-valid');
  });

  test('a requirements file the app was started with (command line, Dock, second instance) opens in the window', async ({ app }) => {
    app.pendingFiles.push(teamFile);
    await app.restart();
    await expect(new PackagesScreenPage(app.page).fileCard('team-requirements.txt')).toBeVisible();
    expect(app.pendingFiles).toEqual([]);
  });
});
