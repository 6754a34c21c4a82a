import type Dockerode from 'dockerode';
import type { Builder } from '../contract/domain/build';
import type { EngineCandidate, EngineInfo, EngineStatus } from '../contract/domain/engine';
import { AppError } from '../contract/errors';
import { chooseBuilder } from '../services/build';
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
  /** The engine the last look found connected; null when none answered. */
  private engine: EngineInfo | null = null;
  private looked: Promise<unknown> | null = null;

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
    this.engine = status.state === 'connected' ? status.engine : null;
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

  /**
   * The builder of the engine last seen (looking once if none was looked at yet), for a plan made
   * before a build: the Dockerfile preview. A build plans again with the engine it connects to.
   */
  async builder(): Promise<Builder> {
    this.looked ??= this.status().catch(() => undefined);
    await this.looked;
    return this.engine === null ? 'classic' : chooseBuilder(this.engine);
  }

  /** A client for the selected engine, checking first that it answers. */
  async client(): Promise<Dockerode> {
    return (await this.connect()).docker;
  }

  /** A client for the selected engine and what it is, checking first that it answers. */
  async connect(): Promise<{ docker: Dockerode; engine: EngineInfo }> {
    const status = await this.status();
    if (status.state !== 'connected') {
      throw new AppError('engine-unavailable', status.message, status.state === 'picked-unavailable' ? (status.error.detail ?? undefined) : undefined);
    }
    const candidate = this.candidates.find((c) => c.id === status.selectedId);
    if (!candidate) throw new AppError('engine-unavailable', 'The engine went away while we were connecting. Press Retry.');
    return { docker: createDockerClient(candidate), engine: status.engine };
  }
}
