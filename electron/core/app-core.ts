import { basename } from 'node:path';
import type { AppInfo, EventChannel, EventPayload, Handlers } from '../contract/ipc';
import { createDispatcher, type Dispatch } from './dispatcher';
import { EngineSession } from './engine-session';
import { JobManager } from './job-manager';
import type { KeyValueStore } from './key-value-store';
import type { Settings } from '../contract/domain/settings';
import { externalLinks } from './links';
import { recipeHandlers, type Dialogs } from './recipe-handlers';
import { inferHandlers } from './infer-handlers';
import { settingsHandlers } from './settings-handlers';
import { buildHandlers, buildPreparer } from './build-handlers';
import { layerHistory } from './build-layers';
import { tryHandlers, tryPreparer } from './try-handlers';
import { pushPreparer, registryHandlers } from './registry-handlers';
import { makeHandlers } from './make-handlers';
import { estimateHandlers } from './estimate-handlers';
import { elyraHandlers } from './elyra-handlers';
import { HistoryStore } from '../services/history';
import { createCredentialHelperRunner, createKeychainStore, createSessionStore, helperSearchPath, type SecretStore } from '../services/credentials';
import { nodeFileAccess, readDockerConfig } from '../services/docker-config';
import { LoginRecords } from '../services/login';

export interface AppCoreDeps {
  publish: <E extends EventChannel>(event: E, payload: EventPayload<E>) => void;
  /** Settings (electron-store in the app, conf in tests). */
  store: KeyValueStore;
  /** Build and push history, in a store file of its own so settings writes stay small. */
  historyStore: KeyValueStore;
  /** The app's own folder (Electron's userData): drafts and other files live here. */
  dataDir: string;
  /** Where an unreadable settings file was moved at start, so the user can be told. */
  settingsSetAside?: string | null;
  env: Readonly<Record<string, string | undefined>>;
  homedir: string;
  platform: NodeJS.Platform;
  appInfo: AppInfo;
  openExternal: (url: string) => Promise<boolean>;
  /** Opens a folder of the app's (a try's results) in the system's file manager. */
  openPath: (path: string) => Promise<boolean>;
  copyToClipboard: (text: string) => void;
  /** Files the app was asked to open before the renderer listened; the renderer takes them once it does. */
  takePendingFiles?: () => string[];
  /** The screen main wants a new window to open on (a job that ran while the window was closed). */
  takePendingScreen?: () => string | null;
  dialogs: Dialogs;
  /** The OS keychain for saved logins; the app's own (services/credentials) when not given, a fake in tests. */
  keychain?: SecretStore;
  /** Where problems are written for the log; never given a secret. */
  logError?: (channel: string, error: unknown) => void;
}

export interface AppCore {
  handlers: Handlers;
  dispatch: Dispatch;
  jobs: JobManager;
  engine: EngineSession;
  settings: () => Settings;
  dispose(): Promise<void>;
}

/**
 * Everything the main process does, without Electron: the Electron glue and the Playwright test
 * bridge both build this and differ only in how they deliver events and where they store settings.
 */
export function createAppCore(deps: AppCoreDeps): AppCore {
  const jobs = new JobManager((update) => deps.publish('job:update', update), { removed: (removal) => deps.publish('job:removed', removal) });
  const engine = new EngineSession(deps);
  const history = new HistoryStore(deps.historyStore);
  const settings = settingsHandlers({ store: deps.store, dataDir: deps.dataDir, setAsidePath: deps.settingsSetAside ?? null });
  const logins = new LoginRecords(deps.store);
  // One session store for the push and its estimate: a "this session only" secret lives in it.
  const secrets = { keychain: deps.keychain ?? createKeychainStore(), session: createSessionStore() };

  const registryDeps = {
    jobs,
    engine,
    history,
    logins,
    secrets,
    dockerCredentials: async () => {
      const { config } = await readDockerConfig({ env: deps.env, homedir: deps.homedir, files: nodeFileAccess });
      return { config, runHelper: createCredentialHelperRunner({ env: { ...deps.env, PATH: helperSearchPath(deps.env, deps.homedir, deps.platform) } }) };
    },
  };
  const buildDeps = { jobs, engine, history, settings: settings.settings, appName: deps.appInfo.name, appVersion: deps.appInfo.version };
  const tryDeps = { jobs, engine, history, dataDir: deps.dataDir, openPath: deps.openPath };
  // One of each, shared by their own screens and `make`: a build's register of interrupted builds is the app's.
  const prepareBuild = buildPreparer(buildDeps);
  const preparePush = pushPreparer(registryDeps);
  const prepareTry = tryPreparer(tryDeps);

  const handlers: Handlers = {
    'app:info': async () => deps.appInfo,
    'app:open-link': async ({ link }) => ({ opened: await deps.openExternal(externalLinks[link]) }),
    'app:take-pending-files': async () => ({ paths: deps.takePendingFiles?.() ?? [] }),
    'app:take-pending-screen': async () => ({ screen: deps.takePendingScreen?.() ?? null }),
    'app:copy': async ({ text }) => {
      deps.copyToClipboard(text);
      return { copied: true };
    },
    'engine:status': () => engine.status(),
    'engine:select': ({ id }) => engine.select(id),
    'job:list': async () => jobs.list(),
    'job:get': async ({ id, fromLine }) => jobs.get(id, fromLine),
    'job:cancel': async ({ id }) => ({ cancelled: jobs.cancel(id) }),
    ...recipeHandlers({
      appName: deps.appInfo.name,
      appVersion: deps.appInfo.version,
      dialogs: deps.dialogs,
      osUser: deps.env['USER'] ?? deps.env['USERNAME'] ?? basename(deps.homedir),
      builder: () => engine.builder(),
      layerHistory: (imageName) => layerHistory(history, imageName),
    }),
    ...inferHandlers(),
    ...settings.handlers,
    ...registryHandlers(registryDeps, preparePush),
    ...elyraHandlers({ env: deps.env, homedir: deps.homedir, platform: deps.platform, history, engine, dialogs: deps.dialogs }),
    ...buildHandlers(buildDeps, prepareBuild),
    ...tryHandlers(tryDeps, prepareTry),
    ...makeHandlers({ jobs, prepareBuild, preparePush, prepareTry, env: deps.env, homedir: deps.homedir, platform: deps.platform }),
    ...estimateHandlers({ engine, history, logins, secrets }),
  };

  return {
    handlers,
    dispatch: createDispatcher(handlers, deps.logError),
    jobs,
    engine,
    settings: settings.settings,
    async dispose() {
      for (const job of jobs.running()) jobs.cancel(job.id);
      await Promise.allSettled(jobs.list().map((job) => jobs.wait(job.id)));
      jobs.dispose();
    },
  };
}
