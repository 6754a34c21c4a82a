// `npm test`'s step right after the build: start the BUILT app (out/) in the test Electron, the way a user's
// double-click does, and fail when the main process reports an error or no window shows the app.
// Independent of the real-window suite so that a crash at launch is named as such, in seconds.
//   npx tsx test/tools/launch-smoke.ts          (needs a display: npm test runs it under xvfb-run)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { electronBinary, isMainProcessError } from '../electron/electron-runtime';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const timeoutMs = 30_000;
const home = mkdtempSync(join(tmpdir(), 'rib-launch-'));
const t0 = Date.now();

const child = spawn(electronBinary(), ['--no-sandbox', '--remote-debugging-port=0', repo], {
  env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, 'config'), JUPYTER_DATA_DIR: join(home, 'jupyter') },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let stderr = '';
let exited: string | null = null;
child.stdout.on('data', (chunk: Buffer) => (stderr += chunk));
child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
child.on('exit', (code, signal) => (exited = `exited (${code ?? signal})`));

const appErrors = () => stderr.split('\n').filter(isMainProcessError);

async function fail(why: string): Promise<never> {
  console.error(`launch smoke: FAILED after ${Date.now() - t0} ms: ${why}`);
  console.error(stderr.split('\n').slice(-30).join('\n'));
  return finish(1);
}
async function finish(code: number): Promise<never> {
  // The app may still be writing its data folder as it dies: remove that only once it has exited.
  if (!exited) {
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, 5_000))]);
  }
  rmSync(home, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  return process.exit(code);
}

async function waitFor<T>(what: string, check: () => T | undefined | Promise<T | undefined>): Promise<T> {
  while (Date.now() - t0 < timeoutMs) {
    if (exited) await fail(`the app ${exited} before ${what}`);
    if (appErrors().length > 0) await fail(`the main process reported an error before ${what}:\n${appErrors().join('\n')}`);
    const value = await check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return fail(`no ${what} within ${timeoutMs / 1000} s`);
}

const port = await waitFor('remote debugging port', () => /DevTools listening on ws:\/\/127\.0\.0\.1:(\d+)\//.exec(stderr)?.[1]);
const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
const page = await waitFor('window', () =>
  browser
    .contexts()
    .flatMap((c) => c.pages())
    .find((p) => p.url().startsWith('app://')),
);
try {
  await page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: timeoutMs });
} catch {
  await fail(`the window at ${page.url()} shows no heading: the renderer did not start`);
}
const shownAt = Date.now() - t0;
// Errors of the first seconds after the window (the core's start, the first IPC calls) count too.
await new Promise((resolve) => setTimeout(resolve, 2_000));
if (appErrors().length > 0) await fail(`the main process reported an error:\n${appErrors().join('\n')}`);
if (exited) await fail(`the app ${exited}`);
console.log(`launch smoke: the built app showed its window (${page.url()}, "${await page.title()}") in ${shownAt} ms, no main-process error`);
await browser.close().catch(() => undefined);
await finish(0);
