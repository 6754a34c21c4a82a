import type { Handlers } from '../contract/ipc';
import type Dockerode from 'dockerode';
import type { ImageInspectInfo } from 'dockerode';
import type { JobSnapshot, PushProgress } from '../contract/domain/job';
import type { PushResult } from '../contract/domain/push';
import { AppError } from '../contract/errors';
import { offerDockerLogins, type DockerCredentialDeps, type SecretStore } from '../services/credentials';
import { errorMessage } from '../services/docker-config';
import { type HistoryStore, pushHistoryEntry } from '../services/history';
import { describePushEvent, pushWithLogin } from '../services/push';
import { login, type LoginRecords, logout, useDockerLogin } from '../services/login';
import { parsePushTarget, registryOrThrow, suggestPushReference } from '../services/registry';
import type { EngineSession } from './engine-session';
import type { JobContext, JobManager } from './job-manager';

export interface RegistryHandlerDeps {
  jobs: JobManager;
  engine: EngineSession;
  history: HistoryStore;
  /** The user's logins (never their secrets), kept in the settings store. */
  logins: LoginRecords;
  /** Where secrets go: the OS keychain, and memory for "this session only". */
  secrets: { keychain: SecretStore; session: SecretStore };
  /** Docker's own config and credential helpers, read afresh each time (so `docker logout` wins). */
  dockerCredentials: () => Promise<DockerCredentialDeps>;
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
export function registryHandlers(deps: RegistryHandlerDeps, preparePush: PushPreparer = pushPreparer(deps)): RegistryHandlers {
  const stores = deps.secrets;
  const records = deps.logins;
  const dockerCredentials = deps.dockerCredentials;

  return {
    'registry:logins': async () => {
      const saved = records.list();
      const offers = await offerDockerLogins(await dockerCredentials()).catch(() => []);
      const known = new Set(saved.map((r) => r.registry.serverAddress));
      return { logins: saved, offers: offers.filter((o) => !known.has(o.registry.serverAddress)) };
    },
    'registry:login': async (input) => {
      const docker = await deps.engine.client();
      return records.remember(await login(input, { docker, ...stores }));
    },
    'registry:use-docker-login': async ({ registry }) => {
      const docker = await deps.engine.client();
      return records.remember(await useDockerLogin(registryOrThrow(registry), { docker, dockerCredentials: await dockerCredentials() }));
    },
    'registry:logout': async ({ serverAddress }) => {
      const record = records.find(serverAddress);
      if (!record) return { removed: false };
      await logout(record, stores);
      records.forget(serverAddress);
      return { removed: true };
    },
    'push:suggest-reference': async ({ image, serverAddress }) => suggestPushReference(image, records.find(serverAddress)),
    'push:start': async (input): Promise<JobSnapshot> => {
      const push = preparePush(input);
      // Before the job starts: a missing image is said at once, not as a failed job.
      await push.inspect();
      return deps.jobs.start('push', `Push ${push.reference}`, push.run, { image: input.image, reference: push.reference });
    },
  };
}

/** A push checked and ready to run, as a job of its own or as a step of `make`. */
export interface PreparedPush {
  reference: string;
  /** Looks the local image up (once): refuses a missing one. */
  inspect: () => Promise<void>;
  run: (ctx: Pick<JobContext, 'signal' | 'log'> & { progress(progress: PushProgress): void }) => Promise<PushResult>;
}
export type PushPreparer = (input: { image: string; reference: string }) => PreparedPush;

/** Refuses a reference that cannot be pushed, or one with no saved login for its registry; the outcome goes to the history. */
export function pushPreparer(deps: RegistryHandlerDeps): PushPreparer {
  const stores = deps.secrets;
  return ({ image, reference }) => {
    const target = parsePushTarget(reference);
    if (!target.ok) throw new AppError('push-reference-invalid', target.error.message);
    const record = deps.logins.require(target.target.registry);
    let looked: Promise<{ docker: Dockerode; inspected: ImageInspectInfo }> | null = null;
    const lookUp = () =>
      (looked ??= deps.engine.client().then(async (docker) => ({
        docker,
        inspected: await docker
          .getImage(image)
          .inspect()
          .catch(() => {
            throw new AppError('image-not-found', `There is no image ${image} on the engine: build it first.`);
          }),
      })));
    return {
      reference: target.target.reference,
      inspect: async () => {
        await lookUp();
      },
      run: async (ctx) => {
        const { docker, inspected } = await lookUp();
        const pushedImage = { labels: inspected.Config?.Labels ?? {}, architecture: inspected.Architecture, sizeBytes: inspected.Size ?? null };
        const record_ = (result: 'succeeded' | 'failed' | 'cancelled', pushed: PushResult | null, error: string | null) =>
          deps.history.add(pushHistoryEntry(pushedImage, { reference: target.target.reference, source: image, result, digest: pushed?.digest ?? null, error }));
        try {
          const pushed = await pushWithLogin({
            docker,
            image,
            reference: target.target.reference,
            login: record,
            stores: { ...stores, dockerCredentials: await deps.dockerCredentials() },
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
      },
    };
  };
}
