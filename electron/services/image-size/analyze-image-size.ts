import type Dockerode from 'dockerode';
import { z } from 'zod';
import type { ImageSizeReport, InstalledDistribution } from '../../contract/domain/verify';
import { imageLookupFailure } from '../engine/engine-connection';
import { probeImage } from '../verify/image-probe';
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

/** What makes the image big: its layers by recipe part, the largest Python packages, the total. */
export async function analyzeImageSize(options: AnalyzeImageSizeOptions): Promise<ImageSizeReport> {
  const { docker, image } = options;
  let id: string;
  let history: HistoryEntry[];
  try {
    const target = docker.getImage(image);
    id = (await target.inspect()).Id;
    history = z.array(HistoryEntry).parse(await target.history());
  } catch (error) {
    throw imageLookupFailure(error, image);
  }
  const packages =
    options.packages ??
    ((await probeImage({ docker, image: id, pins: [], ...(options.signal ? { signal: options.signal } : {}) })).python?.distributions ?? []);
  return summarizeImageSize(id, history, packages);
}
