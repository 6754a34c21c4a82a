import type { EngineCandidate, EngineProbe, EngineStatus } from '../../contract/domain/engine';
import { type Discovery, type DiscoveryDeps, discoverEngines } from './discover-engines';
import { connectedMessage } from './engine-product';
import { type ProbeOptions, probeEngine } from './probe-engine';

export const NOT_RUNNING_MESSAGE = "Docker isn't running. Start Docker Desktop, Colima or Rancher Desktop, then press Retry.";

export interface EngineStatusOptions extends DiscoveryDeps {
  /** The candidate id the user chose earlier; null or absent means "first that answers". */
  pickedId?: string | null;
  timeoutMs?: number;
  clock?: () => Date;
  /** A discovery the caller already made (it needs the candidates for createDockerClient); else we discover. */
  discovery?: Discovery;
  /** Replaceable for tests of the selection rules. */
  probe?: (candidate: EngineCandidate, options: ProbeOptions) => Promise<EngineProbe>;
}

/** Discovers, probes every candidate at once (each bounded by the timeout) and picks one. */
export async function engineStatus(options: EngineStatusOptions): Promise<EngineStatus> {
  const discovery = options.discovery ?? (await discoverEngines(options));
  const probe = options.probe ?? probeEngine;
  const probeOptions: ProbeOptions = { platform: options.platform };
  if (options.timeoutMs !== undefined) probeOptions.timeoutMs = options.timeoutMs;
  const probes = await Promise.all(discovery.candidates.map((candidate) => probe(candidate, probeOptions)));
  return selectEngine({
    probes,
    pickedId: options.pickedId ?? null,
    platform: options.platform,
    notes: discovery.problems.map((problem) => `${problem.file}: ${problem.detail}`),
    checkedAt: (options.clock ?? (() => new Date()))().toISOString(),
  });
}

// These two are what "Docker is not running" looks like; any other failure says something more useful.
const NOT_RUNNING_CODES = new Set(['no-socket', 'not-answering']);

/** The selection rules alone: the user's pick if it answers, else the first healthy engine in order. */
export function selectEngine({
  probes,
  pickedId,
  platform,
  notes,
  checkedAt,
}: {
  probes: EngineProbe[];
  pickedId: string | null;
  platform: NodeJS.Platform;
  notes: string[];
  checkedAt: string;
}): EngineStatus {
  const common = { probes, notes, checkedAt };
  if (pickedId !== null) {
    const picked = probes.find((probe) => probe.candidateId === pickedId);
    if (picked?.ok === true) {
      return { state: 'connected', selectedId: pickedId, engine: picked.engine, message: connectedMessage(picked.engine), ...common };
    }
    // Building on another engine than the one chosen (say, a remote amd64 box) would surprise the user.
    const error =
      picked?.ok === false
        ? picked.error
        : {
            code: 'bad-endpoint' as const,
            message: `The engine you chose (${pickedId}) is no longer configured.`,
            hint: 'Pick another engine.',
            detail: null,
          };
    return { state: 'picked-unavailable', selectedId: pickedId, error, message: error.message, ...common };
  }

  const healthy = probes.find((probe) => probe.ok);
  if (healthy?.ok === true) {
    return {
      state: 'connected',
      selectedId: healthy.candidateId,
      engine: healthy.engine,
      message: connectedMessage(healthy.engine),
      ...common,
    };
  }
  const telling = probes.find((probe) => !probe.ok && !NOT_RUNNING_CODES.has(probe.error.code));
  const specific = telling?.ok === false ? telling.error : null;
  return {
    state: 'none',
    message: specific?.message ?? NOT_RUNNING_MESSAGE,
    hint: specific?.hint ?? null,
    installUrl: installUrlFor(platform),
    ...common,
  };
}

export function installUrlFor(platform: NodeJS.Platform): string {
  switch (platform) {
    case 'darwin':
      return 'https://docs.docker.com/desktop/setup/install/mac-install/';
    case 'win32':
      return 'https://docs.docker.com/desktop/setup/install/windows-install/';
    case 'linux':
      return 'https://docs.docker.com/engine/install/';
    default:
      return 'https://docs.docker.com/get-docker/';
  }
}
