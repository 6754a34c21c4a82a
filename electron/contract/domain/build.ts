import { z } from 'zod';
import type { ErrorCode } from '../errors';
import { ImageSizeReport, VerifyReport } from './verify';

// What a build produces and how it fails, as the UI sees it. zod only.

/** `host` lets the build reach an index only the host can reach (a mirror on 127.0.0.1). */
export const BuildNetwork = z.enum(['default', 'host']);
export type BuildNetwork = z.infer<typeof BuildNetwork>;

/**
 * Which of the engine's builders a plan is for: BuildKit (`/build?version=2`, Docker Engine 23 and
 * later) or the classic one (Docker 20.10, Podman's compatible API). The Dockerfile differs: only
 * BuildKit has cache mounts.
 */
export const Builder = z.enum(['buildkit', 'classic']);
export type Builder = z.infer<typeof Builder>;

/**
 * Why a build failed, each with its own message and hint. `externally-managed` is pip refusing a
 * PEP 668 Python (the recipe's allowSystemPip fixes it); `platform-mismatch` an image built for
 * another platform than asked (the classic builder uses a local base as it is); `engine-unavailable`
 * is the engine gone.
 */
export const BuildFailureKind = z.enum([
  'package-not-found',
  'package-conflict',
  'externally-managed',
  'pip-failed',
  'network',
  'disk-full',
  'base-image',
  'platform-mismatch',
  'engine-unavailable',
  'other',
]);
export type BuildFailureKind = z.infer<typeof BuildFailureKind>;

export const BuildFailure = z.object({
  kind: BuildFailureKind,
  /** For the user: names the package, the index or the image when known. */
  message: z.string(),
  /** What to do about it. */
  hint: z.string().nullable(),
  /** Package names involved (the one not found, both sides of a conflict), as pip spelled them. */
  packages: z.array(z.string()),
  /** pip's or apt's own lines that explain the failure, for the log view. */
  toolOutput: z.array(z.string()),
  /** The engine's error text, when the engine sent one. */
  engineMessage: z.string().nullable(),
  /** The step that failed (1-based, the engine's numbering), when known. */
  step: z.number().int().positive().nullable(),
});
export type BuildFailure = z.infer<typeof BuildFailure>;

/** The AppError code of each way a build fails: `build-<kind>`, except the engine's own shared code. */
const BUILD_ERROR_CODES: Record<BuildFailureKind, ErrorCode> = {
  'package-not-found': 'build-package-not-found',
  'package-conflict': 'build-package-conflict',
  'externally-managed': 'build-externally-managed',
  'pip-failed': 'build-pip-failed',
  network: 'build-network',
  'disk-full': 'build-disk-full',
  'base-image': 'build-base-image',
  'platform-mismatch': 'build-platform-mismatch',
  'engine-unavailable': 'engine-unavailable',
  other: 'build-other',
};

export function buildErrorCode(kind: BuildFailureKind): ErrorCode {
  return BUILD_ERROR_CODES[kind];
}

export const BuildResult = z.object({
  /** sha256:… as the engine reports it. */
  imageId: z.string(),
  tag: z.string(),
  durationMs: z.number().nonnegative(),
  /** Steps the engine took from its cache. */
  cachedSteps: z.number().int().nonnegative(),
  /** The engine's step count: the recipe's steps plus the build-time label step. */
  totalSteps: z.number().int().nonnegative(),
  /** Which steps (1-based) came from the cache, so a rebuild can say what it redid. */
  cachedStepNumbers: z.array(z.number().int().positive()),
});
export type BuildResult = z.infer<typeof BuildResult>;

/** What a build job returns: the build, then the check of the image and what makes it big. */
/** What pip chose for a package the user asked for: "pandas>=2 → 2.2.3". */
export const ResolvedPackage = z.object({
  requested: z.string(),
  name: z.string(),
  /** null when the package is not installed (a marker excluded it). */
  version: z.string().nullable(),
});
export type ResolvedPackage = z.infer<typeof ResolvedPackage>;

export const BuildJobResult = z.object({
  build: BuildResult,
  verify: VerifyReport,
  size: ImageSizeReport,
  /** Filled by the app for the packages of the recipe; absent when the headless entry built it. */
  resolved: z.array(ResolvedPackage).optional(),
});
export type BuildJobResult = z.infer<typeof BuildJobResult>;
