import { z } from 'zod';

// Shapes of a parsed requirements.txt as the UI sees them. zod only: the renderer imports this file.

export const FindingSeveritySchema = z.enum(['error', 'warning', 'info']);
export type FindingSeverity = z.infer<typeof FindingSeveritySchema>;

// Codes are part of the contract: the UI and tests key on them, so a code never changes meaning.
export const RequirementFindingCodeSchema = z.enum([
  // one line
  'editable-install',
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
export type RequirementFindingCode = z.infer<typeof RequirementFindingCodeSchema>;

export const RequirementFindingSchema = z.object({
  file: z.string(),
  /** 1-based; for a continued line, its first physical line. */
  line: z.number().int().min(1),
  raw: z.string(),
  severity: FindingSeveritySchema,
  code: RequirementFindingCodeSchema,
  message: z.string(),
  /** What the user can do about it, when that is not obvious from the message. */
  hint: z.string().optional(),
});
export type RequirementFinding = z.infer<typeof RequirementFindingSchema>;

export const VcsKindSchema = z.enum(['git', 'hg', 'svn', 'bzr']);
export type VcsKind = z.infer<typeof VcsKindSchema>;

export const RequirementSchema = z.object({
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
  vcs: VcsKindSchema.nullable(),
  /** 'sha256:<hex>' etc. */
  hashes: z.array(z.string()),
  configSettings: z.array(z.string()),
  file: z.string(),
  line: z.number().int().min(1),
  raw: z.string(),
});
export type Requirement = z.infer<typeof RequirementSchema>;

export const RequirementLineStatusSchema = z.enum(['requirement', 'option', 'comment', 'blank', 'error']);
export type RequirementLineStatus = z.infer<typeof RequirementLineStatusSchema>;

export const RequirementLineSchema = z.object({
  file: z.string(),
  line: z.number().int().min(1),
  /** Last physical line of a line continued with '\'; equal to line otherwise. */
  endLine: z.number().int().min(1),
  /** Exactly what the user typed, physical lines joined with '\n'. */
  raw: z.string(),
  status: RequirementLineStatusSchema,
});
export type RequirementLine = z.infer<typeof RequirementLineSchema>;

export const PipOptionsSchema = z.object({
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
export type PipOptions = z.infer<typeof PipOptionsSchema>;

export const RequirementFileRoleSchema = z.enum(['requirements', 'constraints']);
export type RequirementFileRole = z.infer<typeof RequirementFileRoleSchema>;

export const RequirementIncludeSchema = z.object({
  role: RequirementFileRoleSchema,
  /** As written after -r / -c. */
  target: z.string(),
  remote: z.boolean(),
  file: z.string(),
  line: z.number().int().min(1),
});
export type RequirementInclude = z.infer<typeof RequirementIncludeSchema>;

export const ParsedRequirementsSchema = z.object({
  file: z.string(),
  role: RequirementFileRoleSchema,
  /** Number of physical lines, so a UI can check that every line number is in range. */
  lineCount: z.number().int().min(0),
  lines: z.array(RequirementLineSchema),
  requirements: z.array(RequirementSchema),
  /** Lines of a constraints file (-c): they limit versions but install nothing. */
  constraints: z.array(RequirementSchema),
  options: PipOptionsSchema,
  includes: z.array(RequirementIncludeSchema),
  findings: z.array(RequirementFindingSchema),
});
export type ParsedRequirements = z.infer<typeof ParsedRequirementsSchema>;

export const ContentRefusalCodeSchema = z.enum([
  'file-too-large',
  'file-utf16',
  'file-binary',
  'file-not-utf8',
  'file-not-found',
  'file-unreadable',
]);
export type ContentRefusalCode = z.infer<typeof ContentRefusalCodeSchema>;

export const DroppedContentResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), text: z.string() }),
  z.object({ ok: z.literal(false), code: ContentRefusalCodeSchema, message: z.string() }),
]);
export type DroppedContentResult = z.infer<typeof DroppedContentResultSchema>;

export const RequirementFileSchema = z.object({
  /** Absolute path on this computer. */
  path: z.string(),
  /** Relative to the folder of the file the user opened, '/'-separated; the build copies it there. */
  relativePath: z.string(),
  role: RequirementFileRoleSchema,
  text: z.string(),
  parsed: ParsedRequirementsSchema,
});
export type RequirementFile = z.infer<typeof RequirementFileSchema>;

export const RequirementFileSetSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    rootPath: z.string(),
    /** The opened file first, then its includes in the order pip reads them. */
    files: z.array(RequirementFileSchema),
    requirements: z.array(RequirementSchema),
    constraints: z.array(RequirementSchema),
    options: PipOptionsSchema,
    /** Every file's findings plus those that need all files at once (duplicates, conflicts). */
    findings: z.array(RequirementFindingSchema),
  }),
  z.object({
    ok: z.literal(false),
    path: z.string(),
    code: ContentRefusalCodeSchema,
    message: z.string(),
  }),
]);
export type RequirementFileSet = z.infer<typeof RequirementFileSetSchema>;
