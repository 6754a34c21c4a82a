import type Dockerode from 'dockerode';
import { z } from 'zod';
import type { ImageSizeReport, InstalledDistribution } from '../../contract/domain/verify';
import { imageLookupFailure } from '../engine/engine-connection';
import { probeImage } from '../verify/image-probe';
import { attachDiffIds } from './layer-changes';
import { HistoryEntry, summarizeImageSize } from './summarize-image-size';

export interface AnalyzeImageSizeOptions {
  docker: Dockerode;
  image: string;
  /**
   * The installed distributions with their sizes, when a verify run already measured them
   * (VerifyReport.largestPackages); otherwise the image is run once to measure them.
   */
  packages?: readonly InstalledDistribution[];
  signal?: AbortSignal;
}

/**
 * Layer sizes that add up to the image's size, the same on every store. With overlay2 (Docker) the
 * history's sizes are the layers' own and add up to the image's size already; Podman's are a few KB
 * off (199,673,344 for 199,681,791 bytes, seen on 5.8). The containerd image store reports each layer's disk usage rounded up to whole blocks (219 MB of
 * layers for an image of 199.5 MB, seen on Docker 28.5): there the layers are scaled to the image's
 * size, so their parts never add up to more than the image and a part is its share.
 */
export function onImageScale(history: readonly HistoryEntry[], imageSize: number | null): HistoryEntry[] {
  const sum = history.reduce((total, entry) => total + entry.Size, 0);
  if (imageSize === null || sum === 0 || sum === imageSize) return [...history];
  const factor = imageSize / sum;
  const scaled = history.map((entry) => ({ ...entry, Size: Math.floor(entry.Size * factor) }));
  // Whole bytes: what rounding left goes to the largest layer, so the sum is the image's size exactly.
  const rest = imageSize - scaled.reduce((total, entry) => total + entry.Size, 0);
  const largest = scaled.reduce((best, entry, index) => (entry.Size > (scaled[best]?.Size ?? -1) ? index : best), 0);
  const target = scaled[largest];
  if (target) target.Size += rest;
  return scaled;
}

/** What makes the image big: its layers by recipe part, the largest Python packages, the total. */
export async function analyzeImageSize(options: AnalyzeImageSizeOptions): Promise<ImageSizeReport> {
  const { docker, image } = options;
  let id: string;
  let size: number | null;
  let history: HistoryEntry[];
  let diffIds: string[] = [];
  try {
    const target = docker.getImage(image);
    const info = await target.inspect();
    id = info.Id;
    size = typeof info.Size === 'number' && info.Size > 0 ? info.Size : null;
    diffIds = z
      .array(z.string())
      .catch([])
      .parse(info.RootFS?.Layers ?? []);
    history = z.array(HistoryEntry).parse(await target.history());
  } catch (error) {
    throw imageLookupFailure(error, image);
  }
  const packages =
    options.packages ?? (await probeImage({ docker, image: id, pins: [], ...(options.signal ? { signal: options.signal } : {}) })).python?.distributions ?? [];
  const report = summarizeImageSize(id, onImageScale(history, size), packages);
  return { ...report, layers: attachDiffIds(report.layers, diffIds) };
}
