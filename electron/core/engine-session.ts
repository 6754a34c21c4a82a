import type Dockerode from 'dockerode';
import type { EngineCandidate, EngineStatus } from '../contract/domain/engine';
import { AppError } from '../contract/errors';
import { nodeFileAccess } from '../services/docker-config';
import { createDockerClient, type Discovery, type DiscoveryDeps, discoverEngines, engineStatus } from '../services/engine';
import type { KeyValueStore } from './key-value-store';

const PICK_KEY = 'engine.pickedId';

export interface EngineSessionDeps {
  env: Readonly<Record<string, string | undefined>>;
  homedir: string;
  platform: NodeJS.Platform;
  store: KeyValueStore;
}

/**
 * Which engine the app works with right now: the user's pick (remembered) or the first that
 * answers. Build and push ask it for a client and get a clear error when none answers.
 */
export class EngineSession {
  private candidates: EngineCandidate[] = [];

  constructor(private readonly deps: EngineSessionDeps) {}

  private pickedId(): string | null {
    const value = this.deps.store.get(PICK_KEY);
    return typeof value === 'string' ? value : null;
  }

  private discover(): Promise<Discovery> {
    return discoverEngines(this.discoveryDeps());
  }

  private discoveryDeps(): DiscoveryDeps {
    return { env: this.deps.env, homedir: this.deps.homedir, platform: this.deps.platform, files: nodeFileAccess };
  }

  /** Probes every engine found (one round: each probe may wait its full timeout). */
  private async probe(discovery: Discovery): Promise<EngineStatus> {
    const status = await engineStatus({ ...this.discoveryDeps(), discovery, pickedId: this.pickedId() });
    this.candidates = discovery.candidates;
    return status;
  }

  async status(): Promise<EngineStatus> {
    return this.probe(await this.discover());
  }

  async select(id: string): Promise<EngineStatus> {
    const discovery = await this.discover();
    if (!discovery.candidates.some((c) => c.id === id)) throw new AppError('not-found', 'That engine is no longer available. Press Retry to look again.');
    this.deps.store.set(PICK_KEY, id);
    return this.probe(discovery);
  }

  /** A client for the selected engine, checking first that it answers. */
  async client(): Promise<Dockerode> {
    const status = await this.status();
    if (status.state !== 'connected') {
      throw new AppError('engine-unavailable', status.message, status.state === 'picked-unavailable' ? status.error.detail ?? undefined : undefined);
    }
    const candidate = this.candidates.find((c) => c.id === status.selectedId);
    if (!candidate) throw new AppError('engine-unavailable', 'The engine went away while we were connecting. Press Retry.');
    return createDockerClient(candidate);
  }
}
