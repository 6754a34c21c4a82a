export { type ImageProbe, parseProbeOutput, probeImage, type ProbeImageOptions, PythonProbe } from './image-probe';
export { runOnce, type RunOnceOptions, type RunOnceResult, VERIFY_CONTAINER_LABEL } from './run-once';
export { buildChecklist, type ChecklistInput, type ImageConfig, pinStates, worstStatus } from './verify-checklist';
export { verifyImage, type VerifyImageOptions } from './verify-image';
