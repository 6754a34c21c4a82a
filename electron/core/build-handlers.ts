import type { Handlers } from '../contract/ipc';
import { BuildJobResult } from '../contract/domain/build';
import type { Recipe } from '../contract/domain/recipe';
import type { Settings } from '../contract/domain/settings';
import { AppError } from '../contract/errors';
import { type BuildJobContext, chooseBuilder, InterruptedBuilds, runBuildJob } from '../services/build';
import { errorMessage } from '../services/docker-config';
import type { HistoryStore } from '../services/history';
import { buildTag, planRecipe, recipeFindingText, refuseUnfitPins, resolvedPackages } from '../services/recipe';
import type { EngineSession } from './engine-session';
import type { JobManager } from './job-manager';
import { layerFacts, layerHistory } from './build-layers';

export interface BuildHandlerDeps {
  jobs: JobManager;
  engine: EngineSession;
  history: HistoryStore;
  settings: () => Settings;
  appName: string;
  appVersion: string;
  now?: () => Date;
}

/** A build checked and ready to run, as a job of its own or as a step of `make`. */
export interface PreparedBuild {
  tag: string;
  run: (ctx: BuildJobContext) => Promise<BuildJobResult>;
}
export type BuildPreparer = (input: { recipe: Recipe; noCache?: boolean | undefined }) => Promise<PreparedBuild>;

/** Refuses a recipe that cannot be built, connects to the engine and plans for its builder; the outcome goes to the history. */
export function buildPreparer(deps: BuildHandlerDeps): BuildPreparer {
  const now = deps.now ?? (() => new Date());
  const interrupted = new InterruptedBuilds();

  const record = (
    recipe: Recipe,
    baseImage: string,
    outcome: { result: 'succeeded'; built: BuildJobResult; layers: ReturnType<typeof layerFacts> } | { result: 'failed' | 'cancelled'; error: string },
  ) => {
    deps.history.add({
      kind: 'build',
      image: recipe.imageName,
      digest: null,
      packages: recipe.packages.map((p) => p.text),
      python:
        outcome.result === 'succeeded' && outcome.built.verify.python
          ? outcome.built.verify.python.version.split('.').slice(0, 2).join('.')
          : recipe.pythonVersion,
      elyraVersion: recipe.elyraVersion,
      base: baseImage,
      platform: recipe.platform,
      sizeBytes: outcome.result === 'succeeded' ? outcome.built.size.totalBytes : null,
      result: outcome.result,
      error: outcome.result === 'succeeded' ? null : outcome.error,
      lock: outcome.result === 'succeeded' ? outcome.built.verify.installed : null,
      recipe,
      ...(outcome.result === 'succeeded' ? { heavy: outcome.layers.heavy, layers: outcome.layers.layers } : {}),
    });
  };

  return async ({ recipe, noCache }) => {
    const planOptions = { today: now(), appName: deps.appName, appVersion: deps.appVersion };
    const checked = planRecipe(recipe, planOptions);
    if (!checked.canBuild || !checked.image) {
      const first = checked.findings.find((f) => f.severity === 'error');
      throw new AppError('invalid-input', `The recipe cannot be built yet: ${first ? recipeFindingText(first) : 'it has errors.'}`);
    }
    const { docker, engine } = await deps.engine.connect();
    // Planned again for the engine that builds it: its builder decides the Dockerfile.
    const plan = planRecipe(recipe, { ...planOptions, builder: chooseBuilder(engine), layerHistory: layerHistory(deps.history, recipe.imageName) });
    const tag = buildTag(checked.image);
    return {
      tag,
      run: async (ctx) => {
        try {
          ctx.progress({ kind: 'build', step: 0, totalSteps: plan.stepLabels.length, label: 'looking up your pinned versions in the package index' });
          const fit = await refuseUnfitPins(recipe, now());
          for (const pin of fit?.pins ?? []) if (pin.message !== null) ctx.log(`warning: ${pin.where ? `${pin.where}: ` : ''}${pin.message}`);
          const built = await runBuildJob(ctx, {
            docker,
            plan,
            tag,
            platform: recipe.platform,
            network: deps.settings().buildNetwork,
            elyraVersion: recipe.elyraVersion,
            today: now(),
            ...(noCache ? { noCache: true } : {}),
            interrupted,
            customBase: recipe.base.kind === 'custom',
          });
          const layers = layerFacts(deps.history, recipe, { ...built, resolved: resolvedPackages(recipe, built.verify.installed) }, plan.layers);
          record(recipe, plan.baseImage, { result: 'succeeded', built: layers.built, layers });
          return layers.built;
        } catch (error) {
          record(recipe, plan.baseImage, { result: ctx.signal.aborted ? 'cancelled' : 'failed', error: errorMessage(error) });
          throw error;
        }
      },
    };
  };
}

/** The build as a job owned by main: the renderer starts it, watches it, may cancel it, and finds it again after a reload. */
export function buildHandlers(deps: BuildHandlerDeps, prepare: BuildPreparer = buildPreparer(deps)): Pick<Handlers, 'build:start'> {
  return {
    'build:start': async (input) => {
      const build = await prepare(input);
      return deps.jobs.start('build', `Build ${build.tag}`, build.run, { image: build.tag, reference: null });
    },
  };
}
