import type { ImagePart } from '../../contract/domain/verify';
import { LABEL_NAMESPACE } from '../recipe/image-labels';

/** What the engine's history says made a layer ("CreatedBy"), without the shell and build-arg noise. */
export function shortInstruction(createdBy: string): string {
  const text = createdBy
    // BuildKit writes "RUN |2 PIP_INDEX_URL=… /bin/sh -c … # buildkit" (Docker 28.5); the classic builder the same without "RUN " and the mark.
    .replace(/ # buildkit$/, '')
    .replace(/^RUN (?=\||\/bin\/sh -c )/, '')
    // "|2 PIP_INDEX_URL=… PIP_TRUSTED_HOST=… /bin/sh -c …": the build args that RUN saw (values may hold spaces).
    .replace(/^\|\d+ .*?(?=\/bin\/sh -c )/, '')
    .replace(/^\/bin\/sh -c #\(nop\)\s*/, '')
    .replace(/^\/bin\/sh -c /, 'RUN ')
    .trim();
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

// The recipe's own instructions (electron/services/recipe/dockerfile.ts), recognised in the history.
const RECIPE_MARKERS = [
  /PIP_NO_CACHE_DIR=1/,
  /command -v (curl|git) /,
  /ARG PIP_/,
  /\/tmp\/runtime-image-builder/,
  new RegExp(`LABEL .*${LABEL_NAMESPACE.replace(/[.-]/g, '\\$&')}`),
  /LABEL org\.opencontainers\.image\.created=/,
];

/** The recipe's first instruction after FROM (its ENV for pip): where the recipe's layers start. */
export function isRecipeStart(createdBy: string): boolean {
  return /ENV PIP_NO_CACHE_DIR=1/.test(createdBy);
}

export function isRecipeInstruction(createdBy: string): boolean {
  return RECIPE_MARKERS.some((marker) => marker.test(createdBy));
}

/** Which part of the recipe a layer of ours belongs to; layers below the recipe's first are the base. */
export function recipeLayerPart(createdBy: string): ImagePart {
  if (/command -v (curl|git) |apt-get install/.test(createdBy)) return 'system';
  if (/pip install .*requirements-elyra\.txt/.test(createdBy)) return 'elyra';
  // The user's list, and the heavy packages the recipe installs in layers of their own before it.
  if (/pip install /.test(createdBy)) return 'user';
  return 'other';
}

export const PART_LABELS: Readonly<Record<ImagePart, string>> = {
  base: 'Base image',
  system: 'System packages (curl, git)',
  elyra: "Elyra's packages",
  user: 'Your packages',
  other: 'Recipe files and settings',
};
