import { z } from 'zod';

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
