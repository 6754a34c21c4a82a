import type Dockerode from 'dockerode';
import { extract } from 'tar-stream';
import type { TryNetwork } from '../../contract/domain/try';
import { type ContainerRun, type RunInContainerOptions, runInContainer } from '../engine/run-in-container';
import { LABEL_NAMESPACE } from '../recipe/image-labels';

/** Marks the containers of a try, so one left behind by a crash can be recognised and removed. */
export const TRY_CONTAINER_LABEL = `${LABEL_NAMESPACE}.try`;
/** A stopped try container older than this is a leftover: a running try reads its container within seconds of its end. */
const STALE_AFTER_S = 10 * 60;

export type ContainerRunOptions = Omit<RunInContainerOptions, 'label' | 'purpose' | 'output' | 'staleAfterS' | 'network'> & {
  network: TryNetwork;
  /** Output beyond this many bytes per stream keeps only its end. */
  maxOutputBytes?: number;
};

/**
 * Runs `sh -c script` once in a new try container (see runInContainer): output keeps its end, the
 * container's files are read at the time limit too, and a stopped try container is only a leftover
 * once it is older than any try could still be reading.
 */
export function runContainer(options: ContainerRunOptions): Promise<ContainerRun> {
  const { maxOutputBytes, ...rest } = options;
  return runInContainer({
    ...rest,
    label: TRY_CONTAINER_LABEL,
    purpose: 'try',
    output: { maxBytes: maxOutputBytes ?? 2 * 1024 * 1024, keep: 'tail' },
    staleAfterS: STALE_AFTER_S,
  });
}

/** The bytes of one file in a (stopped) container, or null when it is not there. */
export async function readContainerFile(container: Dockerode.Container, path: string, maxBytes: number): Promise<Buffer | null> {
  let archive: NodeJS.ReadableStream;
  try {
    archive = await container.getArchive({ path });
  } catch {
    return null;
  }
  return new Promise<Buffer | null>((resolve, reject) => {
    const unpack = extract();
    let found: Buffer | null = null;
    unpack.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (data: unknown) => {
        const chunk = data as Buffer;
        size += chunk.length;
        if (size <= maxBytes) chunks.push(chunk);
      });
      stream.on('end', () => {
        if (found === null && header.type === 'file') found = size <= maxBytes ? Buffer.concat(chunks) : null;
        next();
      });
      stream.resume();
    });
    unpack.on('finish', () => resolve(found));
    unpack.on('error', reject);
    archive.pipe(unpack);
  });
}
