import { z } from 'zod';

// A runtime-image instance as Elyra stores it (`<jupyter data dir>/metadata/runtime-images/<name>.json`).
// The rules mirror elyra/metadata/schemas/runtime-image.json (elyra-ai/elyra main) so that a file we
// write is one Elyra accepts; where Elyra's own code is stricter than the schema, we follow the code.
// zod only: the renderer uses these to check the form before anything is written.

/**
 * Elyra saves an instance only when its name matches `^[a-z]([a-z0-9-_]*[a-z,0-9])?$`
 * (MetadataManager._save); schema names use `^[A-Za-z][0-9A-Za-z_-]*[0-9A-Za-z]$`. We produce names
 * that satisfy both: lowercase, a letter first, a letter or digit last, at least two characters.
 * The length cap is ours: the name becomes a file name.
 */
export const RUNTIME_IMAGE_NAME_PATTERN = /^[a-z][a-z0-9_-]*[a-z0-9]$/;
export const RUNTIME_IMAGE_NAME_MAX = 64;
export const RuntimeImageName = z
  .string()
  .max(RUNTIME_IMAGE_NAME_MAX)
  .regex(RUNTIME_IMAGE_NAME_PATTERN, 'Use lowercase letters, digits, "-" and "_", starting with a letter and ending with a letter or digit');

export const PullPolicy = z.enum(['Always', 'IfNotPresent', 'Never']);
export type PullPolicy = z.infer<typeof PullPolicy>;

/** A Kubernetes secret name as the schema allows it (an RFC 1123 subdomain, at most 253 characters). */
export const PULL_SECRET_PATTERN = /^[a-z0-9][a-z0-9-.]*[a-z0-9]$/;
export const PULL_SECRET_MAX = 253;
export const PullSecret = z
  .string()
  .max(PULL_SECRET_MAX)
  .regex(PULL_SECRET_PATTERN, 'A Kubernetes secret name: lowercase letters, digits, "-" and ".", starting and ending with a letter or digit');

/** The schema's item rule for tags: non-empty, no leading or trailing space or tab. */
export const RUNTIME_IMAGE_TAG_PATTERN = /^[^ \t]+([ \t]+[^ \t]+)*$/;
export const RuntimeImageTag = z.string().min(1).regex(RUNTIME_IMAGE_TAG_PATTERN, 'A tag cannot start or end with a space');

/**
 * The file's content. The schema leaves `additionalProperties` open, so unknown keys pass (loose),
 * exactly as Elyra's validator lets them through.
 */
export const RuntimeImageMetadata = z.looseObject({
  // Keys in the order of Elyra's own example: zod's output follows this order, and so does the file.
  display_name: z.string().min(1),
  metadata: z.looseObject({
    description: z.string().optional(),
    image_name: z.string().min(1),
    tags: z
      .array(RuntimeImageTag)
      .refine((tags) => new Set(tags).size === tags.length, 'Tags must be unique')
      .optional(),
    pull_policy: PullPolicy.optional(),
    pull_secret: PullSecret.optional(),
  }),
  schema_name: z.literal('runtime-image'),
});
export type RuntimeImageMetadata = z.infer<typeof RuntimeImageMetadata>;

/** What the "Add to Elyra" form sends; empty optional fields are left out of the file. */
export const RuntimeImageInput = z.object({
  displayName: z.string().trim().min(1, 'A display name is required'),
  description: z.string().optional(),
  tags: z.array(z.string()).optional(),
  imageName: z.string().trim().min(1, 'The image reference is required'),
  pullPolicy: PullPolicy.nullable().optional(),
  pullSecret: z.string().nullable().optional(),
});
export type RuntimeImageInput = z.input<typeof RuntimeImageInput>;

/** Which rule chose the directory, so the UI can say why the file goes there. */
export const MetadataDirSource = z.enum(['ELYRA_METADATA_PATH', 'JUPYTER_DATA_DIR', 'JUPYTER_PLATFORM_DIRS', 'platform-default', 'chosen']);
export type MetadataDirSource = z.infer<typeof MetadataDirSource>;

/** Shown before anything is written: where, what, and whether a file of that name is there already. */
export const RuntimeImageWritePlan = z.object({
  name: RuntimeImageName,
  /** `<data dir>/metadata/runtime-images` */
  directory: z.string(),
  directorySource: MetadataDirSource,
  /** `<directory>/<name>.json` */
  path: z.string(),
  metadata: RuntimeImageMetadata,
  /** The exact bytes that will be written (2-space indented JSON, as Elyra writes its own). */
  json: z.string(),
  exists: z.boolean(),
  /** Why the name may not be used (one of Elyra's built-in images, or found further down its search path); null when it may. */
  refusal: z.string().nullable(),
});
export type RuntimeImageWritePlan = z.infer<typeof RuntimeImageWritePlan>;

export const RuntimeImageWriteResult = z.object({
  path: z.string(),
  replaced: z.boolean(),
});
export type RuntimeImageWriteResult = z.infer<typeof RuntimeImageWriteResult>;

export const PullSecretAdvice = z.object({
  /** A name valid for `pull_secret` and for Kubernetes. */
  secretName: PullSecret,
  /** Registry server as kubectl's --docker-server wants it. */
  server: z.string(),
  /** What to tell the user, in plain words. */
  message: z.string(),
  /** A kubectl line for the cluster admin, with placeholders for the credentials (never real ones). */
  command: z.string(),
});
export type PullSecretAdvice = z.infer<typeof PullSecretAdvice>;
