import { z } from 'zod';

/**
 * Packages inferred from a user's notebooks and scripts. The user reviews this before anything
 * joins the recipe, so every package carries where it came from and how sure we are.
 */

export const Confidence = z.enum(['high', 'medium', 'low']);
export type Confidence = z.infer<typeof Confidence>;

/**
 * How the code asked for the module: `pip-install` is a `%pip install` / `!pip install` line,
 * `magic` an IPython magic that needs it (`%load_ext tensorboard`, `%matplotlib inline`).
 */
export const OccurrenceKind = z.enum(['import', 'from-import', 'dynamic-import', 'pip-install', 'magic']);
export type OccurrenceKind = z.infer<typeof OccurrenceKind>;

export const SourceOccurrence = z.object({
  /** The file as the user gave it (path for files on disk, name for dropped content). */
  file: z.string(),
  /** 1-based position among all cells of the notebook; null for `.py` files. */
  cell: z.number().int().positive().nullable(),
  /** 1-based line within the cell (notebooks) or the file (scripts). */
  line: z.number().int().positive(),
  /** The statement as written, on one line, shortened when very long. */
  text: z.string(),
  /** The dotted module named by the statement (for `pip-install`, the requirement). */
  module: z.string(),
  kind: OccurrenceKind,
  /** Inside `try: … except ImportError` (or similar): the code runs without it. */
  optional: z.boolean(),
  /** Inside `if TYPE_CHECKING:`: never imported at run time. */
  typeCheckingOnly: z.boolean(),
});
export type SourceOccurrence = z.infer<typeof SourceOccurrence>;

/** What the package index said about a distribution name. */
export const IndexStatus = z.enum(['not-checked', 'found', 'not-found', 'unknown']);
export type IndexStatus = z.infer<typeof IndexStatus>;

/** Why a name went from an import to this distribution. */
export const MappingSource = z.enum(['mapping', 'pattern', 'identity', 'pip-install']);
export type MappingSource = z.infer<typeof MappingSource>;

export const ReviewReason = z.enum([
  /** Not in the bundled mapping and no package index confirmed the name. */
  'unconfirmed-name',
  /** The package index was reached and has no distribution with this name. */
  'not-on-index',
  /** Several distributions install this import name and none is the obvious one: pick among `candidates`. */
  'ambiguous-name',
  /** The module was in the standard library of older Pythons but not of the chosen one. */
  'removed-from-stdlib',
  /** The module is in the standard library only of Pythons newer than the chosen one. */
  'stdlib-in-newer-python',
]);
export type ReviewReason = z.infer<typeof ReviewReason>;

/** One of the distributions that install the same import name (`cv2`: opencv-python, its headless build…). */
export const DistributionCandidate = z.object({
  distribution: z.string(),
  /** What sets it apart (a headless build, a placeholder, another library under the same name). */
  note: z.string().nullable(),
});
export type DistributionCandidate = z.infer<typeof DistributionCandidate>;

export const InferredPackage = z.object({
  /** Distribution name as published (e.g. `scikit-learn`). */
  distribution: z.string(),
  /** Requirement to put in the recipe: the `%pip install` spec when one was written, else the name. */
  requirement: z.string(),
  confidence: Confidence,
  mappingSource: MappingSource,
  /** Top-level import names that led here (empty when only a `%pip install` line named it). */
  importNames: z.array(z.string()),
  occurrences: z.array(SourceOccurrence),
  indexStatus: IndexStatus,
  /** Set when the user must decide (the package is then in `unknown`, not `packages`). */
  reviewReason: ReviewReason.nullable(),
  /** A caveat worth showing (e.g. a binary wheel variant, a headless alternative). */
  note: z.string().nullable(),
  /**
   * When several distributions install the import name: all of them, the recommended one first
   * (it is `distribution`). Empty when the name leads to one distribution.
   */
  candidates: z.array(DistributionCandidate),
});
export type InferredPackage = z.infer<typeof InferredPackage>;

