import { z } from 'zod';

// Facts about the Elyra versions users run and the Python versions an image may use. zod only.

// Menu order: the latest release first, the development branch last.
export const ElyraVersion = z.enum(['4.1', '4.0', '3.15', 'main']);
export type ElyraVersion = z.infer<typeof ElyraVersion>;

export const PythonVersion = z.enum(['3.8', '3.9', '3.10', '3.11', '3.12', '3.13', '3.14']);
export type PythonVersion = z.infer<typeof PythonVersion>;

export const ElyraPin = z.object({
  /** As Elyra's requirements-elyra.txt spells it. */
  name: z.string(),
  version: z.string(),
});
export type ElyraPin = z.infer<typeof ElyraPin>;

/** Where a release's facts were read: a tag (or main at a commit) of elyra-ai/elyra. */
export const ElyraSource = z.object({
  /** 'v4.1.1', or 'main' for the development branch. */
  ref: z.string(),
  /** The commit the ref names, abbreviated. */
  commit: z.string().regex(/^[0-9a-f]{7,40}$/),
  /** The commit's date, 'YYYY-MM-DD'. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});
export type ElyraSource = z.infer<typeof ElyraSource>;

export const ElyraRelease = z.object({
  version: ElyraVersion,
  /** For messages: 'Elyra 4.1', 'Elyra main'. */
  label: z.string(),
  /** The exact release the facts come from: '4.1.1', or 'main'. */
  release: z.string(),
  /** Python minors the bootstrapper accepts (it stops on any other), which pyproject also requires. */
  python: z.object({ min: PythonVersion, max: PythonVersion }),
  /** What etc/generic/requirements-elyra.txt pins, in the file's order; the bootstrapper installs these in every pipeline node. */
  pins: z.array(ElyraPin),
  /** The refs whose requirements-elyra.txt holds exactly these pins, oldest first. */
  sources: z.array(ElyraSource).min(1),
  /** True when the bootstrapper skips the pin installs on ELYRA_INSTALL_PACKAGES=false (since 4.1.0). */
  installPackagesSwitch: z.boolean(),
});
export type ElyraRelease = z.infer<typeof ElyraRelease>;

export const PythonEol = z.object({
  version: PythonVersion,
  /** 'YYYY-MM': the month security support ends. */
  endOfLife: z.string().regex(/^\d{4}-\d{2}$/),
});
export type PythonEol = z.infer<typeof PythonEol>;
