import type Dockerode from 'dockerode';
import type { BuildJobResult, BuildNetwork } from '../../contract/domain/build';
import type { ElyraVersion } from '../../contract/domain/elyra';
import type { RecipePlan } from '../../contract/domain/recipe';
import { AppError } from '../../contract/errors';
import { engineGoneDuringCheck, isConnectionFailure } from '../engine/engine-connection';
import { analyzeImageSize } from '../image-size/analyze-image-size';
import { checkCustomBase } from '../verify/base-check';
import { verifyImage } from '../verify/verify-image';
import { buildImage } from './build-image';
import type { InterruptedBuilds } from './build-leftovers';
import { type BuildProgressSink, reportBuildProgress } from './build-progress';

/** The job context's shape (electron/core's JobContext fits): where the job reports, and its cancel. */
export interface BuildJobContext extends BuildProgressSink {
  readonly signal: AbortSignal;
}

export interface BuildJobOptions {
  docker: Dockerode;
  plan: RecipePlan;
  tag: string;
  platform: string;
  network: BuildNetwork;
  elyraVersion: ElyraVersion;
  today: Date;
  noCache?: boolean;
  /** The app's register of builds the engine stopped under (see InterruptedBuilds). */
  interrupted?: InterruptedBuilds;
  /** The base is the user's own image: look inside it first (python3, pip, which Python). */
  customBase?: boolean;
}

/**
 * A whole build job for the job manager and the CLI: build with live log and "step N of M", then
 * run the image once to check it and measure it (one container start, shared by both).
 */
export async function runBuildJob(ctx: BuildJobContext, options: BuildJobOptions): Promise<BuildJobResult> {
  const { docker, plan, tag } = options;
  if (options.customBase) {
    ctx.progress({ kind: 'build', step: 0, totalSteps: plan.stepLabels.length, label: `looking inside ${plan.baseImage}` });
    await checkCustomBase({ docker, image: plan.baseImage, elyraVersion: options.elyraVersion, today: options.today, signal: ctx.signal });
  }
  const build = await buildImage({
    docker,
    plan,
    tag,
    platform: options.platform,
    network: options.network,
    signal: ctx.signal,
    onEvent: reportBuildProgress(ctx, plan.stepLabels, plan.builder),
    ...(options.noCache ? { noCache: true } : {}),
    ...(options.interrupted ? { interrupted: options.interrupted } : {}),
  });
  ctx.log(
    `Built ${tag} (${build.imageId.slice(7, 19)}) in ${(build.durationMs / 1000).toFixed(1)} s, ${build.cachedSteps} of ${build.totalSteps} steps from the cache.`,
  );
  ctx.progress({ kind: 'build', step: build.totalSteps, totalSteps: build.totalSteps, label: 'checking the image the way Elyra runs it' });
  try {
    const verify = await verifyImage({ docker, image: build.imageId, elyraVersion: options.elyraVersion, today: options.today, signal: ctx.signal });
    for (const item of verify.items) ctx.log(`[${item.status}] ${item.title}: ${item.detail}`);
    const size = await analyzeImageSize({ docker, image: build.imageId, packages: verify.largestPackages, signal: ctx.signal });
    return { build, verify, size };
  } catch (error) {
    // Each engine call of the check names an engine that went; any the services did not wrap
    // still must not reach the user as a bare "write EPIPE".
    if (!(error instanceof AppError) && isConnectionFailure(error)) throw engineGoneDuringCheck(error);
    throw error;
  }
}
