import { parseArgs } from 'node:util';
import { ElyraVersion, PythonVersion } from '../contract/domain/elyra';
import { Platform, type Recipe } from '../contract/domain/recipe';
import { AppError } from '../contract/errors';
import { additionsFromFileSet, defaultRecipe } from '../services/recipe';
import { readRequirementsFile } from '../services/requirements';
import type { RequirementFileSet, RequirementFinding } from '../contract/domain/requirements';

/** The options every recipe command (`plan`, `build`, …) takes, as the issue lists them. */
export const recipeOptionSpec = {
  python: { type: 'string' },
  elyra: { type: 'string' },
  base: { type: 'string' },
  platform: { type: 'string' },
  'index-url': { type: 'string' },
  'extra-index-url': { type: 'string', multiple: true },
  'trusted-host': { type: 'string', multiple: true },
  'no-elyra-pins': { type: 'boolean' },
  'no-install-at-start': { type: 'boolean' },
  'allow-system-pip': { type: 'boolean' },
  tag: { type: 'string' },
} as const;

export type RecipeArgs = ReturnType<typeof parseArgs<{ options: typeof recipeOptionSpec; allowPositionals: true }>>['values'];

function pick<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
  value: string | undefined,
  what: string,
  allowed: readonly string[],
): T | undefined {
  if (value === undefined) return undefined;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError('invalid-input', `--${what} ${value} is not one of ${allowed.join(', ')}.`);
  return parsed.data;
}

/** Reads the requirements file (with its includes) and applies the options to the default recipe. */
export async function recipeFromArgs(file: string | undefined, args: RecipeArgs, today: Date): Promise<{ recipe: Recipe; fileSet: RequirementFileSet | null }> {
  const recipe = defaultRecipe(today);
  const elyra = pick(ElyraVersion, args.elyra, 'elyra', ElyraVersion.options);
  if (elyra) recipe.elyraVersion = elyra;
  const python = pick(PythonVersion, args.python, 'python', PythonVersion.options);
  if (python) recipe.pythonVersion = python;
  const platform = pick(Platform, args.platform, 'platform', Platform.options);
  if (platform) recipe.platform = platform;
  if (args.base === 'slim' || args.base === undefined) recipe.base = { kind: 'slim' };
  else if (args.base === 'full') recipe.base = { kind: 'full' };
  else recipe.base = { kind: 'custom', image: args.base };
  recipe.preinstallElyraPins = !args['no-elyra-pins'];
  recipe.elyraInstallPackages = !args['no-install-at-start'];
  recipe.allowSystemPip = Boolean(args['allow-system-pip']);
  if (args.tag) recipe.imageName = args.tag;

  let fileSet: RequirementFileSet | null = null;
  if (file) {
    fileSet = await readRequirementsFile(file);
    if (fileSet.ok) {
      const added = additionsFromFileSet(fileSet);
      recipe.packages = added.entries;
      recipe.constraints = added.constraints;
      recipe.index = added.index;
      recipe.installOptions = added.installOptions;
      recipe.pre = added.pre;
    }
  }
  if (args['index-url']) recipe.index.indexUrl = args['index-url'];
  if (args['extra-index-url']) recipe.index.extraIndexUrls = [...recipe.index.extraIndexUrls, ...args['extra-index-url']];
  if (args['trusted-host']) recipe.index.trustedHosts = [...recipe.index.trustedHosts, ...args['trusted-host']];
  if (!recipe.imageName) recipe.imageName = 'runtime-image:latest';
  return { recipe, fileSet };
}

export function formatFileFinding(f: RequirementFinding): string {
  return `${f.severity}: ${f.file}:${f.line}: ${f.message}${f.hint ? ` (${f.hint})` : ''}`;
}
