import { z } from 'zod';
import type { Handlers } from '../contract/ipc';
import type { JobSnapshot } from '../contract/domain/job';
import { PushResult } from '../contract/domain/push';
import { LoginRecord, type RegistryAddress } from '../contract/domain/registry';
import { AppError } from '../contract/errors';
import { createCredentialHelperRunner, createKeychainStore, createSessionStore, offerDockerLogins, type DockerCredentialDeps } from '../services/credentials';
import { errorMessage, nodeFileAccess, readDockerConfig } from '../services/docker-config';
import type { HistoryStore } from '../services/history';
import { describePushEvent, pushWithLogin } from '../services/push';
import { login, logout, useDockerLogin } from '../services/login';
import { parsePushTarget, registryImageName, registryOrThrow } from '../services/registry';
import { parseImageReference } from '../services/reference';
import type { EngineSession } from './engine-session';
import type { JobManager } from './job-manager';
import type { KeyValueStore } from './key-value-store';
import { labelKeys } from '../services/recipe';

const LOGINS_KEY = 'registry.logins';

export interface RegistryHandlerDeps {
  jobs: JobManager;
  engine: EngineSession;
  history: HistoryStore;
  /** Where login records (never secrets) are kept: the settings store. */
  store: KeyValueStore;
  env: Readonly<Record<string, string | undefined>>;
  homedir: string;
  platform: NodeJS.Platform;
}

type RegistryHandlers = Pick<
  Handlers,
  'registry:logins' | 'registry:login' | 'registry:use-docker-login' | 'registry:logout' | 'push:suggest-reference' | 'push:start'
>;

/**
 * Logins and pushes. The password comes in once, with the login request, goes to the engine's
 * check and then to the keychain (or to memory, for this session only); only the record without
 * the secret is kept in the store and sent back to the renderer.
 */
export function registryHandlers(deps: RegistryHandlerDeps): RegistryHandlers {
  const stores = { keychain: createKeychainStore(), session: createSessionStore() };

  const records = (): LoginRecord[] => {
    const parsed = z.array(LoginRecord).safeParse(deps.store.get(LOGINS_KEY));
    return parsed.success ? parsed.data : [];
  };
  const remember = (record: LoginRecord): LoginRecord => {
    const others = records().filter((r) => r.registry.serverAddress !== record.registry.serverAddress);
    deps.store.set(LOGINS_KEY, [record, ...others]);
    return record;
  };
  const dockerCredentials = async (): Promise<DockerCredentialDeps> => {
    const { config } = await readDockerConfig({ env: deps.env, homedir: deps.homedir, files: nodeFileAccess });
    return { config, runHelper: createCredentialHelperRunner({ env: { ...deps.env, PATH: helperSearchPath(deps.env, deps.homedir, deps.platform) } }) };
  };
  const loginFor = (registry: RegistryAddress): LoginRecord => {
    const record = records().find((r) => r.registry.serverAddress === registry.serverAddress);
    if (!record) throw new AppError('login-required', `Log in to ${registry.displayName} first.`);
    return record;
  };

  return {
    'registry:logins': async () => {
      const saved = records();
      const offers = await offerDockerLogins(await dockerCredentials()).catch(() => []);
      const known = new Set(saved.map((r) => r.registry.serverAddress));
      return { logins: saved, offers: offers.filter((o) => !known.has(o.registry.serverAddress)) };
    },
    'registry:login': async (input) => {
      const docker = await deps.engine.client();
      return remember(await login(input, { docker, ...stores }));
    },
    'registry:use-docker-login': async ({ registry }) => {
      const docker = await deps.engine.client();
      return remember(await useDockerLogin(registryOrThrow(registry), { docker, dockerCredentials: await dockerCredentials() }));
    },
    'registry:logout': async ({ serverAddress }) => {
      const record = records().find((r) => r.registry.serverAddress === serverAddress);
      if (!record) return { removed: false };
      await logout(record, stores);
      deps.store.set(LOGINS_KEY, records().filter((r) => r.registry.serverAddress !== serverAddress));
      return { removed: true };
    },
    'push:suggest-reference': async ({ image, serverAddress }) => {
      const record = records().find((r) => r.registry.serverAddress === serverAddress);
      if (!record) return { ok: false, error: { code: 'login-required', message: 'Log in to that registry first.' } };
      const parsed = parseImageReference(image);
      if (!parsed.ok) return { ok: false, error: { code: parsed.error.code, message: parsed.error.message } };
      const path = parsed.reference.repository.split('/');
      const name = path.pop() ?? parsed.reference.repository;
      const namespace = path.length > 0 ? path.join('/') : record.registry.kind === 'docker-hub' ? record.username : null;
      return registryImageName({ registry: record.registry, namespace, name, tag: parsed.reference.tag ?? 'latest' });
    },
    'push:start': async ({ image, reference }): Promise<JobSnapshot> => {
      const target = parsePushTarget(reference);
      if (!target.ok) throw new AppError('push-reference-invalid', target.error.message);
      const record = loginFor(target.target.registry);
      const docker = await deps.engine.client();
      const inspected = await docker
        .getImage(image)
        .inspect()
        .catch(() => {
          throw new AppError('image-not-found', `There is no image ${image} on the engine: build it first.`);
        });
      const labels = inspected.Config?.Labels ?? {};
      return deps.jobs.start('push', `Push ${target.target.reference}`, async (ctx) => {
        const record_ = (result: 'succeeded' | 'failed' | 'cancelled', pushed: PushResult | null, error: string | null) =>
          deps.history.add({
            kind: 'push',
            image: target.target.reference,
            source: image,
            digest: pushed?.digest ?? null,
            packages: parsePackages(labels[labelKeys.packages]),
            python: labels[labelKeys.python] || 'unknown',
            elyraVersion: labels[labelKeys.elyraVersion] ?? 'unknown',
            base: labels[labelKeys.base] ?? 'unknown',
            platform: inspected.Architecture === 'arm64' ? 'linux/arm64' : 'linux/amd64',
            sizeBytes: inspected.Size ?? null,
            result,
            error,
            lock: null,
            recipe: null,
          });
        try {
          const pushed = await pushWithLogin({
            docker,
            image,
            reference: target.target.reference,
            login: record,
            stores: { ...stores, dockerCredentials: await dockerCredentials() },
            signal: ctx.signal,
            onEvent: (update) => {
              const line = describePushEvent(update.event);
              if (line !== null) ctx.log(line);
              ctx.progress(update.progress);
            },
          });
          record_('succeeded', pushed, null);
          return pushed;
        } catch (error) {
          record_(ctx.signal.aborted ? 'cancelled' : 'failed', null, errorMessage(error));
          throw error;
        }
      });
    },
  };
}

/**
 * An app started from the Finder gets only /usr/bin:/bin:/usr/sbin:/sbin, but Docker Desktop and
 * Homebrew install the docker-credential-* helpers elsewhere: look there too.
 */
export function helperSearchPath(env: Readonly<Record<string, string | undefined>>, homedir: string, platform: NodeJS.Platform): string {
  if (platform !== 'darwin') return env['PATH'] ?? '';
  const extra = ['/usr/local/bin', '/opt/homebrew/bin', `${homedir}/.docker/bin`, '/Applications/Docker.app/Contents/Resources/bin'];
  const current = (env['PATH'] ?? '').split(':').filter((p) => p !== '');
  return [...current, ...extra.filter((p) => !current.includes(p))].join(':');
}

function parsePackages(label: string | undefined): string[] {
  try {
    const parsed = z.array(z.string()).safeParse(JSON.parse(label ?? '[]'));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}
