export { type PushTarget, type PushTargetResult, type RegistryImageName, parsePushTarget, registryImageName, suggestPushReference } from './image-name';
export {
  DOCKER_HUB_HOST,
  DOCKER_HUB_SERVER_ADDRESS,
  dockerHub,
  isLocalHost,
  parseRegistryAddress,
  registryForDomain,
  registryOrThrow,
} from './registry-address';
export {
  type CheckLoginOptions,
  DEFAULT_LOGIN_TIMEOUT_MS,
  type RegistryCredentials,
  type RegistryEngine,
  checkRegistryLogin,
  engineAuthConfig,
} from './registry-auth';
export { type RegistryFailureContext, classifyRegistryFailure, classifyRegistryMessage } from './registry-errors';
export { registryLayers, type RegistryLayersOptions } from './registry-layers';
