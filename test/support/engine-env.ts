import type Dockerode from 'dockerode';
import { createDockerClient, detectProduct } from '../../electron/services/engine';

/**
 * Why tests that need the real engine cannot run here, or null when they can. Under CI a missing
 * engine is a failure (this throws); on a developer's machine the caller skips and we print why.
 */
export function engineMissingReason(): string | null {
  if (process.env['DOCKER_HOST']) return null;
  const reason = 'no DOCKER_HOST: run the tests through `npm test`, which starts an engine (test/infra/up.sh)';
  if (process.env['CI'] === 'true') throw new Error(`Under CI the engine must be there: ${reason}`);
  console.warn(`SKIPPED (engine tests): ${reason}`);
  return reason;
}

/** A client for the engine the test set-up started (DOCKER_HOST), built the way the app builds its own. */
export function testEngineClient(): Dockerode {
  const host = process.env['DOCKER_HOST'] ?? '';
  const socketPath = host.replace(/^unix:\/\//, '');
  return createDockerClient({ id: 'test', source: { kind: 'docker-host' }, endpoint: { transport: 'unix', socketPath }, display: host, productHint: null });
}

/** Whether the engine is Podman (its compatible API), as the app itself tells it from /version. */
export async function engineIsPodman(docker: Dockerode): Promise<boolean> {
  const version = await docker.version();
  return detectProduct({ componentNames: (version.Components ?? []).map((c) => c.Name), operatingSystem: null, hostName: null, hint: null }) === 'Podman';
}

/**
 * Whether the engine reports a push layer by layer (Docker), or answers only once the upload is over
 * with no per-layer event (Podman 5: its compatible push handler makes a progress channel that
 * nothing feeds). Asked of the engine, so that a Docker that stopped reporting layers fails the tests.
 */
export async function engineReportsPushLayers(docker: Dockerode): Promise<boolean> {
  return !(await engineIsPodman(docker));
}
