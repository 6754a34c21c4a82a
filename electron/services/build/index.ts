export { buildContextEntries, createBuildContext, DOCKERFILE_NAME, type ContextEntry } from './build-context';
export { buildCancelled, BuildError } from './build-error';
export {
  type BuildEvent,
  BuildEventReader,
  type BuildLine,
  parseBuildLine,
  parseBuildMessage,
  type RawBuildMessage,
  settleCarriageReturns,
  stripAnsi,
} from './build-events';
export { classifyBuildFailure, engineGoneFailure, type FailureInput, requirementName } from './build-failure';
export { buildImage, type BuildImageOptions } from './build-image';
export { type BuildJobContext, type BuildJobOptions, runBuildJob } from './build-job';
export { type EngineContainer, InterruptedBuilds, isBuildLeftover, type LeftoverScope, listEngineContainers, removeBuildLeftovers } from './build-leftovers';
export { type BuildStreamReader, type CurrentStep } from './build-stream-reader';
export { BuildKitEventReader } from './buildkit-events';
export { cancelBuildKitBuild, startBuildKitBuild } from './buildkit-request';
export { decodeBuildKitTrace, parseVertexStep, type TraceUpdate } from './buildkit-trace';
export { BUILDKIT_MIN_API_VERSION, builderOf, chooseBuilder } from './choose-builder';
export { type BuildProgressSink, CREATED_LABEL_STEP, describeBuildProgress, reportBuildProgress, stepLabel } from './build-progress';
