import type Dockerode from 'dockerode';
import { z } from 'zod';

/**
 * After a cancelled or failed build: make sure none of its step containers stays behind. The
 * engine removes them itself (forcerm) once it notices, usually within a few hundred ms; we do not
 * rely on that. A container belongs to this build when
 *  - the build printed its id (" ---> Running in <id>"), or
 *  - it did not exist before the build started and was made from one of this build's step images
 *    (the " ---> <id>" lines), which covers a container the engine created after the last line it
 *    managed to send. Step 1's image is the base, from which the user may run containers of their
 *    own: one made from it must also run one of this build's instructions.
 *
 * Podman builds with buildah, whose working containers ("<image>-working-container", command
 * "buildah", state "storage") are not in the Docker-compatible container list and are never named
 * in the build's output; its libpod API lists them with `external=true`, and the compatible
 * DELETE removes them (seen on Podman 5.8). A new one made from this build's base or step images
 * is this build's. A cancelled build's step keeps running inside Podman until its command ends,
 * then Podman stops the build: its working containers can be removed at once all the same.
 */
export interface LeftoverScope {
  /** Container ids that existed before the build started (Podman's working containers included). */
  before: ReadonlySet<string>;
  /** Ids (short or full) from " ---> Running in <id>". */
  containerIds: readonly string[];
  /** Ids (short or full) from " ---> <id>": the images the build's steps ran on; the first is the base (not on Podman, which prints none for step 1). */
  layerIds: readonly string[];
  /** The build's instructions as the engine printed them ("RUN …", "ENV …"). */
  instructions: readonly string[];
  /** The FROM image as the build named it: Podman's first working container is made from it. */
  baseImage?: string | null;
}

/** A container as the leftover check needs it, from either list. */
export interface EngineContainer {
  Id: string;
  ImageID: string;
  Command: string;
  State: string;
  /** One of Podman's build (buildah) working containers, outside the Docker-compatible list. */
  builder?: boolean;
}

function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

