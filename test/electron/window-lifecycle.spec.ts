import { writeFileSync, readdirSync } from 'node:fs';
import type { ElectronApplication } from '@playwright/test';
import { closeApp, expect, launchApp, screenshot, test, type RunningApp } from './fixtures';
import { RegistryGate } from './registry-gate';
import { logIn, makeLocalImage, removeLocalImage, startPush } from './push-steps';

const registry = process.env['RIB_REGISTRY'] ?? '127.0.0.1:5000';

/** Resolves when the app's process has ended; rejects after `ms`. */
function exited(app: ElectronApplication, ms: number): Promise<number | null> {
  const child = app.process();
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the app was still running after ${ms} ms`)), ms);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

const windowCount = (app: ElectronApplication) => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length);

/** Closes the window as its close button does. */
async function closeWindow(app: ElectronApplication): Promise<void> {
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close());
  await expect.poll(() => windowCount(app)).toBe(0);
}

/**
 * Replaces the quit question with one the test answers: `answerQuit(n)` in main picks button n.
 * `real` keeps the real (GTK) box on screen and lets `answerQuit` close it (it answers "Keep running").
 */
async function takeOverQuitQuestion(app: ElectronApplication, real: boolean): Promise<void> {
  await app.evaluate(({ dialog, BrowserWindow }, useReal) => {
    const g = globalThis as { quitQuestions?: Array<{ parented: boolean; message: string }>; answerQuit?: (response: number) => void };
    g.quitQuestions = [];
    const original = dialog.showMessageBox.bind(dialog);
    dialog.showMessageBox = ((...args: unknown[]) => {
      const parented = args[0] instanceof BrowserWindow;
      const options = (parented ? args[1] : args[0]) as Electron.MessageBoxOptions;
      g.quitQuestions?.push({ parented, message: `${options.message}\n${options.detail ?? ''}` });
      if (useReal) {
        const abort = new AbortController();
        g.answerQuit = () => abort.abort();
        const withSignal = { ...options, signal: abort.signal };
        return parented ? original(args[0] as Electron.BrowserWindow, withSignal) : original(withSignal);
      }
      return new Promise((resolve) => {
        g.answerQuit = (response) => resolve({ response, checkboxChecked: false });
      });
    }) as typeof dialog.showMessageBox;
  }, real);
}

const quitQuestions = (app: ElectronApplication) =>
  app.evaluate(() => (globalThis as { quitQuestions?: Array<{ parented: boolean; message: string }> }).quitQuestions ?? []);
const answerQuit = (app: ElectronApplication, response: number) =>
  app.evaluate((_electron, n) => (globalThis as { answerQuit?: (response: number) => void }).answerQuit?.(n), response);

test.describe('the window and the app’s lifetime around a push', () => {
  test.setTimeout(180_000);
  let gate: RegistryGate;
  let image = '';

  test.beforeAll(async () => {
    image = await makeLocalImage('lifecycle');
  });
  test.afterAll(async () => {
    await removeLocalImage(image);
  });
  test.beforeEach(async ({ desktop }) => {
    gate = new RegistryGate(registry);
    await gate.start();
    await desktop.start();
    // Only this test's notifications on screen, so "the newest" is ours.
    desktop.dismissNotifications();
  });
  test.afterEach(async () => {
    await gate.stop();
  });

  /** Logs in, starts a push that stays running (held at the gate), closes the window. */
  async function pushThenCloseWindow(running: RunningApp): Promise<string> {
    await logIn(running.page, gate.address);
    gate.hold();
    const reference = await startPush(running.page, image, gate.address);
    await expect.poll(() => gate.held()).toBeGreaterThan(0);
    await closeWindow(running.app);
    return reference;
  }

  test('closed during a push, the app keeps pushing; the notification’s click opens the push result', async ({ user, desktop }) => {
    const running = await launchApp(user);
    const { app } = running;
    const reference = await pushThenCloseWindow(running);
    // The push goes on, followed by the tray.
    await expect.poll(() => desktop.trayLabels()).toContain('Cancel push');
    gate.open();
    await expect.poll(() => desktop.notificationsAbout(reference), { timeout: 120_000 }).toHaveLength(1);
    expect((await desktop.notificationsAbout(reference))[0]?.body).toBe(`Pushed ${reference}`);
    expect(await windowCount(app), 'the app waits, windowless, while its notification is on screen').toBe(0);

    const reopened = app.waitForEvent('window');
    desktop.clickNewestNotification();
    const page = await reopened;
    await expect(page.getByRole('heading', { name: 'Push', level: 2 })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: reference })).toBeVisible();
    await expect(page.getByText(/Welcome back/)).toHaveCount(0);
    await screenshot(page, 'push-result-after-notification');
    await closeApp({ ...running, page });
  });

  test('closed during a push, the tray’s Show opens the push result after it ended', async ({ user, desktop }) => {
    const running = await launchApp(user);
    const { app } = running;
    const reference = await pushThenCloseWindow(running);
    gate.open();
    await expect.poll(() => desktop.notificationsAbout(reference), { timeout: 120_000 }).toHaveLength(1);
    await expect.poll(() => desktop.trayLabels()).toContain('No build or push running');

    const reopened = app.waitForEvent('window');
    await desktop.clickTray('Show Runtime Image Builder');
    const page = await reopened;
    await expect(page.getByRole('heading', { name: 'Push', level: 2 })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: reference })).toBeVisible();
    await expect(page.getByText(/Welcome back/)).toHaveCount(0);
    await closeApp({ ...running, page });
  });

  test('with no window, the app quits once the push has ended and its notification is dismissed', async ({ user, desktop }) => {
    const running = await launchApp(user);
    const reference = await pushThenCloseWindow(running);
    gate.open();
    await expect.poll(() => desktop.notificationsAbout(reference), { timeout: 120_000 }).toHaveLength(1);
    // Reachable through its notification meanwhile…
    expect(running.app.process().exitCode).toBeNull();
    desktop.dismissNotifications();
    // …and gone after: nothing would lead back to it on a desktop without a tray host.
    await exited(running.app, 15_000);
    await expect.poll(() => desktop.tray()).toEqual([]);
    expect(running.mainErrors).toEqual([]);
  });

  test('quitting from the tray during a push asks (in a real box that does not block the app) and keeps running', async ({ user, desktop }) => {
    const running = await launchApp(user);
    const { app, page } = running;
    await logIn(page, gate.address);
    gate.hold();
    const reference = await startPush(page, image, gate.address);
    await expect.poll(() => gate.held()).toBeGreaterThan(0);
    await takeOverQuitQuestion(app, true);

    await desktop.clickTray('Quit');
    await expect.poll(() => quitQuestions(app)).toHaveLength(1);
    const [question] = await quitQuestions(app);
    expect(question?.parented, 'the question is attached to the window').toBe(true);
    expect(question?.message).toContain(`Push ${reference}`);
    // While the box is open the main process still answers: the test, the tray, the window.
    expect(await windowCount(app)).toBe(1);
    expect(await desktop.trayLabels()).toContain('Cancel push');
    await expect(page.getByRole('heading', { name: 'Push', level: 2 })).toBeVisible();
    // A second Quit does not stack a second box.
    await desktop.clickTray('Quit');
    expect(await quitQuestions(app)).toHaveLength(1);

    await answerQuit(app, 0); // the real box closes as "Keep running"
    gate.open();
    await expect(page.getByRole('status').filter({ hasText: reference })).toBeVisible({ timeout: 120_000 });
    expect(app.process().exitCode, 'the app kept running').toBeNull();
    await closeApp(running);
  });

  test('"Quit and cancel" from the window’s quit during a push cancels it and quits', async ({ user, desktop }) => {
    const running = await launchApp(user);
    const { app } = running;
    await logIn(running.page, gate.address);
    gate.hold();
    await startPush(running.page, image, gate.address);
    await expect.poll(() => gate.held()).toBeGreaterThan(0);
    await takeOverQuitQuestion(app, false);
    await closeWindow(app);
    expect(app.process().exitCode, 'closing the window does not quit during a push').toBeNull();

    await desktop.clickTray('Quit');
    await expect.poll(() => quitQuestions(app)).toHaveLength(1);
    expect((await quitQuestions(app))[0]?.parented, 'no window: a box of its own').toBe(false);
    expect(await desktop.trayLabels()).toContain('Cancel push');
    const gone = exited(app, 15_000);
    await answerQuit(app, 1).catch(() => undefined); // the app may be gone before the answer returns
    await gone;
    expect(running.mainErrors).toEqual([]);
  });
});

test.describe('the window between runs', () => {
  test('comes back at the size and place the user left it', async ({ user }) => {
    const first = await launchApp(user);
    await expect(first.page.getByRole('heading', { name: 'Container engine' })).toBeVisible();
    const wanted = { x: 120, y: 90, width: 980, height: 700 };
    await first.app.evaluate(({ BrowserWindow }, bounds) => BrowserWindow.getAllWindows()[0]?.setBounds(bounds), wanted);
    await expect.poll(() => first.app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getBounds())).toEqual(wanted);
    await closeApp(first);

    const second = await launchApp(user);
    await expect(second.page.getByRole('heading', { name: 'Container engine' })).toBeVisible();
    expect(await second.app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getBounds())).toEqual(wanted);
    await closeApp(second);
  });

  test('a damaged settings file is set aside, the app starts and says so', async ({ user }) => {
    writeFileSync(`${user.dataDir}/settings.json`, '{"packageIndex": {"indexUrl": "http://');
    const running = await launchApp(user);
    const alert = running.page.getByRole('alert').filter({ hasText: 'Your settings file could not be read' });
    await expect(alert).toBeVisible();
    const kept = readdirSync(user.dataDir).filter((name) => name.startsWith('settings') && name !== 'settings.json');
    expect(kept).toHaveLength(1);
    await expect(alert).toContainText(kept[0] ?? '(none)');
    // The file proves an earlier run: no first-run guide over the notice.
    await expect(running.page.getByRole('dialog')).toHaveCount(0);
    await screenshot(running.page, 'settings-damaged');
    await closeApp(running);
  });
});
