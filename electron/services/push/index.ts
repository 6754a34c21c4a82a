export { type LayerOutcome, type PushEvent, describePushEvent, parsePushEvent } from './push-event';
export { DEFAULT_PROBE_TIMEOUT_MS, DEFAULT_STALL_TIMEOUT_MS, type PushEngine, type PushImageOptions, type PushUpdate, pushImage } from './push-image';
export { type PushAggregator, type PushAggregatorOptions, type PushOutcome, createPushAggregator } from './push-progress';
export { type PushWithLoginOptions, pushWithLogin } from './push-with-login';
