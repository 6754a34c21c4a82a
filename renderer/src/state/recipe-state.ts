import type { PackageEntry, Recipe } from '../../../electron/contract/domain/recipe';
import type { ParsedRequirements, RequirementFileSet } from '../../../electron/contract/domain/requirements';

/** A requirements file the user opened: every line is shown, and its packages joined the recipe. */
export interface OpenedFile {
  id: string;
  name: string;
  /** Each parsed file of the set, the opened one first, then what it includes, by the name origins use. */
  parsed: { name: string; parsed: ParsedRequirements }[];
  /** A refusal (binary, too large, UTF-16…) instead of lines. */
  refusal: string | null;
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
  | { type: 'file-opened'; file: OpenedFile; entries: PackageEntry[]; constraints: string[]; index: Partial<Recipe['index']> }
  | { type: 'remove-file'; id: string };

let counter = 0;
export function newId(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}`;
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
      const index = state.recipe.index;
      return {
        files: [...state.files, action.file],
        recipe: {
          ...state.recipe,
          packages: [...state.recipe.packages, ...action.entries],
          constraints: unique([...state.recipe.constraints, ...action.constraints]),
          index: {
            indexUrl: action.index.indexUrl ?? index.indexUrl,
            extraIndexUrls: unique([...index.extraIndexUrls, ...(action.index.extraIndexUrls ?? [])]),
            trustedHosts: unique([...index.trustedHosts, ...(action.index.trustedHosts ?? [])]),
          },
        },
      };
    }
    case 'remove-file': {
      const file = state.files.find((f) => f.id === action.id);
      const names = new Set(file?.parsed.map((p) => p.name) ?? []);
      return {
        files: state.files.filter((f) => f.id !== action.id),
        recipe: { ...state.recipe, packages: state.recipe.packages.filter((p) => p.origin.file === null || !names.has(p.origin.file)) },
      };
    }
  }
}

/** A requirement as one line pip reads: continuation lines joined, the trailing comment dropped. */
export function oneLine(raw: string): string {
  return raw
    .replace(/\\\r?\n/g, ' ')
    .replace(/(^|\s)#.*$/s, '')
    .trim();
}

/** What opening a file adds to the recipe: its requirements (with their origin), constraints and index options. */
export function fromFileSet(set: Extract<RequirementFileSet, { ok: true }>): { entries: PackageEntry[]; constraints: string[]; index: Partial<Recipe['index']> } {
  const nameOf = (path: string) => set.files.find((f) => f.path === path)?.relativePath ?? path;
  return {
    entries: set.requirements.map((r) => ({ id: newId('pkg'), text: oneLine(r.raw), origin: { file: nameOf(r.file), line: r.line } })),
    constraints: set.constraints.map((c) => oneLine(c.raw)),
    index: {
      ...(set.options.indexUrl ? { indexUrl: set.options.indexUrl } : {}),
      extraIndexUrls: set.options.extraIndexUrls,
      trustedHosts: set.options.trustedHosts,
    },
  };
}

export function fromParsed(parsed: ParsedRequirements): { entries: PackageEntry[]; constraints: string[]; index: Partial<Recipe['index']> } {
  return {
    entries: parsed.requirements.map((r) => ({ id: newId('pkg'), text: oneLine(r.raw), origin: { file: parsed.file, line: r.line } })),
    constraints: parsed.constraints.map((c) => oneLine(c.raw)),
    index: {
      ...(parsed.options.indexUrl ? { indexUrl: parsed.options.indexUrl } : {}),
      extraIndexUrls: parsed.options.extraIndexUrls,
      trustedHosts: parsed.options.trustedHosts,
    },
  };
}
