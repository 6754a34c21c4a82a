import type Dockerode from 'dockerode';
import type { BuildFailure } from '../../contract/domain/build';
import { dockerfileInstructions } from './buildkit-steps';

/** The base image as the engine has it, when that is for another platform than the build asks for. */
interface ForeignBase {
  image: string;
  /** e.g. linux/amd64. */
  platform: string;
  /** Its layers' diff ids, bottom first. */
  layers: string[];
}

/** The image of the Dockerfile's FROM (the app writes one). */
export function baseImageOf(dockerfile: string): string | null {
  const from = dockerfileInstructions(dockerfile).find((instruction) => /^FROM\s/i.test(instruction));
  const match = from ? /^FROM\s+(?:--platform=\S+\s+)?(\S+)/i.exec(from) : null;
  return match?.[1] ?? null;
}

async function foreignBase(docker: Dockerode, dockerfile: string, platform: string): Promise<ForeignBase | null> {
  const image = baseImageOf(dockerfile);
  if (image === null) return null;
  let info: Dockerode.ImageInspectInfo;
  try {
    info = await docker.getImage(image).inspect();
  } catch {
    return null;
  }
  const local = `${info.Os}/${info.Architecture}`;
  if (local === platform) return null;
  return { image, platform: local, layers: info.RootFS?.Layers ?? [] };
}

/**
 * On the containerd image store (Docker 28.5) BuildKit takes a local single-platform base as it is
 * for any platform, runs the steps on it and labels the result with the platform asked for: an
 * amd64 image that says arm64. Its bottom layers are then exactly the base's. The failure to
 * report for such an image, or null when it was built on a base of the right platform.
 */
export async function builtOnForeignBase(
  docker: Dockerode,
  built: Pick<Dockerode.ImageInspectInfo, 'RootFS'>,
  dockerfile: string,
  platform: string,
  step: number | null,
): Promise<BuildFailure | null> {
  const base = await foreignBase(docker, dockerfile, platform);
  const layers = built.RootFS?.Layers ?? [];
  if (base === null || base.layers.length === 0 || !base.layers.every((layer, i) => layers[i] === layer)) return null;
  return {
    kind: 'platform-mismatch',
    message: `The engine built a ${base.platform} image, not ${platform}: it has the base image ${base.image} only for ${base.platform}, and BuildKit used that one as it is while labelling the result ${platform}.`,
    hint: `Build for ${base.platform} on this engine, or make the base image for ${platform} available to the engine.`,
    packages: [],
    toolOutput: [],
    engineMessage: null,
    step,
  };
}
