// A registry of the bench's own (empty at start, so pushes really upload), with the engine's CLI
// logged in to it, so the CLI side pushes with the same login the app side passes.
import type { RegistryCredentials } from '../../electron/services/registry';
import { type PrivateRegistry, privateRegistryMissingReason, startPrivateRegistry } from '../fixtures/push-events/tools/private-registry';
import type { EngineCli } from './engine-cli';

export interface RegistrySession {
  registry: PrivateRegistry;
  /** The registry as the engine must name it: '127.0.0.1:PORT' for Docker, 'localhost:PORT' for Podman. */
  host: string;
  /** What the app's pushImage takes. */
  auth: RegistryCredentials;
  dispose(): Promise<void>;
}

export async function startRegistrySession(options: { hostname: string; cli: EngineCli }): Promise<RegistrySession> {
  const missing = privateRegistryMissingReason();
  if (missing !== null) throw new Error(missing);
  const registry = await startPrivateRegistry('bench', `bench-${Math.random().toString(36).slice(2)}`);
  const port = new URL(registry.url).port;
  const host = `${options.hostname}:${port}`;
  try {
    await options.cli.login(host, registry.user, registry.password);
  } catch (error) {
    await registry.dispose();
    throw error;
  }
  return { registry, host, auth: { username: registry.user, secret: registry.password, kind: 'password' }, dispose: () => registry.dispose() };
}
