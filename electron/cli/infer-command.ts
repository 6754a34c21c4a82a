import path from 'node:path';
import { parseArgs } from 'node:util';
import { type Finding, InferFromPathsInput, type InferredPackage, type ReviewReason, type SourceOccurrence } from '../contract/domain/infer';
import { AppError } from '../contract/errors';
import { inferFromPaths } from '../services/infer';
import { defaultRecipe } from '../services/recipe';

const options = {
  python: { type: 'string' },
  'index-url': { type: 'string' },
  json: { type: 'boolean' },
} as const;

const REASONS: Record<ReviewReason, string> = {
  'unconfirmed-name': 'not in the bundled mapping, and no package index confirmed the name',
  'not-on-index': 'the package index has no distribution of that name',
  'ambiguous-name': 'several distributions install this import name: choose one',
  'removed-from-stdlib': 'in the standard library of older Pythons only: a backport may be needed',
  'stdlib-in-newer-python': 'in the standard library of newer Pythons only',
};

/**
 * `infer <paths…> [--python 3.12] [--index-url URL] [--json]`: the packages the notebooks and
 * scripts import, with where and how sure; the names to decide on; what could not be read. Exit 0:
 * the result is advice for the user, not a verdict.
 */
export async function inferCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true });
  if (positionals.length === 0) throw new AppError('invalid-input', 'infer needs notebooks, scripts or folders of them, e.g. infer train.ipynb src/.');
  // The app's default Python, so the standard library left out is the one the image will have.
  const input = InferFromPathsInput.safeParse({
    paths: positionals,
    pythonVersion: values.python ?? defaultRecipe(new Date()).pythonVersion,
    indexUrl: values['index-url'],
  });
  if (!input.success) {
    const issue = input.error.issues[0];
    const flag =
      issue?.path[0] === 'pythonVersion' ? `--python ${values.python}` : issue?.path[0] === 'indexUrl' ? `--index-url ${values['index-url']}` : 'infer';
    throw new AppError(
      'invalid-input',
      `${flag}: ${issue?.path[0] === 'pythonVersion' ? 'write a Python version such as 3.12' : (issue?.message ?? 'invalid')}.`,
    );
  }
  const { paths, pythonVersion, indexUrl } = input.data;
  const result = await inferFromPaths(paths, { pythonVersion, ...(indexUrl === undefined ? {} : { indexUrl }) });
  if (values.json) {
    console.log(JSON.stringify(result, null, 2));
    return 0;
  }

  // Helpers read beside the given files may sit above them (a project's src/): name every file from their common folder.
  const shown = displayPaths([...paths, ...result.files.map((f) => f.file)]);
  console.log(`Packages for Python ${result.pythonVersion} (${result.packages.length}):`);
  const width = Math.max(0, ...result.packages.map((p) => p.distribution.length));
  const reqWidth = Math.max(0, ...result.packages.map((p) => p.requirement.length));
  for (const p of result.packages) {
    console.log(`  ${p.distribution.padEnd(width)}  ${p.requirement.padEnd(reqWidth)}  ${p.confidence.padEnd(6)}  ${where(p, shown)}${flags(p)}`);
    if (p.note !== null) console.log(`      note: ${p.note}`);
    if (p.candidates.length > 0)
      console.log(
        `      or: ${p.candidates
          .slice(1)
          .map((c) => c.distribution)
          .join(', ')}`,
      );
  }
  if (result.unknown.length > 0) {
    console.log('');
    console.log(`To decide (${result.unknown.length}):`);
    for (const p of result.unknown) {
      const first = p.occurrences[0];
      console.log(
        `  decide: ${p.distribution} (${first === undefined ? 'no source' : `"${first.text}"`} in ${where(p, shown)}): ${p.reviewReason === null ? 'check the name' : REASONS[p.reviewReason]}${flags(p)}`,
      );
      if (p.candidates.length > 0) console.log(`      candidates: ${p.candidates.map((c) => c.distribution).join(', ')}`);
    }
  }
  if (result.findings.length > 0) {
    console.log('');
    console.log(`Findings (${result.findings.length}):`);
    for (const f of result.findings) console.log(`  ${f.kind}: ${findingWhere(f, shown)}${f.message}`);
  }
  const neighbours = result.files.filter((f) => f.via !== null);
  if (neighbours.length > 0) {
    console.log('');
    console.log(`Also read, because the files above use them (${neighbours.length}):`);
    for (const f of neighbours)
      if (f.via !== null)
        console.log(`  ${shown(f.file)}  ← ${shown(f.via.file)}${f.via.cell === null ? '' : ` cell ${f.via.cell}`} line ${f.via.line}: ${f.via.text}`);
  }
  const { stdlib, local } = result.excluded;
  console.log('');
  console.log(
    `Left out: ${stdlib.length} standard-library module${stdlib.length === 1 ? '' : 's'}, ${local.length} local module${local.length === 1 ? '' : 's'}${local.length > 0 ? ` (${local.join(', ')})` : ''}.`,
  );
  if (result.index.status !== 'not-checked') console.log(`Package index ${result.index.indexUrl ?? ''}: ${result.index.message ?? result.index.status}`);
  return 0;
}

/**
 * File names as the user would say them: relative to the folder they gave (train.ipynb,
 * mylib/cleaning.py), or to the common folder of the files they gave.
 */
function displayPaths(inputs: readonly string[]): (file: string) => string {
  const dirs = inputs.map((p) => path.resolve(/\.(ipynb|py)$/i.test(p) ? path.dirname(p) : p));
  let base = dirs[0] ?? process.cwd();
  for (const dir of dirs.slice(1)) {
    while (base !== path.dirname(base) && path.relative(base, dir).startsWith('..')) base = path.dirname(base);
  }
  return (file) => {
    const relative = path.relative(base, path.resolve(file));
    return relative === '' || relative.startsWith('..') ? file : relative;
  };
}

/** "train.ipynb cell 4 line 2", plus how many other places ask for it. */
function where(p: InferredPackage, shown: (file: string) => string): string {
  const first = p.occurrences[0];
  if (first === undefined) return '(no source)';
  const more = p.occurrences.length - 1;
  return `${occurrence(first, shown)}${more > 0 ? ` (+${more} more)` : ''}`;
}

function occurrence(o: SourceOccurrence, shown: (file: string) => string): string {
  return `${shown(o.file)}${o.cell === null ? '' : ` cell ${o.cell}`} line ${o.line}`;
}

function flags(p: InferredPackage): string {
  const all = p.occurrences;
  if (all.length > 0 && all.every((o) => o.typeCheckingOnly)) return ' [type checking only]';
  if (all.length > 0 && all.every((o) => o.optional)) return ' [optional import]';
  return '';
}

function findingWhere(f: Finding, shown: (file: string) => string): string {
  if (f.file === null) return '';
  return `${shown(f.file)}${f.cell === null ? '' : ` cell ${f.cell}`}${f.line === null ? '' : ` line ${f.line}`}: `;
}
