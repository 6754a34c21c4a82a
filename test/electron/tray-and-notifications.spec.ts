import { closeApp, expect, launchApp, test } from './fixtures';
import { progressCalls, spyOnProgressBar } from './progress-bar-spy';
import { RegistryGate } from './registry-gate';
import { logIn, makeLocalImage, removeLocalImage, startPush } from './push-steps';
import type { TrayItem } from './desktop-bus';

const registry = process.env['RIB_REGISTRY'] ?? '127.0.0.1:5000';
const idle = ['Show Runtime Image Builder', 'No build or push running', 'Quit'];

/** The share of an icon's visible pixels that stand out (contrast ratio ≥ 3) against a panel of that luminance. */
function legibleShare(item: TrayItem, panelLuminance: number): number {
  const pixmaps = item.props['IconPixmap'] as Array<[number, number, { base64?: string }]>;
  const [, , data] = pixmaps.reduce((a, b) => (b[0] > a[0] ? b : a));
  const bytes = Buffer.from(data.base64 ?? '', 'base64');
  const channel = (v: number) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  let visible = 0;
  let legible = 0;
  // StatusNotifierItem pixmaps are ARGB32 in network byte order.
  for (let i = 0; i + 3 < bytes.length; i += 4) {
    if ((bytes[i] ?? 0) < 128) continue;
    visible += 1;
    const l = 0.2126 * channel(bytes[i + 1] ?? 0) + 0.7152 * channel(bytes[i + 2] ?? 0) + 0.0722 * channel(bytes[i + 3] ?? 0);
    const ratio = (Math.max(l, panelLuminance) + 0.05) / (Math.min(l, panelLuminance) + 0.05);
    if (ratio >= 3) legible += 1;
  }
  return visible === 0 ? 0 : legible / visible;
}

test.describe('the desktop shell follows a push', () => {
  test.setTimeout(180_000);
  let gate: RegistryGate;
  let image = '';

  test.beforeAll(async () => {
    image = await makeLocalImage('tray');
  });
  test.afterAll(async () => {
    await removeLocalImage(image);
  });
  test.beforeEach(async () => {
    gate = new RegistryGate(registry);
    await gate.start();
  });
  test.afterEach(async () => {
    await gate.stop();
  });

  test('the tray item reads on dark and light panels and is named', async ({ user, desktop }) => {
    const running = await launchApp(user);
    await expect.poll(async () => (await desktop.tray()).length).toBe(1);
    const [item] = await desktop.tray();
    if (!item) throw new Error('no tray item');
    expect(legibleShare(item, 0), 'on a black panel').toBeGreaterThan(0.5);
    expect(legibleShare(item, 1), 'on a white panel').toBeGreaterThan(0.5);
    // Electron 33 on Linux sets neither Title nor Id (Chromium fixes them); the tooltip carries the name.
    expect((item.props['ToolTip'] as unknown[])[2]).toBe('Runtime Image Builder');
    expect(await desktop.trayLabels()).toEqual(idle);
    await closeApp(running);
  });

  test('a running push shows in the tray and on the taskbar, then a notification says it was pushed', async ({ user, desktop }) => {
    const running = await launchApp(user);
    const { app, page } = running;
    await logIn(page, gate.address);
    await spyOnProgressBar(app);
    gate.hold();
    const reference = await startPush(page, image, gate.address);

    await expect.poll(() => gate.held()).toBeGreaterThan(0);
    await expect
      .poll(() => desktop.trayLabels())
      .toEqual(['Show Runtime Image Builder', expect.stringMatching(new RegExp(`^Push ${reference.replace(/[.]/g, '\\.')}: \\d+%$`)), 'Cancel push', 'Quit']);
    await expect.poll(async () => (await progressCalls(app)).some((v) => v > 0 && v < 1), { message: 'a fraction of the push on the taskbar' }).toBe(true);

    gate.open();
    await expect(page.getByRole('status').filter({ hasText: reference })).toBeVisible({ timeout: 120_000 });
    await expect.poll(() => desktop.notificationsAbout(reference)).toHaveLength(1);
    const [notification] = await desktop.notificationsAbout(reference);
    expect(notification?.summary).toBe('Push finished');
    expect(notification?.body).toBe(`Pushed ${reference}`);
    // GNOME groups notifications by this hint: it must name the app's .desktop file (electron-builder names it after desktopName).
    expect(notification?.hints['desktop-entry']).toBe('runtime-image-builder');
    await expect.poll(() => desktop.trayLabels()).toEqual(idle);
    expect((await progressCalls(app)).at(-1), 'the taskbar progress is cleared').toBe(-1);
    await closeApp(running);
  });

  test('a push the registry refuses ends in a notification that says which image failed and why', async ({ user, desktop }) => {
    const running = await launchApp(user);
    const { page } = running;
    await logIn(page, gate.address);
    gate.deny();
    const reference = await startPush(page, image, gate.address);
    await expect(page.getByRole('alert').filter({ hasText: /refused the push/ })).toBeVisible({ timeout: 120_000 });
    await expect.poll(() => desktop.notificationsAbout(reference)).toHaveLength(1);
    const [notification] = await desktop.notificationsAbout(reference);
    expect(notification?.summary).toBe('Push failed');
    expect(notification?.body).toMatch(new RegExp(`^Could not push ${reference.replace(/[.]/g, '\\.')}: .*refused the push`));
    await expect.poll(() => desktop.trayLabels()).toEqual(idle);
    await closeApp(running);
  });
});
