import { z } from 'zod';
import { PythonVersion } from './elyra';

export const CatalogEntry = z.object({
  name: z.string(),
  description: z.string(),
  importName: z.string().optional(),
  topic: z.string(),
});
export type CatalogEntry = z.infer<typeof CatalogEntry>;

export const PackageVersions = z.object({
  name: z.string(),
  indexUrl: z.string(),
  ok: z.boolean(),
  /** Newest first. */
  versions: z.array(z.string()),
  /** Why there are no versions, in words; null when ok. */
  message: z.string().nullable(),
});
export type PackageVersions = z.infer<typeof PackageVersions>;

/** What pip could install of one exact pin on one Python: a wheel, only a source archive to compile, or nothing. */
export const PinFitKind = z.enum(['wheel', 'sdist', 'none']);
export type PinFitKind = z.infer<typeof PinFitKind>;

export const PinFit = z.object({
  /** As written: 'pandas'. */
  name: z.string(),
  version: z.string(),
  /** Where the pin is, in the user's words ('requirements.txt line 4'). */
  where: z.string().nullable(),
  /** On the recipe's Python; 'unknown' when the index could not be asked. */
  fit: z.union([PinFitKind, z.literal('unknown')]),
  /** The offered Pythons with a wheel for this pin, newest first. */
  wheelPythons: z.array(PythonVersion),
  /** Why it does not fit, for the user; null when it fits. */
  message: z.string().nullable(),
});
export type PinFit = z.infer<typeof PinFit>;

/** Before the build: does every exact pin have something installable on the chosen Python and platform? */
export const PythonFitReport = z.object({
  python: PythonVersion,
  pins: z.array(PinFit),
  /** The newest offered (supported, not end-of-life) Python with a wheel for every pin; null when none has, or the chosen one is it. */
  suggestion: PythonVersion.nullable(),
  /** One sentence over all pins, or null when all fit. */
  summary: z.string().nullable(),
  /** Set when the index could not be asked about some pins (offline, refused). */
  unreachable: z.string().nullable(),
});
export type PythonFitReport = z.infer<typeof PythonFitReport>;
