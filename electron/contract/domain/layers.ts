import { z } from 'zod';

// Layers that follow what was installed: the heavy packages a build measured, the layers the next
// build of the same image puts them in, and what changed between two builds. zod only.

/** A pin as pip freeze prints it, with only characters that need no quoting in a shell. */
export const EXACT_PIN_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?==[A-Za-z0-9._+!-]+$/;

/** One installed distribution with its bytes and the installed distributions it needs (normalized names). */
export const DistributionNode = z.object({
  name: z.string(),
  version: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  requires: z.array(z.string()),
});
export type DistributionNode = z.infer<typeof DistributionNode>;

/** A distribution the build measured as heavy, with the packages it needs: one layer of the next build. */
export const HeavyDistribution = z.object({
  name: z.string().min(1),
  version: z.string().min(1),
  /** Its own installed bytes. */
  ownBytes: z.number().int().nonnegative(),
  /** Its own bytes and those of every package it needs. */
  sizeBytes: z.number().int().nonnegative(),
  /** Every package it needs, directly or not, exactly as the build installed them ('numpy==1.26.4'). */
  dependencies: z.array(z.string().regex(EXACT_PIN_PATTERN)),
  /** The packages of the user's list that pulled it in (normalized names; its own when asked for by name). */
  neededBy: z.array(z.string()),
  /**
   * What pip was told in its layer, when the build had one for it: the next build says the same, so
   * the engine takes the layer from its cache. Absent when the package was in the list's layer.
   */
  layerInstalls: z.array(z.string()).optional(),
});
export type HeavyDistribution = z.infer<typeof HeavyDistribution>;

/** One layer of the recipe's own packages, as planned. */
export const PlannedLayer = z.object({
  /** 'heavy': one heavy package and what it needs; 'rest': the user's list. */
  kind: z.enum(['heavy', 'rest']),
  /** The heavy package's name; null for the rest. */
  name: z.string().nullable(),
  /** What pip installs in this layer: exact pins, or the user's own line when they changed it. */
  installs: z.array(z.string()),
  /** Its size at the last build; null when unknown (the rest, or a changed heavy package). */
  sizeBytes: z.number().int().nonnegative().nullable(),
  /** Why it is its own layer, for the Dockerfile and the window. */
  reason: z.string(),
  /** The user changed this heavy package since the last build: the build redoes this layer and those after it. */
  changed: z.boolean(),
});
export type PlannedLayer = z.infer<typeof PlannedLayer>;

/** A layer of a built image by content, for comparing two builds of the same image. */
export const BuiltLayer = z.object({
  /** The layer's content digest (the image's rootfs diff id, sha256 of the uncompressed layer). */
  diffId: z.string().regex(/^sha256:[a-f0-9]{64}$/),
  sizeBytes: z.number().int().nonnegative(),
  /** The instruction that made it, shortened. */
  instruction: z.string(),
});
export type BuiltLayer = z.infer<typeof BuiltLayer>;

/** What changed since the previous build of the same image, and what a push will send. */
export const LayerChanges = z.object({
  /** When the previous build of this image was made; null on a first build. */
  previousBuildAt: z.string().nullable(),
  /** Layers of this build, oldest first, each marked new or the same as in the previous build. */
  layers: z.array(BuiltLayer.extend({ changed: z.boolean() })),
  changedBytes: z.number().int().nonnegative(),
});
export type LayerChanges = z.infer<typeof LayerChanges>;

/** How many bytes a push of the image will send, asked before the push. */
export const PushEstimate = z.object({
  /** Where the image was last pushed: the registry asked; null when it was never pushed. */
  reference: z.string().nullable(),
  /**
   * registry: the registry was asked which layers it already has under this reference;
   * changed-layers: it could not be asked, so the layers changed since the last build are counted.
   */
  basis: z.enum(['registry', 'changed-layers']),
  /** Bytes of the layers to send (uncompressed: the engine compresses as it sends). */
  bytes: z.number().int().nonnegative(),
  layers: z.number().int().nonnegative(),
  totalLayers: z.number().int().nonnegative(),
  /** Why the registry could not be asked, when it could not. */
  note: z.string().nullable(),
});
export type PushEstimate = z.infer<typeof PushEstimate>;
