// A registry of the bench's own (empty at start, so pushes really upload) and a DOCKER_CONFIG that
// holds a `docker login` for it, so the CLI side pushes with the same login the app side passes.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RegistryCredentials } from '../../electron/services/registry';
import { type PrivateRegistry, privateRegistryMissingReason, startPrivateRegistry } from '../fixtures/push-events/tools/private-registry';
import { runCli } from './docker-cli';

export interface RegistrySession {
  registry: PrivateRegistry;
  /** What the app's pushImage takes. */
  auth: RegistryCredentials;
  /** The CLI's environment: DOCKER_CONFIG with the login, classic builder. */
  cliEnv: NodeJS.ProcessEnv;
  dispose(): Promise<void>;
}

export async function startRegistrySession(): Promise<RegistrySession> {
  const missing = privateRegistryMissingReason();
  if (missing !== null) throw new Error(missing);
  const registry = await startPrivateRegistry('bench', `bench-${Math.random().toString(36).slice(2)}`);
  const configDir = await mkdtemp(join(tmpdir(), 'rib-bench-docker-config-'));
  const cliEnv: NodeJS.ProcessEnv = { ...process.env, DOCKER_CONFIG: configDir, DOCKER_BUILDKIT: '0' };
  const dispose = async (): Promise<void> => {
    await registry.dispose();
    await rm(configDir, { recursive: true, force: true });
  };
  // --password-stdin keeps the password out of the process listing, as a careful user would.
  const login = await runCli(['login', '--username', registry.user, '--password-stdin', registry.host], cliEnv, `${registry.password}\n`);
  if (login.code !== 0) {
    await dispose();
    throw new Error(`docker login ${registry.host} failed: ${login.stderr.trim()}`);
  }
  return { registry, auth: { username: registry.user, secret: registry.password, kind: 'password' }, cliEnv, dispose };
}
