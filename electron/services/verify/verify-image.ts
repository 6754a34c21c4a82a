import type Dockerode from 'dockerode';
import type { ElyraVersion } from '../../contract/domain/elyra';
import type { VerifyNetwork, VerifyReport } from '../../contract/domain/verify';
import { elyraRelease } from '../elyra-data';
import { imageLookupFailure } from '../engine/engine-connection';
import { probeImage } from './image-probe';
import { buildChecklist, type ImageConfig, worstStatus } from './verify-checklist';

export interface VerifyImageOptions {
  docker: Dockerode;
  /** Tag or id of the image to check. */
  image: string;
  /** The Elyra version the user runs: its Python range and pins. */
  elyraVersion: ElyraVersion;
  /** Today, for end-of-life dates. */
  today: Date;
  /** The check container's network: none unless the pins' installability should be tried. */
  network?: VerifyNetwork;
  /** With a network: ask pip whether the missing pins install, with these variables (PIP_INDEX_URL…). */
  pinInstallCheck?: { env: Readonly<Record<string, string>> };
  timeoutMs?: number;
  signal?: AbortSignal;
  now?: () => number;
}

async function inspectImage(docker: Dockerode, image: string): Promise<{ id: string; config: ImageConfig }> {
  try {
    const info = await docker.getImage(image).inspect();
    return {
      id: info.Id,
      config: {
        cmd: info.Config?.Cmd ?? null,
        entrypoint: typeof info.Config?.Entrypoint === 'string' ? [info.Config.Entrypoint] : (info.Config?.Entrypoint ?? null),
        env: info.Config?.Env ?? [],
      },
    };
  } catch (error) {
    throw imageLookupFailure(error, image);
  }
}

/**
 * Runs the image once the way Elyra does (sh -c, CMD and ENTRYPOINT replaced) and turns what it
 * finds into the checklist. The check container is removed afterwards, also on failure.
 */
export async function verifyImage(options: VerifyImageOptions): Promise<VerifyReport> {
  const now = options.now ?? Date.now;
  const started = now();
  const { id, config } = await inspectImage(options.docker, options.image);
  const probe = await probeImage({
    docker: options.docker,
    image: id,
    pins: elyraRelease(options.elyraVersion).pins,
    ...(options.network !== undefined ? { network: options.network } : {}),
    ...(options.pinInstallCheck !== undefined ? { pinInstallCheck: options.pinInstallCheck } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.signal !== undefined ? { signal: options.signal } : {}),
  });
  const pinInstallChecked = options.pinInstallCheck !== undefined && (options.network ?? 'none') !== 'none';
  const { items, pins } = buildChecklist({ probe, config, elyraVersion: options.elyraVersion, today: options.today, pinInstallChecked });
  return {
    image: options.image,
    imageId: id,
    elyraVersion: options.elyraVersion,
    status: worstStatus(items),
    items,
    python: probe.python !== null && probe.python3 !== null ? { path: probe.python3, version: probe.python.version } : null,
    pins,
    largestPackages: (probe.python?.distributions ?? []).slice(0, 10),
    installed: probe.python?.installed ?? [],
    ...(probe.python?.graph ? { distributions: probe.python.graph } : {}),
    durationMs: now() - started,
  };
}
