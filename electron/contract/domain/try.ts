import { z } from 'zod';

// Trying a built image with the user's own notebooks and scripts, the way Elyra runs them: every
// import imported inside the image, then each file run. zod only.

/** Where the container may reach: nothing (the default, like an air-gapped cluster) or the engine's default network. */
export const TryNetwork = z.enum(['none', 'default']);
export type TryNetwork = z.infer<typeof TryNetwork>;

export const TRY_TIMEOUT_DEFAULT_SECONDS = 300;

export const TryInput = z
  .object({
    /** Tag or id of a local image. */
    image: z.string().min(1).max(500),
    /** Notebooks (.ipynb), scripts (.py) and folders of them, on disk. */
    paths: z.array(z.string().min(1).max(4096)).min(1).max(500),
    allowNetwork: z.boolean().default(false),
    /** The time limit of each notebook or script run. */
    timeoutSeconds: z
      .number()
      .int()
      .min(5)
      .max(24 * 3600)
      .default(TRY_TIMEOUT_DEFAULT_SECONDS),
    /** False: only the import check, no run. */
    run: z.boolean().default(true),
  })
  .strict();
export type TryInput = z.infer<typeof TryInput>;

/** What one click can do about a failed import. */
export const ImportFix = z.discriminatedUnion('kind', [
  /** Add this distribution to the recipe's packages. */
  z.object({ kind: z.literal('add-distribution'), distribution: z.string() }),
  /** Replace a distribution of the recipe with another (opencv-python → opencv-python-headless). */
  z.object({ kind: z.literal('replace-distribution'), from: z.string(), to: z.string() }),
  /** A system library the base image lacks: advice only, the recipe installs no system packages. */
  z.object({ kind: z.literal('system-package'), library: z.string(), debianPackage: z.string().nullable() }),
]);
export type ImportFix = z.infer<typeof ImportFix>;

export const ImportStatus = z.enum(['ok', 'missing-module', 'missing-library', 'error', 'timeout', 'crashed']);
export type ImportStatus = z.infer<typeof ImportStatus>;

export const ImportPlace = z.object({
  file: z.string(),
  /** 1-based among all the notebook's cells; null in a script. */
  cell: z.number().int().positive().nullable(),
  line: z.number().int().positive(),
});
export type ImportPlace = z.infer<typeof ImportPlace>;

export const ImportCheckItem = z.object({
  /** The dotted module as the code imports it. */
  module: z.string(),
  status: ImportStatus,
  /** The distribution the import name maps to (sklearn → scikit-learn); null for the standard library. */
  distribution: z.string().nullable(),
  /** Imported inside `try: … except ImportError`: the code runs without it, so it fails nothing. */
  optional: z.boolean(),
  /** Where the files import it. */
  places: z.array(ImportPlace),
  /** ModuleNotFoundError: the module Python looked for (may be a dependency of the one imported). */
  missingModule: z.string().nullable(),
  /** A shared library that could not be loaded ('libGL.so.1'). */
  library: z.string().nullable(),
  /** Python's exception, as it said it ("ImportError: libGL.so.1: cannot open shared object file…"). */
  error: z.string().nullable(),
  /** In words: what happened and what to do. */
  explanation: z.string(),
  fixes: z.array(ImportFix),
  seconds: z.number().nonnegative().nullable(),
});
export type ImportCheckItem = z.infer<typeof ImportCheckItem>;

export const ImportCheck = z.object({
  /** The image's Python, as it said. */
  python: z.string().nullable(),
  /** uid:gid the imports ran as. */
  user: z.string(),
  items: z.array(ImportCheckItem),
  /** No required import failed. */
  passed: z.boolean(),
  durationMs: z.number().nonnegative(),
});
export type ImportCheck = z.infer<typeof ImportCheck>;

export const CellError = z.object({
  /** The exception's class ('ValueError'). */
  name: z.string(),
  value: z.string(),
  /** The traceback without terminal colours, shortened when long. */
  traceback: z.array(z.string()),
});
export type CellError = z.infer<typeof CellError>;

export const CellStatus = z.enum(['ok', 'failed', 'not-run', 'stopped']);
export type CellStatus = z.infer<typeof CellStatus>;

export const CellResult = z.object({
  /** 1-based among all the notebook's cells, as the user sees it (markdown cells count). */
  index: z.number().int().positive(),
  executionCount: z.number().int().nullable(),
  /** `stopped`: it was running when the time limit ended the run. */
  status: CellStatus,
  durationSeconds: z.number().nonnegative().nullable(),
  error: CellError.nullable(),
});
export type CellResult = z.infer<typeof CellResult>;

export const FileRunStatus = z.enum(['passed', 'failed', 'timed-out', 'could-not-start', 'not-run']);
export type FileRunStatus = z.infer<typeof FileRunStatus>;

export const FileRun = z.object({
  /** The file as the user gave it (a path on disk). */
  file: z.string(),
  kind: z.enum(['notebook', 'script']),
  status: FileRunStatus,
  /** In words, for the list. */
  message: z.string(),
  durationMs: z.number().nonnegative(),
  /** Code cells of a notebook with what happened to each; empty for a script. */
  cells: z.array(CellResult),
  /** 1-based index of the cell that failed or was stopped, null when none did. */
  failedCell: z.number().int().positive().nullable(),
  error: CellError.nullable(),
  /** The executed notebook (`<name>-output.ipynb`, as Elyra names it) or the script's log, saved on disk. */
  output: z.string().nullable(),
  /** The last lines the run printed (papermill, the kernel, the script). */
  logTail: z.array(z.string()),
  /** Files of the notebook's folder left out of the run (too many or too large), in words. */
  leftOut: z.string().nullable(),
});
export type FileRun = z.infer<typeof FileRun>;

export const TryReport = z.object({
  image: z.string(),
  imageId: z.string(),
  network: TryNetwork,
  timeoutSeconds: z.number().int().positive(),
  user: z.string(),
  /** The folder with the executed notebooks and logs. */
  outputDir: z.string(),
  importCheck: ImportCheck,
  files: z.array(FileRun),
  /** What could not be read among the paths given, in words. */
  notes: z.array(z.string()),
  /** Every required import and every run passed. */
  passed: z.boolean(),
  durationMs: z.number().nonnegative(),
});
export type TryReport = z.infer<typeof TryReport>;

/** What the history keeps of the latest try of a built image. */
export const TrySummary = z.object({
  at: z.iso.datetime({ offset: true }),
  passed: z.boolean(),
  outputDir: z.string(),
  files: z
    .array(
      z.object({
        file: z.string(),
        status: FileRunStatus,
        failedCell: z.number().int().positive().nullable(),
        error: z.string().nullable(),
      }),
    )
    .max(500),
  /** Modules that could not be imported ('cv2: libGL.so.1 missing'). */
  importFailures: z.array(z.string()).max(500),
});
export type TrySummary = z.infer<typeof TrySummary>;

export const TryProgress = z.object({
  kind: z.literal('try'),
  /** Files run so far (the import check counts as the first step). */
  step: z.number().int().nonnegative(),
  totalSteps: z.number().int().nonnegative(),
  label: z.string(),
});
export type TryProgress = z.infer<typeof TryProgress>;
