import { z } from 'zod';
import { ErrorCode } from '../errors';

// Shapes of a parsed requirements.txt as the UI sees them. zod only: the renderer imports this file.

export const FindingSeverity = z.enum(['error', 'warning', 'info']);
export type FindingSeverity = z.infer<typeof FindingSeverity>;

// Codes are part of the contract: the UI and tests key on them, so a code never changes meaning.
export const RequirementFindingCode = z.enum([
  // one line
  'editable-install',
  'url-name-guessed',
  'local-path',
  'file-url',
  'vcs-url',
  'vcs-ssh',
  'url-without-name',
  'invalid-url',
  'url-credentials',
  'url-marker-space',
  'invalid-name',
  'invalid-extras',
  'invalid-specifier',
  'invalid-version',
  'single-equals',
  'invalid-operator',
  'missing-operator',
  'missing-comma',
  'unexpected-text',
  'invalid-marker',
  'unknown-marker-variable',
  'marker-extra',
  'unknown-option',
  'option-missing-value',
  'option-unexpected-value',
  'option-quote',
  'unsupported-option',
  'deprecated-option',
  'option-ignored',
  'ignored-text',
  'hash-without-requirement',
  'invalid-hash',
  'invalid-binary-option',
  'invalid-trusted-host',
  'find-links-local',
  'env-var',
  'include-remote',
  'constraint-form',
  // the whole set of lines
  'duplicate-requirement',
  'conflicting-requirements',
  'constraint-conflict',
  'hashes-incomplete',
  'hash-needs-pin',
  'insecure-index',
  'repeated-index-url',
  // includes, found by the file loader
  'include-not-found',
  'include-unreadable',
  'include-cycle',
  'include-limit',
  // against the Elyra version the user runs
  'elyra-pin-conflict',
]);
export type RequirementFindingCode = z.infer<typeof RequirementFindingCode>;

export const RequirementFinding = z.object({
  file: z.string(),
  /** 1-based; for a continued line, its first physical line. */
  line: z.number().int().min(1),
  raw: z.string(),
  severity: FindingSeverity,
  code: RequirementFindingCode,
  message: z.string(),
  /** What the user can do about it, when that is not obvious from the message. */
  hint: z.string().optional(),
});
export type RequirementFinding = z.infer<typeof RequirementFinding>;

export const VcsKind = z.enum(['git', 'hg', 'svn', 'bzr']);
export type VcsKind = z.infer<typeof VcsKind>;

export const Requirement = z.object({
  /** As written by the user. */
  name: z.string(),
  /** PEP 503: lowercase, runs of '-', '_', '.' become one '-'. */
  normalizedName: z.string(),
  /** Normalized like names (PEP 685). */
  extras: z.array(z.string()),
  /** Canonical clauses joined by ',' (e.g. '>=1.0,<2'); '' when any version will do. */
  specifier: z.string(),
  /** Canonical environment marker, or null. */
  marker: z.string().nullable(),
  url: z.string().nullable(),
  vcs: VcsKind.nullable(),
  /** 'sha256:<hex>' etc. */
  hashes: z.array(z.string()),
  configSettings: z.array(z.string()),
  file: z.string(),
  line: z.number().int().min(1),
  raw: z.string(),
});
export type Requirement = z.infer<typeof Requirement>;

export const RequirementLineStatus = z.enum(['requirement', 'option', 'comment', 'blank', 'error']);
export type RequirementLineStatus = z.infer<typeof RequirementLineStatus>;

export const RequirementLine = z.object({
  file: z.string(),
  line: z.number().int().min(1),
  /** Last physical line of a line continued with '\'; equal to line otherwise. */
  endLine: z.number().int().min(1),
  /** Exactly what the user typed, physical lines joined with '\n'. */
  raw: z.string(),
  status: RequirementLineStatus,
});
export type RequirementLine = z.infer<typeof RequirementLine>;

export const PipOptions = z.object({
  indexUrl: z.string().nullable(),
  extraIndexUrls: z.array(z.string()),
  findLinks: z.array(z.string()),
  trustedHosts: z.array(z.string()),
  noIndex: z.boolean(),
  pre: z.boolean(),
  preferBinary: z.boolean(),
  requireHashes: z.boolean(),
  noBinary: z.array(z.string()),
  onlyBinary: z.array(z.string()),
  useFeatures: z.array(z.string()),
});
export type PipOptions = z.infer<typeof PipOptions>;

export const RequirementFileRole = z.enum(['requirements', 'constraints']);
export type RequirementFileRole = z.infer<typeof RequirementFileRole>;

export const RequirementInclude = z.object({
  role: RequirementFileRole,
  /** As written after -r / -c. */
  target: z.string(),
  remote: z.boolean(),
  file: z.string(),
  line: z.number().int().min(1),
});
export type RequirementInclude = z.infer<typeof RequirementInclude>;

export const ParsedRequirements = z.object({
  file: z.string(),
  role: RequirementFileRole,
  /** Number of physical lines, so a UI can check that every line number is in range. */
  lineCount: z.number().int().min(0),
  lines: z.array(RequirementLine),
  requirements: z.array(Requirement),
  /** Lines of a constraints file (-c): they limit versions but install nothing. */
  constraints: z.array(Requirement),
  options: PipOptions,
  includes: z.array(RequirementInclude),
  findings: z.array(RequirementFinding),
});
export type ParsedRequirements = z.infer<typeof ParsedRequirements>;

/** Why a file was not read; also its AppError code when the refusal is thrown (one list in ../errors). */
export const ContentRefusalCode = ErrorCode.extract(['file-too-large', 'file-utf16', 'file-binary', 'file-not-utf8', 'file-not-found', 'file-unreadable']);
export type ContentRefusalCode = z.infer<typeof ContentRefusalCode>;

export const DroppedContentResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), text: z.string() }),
  z.object({ ok: z.literal(false), code: ContentRefusalCode, message: z.string() }),
]);
export type DroppedContentResult = z.infer<typeof DroppedContentResult>;

export const RequirementFile = z.object({
  /** Absolute path on this computer. */
  path: z.string(),
  /** Relative to the folder of the file the user opened, '/'-separated; the build copies it there. */
  relativePath: z.string(),
  role: RequirementFileRole,
  text: z.string(),
  parsed: ParsedRequirements,
});
export type RequirementFile = z.infer<typeof RequirementFile>;

export const RequirementFileSet = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    rootPath: z.string(),
    /** The opened file first, then its includes in the order pip reads them. */
    files: z.array(RequirementFile),
    requirements: z.array(Requirement),
    constraints: z.array(Requirement),
    options: PipOptions,
    /** Every file's findings plus those that need all files at once (duplicates, conflicts). */
    findings: z.array(RequirementFinding),
  }),
  z.object({
    ok: z.literal(false),
    path: z.string(),
    code: ContentRefusalCode,
    message: z.string(),
  }),
]);
export type RequirementFileSet = z.infer<typeof RequirementFileSet>;
