import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface TrayMenuEntry {
  id: number;
  label?: string;
  enabled?: boolean;
  visible?: boolean;
  type?: string;
  children?: TrayMenuEntry[];
}
export interface TrayItem {
  service: string;
  path: string;
  props: Record<string, unknown>;
  menu: TrayMenuEntry[] | null;
  gone?: string;
}
export interface SeenNotification {
  at: number;
  appName: string;
  icon: string;
  summary: string;
  body: string;
  actions: string[];
  hints: Record<string, unknown>;
}

/**
 * The desktop shell's side of the session bus (desktop-bus.py): the StatusNotifierWatcher the app's
 * tray registers with, and a monitor of every notification the app sends.
 */
export class DesktopBus {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly answers: Array<(line: string) => void> = [];
  private readonly ready: Promise<void>;

  constructor() {
    this.child = spawn('/usr/bin/python3', [fileURLToPath(new URL('./desktop-bus.py', import.meta.url))], { stdio: 'pipe' });
    let stderr = '';
    this.child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const lines = createInterface({ input: this.child.stdout });
    this.ready = new Promise((resolve, reject) => {
      this.answers.push(() => resolve());
      this.child.once('exit', (code) => reject(new Error(`desktop-bus.py exited (${code}): ${stderr}`)));
    });
    lines.on('line', (line) => this.answers.shift()?.(line));
  }

  private async ask<T>(request: object): Promise<T> {
    await this.ready;
    const answer = new Promise<string>((resolve) => this.answers.push(resolve));
    this.child.stdin.write(`${JSON.stringify(request)}\n`);
    const parsed = JSON.parse(await answer) as T & { error?: string };
    if (parsed.error) throw new Error(parsed.error);
    return parsed;
  }

  async start(): Promise<void> {
    await this.ready;
  }

  async tray(): Promise<TrayItem[]> {
    return (await this.ask<{ items: TrayItem[] }>({ cmd: 'tray' })).items.filter((item) => !item.gone);
  }

  /** The labels of the app's tray menu (separators left out). */
  async trayLabels(): Promise<string[]> {
    const [item] = await this.tray();
    return (item?.menu ?? []).filter((entry) => entry.type !== 'separator' && entry.visible !== false).map((entry) => entry.label ?? '');
  }

  async clickTray(label: string): Promise<void> {
    await this.ask({ cmd: 'click', label });
  }

  async notifications(): Promise<SeenNotification[]> {
    return (await this.ask<{ notifications: SeenNotification[] }>({ cmd: 'notifications' })).notifications;
  }

  /** The notifications whose summary or body mention `text`. */
  async notificationsAbout(text: string): Promise<SeenNotification[]> {
    return (await this.notifications()).filter((n) => n.summary.includes(text) || n.body.includes(text));
  }

  /** Clicks the newest notification on screen, as a user would (the daemon's default action). */
  clickNewestNotification(): void {
    execFileSync('dunstctl', ['action', '0']);
  }

  /** Dismisses every notification on screen (the daemon tells each app that its notification closed). */
  dismissNotifications(): void {
    execFileSync('dunstctl', ['close-all']);
  }

  stop(): void {
    this.child.stdin.end();
    this.child.kill();
  }
}
