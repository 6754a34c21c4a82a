import { z } from 'zod';
import { Builder } from './build';
import { ElyraVersion, PythonVersion } from './elyra';
import { FindingSeverity } from './requirements';
import { ImageReference } from './reference';
import { PlannedLayer } from './layers';

// Everything the user decides before a build, and what the app makes of it. zod only.

/** Where a package line came from: picked in the app, or line N of a file the user opened. */
export const PackageOrigin = z.object({
  file: z.string().max(500).nullable(),
  line: z.number().int().min(1).nullable(),
  /** For a package found in a notebook: the cell that imports it (1-based). */
  cell: z.number().int().min(1).nullable().optional(),
});
export type PackageOrigin = z.infer<typeof PackageOrigin>;

export const PackageEntry = z.object({
  id: z.string().min(1).max(100),
  /** One requirement as pip reads it, e.g. `pandas>=2.2` or `scikit-learn[alldeps]; python_version>="3.10"`. */
  text: z.string().max(4000),
  origin: PackageOrigin,
});
export type PackageEntry = z.infer<typeof PackageEntry>;

export const BaseChoice = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('slim') }),
  z.object({ kind: z.literal('full') }),
  z.object({ kind: z.literal('custom'), image: z.string().max(300) }),
]);
export type BaseChoice = z.infer<typeof BaseChoice>;

export const Platform = z.enum(['linux/amd64', 'linux/arm64']);
export type Platform = z.infer<typeof Platform>;

export const IndexSettings = z.object({
  indexUrl: z.string().max(2000).nullable(),
  extraIndexUrls: z.array(z.string().max(2000)).max(20),
  trustedHosts: z.array(z.string().max(300)).max(20),
});
export type IndexSettings = z.infer<typeof IndexSettings>;

/**
 * pip's own options from the user's requirements files, carried into the build as written (pip
 * reads them from the requirements file the build installs). The index options are in IndexSettings.
 */
export const InstallOptions = z.object({
  findLinks: z.array(z.string().max(2000)).max(20),
  noIndex: z.boolean(),
  noBinary: z.array(z.string().max(300)).max(500),
  onlyBinary: z.array(z.string().max(300)).max(500),
  preferBinary: z.boolean(),
  requireHashes: z.boolean(),
  useFeatures: z.array(z.string().max(100)).max(20),
});
export type InstallOptions = z.infer<typeof InstallOptions>;

export const NO_INSTALL_OPTIONS: InstallOptions = {
  findLinks: [],
  noIndex: false,
  noBinary: [],
  onlyBinary: [],
  preferBinary: false,
  requireHashes: false,
  useFeatures: [],
};

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/** Options of one more file added to those the recipe has: lists joined, switches on when any file says so. */
export function mergeInstallOptions(a: InstallOptions, b: InstallOptions): InstallOptions {
  return {
    findLinks: unique([...a.findLinks, ...b.findLinks]),
    noIndex: a.noIndex || b.noIndex,
    noBinary: unique([...a.noBinary, ...b.noBinary]),
    onlyBinary: unique([...a.onlyBinary, ...b.onlyBinary]),
    preferBinary: a.preferBinary || b.preferBinary,
    requireHashes: a.requireHashes || b.requireHashes,
    useFeatures: unique([...a.useFeatures, ...b.useFeatures]),
  };
}

/** The options as requirements-file lines, in pip's own spelling; none when there are none. */
export function installOptionLines(options: InstallOptions, pre: boolean): string[] {
  return [
    ...(pre ? ['--pre'] : []),
    ...(options.noIndex ? ['--no-index'] : []),
    ...options.findLinks.map((url) => `--find-links ${url}`),
    ...(options.noBinary.length > 0 ? [`--no-binary ${options.noBinary.join(',')}`] : []),
    ...(options.onlyBinary.length > 0 ? [`--only-binary ${options.onlyBinary.join(',')}`] : []),
    ...(options.preferBinary ? ['--prefer-binary'] : []),
    ...(options.requireHashes ? ['--require-hashes'] : []),
    ...options.useFeatures.map((feature) => `--use-feature ${feature}`),
  ];
}

