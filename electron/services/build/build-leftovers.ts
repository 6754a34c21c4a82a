import type Dockerode from 'dockerode';

/**
 * After a cancelled or failed build: make sure none of its step containers stays behind. The
 * engine removes them itself (forcerm) once it notices, usually within a few hundred ms; we do not
 * rely on that. A container belongs to this build when
 *  - the build printed its id (" ---> Running in <id>"), or
 *  - it did not exist before the build started and was made from one of this build's step images
 *    (the " ---> <id>" lines), which covers a container the engine created after the last line it
 *    managed to send. Step 1's image is the base, from which the user may run containers of their
 *    own: one made from it must also run one of this build's instructions.
 */
export interface LeftoverScope {
  /** Container ids that existed before the build started. */
  before: ReadonlySet<string>;
  /** Ids (short or full) from " ---> Running in <id>". */
  containerIds: readonly string[];
  /** Ids (short or full) from " ---> <id>": the images the build's steps ran on; the first is the base. */
  layerIds: readonly string[];
  /** The build's instructions as the engine printed them ("RUN …", "ENV …"). */
  instructions: readonly string[];
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
    const body = rest.join(' ').split(/['"\\]/)[0]?.slice(0, 40) ?? '';
    return body.length > 0 && command.includes(body);
  });
}

export function isBuildLeftover(container: Pick<Dockerode.ContainerInfo, 'Id' | 'ImageID' | 'Command'>, scope: LeftoverScope): boolean {
  const id = shortId(container.Id);
  if (scope.containerIds.some((c) => shortId(c) === id)) return true;
  if (scope.before.has(container.Id)) return false;
  const image = shortId(container.ImageID);
  const [base, ...steps] = scope.layerIds.map(shortId);
  if (steps.includes(image)) return true;
  return image === base && runsInstruction(container.Command, scope.instructions);
}

async function removeMatching(docker: Dockerode, scope: LeftoverScope, states?: readonly string[]): Promise<string[]> {
  const containers = await docker.listContainers({ all: true });
  const leftovers = containers.filter((c) => isBuildLeftover(c, scope) && (states === undefined || states.includes(c.State)));
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

const STOPPED_STATES = ['created', 'exited', 'dead'];

/**
 * Builds the engine stopped under. Their step containers cannot be removed while it is down, and
 * an engine that comes back keeps them (stopped, or "dead"): the next build on the same client
 * clears them first. Only stopped ones: a running container made from the same step image belongs
 * to another build that is using it.
 */
export class InterruptedBuilds {
  private readonly scopes: LeftoverScope[] = [];

  remember(scope: LeftoverScope): void {
    if (scope.containerIds.length > 0 || scope.layerIds.length > 1) this.scopes.push(scope);
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
