import { z } from 'zod';
import { ElyraVersion } from './elyra';
import { DistributionNode, LayerChanges } from './layers';

// What running the built image once tells the user (the Verify step), and what makes it big. zod only.

export const CheckStatus = z.enum(['pass', 'warn', 'fail']);
export type CheckStatus = z.infer<typeof CheckStatus>;

/** Stable ids: the UI and tests key on them. */
export const CheckId = z.enum([
  'sh',
  'python3',
  'pip',
  'curl',
  'pip-can-install',
  'elyra-pins',
  'pip-check',
  'workdir',
  'tar',
  'kernel',
  'arbitrary-user',
  'entrypoint',
]);
export type CheckId = z.infer<typeof CheckId>;

export const CheckItem = z.object({
  id: CheckId,
  status: CheckStatus,
  /** Short, what was checked: "python3 on PATH". */
  title: z.string(),
  /** What was found, in words: "Python 3.11.2 at /usr/bin/python3 …". */
  detail: z.string(),
  /** What to do about a warn or fail. */
  fix: z.string().optional(),
});
export type CheckItem = z.infer<typeof CheckItem>;

/**
 * What Elyra's bootstrapper does with one of its pins at each node start. It reads the image's raw
 * `pip freeze` and compares names exactly, so a name spelled differently counts as missing.
 * ok: there at the pin, nothing happens. respelled: there at the pin under another spelling, so
 * pip install runs and finds it satisfied. newer-kept: newer, same spelling, kept. unchecked:
 * editable or not a PEP 440 version, kept without comparing. missing: installed. older:
 * upgraded. downgraded: newer but spelled differently, so the pin replaces it.
 */
export const PinAction = z.enum(['ok', 'respelled', 'newer-kept', 'unchecked', 'missing', 'older', 'downgraded']);
export type PinAction = z.infer<typeof PinAction>;

/** One of Elyra's pinned packages as found in the image. */
export const PinState = z.object({
  name: z.string(),
  pin: z.string(),
  installed: z.string().nullable(),
  /** The name as `pip freeze` prints it, when it is installed under any spelling. */
  freezeName: z.string().nullable(),
  state: PinAction,
  /** What happens at node start and why, in words. */
  reason: z.string(),
});
export type PinState = z.infer<typeof PinState>;

/** A Python distribution installed in the image, with the bytes its files take. */
export const InstalledDistribution = z.object({
  name: z.string(),
  version: z.string(),
  sizeBytes: z.number().int().nonnegative(),
});
export type InstalledDistribution = z.infer<typeof InstalledDistribution>;

export const VerifyNetwork = z.enum(['none', 'default', 'host']);
export type VerifyNetwork = z.infer<typeof VerifyNetwork>;

export const VerifyReport = z.object({
  /** What the user asked to verify (tag or id) and the id that was run. */
  image: z.string(),
  imageId: z.string(),
  elyraVersion: ElyraVersion,
  /** The worst item: fail if any failed, else warn if any warned, else pass. */
  status: CheckStatus,
  items: z.array(CheckItem),
  python: z.object({ path: z.string(), version: z.string() }).nullable(),
  pins: z.array(PinState),
  /** The largest installed distributions, biggest first (for the size picture). */
  largestPackages: z.array(InstalledDistribution),
  /** Every Python distribution in the image as `name==version`, sorted: what a lock file pins. */
  installed: z.array(z.string()),
  /** Every installed distribution with its size and what it needs; absent from older reports. */
  distributions: z.array(DistributionNode).optional(),
  durationMs: z.number().nonnegative(),
});
export type VerifyReport = z.infer<typeof VerifyReport>;

/** Which part of the recipe made a layer: the picture groups the image's bytes by these. */
export const ImagePart = z.enum(['base', 'system', 'elyra', 'user', 'other']);
export type ImagePart = z.infer<typeof ImagePart>;

export const ImageLayer = z.object({
  /** Null for layers the engine only knows from the base image's history ("<missing>"). */
  id: z.string().nullable(),
  part: ImagePart,
  /** The instruction that made it, shortened: "RUN python3 -m pip install -r …/requirements.txt". */
  instruction: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  /** The layer's content digest (rootfs diff id); absent for an instruction that made no layer, or when unknown. */
  diffId: z.string().optional(),
});
export type ImageLayer = z.infer<typeof ImageLayer>;

export const ImageSizeReport = z.object({
  imageId: z.string(),
  /** Sum of the layer sizes (uncompressed): about what a first push sends. */
  totalBytes: z.number().int().nonnegative(),
  /** The bytes above the base image: what a push sends when the registry already has the base. */
  addedBytes: z.number().int().nonnegative(),
  /** One bar per part, in a fixed order, with the user's words. */
  parts: z.array(z.object({ part: ImagePart, label: z.string(), sizeBytes: z.number().int().nonnegative() })),
  /** Oldest first. */
  layers: z.array(ImageLayer),
  /** The ten largest installed Python distributions, biggest first. */
  largestPackages: z.array(InstalledDistribution),
  /** What changed since the previous build of the same image; filled by the app after a build. */
  changes: LayerChanges.optional(),
});
export type ImageSizeReport = z.infer<typeof ImageSizeReport>;
