import { z } from 'zod';
import { BuildJobResult } from './build';
import { PullPolicy, RuntimeImageWriteResult } from './elyra-metadata';
import { PushResult } from './push';
import { Recipe } from './recipe';
import { TryReport } from './try';

// `make`: build (with its check), try the notebooks, push and register in Elyra, as one job. zod only.

/**
 * Chosen for the loop: the same tag is pushed again after each change, and a cluster that keeps an
 * image it pulled once (IfNotPresent) would go on running the older push of that tag.
 */
export const MAKE_PULL_POLICY: PullPolicy = 'Always';

export const MakeInput = z
  .object({
    /** The recipe with the image name to build (its tag is the local image). */
    recipe: Recipe,
    noCache: z.boolean().optional(),
    /** Where the push sends it: a saved login for its registry is needed. */
    reference: z.string().min(1).max(500),
    /** Notebooks, scripts and folders on disk to try in the image; none: the try is skipped. */
    notebooks: z.array(z.string().min(1).max(4096)).max(500),
    elyra: z
      .object({
        displayName: z.string().min(1).max(200),
        /** Replace a runtime image of the same name (the window says so before the user starts). */
        replace: z.boolean(),
      })
      .strict(),
  })
  .strict();
export type MakeInput = z.infer<typeof MakeInput>;

export const MakeResult = z.object({
  /** The local image that was built and checked. */
  image: z.string(),
  build: BuildJobResult,
  /** Null when no notebooks were given. */
  try: TryReport.nullable(),
  push: PushResult,
  elyra: RuntimeImageWriteResult.extend({ name: z.string(), displayName: z.string(), imageName: z.string() }),
});
export type MakeResult = z.infer<typeof MakeResult>;
