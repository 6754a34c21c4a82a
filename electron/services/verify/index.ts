export { type ImageProbe, parseProbeOutput, probeImage, type ProbeImageOptions, PythonProbe } from './image-probe';
export { runOnce, type RunOnceOptions, type RunOnceResult, VERIFY_CONTAINER_LABEL } from './run-once';
export { bootstrapperPinStates, pinsSatisfiedExactly, readFreeze } from './bootstrapper-pins';
export { buildChecklist, type ChecklistInput, type ImageConfig, worstStatus } from './verify-checklist';
export { verifyImage, type VerifyImageOptions } from './verify-image';
export { baseRefusal, checkCustomBase, parseBaseFacts } from './base-check';