/** Whether a container's command is one of the instructions, as the classic builder runs them. */
function runsInstruction(command: string, instructions: readonly string[]): boolean {
  return instructions.some((instruction) => {
    const [keyword = '', ...rest] = instruction.split(' ');
    if (keyword !== 'RUN') return command.includes('#(nop)') && command.includes(keyword);
    // The engine shows the command shell-quoted; a stretch without quotes is the same either way.
    const body =
      rest
        .join(' ')
        .split(/['"\\]/)[0]
        ?.slice(0, 40) ?? '';
    return body.length > 0 && command.includes(body);
  });
}

/** `baseImageIds`: the base image's id(s) as the engine resolved the FROM name (Podman's case). */
export function isBuildLeftover(
  container: Pick<EngineContainer, 'Id' | 'ImageID' | 'Command' | 'builder'>,
  scope: LeftoverScope,
  baseImageIds: readonly string[] = [],
): boolean {
  const id = shortId(container.Id);
  if (scope.containerIds.some((c) => shortId(c) === id)) return true;
  if (scope.before.has(container.Id)) return false;
  const image = shortId(container.ImageID);
  // Only builds make working containers: one from any image of this build is this build's.
  if (container.builder === true) return [...scope.layerIds, ...baseImageIds].map(shortId).includes(image);
  const [base, ...steps] = scope.layerIds.map(shortId);
  if (steps.includes(image)) return true;
  return image === base && runsInstruction(container.Command, scope.instructions);
}

const LibpodContainer = z.object({
  Id: z.string(),
  ImageID: z.string().catch(''),
  Command: z.array(z.string()).nullable().catch(null),
  State: z.string().catch(''),
});

/** Engines whose libpod API answered 404: Docker, asked once per client. */
const notPodman = new WeakSet<Dockerode>();

/**
 * Podman's containers, its build containers included; [] from an engine without the libpod API,
 * or when the list fails (the compatible list answered just before: what it has still counts).
 */
function listLibpodContainers(docker: Dockerode): Promise<z.infer<typeof LibpodContainer>[]> {
  if (notPodman.has(docker) || typeof docker.modem?.dial !== 'function') return Promise.resolve([]);
  return new Promise((resolve) => {
    docker.modem.dial(
      // Podman serves its own API only under a version prefix (404 without one, seen on 5.8); 4.0.0
      // is its MinAPIVersion. The app's clients set no modem version, which would prefix one of its own.
      {
        path: '/v4.0.0/libpod/containers/json?',
        method: 'GET',
        options: { all: true, external: true },
        statusCodes: { 200: true, 404: 'no libpod API', 500: 'server error' },
      },
      (error, result) => {
        if (error) {
          if ((error as { statusCode?: number }).statusCode === 404) notPodman.add(docker);
          resolve([]);
          return;
        }
        const parsed = z.array(LibpodContainer).safeParse(result);
        resolve(parsed.success ? parsed.data : []);
      },
    );
  });
}

/** Every container of the engine, and on Podman its build containers, which the compatible list leaves out. */
export async function listEngineContainers(docker: Dockerode): Promise<EngineContainer[]> {
  const listed = await docker.listContainers({ all: true });
  const compat: EngineContainer[] = listed.map((c) => ({ Id: c.Id, ImageID: c.ImageID, Command: c.Command, State: c.State }));
  const known = new Set(compat.map((c) => c.Id));
  const builders = (await listLibpodContainers(docker))
    .filter((c) => !known.has(c.Id))
    .map((c): EngineContainer => ({ Id: c.Id, ImageID: c.ImageID, Command: (c.Command ?? []).join(' '), State: c.State, builder: true }));
  return [...compat, ...builders];
}

/** The base image's id, when a working container of Podman's may have been made from it. */
async function baseImageIds(docker: Dockerode, scope: LeftoverScope, containers: readonly EngineContainer[]): Promise<string[]> {
  if (!scope.baseImage || !containers.some((c) => c.builder === true && !scope.before.has(c.Id))) return [];
  try {
    return [(await docker.getImage(scope.baseImage).inspect()).Id];
  } catch {
    return [];
  }
}

async function removeMatching(docker: Dockerode, scope: LeftoverScope, states?: readonly string[]): Promise<string[]> {
  const containers = await listEngineContainers(docker);
  const bases = await baseImageIds(docker, scope, containers);
  const leftovers = containers.filter((c) => isBuildLeftover(c, scope, bases) && (states === undefined || states.includes(c.State)));
  await Promise.all(
    leftovers.map(async (c) => {
      try {
        await docker.getContainer(c.Id).remove({ force: true });
      } catch {
        // Already gone, or the engine is removing it itself (409): either way it will not stay.
      }
    }),
  );
  return leftovers.map((c) => c.Id);
}

/**
 * Removes this build's containers now, then once more after `settleMs` in case the engine was
 * still creating one when the build was stopped. Returns the ids it found.
 */
export async function removeBuildLeftovers(docker: Dockerode, scope: LeftoverScope, settleMs = 400): Promise<string[]> {
  const first = await removeMatching(docker, scope);
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  const second = await removeMatching(docker, scope);
  return [...new Set([...first, ...second])];
}

// "storage": a Podman build container, which never runs as a container of its own; after the engine
// came back, the build it belonged to is gone with the engine's build endpoint.
const STOPPED_STATES = ['created', 'exited', 'dead', 'storage'];

/**
 * Builds the engine stopped under. Their step containers cannot be removed while it is down, and
 * an engine that comes back keeps them (stopped, or "dead"): the next build on the same client
 * clears them first. Only stopped ones: a running container made from the same step image belongs
 * to another build that is using it.
 */
export class InterruptedBuilds {
  private readonly scopes: LeftoverScope[] = [];

  remember(scope: LeftoverScope): void {
    // On Podman the base's working container exists from step 1 on, before any id is printed.
    if (scope.containerIds.length > 0 || scope.layerIds.length > 1 || (scope.baseImage ?? null) !== null) this.scopes.push(scope);
  }

  /** Removes what is left of each remembered build; forgets a build once the engine answered for it. */
  async sweep(docker: Dockerode): Promise<string[]> {
    const removed: string[] = [];
    for (const scope of [...this.scopes]) {
      try {
        removed.push(...(await removeMatching(docker, scope, STOPPED_STATES)));
        this.scopes.splice(this.scopes.indexOf(scope), 1);
      } catch {
        // Still down: keep it for the next build.
      }
    }
    return removed;
  }

  get size(): number {
    return this.scopes.length;
  }
}