export const Recipe = z.object({
  packages: z.array(PackageEntry).max(2000),
  /** Lines of constraints files (-c): they limit versions and install nothing. */
  constraints: z.array(z.string().max(4000)).max(2000),
  elyraVersion: ElyraVersion,
  pythonVersion: PythonVersion,
  base: BaseChoice,
  /** Install Elyra's pinned packages in the image, so pipeline nodes start without installing anything. */
  preinstallElyraPins: z.boolean(),
  /**
   * False: the image says ELYRA_INSTALL_PACKAGES=false, and the bootstrapper of Elyra 4.1 and newer
   * installs nothing when a node starts (faster starts; clusters without a package index). Defaults
   * to true for recipes saved before the setting existed.
   */
  elyraInstallPackages: z.boolean().default(true),
  platform: Platform,
  imageName: z.string().max(300),
  index: IndexSettings,
  /** pip --pre: allow pre-releases. */
  pre: z.boolean(),
  /** pip options from the user's files; empty for recipes saved before they were carried. */
  installOptions: InstallOptions.default(NO_INSTALL_OPTIONS),
  /** For bases whose Python is "externally managed" (PEP 668): let pip, and Elyra's own pip at run time, install. */
  allowSystemPip: z.boolean(),
});
export type Recipe = z.infer<typeof Recipe>;

/** What a requirements file adds to the recipe when the user opens or drops it. */
export const FileAdditions = z.object({
  entries: z.array(PackageEntry),
  constraints: z.array(z.string()),
  index: IndexSettings,
  installOptions: InstallOptions,
  pre: z.boolean(),
});
export type FileAdditions = z.infer<typeof FileAdditions>;

export const RecipeFindingCode = z.string().min(1);

export const RecipeFinding = z.object({
  severity: FindingSeverity,
  code: RecipeFindingCode,
  message: z.string(),
  hint: z.string().optional(),
  /** Where it is, in the user's words: "requirements.txt line 4", "Image name", "Base image". */
  where: z.string().nullable(),
  /** The package line it is about, when it is about one. */
  packageId: z.string().nullable(),
  /** Which part of the form the finding belongs to. */
  field: z.enum(['packages', 'base', 'python', 'image-name', 'index', 'platform']),
});
export type RecipeFinding = z.infer<typeof RecipeFinding>;

export const ContextFile = z.object({
  /** Path inside the build context, '/'-separated. */
  path: z.string(),
  content: z.string(),
});
export type ContextFile = z.infer<typeof ContextFile>;

export const RecipePlan = z.object({
  /** False while any finding is an error. */
  canBuild: z.boolean(),
  findings: z.array(RecipeFinding),
  baseImage: z.string(),
  dockerfile: z.string(),
  /** The build context besides the Dockerfile: only these files are sent to the engine. */
  files: z.array(ContextFile),
  /** Labels written into the image so the app recognizes its own images later. */
  labels: z.record(z.string(), z.string()),
  /** Build arguments: never a secret (they show in `docker history`). */
  buildArgs: z.record(z.string(), z.string()),
  image: ImageReference.nullable(),
  offeredPython: z.array(PythonVersion),
  /** What a step of the build does, in words, by step number (1-based). */
  stepLabels: z.array(z.string()),
  /** The chosen Elyra reads ELYRA_INSTALL_PACKAGES (4.1 and newer): the image may tell nodes to install nothing. */
  installSwitch: z.boolean(),
  /** The builder the Dockerfile is written for; the build uses this one. */
  builder: Builder,
  /** The layers of the user's packages: heavy ones of the last build first, then the rest; empty for one layer. */
  layers: z.array(PlannedLayer).optional(),
  /** Why the packages stay in one layer although the last build found heavy ones. */
  layerNote: z.string().nullable().optional(),
});
export type RecipePlan = z.infer<typeof RecipePlan>;
