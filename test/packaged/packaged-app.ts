import { chromium, expect, type Browser, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isMainProcessError, repo, type UserHome } from '../electron/fixtures';

/**
 * The packaged app (test/packaged/pack.sh), started from its folder as a user's launcher would. Its
 * EnableNodeCliInspectArguments fuse is off, so Playwright's _electron (which drives the main process
 * through --inspect) cannot attach: we open Chromium's remote debugging port instead and drive the
 * window's renderer over CDP, exactly what a user's clicks reach. The main process is seen only from
 * outside: its stderr, its exit code, what it writes (keychain, settings) and what the window shows.
 */
export function packagedAppDir(): string {
  const dir = process.env['RIB_PACKAGED_APP'] || join(repo, 'test-results', 'packaged', 'linux-unpacked');
  if (!existsSync(join(dir, 'runtime-image-builder'))) {
    throw new Error(
      `No packaged app in ${dir}: run 'bash test/packaged/pack.sh' after 'npx electron-vite build' (npm run test:packaged does both steps after the build).`,
    );
  }
  return dir;
}

export function packagedExecutable(): string {
  return join(packagedAppDir(), 'runtime-image-builder');
}

export interface PackagedApp {
  child: ChildProcess;
  browser: Browser;
  page: Page;
  /** Everything the main process printed on stderr, line by line. */
  stderr: string[];
  mainErrors: string[];
  pageErrors: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface LaunchOptions {
  files?: string[];
  extraEnv?: Record<string, string>;
  /** For the harness's own test: something else to start in the app's place. */
  executable?: string;
  startTimeoutMs?: number;
}

/** Root runs Chromium without its sandbox; the port is picked by Chromium and read from its stderr. */
const LAUNCH_FLAGS = ['--no-sandbox', '--remote-debugging-port=0'];
const DEVTOOLS_LINE = /DevTools listening on (ws:\/\/\S+)/;
const APP_URL = 'app://rib/index.html';

/**
 * Starts the packaged app and connects to its window. Rejects, with the app's stderr, when the app
 * exits, never opens its debugging port, or never shows the window's page within the time allowed.
 */
export async function launchPackaged(user: UserHome, options: LaunchOptions = {}): Promise<PackagedApp> {
  const executable = options.executable ?? packagedExecutable();
  const startTimeoutMs = options.startTimeoutMs ?? 60_000;
  const child = spawn(executable, [...LAUNCH_FLAGS, ...(options.files ?? [])], {
    cwd: user.home,
    env: { ...user.env, ...options.extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  const mainErrors: string[] = [];
  let partial = '';
  let onLine: (line: string) => void = () => undefined;
  child.stderr?.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      stderr.push(line);
      if (isMainProcessError(line)) mainErrors.push(line);
      onLine(line);
    }
  });
  child.stdout?.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const spawnFailed = new Promise<never>((_, reject) => child.once('error', reject));

  const fail = (reason: string): Error => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    const tail = [...stderr, partial]
      .filter((line) => line.trim() !== '')
      .slice(-40)
      .join('\n');
    return new Error(`The packaged app did not start: ${reason}.\nIts stderr (last 40 lines):\n${tail || '(nothing)'}`);
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = (what: string) =>
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(fail(`no ${what} within ${startTimeoutMs / 1000} s`)), startTimeoutMs);
    });
  const died = exited.then(({ code, signal }) => {
    throw fail(`it exited (${signal ? `signal ${signal}` : `code ${code}`}) before its window was up`);
  });

  try {
    const endpoint = await Promise.race([
      new Promise<string>((resolve) => {
        onLine = (line) => {
          const match = DEVTOOLS_LINE.exec(line);
          if (match?.[1]) resolve(match[1]);
        };
      }),
      died,
      spawnFailed.catch((error: Error) => {
        throw fail(`it could not be run (${error.message})`);
      }),
      timeout('remote debugging port'),
    ]);
    clearTimeout(timer);
    const browser = await Promise.race([chromium.connectOverCDP(endpoint), died]);
    const page = await Promise.race([appPage(browser), died, timeout(`window showing ${APP_URL}`)]);
    clearTimeout(timer);
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    return { child, browser, page, stderr, mainErrors, pageErrors, exited };
  } catch (error) {
    clearTimeout(timer);
    throw error instanceof Error && error.message.startsWith('The packaged app') ? error : fail(String(error));
  }
}

/** The window's page: the first page of the CDP browser that has loaded the app's own scheme. */
async function appPage(browser: Browser): Promise<Page> {
  for (;;) {
    for (const context of browser.contexts()) {
      const page = context.pages().find((p) => p.url() === APP_URL);
      if (page) return page;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Closes the window as a user would (the app quits when its last window closes and no job runs) and
 * waits for the process to end; then nothing may have gone wrong in either process.
 */
export async function closePackaged(app: PackagedApp): Promise<void> {
  await app.page.evaluate(() => window.close()).catch(() => undefined);
  const outcome = await Promise.race([app.exited, new Promise<null>((resolve) => setTimeout(() => resolve(null), 15_000))]);
  await app.browser.close().catch(() => undefined);
  if (outcome === null) {
    app.child.kill('SIGKILL');
    throw new Error(`The packaged app did not quit within 15 s of its window closing.\nIts stderr:\n${app.stderr.slice(-40).join('\n')}`);
  }
  expect(outcome, 'the packaged app quits cleanly').toEqual({ code: 0, signal: null });
  expect(app.mainErrors, 'the main process reported errors').toEqual([]);
  expect(app.pageErrors, 'the window threw').toEqual([]);
}

/** Runs the packaged executable once more (a second instance) and resolves with its exit code and stderr. */
export function runSecondInstance(user: UserHome, args: string[], timeoutMs = 20_000): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(packagedExecutable(), ['--no-sandbox', ...args], { cwd: user.home, env: user.env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The second instance did not exit within ${timeoutMs / 1000} s.\nIts stderr:\n${stderr}`));
    }, timeoutMs);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}
