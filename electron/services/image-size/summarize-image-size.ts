import { z } from 'zod';
import type { ImageLayer, ImagePart, ImageSizeReport, InstalledDistribution } from '../../contract/domain/verify';
import { isRecipeInstruction, isRecipeStart, PART_LABELS, recipeLayerPart, shortInstruction } from './layer-parts';

/** One entry of `GET /images/{id}/history`, newest first; dockerode types it as any, so it is parsed. */
export const HistoryEntry = z.object({
  Id: z.string(),
  CreatedBy: z.string(),
  Size: z.number().nonnegative(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

const PART_ORDER: readonly ImagePart[] = ['base', 'system', 'elyra', 'user', 'other'];

/**
 * Pure: the image's layers grouped by what made them. Everything below the recipe's first
 * instruction is the base image; an image the app did not build is all base.
 */
export function summarizeImageSize(imageId: string, history: readonly HistoryEntry[], packages: readonly InstalledDistribution[]): ImageSizeReport {
  const oldestFirst = [...history].reverse();
  // The newest start of a recipe: a base that the app built earlier has the same instructions lower down.
  const start = oldestFirst.findLastIndex((entry) => isRecipeStart(entry.CreatedBy));
  const firstOurs = start >= 0 ? start : oldestFirst.findIndex((entry) => isRecipeInstruction(entry.CreatedBy));
  const layers: ImageLayer[] = oldestFirst.map((entry, index) => ({
    // Docker says "<missing>" for a layer without an image of its own, Podman 5.8 "sha256:<missing>".
    id: /^(sha256:)?<missing>$/.test(entry.Id) ? null : entry.Id,
    part: firstOurs < 0 || index < firstOurs ? 'base' : recipeLayerPart(entry.CreatedBy),
    instruction: shortInstruction(entry.CreatedBy) || '(base image layer)',
    sizeBytes: Math.round(entry.Size),
  }));
  const totals = new Map<ImagePart, number>(PART_ORDER.map((part) => [part, 0]));
  for (const layer of layers) totals.set(layer.part, (totals.get(layer.part) ?? 0) + layer.sizeBytes);
  const totalBytes = layers.reduce((sum, layer) => sum + layer.sizeBytes, 0);
  return {
    imageId,
    totalBytes,
    addedBytes: totalBytes - (totals.get('base') ?? 0),
    parts: PART_ORDER.map((part) => ({ part, label: PART_LABELS[part], sizeBytes: totals.get(part) ?? 0 })),
    layers,
    largestPackages: [...packages].sort((a, b) => b.sizeBytes - a.sizeBytes).slice(0, 10),
  };
}
