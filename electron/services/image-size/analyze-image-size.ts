import type Dockerode from 'dockerode';
import { z } from 'zod';
import type { ImageSizeReport, InstalledDistribution } from '../../contract/domain/verify';
import { AppError } from '../../contract/errors';
import { errorMessage } from '../docker-config/file-access';
import { engineGoneDuringCheck, isConnectionFailure } from '../engine/engine-connection';
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
    if (isConnectionFailure(error)) throw engineGoneDuringCheck(error);
    throw new AppError('not-found', `There is no image ${image} on this engine.`, errorMessage(error));
  }
  const packages =
    options.packages ??
    ((await probeImage({ docker, image: id, pins: [], ...(options.signal ? { signal: options.signal } : {}) })).python?.distributions ?? []);
  return summarizeImageSize(id, history, packages);
}
