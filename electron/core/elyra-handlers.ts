import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Handlers } from '../contract/ipc';
import { AppError } from '../contract/errors';
import { elyraMetadataCommand, planRuntimeImageWrite, pullSecretAdvice, writeRuntimeImage } from '../services/elyra';
import { userImageTags } from '../services/engine';
import type { HistoryStore } from '../services/history';
import { labelKeys, LABEL_NAMESPACE } from '../services/recipe';
import type { Dialogs } from './recipe-handlers';
import type { EngineSession } from './engine-session';

export interface ElyraHandlerDeps {
  env: Readonly<Record<string, string | undefined>>;
  homedir: string;
  platform: NodeJS.Platform;
  history: HistoryStore;
  engine: EngineSession;
  dialogs: Dialogs;
}

type ElyraHandlers = Pick<Handlers, 'elyra:plan' | 'elyra:write' | 'history:list' | 'history:delete' | 'engine:images' | 'lock:save'>;

/**
 * "Use in Elyra": the plan (where, what, whether a file is there) is made here from the form's
 * fields, never taken from the renderer, and written only when the user confirms.
 */
export function elyraHandlers(deps: ElyraHandlerDeps): ElyraHandlers {
  const paths = { env: deps.env, homedir: deps.homedir, platform: deps.platform };
  const plan = (input: Parameters<ElyraHandlers['elyra:plan']>[0]) =>
    planRuntimeImageWrite({
      ...paths,
      image: {
        displayName: input.displayName,
        imageName: input.imageName,
        ...(input.description ? { description: input.description } : {}),
        tags: input.tags,
        pullPolicy: input.pullPolicy,
        pullSecret: input.pullSecret,
      },
    });
  return {
    'elyra:plan': async (input) => {
      const written = await plan(input);
      return {
        plan: written,
        command: elyraMetadataCommand({ name: written.name, metadata: written.metadata }),
        pullSecret: input.private ? pullSecretAdvice({ imageName: input.imageName }) : null,
      };
    },
    'elyra:write': async ({ replace, ...input }) => writeRuntimeImage(await plan(input), { replace }),
    'history:list': async () => deps.history.list(),
    'history:delete': async ({ id }) => {
      // delete() is false exactly when no entry has this id: one read of the history file, not two.
      if (!deps.history.delete(id)) throw new AppError('not-found', 'That history entry is gone already.');
      return { deleted: true };
    },
    'engine:images': async () => {
      const docker = await deps.engine.client();
      const images = await docker.listImages({ filters: JSON.stringify({ label: [labelKeys.builtBy] }) });
      return images.map((image) => ({
        id: image.Id,
        tags: userImageTags(image.RepoTags),
        createdAt: new Date(image.Created * 1000).toISOString(),
        sizeBytes: image.Size,
        packages: image.Labels?.[labelKeys.packages] ?? '[]',
        elyraVersion: image.Labels?.[labelKeys.elyraVersion] ?? null,
        builtBy: image.Labels?.[`${LABEL_NAMESPACE}.app`] ?? null,
      }));
    },
    'lock:save': async ({ lines, name }) => {
      const folder = await deps.dialogs.chooseFolder('Save the lock file to a folder');
      if (folder === null) return { path: null };
      const path = join(folder, `${name.replace(/[^A-Za-z0-9._-]+/g, '-')}.lock.txt`);
      await writeFile(path, `# Exact versions installed in the image, as pip freeze pins them.\n${lines.join('\n')}\n`, 'utf8');
      return { path };
    },
  };
}
