import type { Handlers } from '../contract/ipc';
import { BuildJobResult } from '../contract/domain/build';
import type { Recipe } from '../contract/domain/recipe';
import type { Settings } from '../contract/domain/settings';
import { AppError } from '../contract/errors';
import { chooseBuilder, InterruptedBuilds, runBuildJob } from '../services/build';
import { errorMessage } from '../services/docker-config';
import type { HistoryStore } from '../services/history';
import { buildTag, planRecipe, recipeFindingText, refuseUnfitPins, resolvedPackages } from '../services/recipe';
import type { EngineSession } from './engine-session';
import type { JobManager } from './job-manager';

export interface BuildHandlerDeps {
  jobs: JobManager;
  engine: EngineSession;
  history: HistoryStore;
  settings: () => Settings;
  appName: string;
  appVersion: string;
  now?: () => Date;
}

/** The build as a job owned by main: the renderer starts it, watches it, may cancel it, and finds it again after a reload. */
export function buildHandlers(deps: BuildHandlerDeps): Pick<Handlers, 'build:start'> {
  const now = deps.now ?? (() => new Date());
  const interrupted = new InterruptedBuilds();

  const record = (
    recipe: Recipe,
    baseImage: string,
    outcome: { result: 'succeeded'; built: BuildJobResult } | { result: 'failed' | 'cancelled'; error: string },
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
    });
  };

  return {
    'build:start': async ({ recipe, noCache }) => {
      const planOptions = { today: now(), appName: deps.appName, appVersion: deps.appVersion };
      const checked = planRecipe(recipe, planOptions);
      if (!checked.canBuild || !checked.image) {
        const first = checked.findings.find((f) => f.severity === 'error');
        throw new AppError('invalid-input', `The recipe cannot be built yet: ${first ? recipeFindingText(first) : 'it has errors.'}`);
      }
      const { docker, engine } = await deps.engine.connect();
      // Planned again for the engine that builds it: its builder decides the Dockerfile.
      const plan = planRecipe(recipe, { ...planOptions, builder: chooseBuilder(engine) });
      const tag = buildTag(checked.image);
      return deps.jobs.start(
        'build',
        `Build ${tag}`,
        async (ctx) => {
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
            const result: BuildJobResult = { ...built, resolved: resolvedPackages(recipe, built.verify.installed) };
            record(recipe, plan.baseImage, { result: 'succeeded', built: result });
            return result;
          } catch (error) {
            record(recipe, plan.baseImage, { result: ctx.signal.aborted ? 'cancelled' : 'failed', error: errorMessage(error) });
            throw error;
          }
        },
        { image: tag, reference: null },
      );
    },
  };
}
