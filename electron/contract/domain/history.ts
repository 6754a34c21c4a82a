import { z } from 'zod';
import { Platform } from './recipe';
import { TrySummary } from './try';
import { BuiltLayer, HeavyDistribution } from './layers';

// One line of the image history: every build and push, with what went into it. Versions are plain
// strings (not the enums of elyra.ts) so that an entry written by a newer app, with a Python or Elyra
// version this one does not know yet, is still shown instead of being dropped. zod only.

export const HistoryKind = z.enum(['build', 'push']);
export type HistoryKind = z.infer<typeof HistoryKind>;

export const HistoryResult = z.enum(['succeeded', 'failed', 'cancelled']);
export type HistoryResult = z.infer<typeof HistoryResult>;

/** `name==version` as pip freeze prints it. */
export const LOCK_LINE_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?==[^\s=;]+$/;

export const HistoryEntry = z.object({
  id: z.string().min(1).max(100),
  kind: HistoryKind,
  /** The image reference as built or pushed ('quay.io/alice/pandas:1.0'). */
  image: z.string().min(1),
  /** For a push: the local image that was pushed ('alice/pandas:1.0'); absent in builds and older entries. */
  source: z.string().min(1).max(500).nullable().optional(),
  /** 'sha256:…' once the engine or registry told it; null before that or when it failed. */
  digest: z
    .string()
    .regex(/^sha256:[a-f0-9]{64}$/)
    .nullable(),
  /** Requirement lines as the user asked for them ('pandas>=2', 'numpy'). */
  packages: z.array(z.string()),
  /** '3.12', or what the image's labels say for a custom base ('from base'). */
  python: z.string().min(1).max(50),
  elyraVersion: z.string().min(1),
  /** Base image reference. */
  base: z.string().min(1),
  platform: Platform,
  sizeBytes: z.number().int().nonnegative().nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  result: HistoryResult,
  /** What went wrong, for the user; null unless result is failed. */
  error: z.string().nullable(),
  /** What pip actually installed (`name==version`), null until known. */
  lock: z.array(z.string().regex(LOCK_LINE_PATTERN)).nullable(),
  /** The recipe as the recipe service defines it; opaque here, kept so an entry can be rebuilt. */
  recipe: z.json(),
  /** For a build: its heavy distributions, which the next build of the image puts in layers of their own; absent before measured. */
  heavy: z.array(HeavyDistribution).nullable().optional(),
  /** For a build: its layers by content, to tell the next build what changed; absent before measured. */
  layers: z.array(BuiltLayer).nullable().optional(),
  /** For a build: the latest try of the image with the user's notebooks; absent until tried. */
  tried: TrySummary.nullable().optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/** What callers give to add(): the store sets id and, unless given, createdAt. */
export const NewHistoryEntry = HistoryEntry.omit({ id: true }).extend({ createdAt: HistoryEntry.shape.createdAt.optional() });
export type NewHistoryEntry = z.infer<typeof NewHistoryEntry>;

/** What a finished push or a later step may fill in. Identity and origin (id, kind, createdAt) stay. */
export const HistoryEntryPatch = HistoryEntry.omit({ id: true, kind: true, createdAt: true }).partial().strict();
export type HistoryEntryPatch = z.infer<typeof HistoryEntryPatch>;

export const HistoryList = z.object({
  /** Newest first. */
  entries: z.array(HistoryEntry),
  /** One line per damaged entry that was left out, for a notice; empty when all were readable. */
  notes: z.array(z.string()),
});
export type HistoryList = z.infer<typeof HistoryList>;
