import type { BuildJobResult } from '../contract/domain/build';
import type { BuiltLayer, HeavyDistribution, PlannedLayer } from '../contract/domain/layers';
import type { Recipe } from '../contract/domain/recipe';
import type { HistoryStore } from '../services/history';
import { builtLayers, layerChanges } from '../services/image-size';
import { heavyDistributions, type LayerHistory, layerHistoryFor } from '../services/recipe';

/** What the image's earlier builds tell the plan of the next one (heavy packages in layers of their own). */
export function layerHistory(history: HistoryStore, imageName: string): LayerHistory | null {
  return layerHistoryFor(history.list().entries, imageName);
}

/**
 * What a finished build adds to its history entry (its heavy packages and its layers), and its size
 * report with what changed since the previous build of the same image.
 */
export function layerFacts(
  history: HistoryStore,
  recipe: Recipe,
  built: BuildJobResult,
  planned: readonly PlannedLayer[] = [],
): { heavy: HeavyDistribution[] | null; layers: BuiltLayer[]; built: BuildJobResult } {
  const measured = built.verify.distributions
    ? heavyDistributions(
        built.verify.distributions,
        recipe.packages.map((p) => p.text),
      )
    : null;
  // Each heavy package with what its own layer told pip in this build, if it had one.
  // In the order of this build's layers, then the heavy packages that were in the list's layer.
  const position = (name: string) => {
    const at = planned.findIndex((l) => l.kind === 'heavy' && l.name === name);
    return at < 0 ? Number.MAX_SAFE_INTEGER : at;
  };
  const heavy =
    measured
      ?.map((h) => {
        const own = planned.find((l) => l.kind === 'heavy' && l.name === h.name);
        return own ? { ...h, layerInstalls: own.installs } : h;
      })
      .sort((a, b) => position(a.name) - position(b.name)) ?? null;
  const layers = builtLayers(built.size.layers);
  const previous = history.list().entries.find((e) => e.kind === 'build' && e.result === 'succeeded' && e.image === recipe.imageName.trim() && e.layers);
  const changes = layerChanges(layers, previous?.layers ? { builtAt: previous.createdAt, layers: previous.layers } : null);
  return { heavy, layers, built: { ...built, size: { ...built.size, changes } } };
}
