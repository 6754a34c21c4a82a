import { app, BrowserWindow, dialog, Menu, nativeImage, Notification, Tray } from 'electron';
import { join } from 'node:path';
import type { JobKind, JobSnapshot, JobUpdate } from '../contract/domain/job';
import { PushResult } from '../contract/domain/push';
import { MakeResult } from '../contract/domain/make';
import { describeError } from '../contract/error-advice';
import { endedStep } from '../core/make-chain';

export interface JobGlueOptions {
  assetsDir: string;
  showWindow: () => BrowserWindow;
  /** The open window, if any (never created for this): the parent of the quit question. */
  currentWindow: () => BrowserWindow | null;
  navigate: (screen: string) => void;
  cancel: (id: string) => void;
  notificationsOn: () => boolean;
  /** Called when nothing is left to show: no window, no running job, no notification on screen. */
  onIdle: () => void;
}

const APP_NAME = 'Runtime Image Builder';

/** The screen that shows a job of that kind. */
const screenOf: Record<JobKind, string> = { build: 'build', push: 'push', try: 'build', make: 'packages' };

/** The tray's cancel entry per kind ("Cancel push"). */
const cancelLabel: Record<JobKind, string> = { build: 'Cancel build', push: 'Cancel push', try: 'Cancel try', make: 'Cancel build, push and add' };

function trayImage(assetsDir: string): Electron.NativeImage {
  if (process.platform === 'darwin') {
    const image = nativeImage.createFromPath(join(assetsDir, 'tray', 'trayTemplate.png'));
    image.setTemplateImage(true);
    return image;
  }
  // Linux and Windows panels can be dark or light whatever the app's theme says, and Linux tells
  // nobody which: a coloured icon (blue tile, white layers) reads on both.
  return nativeImage.createFromPath(join(assetsDir, 'tray', 'tray-color.png'));
}

function describe(job: JobSnapshot): string {
  const p = job.progress;
  if (p?.kind === 'push') return `${job.title}: ${Math.round(p.percent)}%`;
  if (p?.kind === 'build') return `${job.title}: step ${p.step} of ${p.totalSteps}`;
  if (p?.kind === 'try') return `${job.title}: ${p.label}`;
  if (p?.kind === 'make') {
    const step = p.steps.find((s) => s.status === 'running');
    return step ? `${job.title}: ${step.label.toLowerCase()}, ${Math.floor(p.percent)}%` : `${job.title}: ${Math.floor(p.percent)}%`;
  }
  return job.title;
}

/**
 * The one notification of `make`: at the end, or at the first step that failed, naming the step and
 * what to do (the error code's advice, as the window and the CLI say it).
 */
export function makeNotice(job: JobSnapshot): { title: string; body: string } {
  const reference = job.subject?.reference ?? job.title;
  if (job.status === 'succeeded') {
    const made = MakeResult.safeParse(job.result);
    return {
      title: 'Ready in Elyra',
      body: made.success
        ? `Pushed ${made.data.push.reference} and added "${made.data.elyra.displayName}" to Elyra.`
        : `Pushed ${reference} and added it to Elyra.`,
    };
  }
  const progress = job.progress?.kind === 'make' ? job.progress : null;
  const step = endedStep(progress);
  const kept = progress?.kept.length ? ` Kept: ${progress.kept.join('; ')}.` : '';
  if (job.status === 'cancelled') return { title: 'Build, push and add cancelled', body: job.error?.message ?? `Cancelled: ${reference}.` };
  const advice = job.error ? describeError(job.error) : null;
  return {
    title: `Stopped at ${step ? step.label : 'a step'}${advice ? `: ${advice.title}` : ''}`,
    body: `${reference}: ${job.error?.message ?? 'it ended without saying why.'}${advice ? ` ${advice.next}` : ''}${kept}`,
  };
}

/** What a push's end notification says, in words (the image, not a digest). */
export function pushNotice(job: JobSnapshot): { title: string; body: string } {
  // A push job is titled "Push <reference>".
  const reference = job.title.replace(/^Push /, '');
  if (job.status === 'succeeded') {
    const pushed = PushResult.safeParse(job.result);
    return { title: 'Push finished', body: `Pushed ${pushed.success ? pushed.data.reference : reference}` };
  }
  if (job.status === 'cancelled') return { title: 'Push cancelled', body: `The push of ${reference} was cancelled.` };
  return { title: 'Push failed', body: `Could not push ${reference}${job.error?.message ? `: ${job.error.message}` : '.'}` };
}

/**
 * What the desktop shows of jobs while the window may be closed: a tray icon with the current job,
 * progress on the dock or taskbar during a push, a notification when it ends (click: the result),
 * and a question before quitting while a job runs.
 */
