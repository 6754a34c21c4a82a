// The test engine (DOCKER_HOST from .test-env/env.sh) as a dockerode client made by the app's own
// engine service, so the app side of every benchmark talks to the engine exactly as the app does.
import type Dockerode from 'dockerode';
import { createDockerClient } from '../../electron/services/engine/docker-client';
import { labelKeys } from '../../electron/services/recipe';

export interface BenchEngine {
  docker: Dockerode;
  dockerHost: string;
  socketPath: string;
}

export function benchEngine(): BenchEngine {
  const dockerHost = process.env['DOCKER_HOST'];
  if (!dockerHost?.startsWith('unix://')) throw new Error('Needs DOCKER_HOST (unix://): source .test-env/env.sh');
  const socketPath = dockerHost.replace(/^unix:\/\//, '');
  const docker = createDockerClient({
    id: 'bench',
    source: { kind: 'docker-host' },
    endpoint: { transport: 'unix', socketPath },
    display: dockerHost,
    productHint: null,
  });
  return { docker, dockerHost, socketPath };
}

/** Removes images by name; missing ones are fine (a run that failed early made fewer). */
export async function removeImages(docker: Dockerode, names: Iterable<string>): Promise<void> {
  for (const name of names)
    await docker
      .getImage(name)
      .remove({ force: true })
      .catch(() => undefined);
}

/**
 * Removes the untagged images the bench's recipe builds leave behind: rebuilding under the same tag
 * untags the previous image. Only images labelled as built by the bench (the plan's builtBy label,
 * e.g. "Runtime Image Builder bench") are touched, never another test run's.
 */
export async function removeDanglingBenchImages(docker: Dockerode, builtBy: string): Promise<number> {
  if (builtBy === '') return 0; // an empty value would match more than the bench's own images
  const images = await docker.listImages({ filters: { dangling: ['true'], label: [`${labelKeys.builtBy}=${builtBy}`] } });
  let removed = 0;
  for (const image of images) {
    const gone = await docker
      .getImage(image.Id)
      .remove({ force: true })
      .then(
        () => true,
        () => false,
      );
    if (gone) removed += 1;
  }
  return removed;
}