/** A `%pip install …` / `!pip install …` line, with its requirements and options as written. */
export const PipInstallCommand = z.object({
  file: z.string(),
  cell: z.number().int().positive().nullable(),
  line: z.number().int().positive(),
  text: z.string(),
  requirements: z.array(z.string()),
  /** Every option token as written, values attached (`-q`, `--upgrade`, `-r requirements.txt`). */
  options: z.array(z.string()),
  requirementFiles: z.array(z.string()),
  constraintFiles: z.array(z.string()),
  editables: z.array(z.string()),
  indexUrls: z.array(z.string()),
  /** Arguments we cannot know statically (`{pkg}`, `$PKG`), kept for the user to see. */
  unresolved: z.array(z.string()),
});
export type PipInstallCommand = z.infer<typeof PipInstallCommand>;

export const FindingKind = z.enum([
  'syntax-error',
  'corrupt-notebook',
  'not-python-notebook',
  'unreadable-file',
  'unsupported-file',
  'file-too-large',
  'too-many-files',
  'python-version-not-covered',
  'requirements-file-referenced',
  'unresolved-pip-argument',
  'conda-install',
  'index-unreachable',
  /** A `%run` target or a local import that names a file which is not there. */
  'missing-local-file',
  /** A local folder without `__init__.py` that an installed package of the same name would hide. */
  'local-folder-shadowed',
]);
export type FindingKind = z.infer<typeof FindingKind>;

export const Finding = z.object({
  kind: FindingKind,
  file: z.string().nullable(),
  cell: z.number().int().positive().nullable(),
  line: z.number().int().positive().nullable(),
  message: z.string(),
});
export type Finding = z.infer<typeof Finding>;

/** Where a file the user did not give was reached from: the import or `%run` that needs it. */
export const ReadBecause = z.object({
  file: z.string(),
  cell: z.number().int().positive().nullable(),
  line: z.number().int().positive(),
  text: z.string(),
});
export type ReadBecause = z.infer<typeof ReadBecause>;

export const FileSummary = z.object({
  file: z.string(),
  kind: z.enum(['notebook', 'script']),
  /** Code cells for notebooks, 1 for scripts. */
  codeUnits: z.number().int().nonnegative(),
  read: z.boolean(),
  /** Null for the files the user gave; for a local module or `%run` file beside them, what needs it. */
  via: ReadBecause.nullable(),
});
export type FileSummary = z.infer<typeof FileSummary>;

export const ExcludedModules = z.object({
  stdlib: z.array(z.string()),
  local: z.array(z.string()),
});
export type ExcludedModules = z.infer<typeof ExcludedModules>;

export const IndexCheck = z.object({
  indexUrl: z.string().nullable(),
  status: z.enum(['not-checked', 'reachable', 'unreachable']),
  message: z.string().nullable(),
});
export type IndexCheck = z.infer<typeof IndexCheck>;

export const InferenceResult = z.object({
  pythonVersion: z.string(),
  /** Distributions we are fairly sure of, sorted by name. */
  packages: z.array(InferredPackage),
  /** Distributions the user must decide on (see `reviewReason`), sorted by name. */
  unknown: z.array(InferredPackage),
  pipInstalls: z.array(PipInstallCommand),
  excluded: ExcludedModules,
  findings: z.array(Finding),
  files: z.array(FileSummary),
  index: IndexCheck,
});
export type InferenceResult = z.infer<typeof InferenceResult>;

/** Input for the IPC/CLI entry that reads paths from disk. */
export const InferFromPathsInput = z.object({
  paths: z.array(z.string().min(1)).min(1),
  pythonVersion: z.string().regex(/^3\.\d+(\.\d+)?$/),
  indexUrl: z.url().optional(),
});
export type InferFromPathsInput = z.infer<typeof InferFromPathsInput>;
