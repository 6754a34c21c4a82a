import { z } from 'zod';

// Facts about the Elyra versions users run and the Python versions an image may use. zod only.

export const ElyraVersionSchema = z.enum(['main', '4.1', '4.0', '3.15']);
export type ElyraVersion = z.infer<typeof ElyraVersionSchema>;

export const PythonVersionSchema = z.enum(['3.8', '3.9', '3.10', '3.11', '3.12', '3.13', '3.14']);
export type PythonVersion = z.infer<typeof PythonVersionSchema>;

export const ElyraPinSchema = z.object({
  /** As Elyra's requirements-elyra.txt spells it. */
  name: z.string(),
  version: z.string(),
});
export type ElyraPin = z.infer<typeof ElyraPinSchema>;

export const ElyraReleaseSchema = z.object({
  version: ElyraVersionSchema,
  /** For menus: 'Elyra 4.1', 'Elyra main (development)'. */
  label: z.string(),
  python: z.object({ min: PythonVersionSchema, max: PythonVersionSchema }),
  /** What etc/generic/requirements-elyra.txt pins; Elyra installs these in every pipeline node. */
  pins: z.array(ElyraPinSchema),
  /** Where the pins come from, so a reader can check them. */
  source: z.string(),
  /** False when the pins could not be read from that release's own file. */
  verified: z.boolean(),
});
export type ElyraRelease = z.infer<typeof ElyraReleaseSchema>;

export const PythonEolSchema = z.object({
  version: PythonVersionSchema,
  /** 'YYYY-MM': the month security support ends. */
  endOfLife: z.string().regex(/^\d{4}-\d{2}$/),
});
export type PythonEol = z.infer<typeof PythonEolSchema>;