export function createJobGlue(options: JobGlueOptions) {
  const running = new Map<string, JobSnapshot>();
  // Kept so their click and close events arrive (an unreferenced Notification may be collected).
  const shown = new Set<Notification>();
  let tray: Tray | null = null;
  let quitConfirmed = false;
  let asking = false;
  // The job a window opened later should show: one that ran while no window was open.
  let unseenJob: JobKind | null = null;

  const noWindow = () => BrowserWindow.getAllWindows().every((w) => w.isDestroyed());
  const checkIdle = () => {
    if (noWindow() && running.size === 0 && shown.size === 0) options.onIdle();
  };

  let shownLabels = '';
  let menuBuilt = false;
  const rebuildMenu = () => {
    if (!tray) return;
    const jobs = [...running.values()];
    // Rebuilt only when what it says changes (a percent, a step), not on every progress update: a
    // panel reading the menu meanwhile would otherwise find its entries replaced under it.
    const labels = jobs.map(describe).join('\n');
    if (menuBuilt && labels === shownLabels) return;
    shownLabels = labels;
    menuBuilt = true;
    tray.setToolTip(jobs.length > 0 ? [APP_NAME, ...jobs.map(describe)].join('\n') : APP_NAME);
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: `Show ${APP_NAME}`, click: () => options.showWindow() },
        { type: 'separator' },
        ...(jobs.length === 0
          ? [{ label: 'No build or push running', enabled: false }]
          : jobs.flatMap((job) => [
              { label: describe(job), enabled: false },
              { label: cancelLabel[job.kind], click: () => options.cancel(job.id) },
            ])),
        { type: 'separator' },
        { label: 'Quit', click: () => app.quit() },
      ]),
    );
  };

  const notify = (job: JobSnapshot) => {
    if (!options.notificationsOn() || !Notification.isSupported()) return;
    const notification = new Notification({
      ...(job.kind === 'make' ? makeNotice(job) : pushNotice(job)),
      icon: join(options.assetsDir, 'tray', 'tray-color.png'),
    });
    shown.add(notification);
    notification.on('click', () => {
      shown.delete(notification);
      options.showWindow();
      options.navigate(screenOf[job.kind]);
    });
    notification.on('close', () => {
      shown.delete(notification);
      checkIdle();
    });
    notification.show();
  };

  /** Asks, without blocking main, whether to quit and cancel the running jobs; quits if so. */
  const askToQuit = async () => {
    if (asking) return;
    asking = true;
    const parent = options.currentWindow();
    const question = {
      type: 'question' as const,
      buttons: ['Keep running', 'Quit and cancel'],
      defaultId: 0,
      cancelId: 0,
      title: APP_NAME,
      message: 'Quit while a job is running?',
      detail: `${[...running.values()].map(describe).join('\n')}\n\nQuitting cancels it.`,
    };
    try {
      const { response } = parent ? await dialog.showMessageBox(parent, question) : await dialog.showMessageBox(question);
      // The job may have ended while the question was open: then there is nothing left to cancel.
      if (response === 1 || running.size === 0) {
        quitConfirmed = true;
        app.quit();
      }
    } finally {
      asking = false;
    }
  };

  return {
    createTray() {
      tray = new Tray(trayImage(options.assetsDir));
      tray.on('click', () => options.showWindow());
      rebuildMenu();
    },
    /** Called with every job update main sends to the renderer. */
    onUpdate(update: JobUpdate) {
      const job = update.snapshot;
      const wasRunning = running.has(job.id);
      if (job.status === 'running') running.set(job.id, job);
      else running.delete(job.id);
      if (noWindow()) unseenJob = job.kind;
      // A push and `make` (whose push is the long wait) show on the dock or taskbar, and say when they end.
      if (job.kind === 'push' || job.kind === 'make') {
        const p = job.progress;
        const bar = job.status === 'running' && (p?.kind === 'push' || p?.kind === 'make') ? p.percent / 100 : -1;
        for (const window of BrowserWindow.getAllWindows()) window.setProgressBar(bar);
        if (wasRunning && job.status !== 'running') notify(job);
      }
      rebuildMenu();
      if (wasRunning && job.status !== 'running') checkIdle();
    },
    hasRunningJobs: () => running.size > 0,
    /** The screen of a job that ran while no window was open, once (for the next window). */
    takeUnseenScreen(): string | null {
      const screen = unseenJob ? screenOf[unseenJob] : null;
      unseenJob = null;
      return screen;
    },
    /**
     * For before-quit: true when the app may quit now. While a job runs it asks first (the answer
     * comes later, and quits again if the user says so), so the quit is held back meanwhile.
     */
    mayQuit(): boolean {
      if (quitConfirmed || running.size === 0) return true;
      void askToQuit();
      return false;
    },
  };
}
