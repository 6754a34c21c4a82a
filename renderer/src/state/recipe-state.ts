import { type FileAdditions, mergeInstallOptions, type PackageEntry, type Recipe } from '../../../electron/contract/domain/recipe';
import type { ParsedRequirements } from '../../../electron/contract/domain/requirements';

/** A requirements file the user opened: every line is shown, and its packages joined the recipe. */
export interface OpenedFile {
  id: string;
  name: string;
  /** Each parsed file of the set, the opened one first, then what it includes, by the name origins use. */
  parsed: { name: string; parsed: ParsedRequirements }[];
  /** A refusal (binary, too large, UTF-16…) instead of lines. */
  refusal: string | null;
  /** Opened again: what it reads now replaced what it had added before. */
  reread?: boolean;
}

export interface RecipeState {
  recipe: Recipe;
  files: OpenedFile[];
}

export type RecipeAction =
  | { type: 'replace'; recipe: Recipe }
  | { type: 'update'; patch: Partial<Recipe> }
  | { type: 'add-packages'; entries: PackageEntry[] }
  | { type: 'remove-package'; id: string }
  | { type: 'file-opened'; file: OpenedFile; added: FileAdditions | null }
  | { type: 'remove-file'; id: string };

let counter = 0;
export function newId(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}`;
}

/** What a lock changes: it pins every installed distribution, Elyra's included, so nothing is left to resolve. */
export function lockPatch(lines: readonly string[], originFile: string): Pick<Recipe, 'packages' | 'constraints' | 'preinstallElyraPins'> {
  return {
    packages: lines.map((line, i) => ({ id: `lock-${i}`, text: line, origin: { file: originFile, line: i + 1 } })),
    constraints: [],
    preinstallElyraPins: false,
  };
}

/** The recipe to rebuild exactly what a lock records. */
export function withLock(recipe: Recipe, lines: readonly string[], originFile: string): Recipe {
  return { ...recipe, ...lockPatch(lines, originFile) };
}

/** The names a file's package origins use: the file itself and every file it includes. */
function fileNames(file: OpenedFile): Set<string> {
  return new Set([file.name, ...file.parsed.map((p) => p.name)]);
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

export function recipeReducer(state: RecipeState, action: RecipeAction): RecipeState {
  switch (action.type) {
    case 'replace':
      return { ...state, recipe: action.recipe };
    case 'update':
      return { ...state, recipe: { ...state.recipe, ...action.patch } };
    case 'add-packages':
      return { ...state, recipe: { ...state.recipe, packages: [...state.recipe.packages, ...action.entries] } };
    case 'remove-package':
      return { ...state, recipe: { ...state.recipe, packages: state.recipe.packages.filter((p) => p.id !== action.id) } };
    case 'file-opened': {
      // The same file opened again replaces its card and its packages (in their place in the table), never adds them twice.
      const previous = state.files.find((f) => f.name === action.file.name);
      const file = previous ? { ...action.file, reread: true } : action.file;
      const files = previous ? state.files.map((f) => (f === previous ? file : f)) : [...state.files, file];
      const fromPrevious = previous ? fileNames(previous) : new Set<string>();
      const isPrevious = (p: PackageEntry) => p.origin.file !== null && fromPrevious.has(p.origin.file);
      const at = state.recipe.packages.findIndex(isPrevious);
      const kept = state.recipe.packages.filter((p) => !isPrevious(p));
      const added = action.added;
      if (!added) return { files, recipe: { ...state.recipe, packages: kept } };
      const insertAt = at === -1 ? kept.length : at;
      const index = state.recipe.index;
      return {
        files,
        recipe: {
          ...state.recipe,
          packages: [...kept.slice(0, insertAt), ...added.entries, ...kept.slice(insertAt)],
          constraints: unique([...state.recipe.constraints, ...added.constraints]),
          index: {
            indexUrl: added.index.indexUrl ?? index.indexUrl,
            extraIndexUrls: unique([...index.extraIndexUrls, ...added.index.extraIndexUrls]),
            trustedHosts: unique([...index.trustedHosts, ...added.index.trustedHosts]),
          },
          // pip's options of a file apply to the whole install, as they would with pip -r.
          installOptions: mergeInstallOptions(state.recipe.installOptions, added.installOptions),
          pre: state.recipe.pre || added.pre,
        },
      };
    }
    case 'remove-file': {
      const file = state.files.find((f) => f.id === action.id);
      const names = file ? fileNames(file) : new Set<string>();
      return {
        files: state.files.filter((f) => f.id !== action.id),
        recipe: { ...state.recipe, packages: state.recipe.packages.filter((p) => p.origin.file === null || !names.has(p.origin.file)) },
      };
    }
  }
}
