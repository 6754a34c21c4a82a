export { type ElyraMetadataCommandInput, elyraMetadataCommand } from './elyra-metadata-command';
export {
  type DirChoice,
  elyraDataDirChoice,
  elyraMetadataDir,
  type JupyterPathsInput,
  jupyterDataDir,
  jupyterDataDirChoice,
  runtimeImagesDirChoice,
  runtimeImagesDirIn,
} from './jupyter-paths';
export { type PullSecretAdviceInput, pullSecretAdvice, suggestedPullSecretName } from './pull-secret-advice';
export { buildRuntimeImageMetadata, checkRuntimeImageMetadata, packageListDescription, runtimeImageJson } from './runtime-image-metadata';
export { freeRuntimeImageName, isValidRuntimeImageName, runtimeImageName } from './runtime-image-name';
export { type PlanRuntimeImageWriteInput, planRuntimeImageWrite, type RuntimeImageFileAccess, writeRuntimeImage } from './runtime-image-write';
export { ELYRA_BUILT_IN_RUNTIME_IMAGES, elyraRuntimeImageDirs, nameRefusal } from './elyra-search-path';
export { shellQuote } from './shell-quote';
