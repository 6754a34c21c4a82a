import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Builder } from '../contract/domain/build';
import type { Handlers } from '../contract/ipc';
import { AppError } from '../contract/errors';
import { listVersions, PACKAGE_CATALOG } from '../services/catalog';
import { additionsFromFileSet, additionsFromParsed, type LayerHistory, planRecipe, recipePythonFit } from '../services/recipe';
import { checkDroppedContent, parseRequirements, readRequirementsFile } from '../services/requirements';
import { suggestImageName } from '../services/reference';

export interface Dialogs {
  /** A folder the user picked, or null when they cancelled. */
  chooseFolder(title: string): Promise<string | null>;
  /** Files the user picked (requirements, notebooks, scripts); empty when they cancelled. */
  chooseFiles(): Promise<string[]>;
}

export interface RecipeHandlerDeps {
  appName: string;
  appVersion: string;
  dialogs: Dialogs;
  /** The computer's user name: the owner of a suggested name when nothing better is known. */
  osUser?: string;
  now?: () => Date;
  /** The builder of the engine in use, so the Dockerfile shown is the one a build sends; classic when not given. */
  builder?: () => Promise<Builder>;
  /** What earlier builds of an image measured, so the Dockerfile shown has the layers the build will. */
  layerHistory?: (imageName: string) => LayerHistory | null;
}

type RecipeHandlers = Pick<
  Handlers,
  | 'catalog:list'
  | 'catalog:versions'
  | 'recipe:plan'
  | 'recipe:python-fit'
  | 'recipe:suggest-name'
  | 'recipe:export'
  | 'requirements:open'
  | 'requirements:parse-bytes'
  | 'dialog:open-files'
>;

/** Everything the user decides before a build: packages, files, base, name, and the Dockerfile that results. */
export function recipeHandlers(deps: RecipeHandlerDeps): RecipeHandlers {
  const now = deps.now ?? (() => new Date());
  const planOptions = async () => ({ today: now(), appName: deps.appName, appVersion: deps.appVersion, builder: (await deps.builder?.()) ?? 'classic' });
  return {
    'catalog:list': async () => PACKAGE_CATALOG.map((p) => ({ ...p })),
    'catalog:versions': ({ name, indexUrl }) => listVersions(name, { indexUrl }),
    'recipe:plan': async ({ recipe }) => planRecipe(recipe, { ...(await planOptions()), layerHistory: deps.layerHistory?.(recipe.imageName) ?? null }),
    'recipe:python-fit': ({ recipe }) => recipePythonFit(recipe, now()),
    // Always with an owner: a name without one is flagged (Docker Hub reserves those for official images).
    'recipe:suggest-name': async ({ packages, user, owner }) => {
      const who = user ?? deps.osUser;
      return { name: suggestImageName({ packages, today: now(), ...(who !== undefined ? { user: who } : {}), ...(owner !== undefined ? { owner } : {}) }) };
    },
    'recipe:export': async ({ recipe }) => {
      // The Dockerfile the preview shows, heavy layers included.
      const plan = planRecipe(recipe, { ...(await planOptions()), layerHistory: deps.layerHistory?.(recipe.imageName) ?? null });
      const folder = await deps.dialogs.chooseFolder('Export the recipe to a folder');
      if (folder === null) return { folder: null, files: [] };
      const written: string[] = [];
      for (const file of [{ path: 'Dockerfile', content: plan.dockerfile }, ...plan.files]) {
        const target = join(folder, ...file.path.split('/'));
        await mkdir(dirname(target), { recursive: true });
        await writeFile(target, file.content, 'utf8');
        written.push(target);
      }
      return { folder, files: written };
    },
    'requirements:open': async ({ path }) => {
      const set = await readRequirementsFile(path);
      return { set, added: set.ok ? additionsFromFileSet(set) : null };
    },
    'requirements:parse-bytes': async ({ name, base64 }) => {
      const checked = checkDroppedContent(new Uint8Array(Buffer.from(base64, 'base64')));
      if (!checked.ok) throw new AppError(checked.code, `${name}: ${checked.message}`);
      const parsed = parseRequirements(checked.text, { file: name });
      return { parsed, added: additionsFromParsed(parsed) };
    },
    'dialog:open-files': async () => ({ paths: await deps.dialogs.chooseFiles() }),
  };
}
