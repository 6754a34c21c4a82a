import type { BuiltLayer, LayerChanges, PushEstimate } from '../../contract/domain/layers';
import type { ImageLayer } from '../../contract/domain/verify';

const MAKES_LAYER = /^(RUN|COPY|ADD)\s|^\(base image layer\)$/;

/**
 * Pure: each history entry (oldest first) with the rootfs layer it made. The engines' history does
 * not say which entries made a layer: one with bytes did; an empty one did only when it changed
 * something without adding bytes. Seen on Docker 20.10's classic builder: `RUN command -v curl …`
 * on a base that has curl made no layer, `RUN mkdir -p … && chgrp -R … && chmod -R …` made one of
 * 0 bytes. So the layers left over go to the empty RUN/COPY/ADD steps newest first, where the
 * recipe's metadata-only step sits.
 */
export function attachDiffIds(layers: readonly ImageLayer[], diffIds: readonly string[]): ImageLayer[] {
  let spare = diffIds.length - layers.filter((l) => l.sizeBytes > 0).length;
  let next = diffIds.length - 1;
  const attached = layers.map((layer) => ({ ...layer }));
  for (let i = attached.length - 1; i >= 0 && next >= 0; i -= 1) {
    const layer = attached[i];
    if (!layer) continue;
    const makes = layer.sizeBytes > 0 || (spare > 0 && MAKES_LAYER.test(layer.instruction));
    if (!makes) continue;
    if (layer.sizeBytes === 0) spare -= 1;
    const diffId = diffIds[next];
    next -= 1;
    if (diffId !== undefined) layer.diffId = diffId;
  }
  return attached;
}

/** The layers of an image by content, to keep with its build. */
export function builtLayers(layers: readonly ImageLayer[]): BuiltLayer[] {
  return layers.flatMap((l) =>
    l.diffId && /^sha256:[a-f0-9]{64}$/.test(l.diffId) ? [{ diffId: l.diffId, sizeBytes: l.sizeBytes, instruction: l.instruction }] : [],
  );
}

/** Pure: this build's layers against the previous build of the same image (none: a first build, all new). */
export function layerChanges(current: readonly BuiltLayer[], previous: { builtAt: string; layers: readonly BuiltLayer[] } | null): LayerChanges {
  const before = new Set(previous?.layers.map((l) => l.diffId) ?? []);
  const layers = current.map((l) => ({ ...l, changed: !before.has(l.diffId) }));
  return {
    previousBuildAt: previous?.builtAt ?? null,
    layers,
    changedBytes: layers.reduce((sum, l) => sum + (l.changed ? l.sizeBytes : 0), 0),
  };
}

/**
 * Pure: what a push of the image will send. With what the registry holds under the push reference,
 * the layers it lacks; without (never pushed, or the registry could not be asked), the layers that
 * changed since the previous build, said as an estimate.
 */
export function pushEstimate(
  reference: string | null,
  layers: readonly BuiltLayer[],
  held: ReadonlySet<string> | null,
  changes: LayerChanges | null,
  note: string | null,
): PushEstimate {
  const unique = [...new Map(layers.map((l) => [l.diffId, l])).values()];
  const changed = new Set(changes?.layers.filter((l) => l.changed).map((l) => l.diffId) ?? unique.map((l) => l.diffId));
  const sent = unique.filter((l) => (held !== null ? !held.has(l.diffId) : changed.has(l.diffId)));
  return {
    reference,
    basis: held !== null ? 'registry' : 'changed-layers',
    bytes: sent.reduce((sum, l) => sum + l.sizeBytes, 0),
    layers: sent.length,
    totalLayers: unique.length,
    note,
  };
}
