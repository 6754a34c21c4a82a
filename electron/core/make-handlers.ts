import type { Handlers } from '../contract/ipc';
import { MAKE_PULL_POLICY, type MakeResult } from '../contract/domain/make';
import { TRY_TIMEOUT_DEFAULT_SECONDS } from '../contract/domain/try';
import { AppError } from '../contract/errors';
import { packageListDescription, planRuntimeImageWrite, writeRuntimeImage } from '../services/elyra';
import type { BuildPreparer } from './build-handlers';
import type { JobManager } from './job-manager';
import { runMake } from './make-steps';
import type { PushPreparer } from './registry-handlers';
import type { TryPreparer } from './try-handlers';

export interface MakeHandlerDeps {
  jobs: JobManager;
  prepareBuild: BuildPreparer;
  preparePush: PushPreparer;
  prepareTry: TryPreparer;
  /** Where Elyra reads runtime images: the same place "Add to Elyra" writes. */
  env: Readonly<Record<string, string | undefined>>;
  homedir: string;
  platform: NodeJS.Platform;
}

/**
 * `make` as one job: the same build, try, push and Elyra entry as each step's own screen (and the
 * same history entries), run in order. Everything that can be refused is refused before the job
 * starts (the recipe, the reference, the login, the Elyra name), not after a long build.
 */
export function makeHandlers(deps: MakeHandlerDeps): Pick<Handlers, 'make:start'> {
  return {
    'make:start': async (input) => {
      const build = await deps.prepareBuild({ recipe: input.recipe, noCache: input.noCache });
      const push = deps.preparePush({ image: build.tag, reference: input.reference });
      const entry = {
        displayName: input.elyra.displayName,
        imageName: push.reference,
        description: packageListDescription(input.recipe.packages.map((p) => p.text)),
        tags: [],
        pullPolicy: MAKE_PULL_POLICY,
        pullSecret: null,
      };
      const paths = { env: deps.env, homedir: deps.homedir, platform: deps.platform };
      const planned = await planRuntimeImageWrite({ ...paths, image: entry });
      if (planned.refusal !== null) throw new AppError('conflict', planned.refusal, planned.path);
      if (planned.exists && !input.elyra.replace) {
        throw new AppError(
          'conflict',
          `Elyra already has a runtime image named "${planned.name}" (${planned.path}). Replace it, or choose another display name.`,
        );
      }
      const tried =
        input.notebooks.length > 0
          ? await deps.prepareTry({ image: build.tag, paths: input.notebooks, allowNetwork: false, timeoutSeconds: TRY_TIMEOUT_DEFAULT_SECONDS, run: true })
          : null;
      return deps.jobs.start(
        'make',
        `Build, push and add to Elyra: ${push.reference}`,
        async (ctx): Promise<MakeResult> => {
          const made = await runMake(
            {
              tag: build.tag,
              reference: push.reference,
              build: (step) => build.run(step),
              tryNotebooks: tried ? (step) => tried.run(step) : null,
              push: (step) => push.run(step),
              register: async () => {
                // Planned again: the folder may have changed while the image was built.
                const plan = await planRuntimeImageWrite({ ...paths, image: entry });
                const written = await writeRuntimeImage(plan, { replace: input.elyra.replace });
                return { ...written, name: plan.name };
              },
            },
            ctx,
          );
          return { ...made, elyra: { ...made.elyra, displayName: entry.displayName, imageName: entry.imageName } };
        },
        { image: build.tag, reference: push.reference },
      );
    },
  };
}
