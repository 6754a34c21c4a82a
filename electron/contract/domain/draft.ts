import { z } from 'zod';

// The recipe the user is editing (packages, base choices, image name), saved as they work so that a
// quit, a crash or a reboot brings it back. The payload belongs to the recipe service; this layer
// only keeps it whole. zod only.

export const DRAFT_FORMAT_VERSION = 1;

export const Draft = z.object({
  /** Format of this envelope; a draft of another version is not loaded. */
  version: z.literal(DRAFT_FORMAT_VERSION),
  updatedAt: z.iso.datetime({ offset: true }),
  payload: z.json(),
});
export type Draft = z.infer<typeof Draft>;
