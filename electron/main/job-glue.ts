import { app, BrowserWindow, dialog, Menu, nativeImage, nativeTheme, Notification, Tray } from 'electron';
import { join } from 'node:path';
import type { JobSnapshot, JobUpdate } from '../contract/domain/job';
import { PushResult } from '../contract/domain/push';

export interface JobGlueOptions {
  assetsDir: string;
  showWindow: () => BrowserWindow;
  navigate: (screen: string) => void;
  cancel: (id: string) => void;
  notificationsOn: () => boolean;
}

function trayImage(assetsDir: string): Electron.NativeImage {
  if (process.platform === 'darwin') {
    const image = nativeImage.createFromPath(join(assetsDir, 'tray', 'trayTemplate.png'));
    image.setTemplateImage(true);
    return image;
  }
  return nativeImage.createFromPath(join(assetsDir, 'tray', nativeTheme.shouldUseDarkColors ? 'tray-light.png' : 'tray-dark.png'));
}

function describe(job: JobSnapshot): string {
  const p = job.progress;
  if (p?.kind === 'push') return `${job.title}: ${Math.round(p.percent)}%`;
  if (p?.kind === 'build') return `${job.title}: step ${p.step} of ${p.totalSteps}`;
  return job.title;
}

/**
 * What the desktop shows of jobs while the window may be closed: a tray icon with the current job,
 * progress on the dock or taskbar during a push, a notification when it ends (click: the result),
 * and a question before quitting while a job runs.
 */
export function createJobGlue(options: JobGlueOptions) {
  const running = new Map<string, JobSnapshot>();
  let tray: Tray | null = null;
  let quitting = false;

  const rebuildMenu = () => {
    if (!tray) return;
    const jobs = [...running.values()];
    tray.setToolTip(jobs.length > 0 ? jobs.map(describe).join('\n') : 'Runtime Image Builder');
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: 'Show Runtime Image Builder', click: () => options.showWindow() },
        { type: 'separator' },
        ...(jobs.length === 0
          ? [{ label: 'No build or push running', enabled: false }]
          : jobs.flatMap((job) => [
              { label: describe(job), enabled: false },
              { label: `Cancel ${job.kind}`, click: () => options.cancel(job.id) },
            ])),
        { type: 'separator' },
        { label: 'Quit', click: () => app.quit() },
      ]),
    );
  };

  const notify = (job: JobSnapshot) => {
    if (!options.notificationsOn() || !Notification.isSupported()) return;
    const pushed = job.status === 'succeeded' ? PushResult.safeParse(job.result) : null;
    const notification = new Notification({
      title: job.status === 'succeeded' ? 'Push finished' : job.status === 'cancelled' ? 'Push cancelled' : 'Push failed',
      body: pushed?.success ? `${pushed.data.reference}\n${pushed.data.digest}` : (job.error?.message ?? job.title),
    });
    notification.on('click', () => {
      options.showWindow();
      options.navigate('push');
    });
    notification.show();
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
      if (job.kind === 'push') {
        const bar = job.status === 'running' && job.progress?.kind === 'push' ? job.progress.percent / 100 : -1;
        for (const window of BrowserWindow.getAllWindows()) window.setProgressBar(bar);
        if (wasRunning && job.status !== 'running') notify(job);
      }
      if (wasRunning !== running.has(job.id) || job.status === 'running') rebuildMenu();
    },
    hasRunningJobs: () => running.size > 0,
    /** Asks before quitting while a job runs; true when the app may quit. */
    confirmQuit(): boolean {
      if (quitting || running.size === 0) return true;
      const choice = dialog.showMessageBoxSync({
        type: 'question',
        buttons: ['Keep running', 'Quit and cancel'],
        defaultId: 0,
        cancelId: 0,
        message: `${[...running.values()].map(describe).join('\n')}\n\nQuit anyway? The job will be cancelled.`,
      });
      quitting = choice === 1;
      return quitting;
    },
  };
}
