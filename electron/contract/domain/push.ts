// Push types that cross IPC. zod only: the renderer imports this file too. Progress while a push
// runs is PushProgress in ./job (it is part of every job snapshot).
import { z } from 'zod';
import { ErrorCode } from '../errors';

export const Sha256Digest = z.string().regex(/^sha256:[a-f0-9]{64}$/);

/** What a finished push produced. `pinned` is what to give Elyra when the tag may move later. */
export const PushResult = z.object({
  /** The tag that was pushed: '127.0.0.1:5000/alice/pandas:1.0', 'docker.io/alice/pandas:1.0'. */
  reference: z.string(),
  /** The manifest digest the registry stored. */
  digest: Sha256Digest,
  /** Manifest size in bytes, as the engine reports it. */
  size: z.number().int().nonnegative(),
  /** reference@digest, without the tag: '127.0.0.1:5000/alice/pandas@sha256:…'. */
  pinned: z.string(),
  /** Layers uploaded by this push, and layers the registry already had (a retry skips those). */
  layersPushed: z.number().int().nonnegative(),
  layersReused: z.number().int().nonnegative(),
});
export type PushResult = z.infer<typeof PushResult>;

/** AppError codes of pushing (login and registry access: RegistryErrorCode): a part of the one list in ../errors. */
export const PushErrorCode = ErrorCode.extract([
  'image-not-found',
  'push-reference-invalid',
  'push-denied',
  'registry-stalled',
  'push-incomplete',
  'push-failed',
]);
export type PushErrorCode = z.infer<typeof PushErrorCode>;

/**
 * The layer counts of a push, in words. Podman reports no layer events (it answers once the upload
 * is over), so a push that uploaded still counts none: that is said, not "0 layers".
 */
export function describeLayerCounts(result: Pick<PushResult, 'layersPushed' | 'layersReused'>): string {
  if (result.layersPushed === 0 && result.layersReused === 0) return 'the engine did not say which layers it sent';
  return `${result.layersPushed} ${result.layersPushed === 1 ? 'layer' : 'layers'} sent, ${result.layersReused} already there`;
}
