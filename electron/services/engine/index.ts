export { MIN_API_VERSION, isApiVersionAtLeast } from './api-version';
export { type Discovery, type DiscoveryDeps, discoverEngines } from './discover-engines';
export { type DockerClientOptions, createDockerClient } from './docker-client';
export { EngineFailure, classifyEngineError } from './engine-errors';
export { userImageName, userImageTags } from './engine-image-name';
export { connectedMessage, detectProduct } from './engine-product';
export { NOT_RUNNING_MESSAGE, type EngineStatusOptions, engineStatus, installUrlFor, selectEngine } from './engine-status';
export { DEFAULT_PROBE_TIMEOUT_MS, type ProbeOptions, probeEngine } from './probe-engine';
