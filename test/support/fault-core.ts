// The app core as main starts it (damaged stores set aside, conf stores in a temp data folder), with
// what a fault test needs around it: typed calls through dispatch (as the renderer makes them), every
// job update kept with the time it arrived, and waits that end with a clear error instead of a hang.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppCore } from '../../electron/core/app-core';
import type { ChannelInput, ChannelResult, EventChannel, EventPayload, InvokeChannel } from '../../electron/contract/ipc';
import type { Envelope, ErrorPayload } from '../../electron/contract/errors';
import type { JobSnapshot, JobUpdate } from '../../electron/contract/domain/job';
import type { SettingsPatch } from '../../electron/contract/domain/settings';
import { startHeadlessCore } from './headless-core';

export interface FaultCoreOptions {
  /** DOCKER_HOST and the like; HOME and DOCKER_CONFIG are pointed into the temp folder. */
  env: NodeJS.ProcessEnv;
  /** Written to the settings store before the core starts (as a user's earlier session would have). */
  settings?: SettingsPatch;
  /** An existing data folder (e.g. one with a damaged settings file); a new temp folder otherwise. */
  dataDir?: string;
}

export interface TimedUpdate {
  /** Date.now() when the core published it. */
  at: number;
  update: JobUpdate;
}

export interface FaultCore {
  core: AppCore;
  dataDir: string;
  /** Where the stores were moved aside at start, if they were damaged. */
  settingsSetAside: string | null;
  updates: TimedUpdate[];
  call<C extends InvokeChannel>(channel: C, input: ChannelInput<C>): Promise<Envelope<ChannelResult<C>>>;
  /** The value of a call that must succeed; throws with the error's code and message otherwise. */
  value<C extends InvokeChannel>(channel: C, input: ChannelInput<C>): Promise<ChannelResult<C>>;
  /** The error of a call that must fail; throws when it succeeded. */
  failure<C extends InvokeChannel>(channel: C, input: ChannelInput<C>): Promise<ErrorPayload>;
  /** Every log line the job published so far, in order. */
  log(jobId: string): string[];
  /** Resolves with the first update of the job that matches, or rejects after timeoutMs. */
  waitForUpdate(jobId: string, what: string, match: (update: JobUpdate, log: readonly string[]) => boolean, timeoutMs: number): Promise<TimedUpdate>;
  /** The job's final snapshot, or a rejection naming the job after timeoutMs (a hang is a failure, not a test timeout). */
  waitForJob(jobId: string, timeoutMs: number): Promise<JobSnapshot>;
  dispose(): Promise<void>;
}

export function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${timeoutMs} ms (a hang)`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function startFaultCore(options: FaultCoreOptions): FaultCore {
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'rib-faults-'));
  const home = mkdtempSync(join(tmpdir(), 'rib-faults-home-'));
  const updates: TimedUpdate[] = [];
  const logs = new Map<string, string[]>();
  const listeners = new Set<() => void>();

  const { core, settingsSetAside } = startHeadlessCore({
    publish: <E extends EventChannel>(event: E, payload: EventPayload<E>) => {
      if (event !== 'job:update') return;
      const update = payload as JobUpdate;
      updates.push({ at: Date.now(), update });
      const log = logs.get(update.snapshot.id) ?? [];
      log.splice(update.logFrom, log.length - update.logFrom, ...update.appendedLog);
      logs.set(update.snapshot.id, log);
      for (const listener of [...listeners]) listener();
    },
    dataDir,
    // The machine's own Docker config and home stay out of it: logins the test makes stay in the temp folder.
    env: { ...options.env, HOME: home, DOCKER_CONFIG: join(home, '.docker') },
    homedir: home,
    version: '0.0.0-faults',
    ...(options.settings !== undefined ? { startSettings: options.settings } : {}),
  });

  const call = async <C extends InvokeChannel>(channel: C, input: ChannelInput<C>): Promise<Envelope<ChannelResult<C>>> =>
    (await core.dispatch(channel, input)) as Envelope<ChannelResult<C>>;

  const harness: FaultCore = {
    core,
    dataDir,
    settingsSetAside,
    updates,
    call,
    value: async (channel, input) => {
      const result = await call(channel, input);
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.code}: ${result.error.message} ${result.error.detail ?? ''}`);
      return result.value;
    },
    failure: async (channel, input) => {
      const result = await call(channel, input);
      if (result.ok) throw new Error(`${channel} was expected to fail, and succeeded`);
      return result.error;
    },
    log: (jobId) => [...(logs.get(jobId) ?? [])],
    waitForUpdate: (jobId, what, match, timeoutMs) =>
      withTimeout(
        new Promise<TimedUpdate>((resolve) => {
          const check = (): boolean => {
            const log = logs.get(jobId) ?? [];
            // Each update is judged with the log as it stood when that update arrived.
            const found = updates.find((u) => u.update.snapshot.id === jobId && match(u.update, log.slice(0, u.update.logFrom + u.update.appendedLog.length)));
            if (found === undefined) return false;
            listeners.delete(listener);
            resolve(found);
            return true;
          };
          const listener = (): void => void check();
          listeners.add(listener);
          check();
        }),
        timeoutMs,
        `waiting for ${what}`,
      ),
    waitForJob: (jobId, timeoutMs) => withTimeout(core.jobs.wait(jobId), timeoutMs, `waiting for job ${jobId} to end`),
    dispose: async () => {
      listeners.clear();
      await core.dispose();
      rmSync(home, { recursive: true, force: true });
      if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}
