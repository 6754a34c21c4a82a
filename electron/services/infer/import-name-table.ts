import table from './import-names.json' with { type: 'json' };
import { normalizeName } from './normalize-name';

/**
 * The import names of the most downloaded PyPI distributions, from the top-level modules their
 * wheels install (`import-names.json`: its source, date and generator are in the file). Each
 * `differing` row is an import name and the distributions that install it, most downloaded
 * first; `sameName` lists import names published under the same name.
 */

export const IMPORT_NAME_SOURCE: { source: string; date: string; distributions: number } = {
  source: table.source,
  date: table.date,
  distributions: table.distributions,
};

const byImport = new Map<string, readonly string[]>(
  table.differing.flatMap((row): Array<[string, readonly string[]]> => {
    const [name, ...distributions] = row;
    return name === undefined || distributions.length === 0 ? [] : [[name, distributions]];
  }),
);
const sameName = new Set(table.sameName.map((name) => normalizeName(name)));

/** The distributions that install this top-level import name, most downloaded first; null when unlisted. */
export function tableDistributions(importName: string): readonly string[] | null {
  return byImport.get(importName) ?? null;
}

export function isTableSameName(importName: string): boolean {
  return sameName.has(normalizeName(importName));
}

export function tableSize(): { differing: number; sameName: number } {
  return { differing: byImport.size, sameName: sameName.size };
}
